import Keel
import KeelTestSupport
import XCTest

final class EmbeddingAPITests: EveryBackendTestCase {
    func testHostFunctionReceivesTypedArgumentsAndReturnsResults() throws {
        try onEveryBackend {
            let engine = try makeEngine()
            let linker = Linker(engine: engine)
            nonisolated(unsafe) var seen: [Value] = []
            linker.define(module: "env", name: "combine", type: FunctionType(parameters: [.i32, .i64, .f64], results: [.i64])) { _, arguments in
                seen = arguments
                guard case .i32(let a) = arguments[0], case .i64(let b) = arguments[1] else { throw Trap.host("bad") }
                return [.i64(UInt64(a) * 1000 + b)]
            }
            let instance = try instantiate("""
                (module
                  (import "env" "combine" (func $combine (param i32 i64 f64) (result i64)))
                  (func (export "run") (result i64) (call $combine (i32.const 7) (i64.const 42) (f64.const 1.5))))
                """, engine: engine, linker: linker)
            XCTAssertEqual(try call(instance, "run"), [.i64(7042)])
            XCTAssertEqual(seen, [.i32(7), .i64(42), .float64(1.5)])
        }
    }

    func testHostTrapPropagatesWithItsMessage() throws {
        try onEveryBackend {
            let engine = try makeEngine()
            let linker = Linker(engine: engine)
            linker.define(module: "env", name: "fail", type: FunctionType()) { _, _ in throw Trap.host("balance too low") }
            let instance = try instantiate("""
                (module (import "env" "fail" (func $fail)) (func (export "run") (call $fail)))
                """, engine: engine, linker: linker)
            let error = trap(instance, "run")
            XCTAssertEqual(error?.kind, .host)
            XCTAssertEqual(error?.message, "balance too low")
        }
    }

    func testHostFunctionResultOfWrongTypeTraps() throws {
        try onEveryBackend {
            let engine = try makeEngine()
            let linker = Linker(engine: engine)
            linker.define(module: "env", name: "f", type: FunctionType(results: [.i32])) { _, _ in [.i64(1)] }
            let instance = try instantiate("(module (import \"env\" \"f\" (func $f (result i32))) (func (export \"run\") (result i32) (call $f)))", engine: engine, linker: linker)
            XCTAssertEqual(trap(instance, "run")?.kind, .host)
        }
    }

    func testHostFunctionReadsAndWritesCallerMemory() throws {
        try onEveryBackend {
            let engine = try makeEngine()
            let linker = Linker(engine: engine)
            linker.define(module: "env", name: "upcase", type: FunctionType(parameters: [.i32, .i32])) { caller, arguments in
                guard case .i32(let pointer) = arguments[0], case .i32(let length) = arguments[1], let memory = caller.memory() else {
                    throw Trap.host("no memory")
                }
                let bytes = try memory.read(at: Int(pointer), count: Int(length))
                try memory.write(bytes.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, at: Int(pointer))
                return []
            }
            let instance = try instantiate("""
                (module
                  (import "env" "upcase" (func $upcase (param i32 i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 16) "keel!")
                  (func (export "run") (call $upcase (i32.const 16) (i32.const 5)))
                  (func (export "oob") (call $upcase (i32.const 65534) (i32.const 5))))
                """, engine: engine, linker: linker)
            _ = try call(instance, "run")
            XCTAssertEqual(try instance.memory("memory")!.read(at: 16, count: 5), Array("KEEL!".utf8))
            XCTAssertEqual(trap(instance, "oob")?.kind, .outOfBoundsMemoryAccess)
        }
    }

    func testInstancesShareImportedMemoryTableAndGlobal() throws {
        try onEveryBackend {
            let engine = try makeEngine()
            let store = Store(engine: engine)
            let linker = Linker(engine: engine)
            let provider = try instantiate("""
                (module
                  (memory (export "mem") 1 2)
                  (table (export "tab") 2 funcref)
                  (global (export "counter") (mut i32) (i32.const 10))
                  (func $seven (result i32) (i32.const 7))
                  (elem (i32.const 0) $seven))
                """, engine: engine, linker: linker, store: store)
            linker.define(module: "provider", instance: provider)
            let user = try instantiate("""
                (module
                  (import "provider" "mem" (memory 1))
                  (import "provider" "tab" (table 2 funcref))
                  (import "provider" "counter" (global $c (mut i32)))
                  (type $t (func (result i32)))
                  (func (export "run") (result i32)
                    (global.set $c (i32.add (global.get $c) (i32.const 1)))
                    (i32.store (i32.const 100) (call_indirect (type $t) (i32.const 0)))
                    (i32.add (i32.load (i32.const 100)) (global.get $c))))
                """, engine: engine, linker: linker, store: store)
            XCTAssertEqual(try call(user, "run"), [.i32(18)])
            XCTAssertEqual(provider.global("counter")?.value, .i32(11))
            XCTAssertEqual(try provider.memory("mem")!.read(at: 100, count: 4), [7, 0, 0, 0])
        }
    }

    func testMissingImportIsALinkErrorNamingIt() throws {
        try onEveryBackend {
            let engine = try makeEngine()
            let module = try Module(engine: engine, wat: "(module (import \"env\" \"missing\" (func (param i32))))")
            XCTAssertThrowsError(try Linker(engine: engine).instantiate(module, in: Store(engine: engine))) { error in
                let message = (error as? LinkError)?.message ?? ""
                XCTAssertTrue(message.hasPrefix("unknown import"), message)
                XCTAssertTrue(message.contains("\"env\".\"missing\""), message)
            }
        }
    }

    func testMismatchedImportNamesBothTypes() throws {
        try onEveryBackend {
            let engine = try makeEngine()
            let linker = Linker(engine: engine)
            linker.define(module: "env", name: "f", type: FunctionType(parameters: [.i64])) { _, _ in [] }
            let module = try Module(engine: engine, wat: "(module (import \"env\" \"f\" (func (param i32))))")
            XCTAssertThrowsError(try linker.instantiate(module, in: Store(engine: engine))) { error in
                let message = (error as? LinkError)?.message ?? ""
                XCTAssertTrue(message.hasPrefix("incompatible import type"), message)
                XCTAssertTrue(message.contains("(i32) -> ()") && message.contains("(i64) -> ()"), message)
            }
        }
    }

    func testCallArgumentMismatchIsAHostTrapNotACrash() throws {
        try onEveryBackend {
            let instance = try instantiate("(module (func (export \"f\") (param i32) (result i32) (local.get 0)))")
            XCTAssertEqual(trap(instance, "f")?.kind, .host)
            XCTAssertEqual(trap(instance, "f", .i64(1))?.kind, .host)
            XCTAssertEqual(try call(instance, "f", .i32(5)), [.i32(5)])
        }
    }

    func testMultiValueResults() throws {
        try onEveryBackend {
            let instance = try instantiate("""
                (module (func (export "swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0)))
                """)
            XCTAssertEqual(try call(instance, "swap", .i32(1), .i64(2)), [.i64(2), .i32(1)])
        }
    }

    func testGlobalsMemoriesAndTablesFromTheHost() throws {
        try onEveryBackend {
            let engine = try makeEngine()
            let store = Store(engine: engine)
            let global = Global(store: store, type: GlobalType(valueType: .i32, isMutable: false), value: .i32(3))
            XCTAssertThrowsError(try global.set(.i32(4)), "immutable global must not be set")
            let memory = try Memory(store: store, type: MemoryType(limits: Limits(min: 1, max: 2)))
            XCTAssertEqual(memory.grow(by: 1), 1)
            XCTAssertNil(memory.grow(by: 1))
            XCTAssertEqual(memory.byteCount, 131072)
            let table = try Table(store: store, type: TableType(elementType: .externref, limits: Limits(min: 1)), initial: .externref(nil))
            try table.set(0, .externref(9))
            XCTAssertEqual(try table.get(0), .externref(9))
            XCTAssertEqual(table.grow(by: 2, initial: .externref(1)), 1)
            XCTAssertThrowsError(try table.get(3))
            let linker = Linker(engine: engine)
            linker.define(module: "host", name: "g", .global(global))
            linker.define(module: "host", name: "m", .memory(memory))
            let instance = try instantiate("""
                (module (import "host" "g" (global i32)) (import "host" "m" (memory 1))
                  (func (export "size") (result i32) (i32.add (memory.size) (global.get 0))))
                """, engine: engine, linker: linker, store: store)
            XCTAssertEqual(try call(instance, "size"), [.i32(5)])
        }
    }

    /// The JIT is available on x86-64 Linux and reported unavailable elsewhere.
    func testJitBackendAvailability() throws {
        var configuration = EngineConfiguration()
        configuration.backend = .jit
        #if arch(x86_64) && os(Linux)
        let engine = try Engine(configuration: configuration)
        XCTAssertEqual(engine.configuration.backend, .jit)
        XCTAssertEqual(Backend.available, [.interpreter, .jit])
        #else
        XCTAssertThrowsError(try Engine(configuration: configuration)) { error in
            XCTAssertEqual((error as? EngineError)?.description, "the jit backend is not available in this build")
        }
        XCTAssertEqual(Backend.available, [.interpreter])
        #endif
    }

    /// The JIT is the default wherever it is available (x86-64 Linux), the interpreter
    /// elsewhere; the default configuration and both presets use it.
    func testPlatformDefaultBackend() throws {
        #if arch(x86_64) && os(Linux)
        XCTAssertEqual(Backend.platformDefault, .jit)
        #else
        XCTAssertEqual(Backend.platformDefault, .interpreter)
        #endif
        for configuration in [EngineConfiguration(), .standard, .contract] {
            XCTAssertEqual(configuration.backend, Backend.platformDefault)
            XCTAssertEqual(try Engine(configuration: configuration).configuration.backend, Backend.platformDefault)
        }
        XCTAssertEqual(try Engine().configuration.backend, Backend.platformDefault)
    }

    func testExportsListedInModuleOrder() throws {
        try onEveryBackend {
            let engine = try makeEngine()
            let module = try Module(engine: engine, wat: """
                (module (func (export "b")) (memory (export "a") 1) (global (export "c") i32 (i32.const 1)))
                """)
            XCTAssertEqual(module.exports.map(\.name), ["b", "a", "c"])
            XCTAssertEqual(module.exports.map(\.type.description), ["func () -> ()", "memory 1..", "global i32"])
        }
    }
}
