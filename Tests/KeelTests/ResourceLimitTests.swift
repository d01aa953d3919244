import Keel
import KeelTestSupport
import XCTest

/// Resource limits reject modules at compilation with a `.limit` error naming the limit.
final class ResourceLimitTests: EveryBackendTestCase {
    func limited(_ change: (inout ResourceLimits) -> Void) -> EngineConfiguration {
        var configuration = EngineConfiguration()
        change(&configuration.limits)
        return configuration
    }

    func testEachLimit() throws {
        try onEveryBackend {
            let cases: [(String, (inout ResourceLimits) -> Void, String)] = [
                ("(module (func) (func))", { $0.functions = 1 }, "functions"),
                ("(module (type (func)) (type (func (param i32))))", { $0.types = 1 }, "types"),
                ("(module (import \"a\" \"b\" (func)) (import \"a\" \"c\" (func)))", { $0.imports = 1 }, "imports"),
                ("(module (func (export \"a\")) (func (export \"b\")))", { $0.exports = 1 }, "exports"),
                ("(module (global i32 (i32.const 0)) (global i32 (i32.const 0)))", { $0.globals = 1 }, "globals"),
                ("(module (memory 1) (data (i32.const 0) \"a\") (data (i32.const 1) \"b\"))", { $0.dataSegments = 1 }, "data segments"),
                ("(module (table 2 funcref) (elem (i32.const 0) func) (elem (i32.const 1) func))", { $0.elementSegments = 1 }, "element segments"),
                ("(module (func (param i32) (local i32 i32)))", { $0.localsPerFunction = 2 }, "locals"),
                ("(module (func (drop (i32.const 1)) (drop (i32.const 2))))", { $0.functionBodySize = 4 }, "function body size"),
                ("(module (func (block (block (block)))))", { $0.nestingDepth = 2 }, "nesting depth"),
                ("(module (func (block (br_table 0 0 0 (i32.const 0)))))", { $0.brTableSize = 1 }, "br_table"),
                ("(module (memory 3))", { $0.memoryPages = 2 }, "memory of 3 pages"),
                ("(module (table 5 funcref))", { $0.tableSize = 4 }, "table of 5 elements"),
                ("(module (func))", { $0.moduleSize = 8 }, "module size"),
            ]
            for (wat, change, name) in cases {
                let configuration = limited(change)
                let error = compileError(wat, configuration: configuration)
                XCTAssertEqual(error?.kind, .limit, wat)
                XCTAssertTrue(error?.message.contains(name) ?? false, "\(wat): \(error?.description ?? "accepted")")
                XCTAssertNil(compileError(wat), "\(wat) compiles under the standard limits")
            }
        }
    }

    func testMemoryGrowthStopsAtTheLimit() throws {
        try onEveryBackend {
            var configuration = EngineConfiguration()
            configuration.limits.memoryPages = 4
            let instance = try instantiate("(module (memory 1) (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0))))",
                                           engine: try makeEngine(configuration))
            XCTAssertEqual(try call(instance, "grow", .i32(3)), [.i32(1)])
            XCTAssertEqual(try call(instance, "grow", .i32(1)), [.i32(UInt32.max)])
        }
    }
}
