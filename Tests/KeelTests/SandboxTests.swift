import Keel
import KeelTestSupport
import XCTest

/// Regressions of the sandbox findings (issue 18): frames that outgrew the stack cost, native
/// frames that stepped over the guard page, and compile work that grew with block parameters
/// times nesting. Every module is generated here.
final class SandboxTests: EveryBackendTestCase {
    /// `count` copies of `type` as a WAT list.
    func types(_ type: String, _ count: Int) -> String { Array(repeating: type, count: count).joined(separator: " ") }

    /// A recursive function whose body nests `depth` `if`s with `parameters` i64 parameters
    /// (results the same); the innermost branch calls the function again.
    func nestedIfRecursion(depth: Int, parameters: Int) -> String {
        let signature = "(param \(types("i64", parameters))) (result \(types("i64", parameters)))"
        var body = "(global.set $depth (i32.add (global.get $depth) (i32.const 1)))\n"
        body += String(repeating: "i64.const 7\n", count: parameters)
        for _ in 0..<depth { body += "i32.const 1\nif (type $t)\n" }
        body += "call $r\n"
        for _ in 0..<depth { body += "end\n" }
        body += String(repeating: "drop\n", count: parameters)
        return """
            (module
              (type $t (func \(signature)))
              (global $depth (mut i32) (i32.const 0))
              (func $r (export "r")
            \(body))
              (func (export "depth") (result i32) (global.get $depth)))
            """
    }

    /// Finding 1: 100 nested `if (param i64 × 1000)` in a recursive function crashed the JIT
    /// (SIGSEGV from depth 93). Such a body now does more signature work than its bytes allow,
    /// and is rejected, with its location, on both backends and in both profiles.
    func testDeepIfParameterNestingIsRejectedWithItsLocation() throws {
        try onEveryBackend {
            let wat = nestedIfRecursion(depth: 100, parameters: 1000)
            let standard = try XCTUnwrap(compileError(wat))
            XCTAssertEqual(standard.kind, .limit)
            XCTAssertTrue(standard.message.contains("signature work"), standard.message)
            XCTAssertEqual(standard.functionIndex, 0)
            XCTAssertNotNil(standard.offset)
            // The contract profile refuses the type itself (at most 128 parameters).
            let contract = try XCTUnwrap(compileError(wat, configuration: .contract))
            XCTAssertEqual(contract.kind, .limit)
            XCTAssertTrue(contract.message.contains("parameters of type 0"), contract.message)
        }
    }

    /// The stack cost counts the parameter copies of open `if`s (docs/determinism.md, section
    /// 4): three nested `if (param i64 × 4)` cost 4 × 3 + 5 + 4 = 21 slots, so a limit of 21,000
    /// admits exactly 1,000 frames on both backends (without the copies it admitted 2,333).
    func testIfParameterCopiesCountInTheStackCost() throws {
        try onEveryBackend {
            var configuration = EngineConfiguration()
            configuration.stackLimit = 21_000
            let instance = try instantiate(nestedIfRecursion(depth: 3, parameters: 4), engine: try makeEngine(configuration))
            XCTAssertEqual(trap(instance, "r")?.kind, .callStackExhausted)
            XCTAssertEqual(try call(instance, "depth"), [.i32(1_000)])
        }
    }

    /// Finding 4: a contract with `if` parameters deep in recursion trapped on the interpreter
    /// and succeeded on the JIT. Both now reach the same depth, trap the same way and consume
    /// the same fuel, at every limit tried.
    func testIfParameterRecursionAgreesAcrossBackends() throws {
        var outcomes: [Backend: [String]] = [:]
        try onEveryBackend {
            var results: [String] = []
            for (depth, parameters, limit) in [(8, 16, 50_000), (32, 4, 200_000), (2, 16, 1 << 20)] {
                var configuration = EngineConfiguration.contract
                configuration.stackLimit = limit
                let engine = try makeEngine(configuration)
                let store = Store(engine: engine)
                store.setFuel(100_000_000)
                let instance = try instantiate(nestedIfRecursion(depth: depth, parameters: parameters), engine: engine, store: store)
                let kind = trap(instance, "r")?.kind
                XCTAssertEqual(kind, .callStackExhausted)
                results.append("\(String(describing: kind)) depth \(try call(instance, "depth")) fuel \(store.fuelConsumed ?? 0)")
            }
            outcomes[backend] = results
        }
        if let interpreted = outcomes[.interpreter], let compiled = outcomes[.jit] {
            XCTAssertEqual(interpreted, compiled)
        }
    }

    /// Finding 5: 100,000 block parameters under 256 nested `if`s compiled for 15-22 s into
    /// 2.46 GB of machine code. Types over the arity limits are refused at the type section,
    /// in both profiles.
    func testHugeBlockTypesAreRejectedAtTheTypeSection() throws {
        try onEveryBackend {
            for (configuration, parameters) in [(EngineConfiguration.standard, 1_001), (.contract, 129)] {
                let wat = "(module (type (func (param \(types("i64", parameters))))) (func))"
                let error = try XCTUnwrap(compileError(wat, configuration: configuration))
                XCTAssertEqual(error.kind, .limit)
                XCTAssertTrue(error.message.contains("parameters of type 0: \(parameters) exceeds"), error.message)
                XCTAssertNotNil(error.offset)
            }
            let results = "(module (type (func (result \(types("i32", 17))))) (func))"
            XCTAssertTrue(try XCTUnwrap(compileError(results, configuration: .contract)).message.contains("results of type 0"))
        }
    }

    /// The signature-work budget lets ordinary code through: a 4,096-target `br_table` with a
    /// value, branches carrying values, and calls with parameters and results.
    func testOrdinarySignaturesFitTheBudget() throws {
        try onEveryBackend {
            let targets = Array(repeating: "0", count: 4_096).joined(separator: " ")
            let engine = try makeEngine(.contract)
            let store = Store(engine: engine)
            store.setFuel(1_000_000)
            let instance = try instantiate("""
                (module
                  (func $f (param i32 i32 i32) (result i32 i32) (local.get 0) (local.get 1))
                  (func (export "run") (param i32) (result i32)
                    (block (result i32)
                      (i32.const 5) (local.get 0) (br_table \(targets) 0))
                    (call $f (i32.const 1) (i32.const 2) (i32.const 3))
                    (i32.add) (i32.add)))
                """, engine: engine, store: store)
            XCTAssertEqual(try call(instance, "run", .i32(3)), [.i32(8)])
        }
    }

    /// Declared locals are counted across the module before the decoder expands them: 300
    /// bodies of 4,000 locals (4 bytes each) pass the contract profile's 1,000,000 at body 250.
    func testModuleLocalsAreLimitedBeforeDecoding() throws {
        try onEveryBackend {
            let bytes = HostileShapes.manyLocals(locals: 4_000, size: 300 * 7)
            let error = try XCTUnwrap(compileError(bytes: bytes, configuration: .contract))
            XCTAssertEqual(error.kind, .limit)
            XCTAssertTrue(error.message.contains("locals in the module (function body 250): 1004000 exceeds the limit of 1000000"), error.message)
            XCTAssertNotNil(error.offset)
            XCTAssertNil(compileError(bytes: bytes, configuration: .standard))
        }
    }

    /// Prologues copy many parameters and zero many locals with a loop (constant code per
    /// function): the values arrive and the locals start at zero, with and without metering.
    func testManyParametersAndLocalsArriveAndStartAtZero() throws {
        try onEveryBackend {
            let parameters = (0..<20).map { "(param $p\($0) i64)" }.joined(separator: " ")
            let sum = (0..<20).map { "(local.get $p\($0))" }.reduce("(i64.const 0)") { "(i64.add \($0) \($1))" }
            let locals = (0..<30).map { "(local.get $l\($0))" }.reduce(sum) { "(i64.add \($0) \($1))" }
            let declarations = (0..<30).map { "(local $l\($0) i64)" }.joined(separator: " ")
            for instance in try standardAndContractInstances("""
                (module (func (export "f") \(parameters) (result i64) \(declarations)
                  (local.set $l29 (i64.const 0)) \(locals)))
                """) {
                let arguments = (0..<20).map { Value.i64(UInt64(1) << UInt64($0)) }
                XCTAssertEqual(try instance.function("f")!.call(arguments), [.i64((1 << 20) - 1)])
                XCTAssertEqual(try instance.function("f")!.call(arguments), [.i64((1 << 20) - 1)])
            }
        }
    }

    /// A function with `locals` i64 locals (a JIT frame of 8 bytes each) that counts its depth
    /// and recurses, writing its last local first.
    func bigFrameRecursion(locals: Int) -> String {
        """
        (module
          (global $depth (mut i32) (i32.const 0))
          (func $r (export "r") (local \(types("i64", locals)))
            (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
            (local.set \(locals - 1) (i64.const -1))
            (call $r))
          (func (export "depth") (result i32) (global.get $depth)))
        """
    }

    /// Findings 2 and 3: JIT frames larger than the guard page stepped over it and wrote into
    /// whatever lay below (another instance's memory, saved return addresses). Every prologue
    /// now compares rsp − frame with the native limit before writing. The sized stack never
    /// lets that check fire first, so this test gives the JIT less native stack than its limits
    /// need: frames of 80 KB (more than the guard) then trap with `call stack exhausted` long
    /// before the deterministic limit, and nothing outside the frames is touched.
    func testJITNativeStackCheckTrapsBeforeTheFrameIsWritten() throws {
        guard Backend.jit.isAvailable else { return }
        var configuration = EngineConfiguration()
        configuration.backend = .jit
        configuration.jitNativeStackBytes = 256 << 10
        let engine = try Engine(configuration: configuration)
        let store = Store(engine: engine)
        let bystander = try instantiate("(module (memory (export \"m\") 1))", engine: engine, store: store)
        let instance = try instantiate(bigFrameRecursion(locals: 10_000), engine: engine, store: store)
        for _ in 0..<2 {
            XCTAssertEqual(trap(instance, "r")?.kind, .callStackExhausted)
        }
        // 1 Mi slots of stack cost would admit 104 frames of 10,007; 256 KiB holds 3.
        guard case .i32(let reached) = try call(instance, "depth").first else { return XCTFail("no depth") }
        XCTAssertLessThanOrEqual(reached, 2 * 4)
        XCTAssertGreaterThan(reached, 0)
        let memory = try XCTUnwrap(bystander.memory("m"))
        XCTAssertTrue(try memory.read(at: 0, count: 65_536).allSatisfy { $0 == 0 })
    }

    /// A host function calling back into WebAssembly, nested on a small native stack with big
    /// frames: the nested runs check their own position and trap, on both backends (the
    /// interpreter runs nested calls on the host thread's stack, here a 512 KiB thread).
    func testNestedRunsOnASmallNativeStackTrapInsteadOfCrashing() throws {
        try onEveryBackend {
            var configuration = EngineConfiguration()
            configuration.jitNativeStackBytes = 512 << 10
            let engine = try makeEngine(configuration)
            let outcome = ThreadOutcome()
            let backend = backend
            let locals = types("i64", 2_000)
            let thread = Thread {
                do {
                    let store = Store(engine: engine)
                    let linker = Linker(engine: engine)
                    nonisolated(unsafe) var instance: Instance?
                    linker.define(module: "env", name: "h", type: FunctionType(parameters: [.i32], results: [.i32])) { _, arguments in
                        try instance!.function("f")!.call(arguments)
                    }
                    instance = try linker.instantiate(try Module(engine: engine, wat: """
                        (module (import "env" "h" (func $h (param i32) (result i32)))
                          (func (export "f") (param i32) (result i32) (local \(locals))
                            (local.set 2000 (i64.const -1))
                            (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                              (else (call $h (i32.sub (local.get 0) (i32.const 1)))))))
                        """), in: store)
                    let shallow = try instance!.function("f")!.call([.i32(2)])
                    var deep: Trap?
                    do { _ = try instance!.function("f")!.call([.i32(100)]) } catch { deep = error as? Trap }
                    outcome.set(shallow == [.i32(0)] && deep?.kind == .callStackExhausted ? "trapped" : "\(shallow) \(String(describing: deep))")
                } catch {
                    outcome.set("error \(error)")
                }
            }
            thread.stackSize = 512 << 10
            thread.start()
            XCTAssertEqual(outcome.wait(), "trapped", "\(backend)")
        }
    }
}

/// A value handed from a test's thread back to the test.
final class ThreadOutcome: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: String?

    func set(_ text: String) {
        condition.lock()
        value = text
        condition.signal()
        condition.unlock()
    }

    func wait() -> String {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}
