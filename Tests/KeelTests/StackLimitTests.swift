import Keel
import KeelTestSupport
import XCTest

/// The call-stack limit counts each active frame as parameters + locals + the maximum operand
/// stack height + 4, so the depth reached depends only on that metric, not on how a backend
/// lays frames out.
final class StackLimitTests: EveryBackendTestCase {
    /// Recursion depth reached before `call stack exhausted` for a function with `locals` extra
    /// locals, under `limit`.
    func depth(locals: Int, limit: Int) throws -> UInt32 {
        var configuration = EngineConfiguration()
        configuration.stackLimit = limit
        let declarations = locals > 0 ? "(local " + String(repeating: "i64 ", count: locals) + ")" : ""
        let instance = try instantiate("""
            (module
              (global $depth (mut i32) (i32.const 0))
              (func $r (export "r") \(declarations)
                (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
                (call $r))
              (func (export "depth") (result i32) (global.get $depth)))
            """, engine: try makeEngine(configuration))
        XCTAssertEqual(trap(instance, "r")?.kind, .callStackExhausted)
        guard case .i32(let reached) = try call(instance, "depth").first else { throw Trap.host("no depth") }
        return reached
    }

    func testDepthFollowsTheMetricForSmallAndHugeFrames() throws {
        try onEveryBackend {
            // $r: locals L, maximum operand stack 2 (global.get, i32.const), overhead 4.
            for (locals, limit) in [(0, 10_000), (100, 10_000), (5_000, 100_000), (0, 1_000_000)] {
                let cost = locals + 2 + 4
                XCTAssertEqual(try depth(locals: locals, limit: limit), UInt32(limit / cost), "locals \(locals), limit \(limit)")
            }
        }
    }

    func testExhaustionIsIndependentOfTheOperandStackTheInterpreterUses() throws {
        try onEveryBackend {
            // `if` with parameters makes the interpreter copy them (its frame is larger than the
            // WebAssembly metric); the depth must still follow the metric.
            var configuration = EngineConfiguration()
            configuration.stackLimit = 9_000
            let instance = try instantiate("""
                (module
                  (global $depth (mut i32) (i32.const 0))
                  (func $r (export "r") (param i32) (result i32)
                    (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
                    (local.get 0) (local.get 0)
                    (if (param i32) (result i32) (then (call $r)) (else (call $r))))
                  (func (export "depth") (result i32) (global.get $depth)))
                """, engine: try makeEngine(configuration))
            XCTAssertEqual(trap(instance, "r", .i32(1))?.kind, .callStackExhausted)
            // params 1 + locals 0 + maximum operand stack 3 (the two values, then the `if`'s
            // parameter copy above the parameter and its condition) + 4 = 8 per frame.
            XCTAssertEqual(try call(instance, "depth"), [.i32(9_000 / 8)])
        }
    }
}

/// Host functions that call back into WebAssembly nest native frames; the nesting is bounded
/// deterministically so the native stack never overflows first.
final class HostReentryTests: EveryBackendTestCase {
    func testDeepHostReentryTrapsInsteadOfCrashing() throws {
        try onEveryBackend {
            let engine = try makeEngine()
            let store = Store(engine: engine)
            let linker = Linker(engine: engine)
            nonisolated(unsafe) var instance: Instance?
            linker.define(module: "env", name: "h", type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
                try instance!.function("f")!.call(arguments)
            }
            instance = try linker.instantiate(try Module(engine: engine, wat: """
                (module (import "env" "h" (func $h (param i32) (result i32)))
                  (func (export "f") (param i32) (result i32)
                    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                      (else (call $h (i32.sub (local.get 0) (i32.const 1)))))))
                """), in: store)
            XCTAssertEqual(try instance!.function("f")!.call([.i32(50)]), [.i32(0)])
            XCTAssertEqual(trap(instance!, "f", .i32(5_000))?.kind, .callStackExhausted)
            // The store stays usable.
            XCTAssertEqual(try instance!.function("f")!.call([.i32(3)]), [.i32(0)])
        }
    }
}
