import Keel
import KeelHost
import Testing

/// Every host function of `keel_v1`: a successful call, a bad pointer, an oversize argument
/// (where the ABI has a limit) and running out of fuel at its own charge.
@Suite struct HostFunctionMatrixTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// A call that succeeds, as the last instruction of the method.
        var ok: String
        /// A call with a pointer range outside memory (nil: the function takes no pointer).
        var outOfBounds: String?
        /// A call past a size limit, and the trap message's start.
        var oversize: (call: String, message: String)?
        var testDescription: String { name }
    }

    static let setup = "(call $storage_set (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 4))"

    static let cases: [Case] = [
        Case(name: "input_size", ok: "(drop (call $input_size))"),
        Case(name: "input_read", ok: "(call $input_read (i32.const 0))", outOfBounds: "(call $input_read (i32.const 65535))"),
        Case(name: "return_data", ok: "(call $return_data (i32.const 0) (i32.const 10))",
             outOfBounds: "(call $return_data (i32.const 65530) (i32.const 10))",
             oversize: ("(call $return_data (i32.const 0) (i32.const 65537))", "return data too large")),
        Case(name: "storage_get", ok: "(drop (call $storage_get (i32.const 0) (i32.const 1) (i32.const 100) (i32.const 10)))",
             outOfBounds: "(drop (call $storage_get (i32.const 0) (i32.const 1) (i32.const 65530) (i32.const 10)))",
             oversize: ("(drop (call $storage_get (i32.const 0) (i32.const 257) (i32.const 100) (i32.const 10)))", "key too large")),
        Case(name: "storage_has", ok: "(drop (call $storage_has (i32.const 0) (i32.const 1)))",
             outOfBounds: "(drop (call $storage_has (i32.const 65535) (i32.const 2)))",
             oversize: ("(drop (call $storage_has (i32.const 0) (i32.const 300)))", "key too large")),
        Case(name: "storage_set", ok: "(call $storage_set (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 8))",
             outOfBounds: "(call $storage_set (i32.const 0) (i32.const 1) (i32.const 65535) (i32.const 8))",
             oversize: ("(call $storage_set (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 65537))", "value too large")),
        Case(name: "storage_remove", ok: "(drop (call $storage_remove (i32.const 0) (i32.const 1)))",
             outOfBounds: "(drop (call $storage_remove (i32.const 65535) (i32.const 2)))",
             oversize: ("(drop (call $storage_remove (i32.const 0) (i32.const 257)))", "key too large")),
        Case(name: "storage_range", ok: "(drop (call $storage_range (i32.const 0) (i32.const 1) (i32.const 0) (i32.const -1) (i32.const 1)))",
             outOfBounds: "(drop (call $storage_range (i32.const 0) (i32.const 1) (i32.const 65535) (i32.const 3) (i32.const 0)))",
             oversize: ("(drop (call $storage_range (i32.const 0) (i32.const 257) (i32.const 0) (i32.const -1) (i32.const 0)))", "key too large")),
        Case(name: "storage_next",
             ok: "(drop (call $storage_next (call $storage_range (i32.const 0) (i32.const 0) (i32.const 0) (i32.const -1) (i32.const 0)) (i32.const 100) (i32.const 8) (i32.const 200) (i32.const 8)))",
             outOfBounds: "(drop (call $storage_next (call $storage_range (i32.const 0) (i32.const 0) (i32.const 0) (i32.const -1) (i32.const 0)) (i32.const 100) (i32.const 8) (i32.const 65530) (i32.const 8)))"),
        Case(name: "storage_close", ok: "(call $storage_close (call $storage_range (i32.const 0) (i32.const 0) (i32.const 0) (i32.const -1) (i32.const 0)))"),
        Case(name: "sha256", ok: "(call $sha256 (i32.const 0) (i32.const 10) (i32.const 100))",
             outOfBounds: "(call $sha256 (i32.const 0) (i32.const 10) (i32.const 65510))"),
        Case(name: "keccak256", ok: "(call $keccak256 (i32.const 0) (i32.const 10) (i32.const 100))",
             outOfBounds: "(call $keccak256 (i32.const 65530) (i32.const 10) (i32.const 100))"),
        Case(name: "secp256k1_verify", ok: "(drop (call $secp256k1_verify (i32.const 0) (i32.const 32) (i32.const 96) (i32.const 33)))",
             outOfBounds: "(drop (call $secp256k1_verify (i32.const 65510) (i32.const 32) (i32.const 96) (i32.const 33)))"),
        Case(name: "secp256k1_recover", ok: "(drop (call $secp256k1_recover (i32.const 0) (i32.const 32) (i32.const 0) (i32.const 100) (i32.const 33)))",
             outOfBounds: "(drop (call $secp256k1_recover (i32.const 0) (i32.const 65500) (i32.const 0) (i32.const 100) (i32.const 33)))"),
        Case(name: "schnorr_verify", ok: "(drop (call $schnorr_verify (i32.const 0) (i32.const 10) (i32.const 100) (i32.const 200)))",
             outOfBounds: "(drop (call $schnorr_verify (i32.const 0) (i32.const 10) (i32.const 100) (i32.const 65510)))"),
        Case(name: "ed25519_verify", ok: "(drop (call $ed25519_verify (i32.const 0) (i32.const 10) (i32.const 100) (i32.const 200)))",
             outOfBounds: "(drop (call $ed25519_verify (i32.const 0) (i32.const 10) (i32.const 65500) (i32.const 200)))"),
        Case(name: "caller", ok: "(call $caller (i32.const 0))", outOfBounds: "(call $caller (i32.const 65510))"),
        Case(name: "self_address", ok: "(call $self_address (i32.const 0))", outOfBounds: "(call $self_address (i32.const 65510))"),
        Case(name: "block_height", ok: "(drop (call $block_height))"),
        Case(name: "block_time", ok: "(drop (call $block_time))"),
        Case(name: "fuel_remaining", ok: "(drop (call $fuel_remaining))"),
        Case(name: "emit_event", ok: "(call $emit_event (i32.const 0) (i32.const 5) (i32.const 0) (i32.const 5))",
             outOfBounds: "(call $emit_event (i32.const 0) (i32.const 5) (i32.const 65535) (i32.const 5))",
             oversize: ("(call $emit_event (i32.const 0) (i32.const 5) (i32.const 0) (i32.const 9000))", "event too large")),
        Case(name: "log", ok: "(call $log (i32.const 0) (i32.const 5))", outOfBounds: "(call $log (i32.const 65535) (i32.const 5))",
             oversize: ("(call $log (i32.const 0) (i32.const 5000))", "log message too large")),
        Case(name: "balance", ok: "(drop (call $balance (i32.const 0)))", outOfBounds: "(drop (call $balance (i32.const 65535)))"),
        Case(name: "transfer", ok: "(drop (call $transfer (i32.const 0) (i64.const 0)))",
             outOfBounds: "(drop (call $transfer (i32.const 65535) (i64.const 0)))"),
        Case(name: "call", ok: "(drop (call $call (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0) (i64.const 0)))",
             outOfBounds: "(drop (call $call (i32.const 0) (i32.const 65535) (i32.const 5) (i32.const 0) (i32.const 0) (i64.const 0)))",
             oversize: ("(drop (call $call (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 70000) (i64.const 0)))", "input too large")),
        Case(name: "call_result_size", ok: "(drop (call $call_result_size))"),
        Case(name: "call_result_read",
             ok: "(drop (call $call (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0) (i64.const 0))) (call $call_result_read (i32.const 100))",
             outOfBounds: "(drop (call $call (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0) (i64.const 0))) (call $call_result_read (i32.const 65530))"),
    ]

    func harness(for testCase: Case, _ backend: Backend) throws -> Harness {
        let harness = try Harness(backend: backend)
        var methods = "(func (export \"ok\") \(Self.setup) \(testCase.ok))"
        if let oob = testCase.outOfBounds { methods += "\n(func (export \"oob\") \(Self.setup) \(oob))" }
        if let big = testCase.oversize { methods += "\n(func (export \"big\") \(big.call))" }
        try harness.register(contract(methods), at: address(1))
        return harness
    }

    @Test(arguments: cases, Backend.available) func succeeds(_ testCase: Case, backend: Backend) throws {
        let outcome = try harness(for: testCase, backend).call(address(1), "ok", input: [1, 2, 3], commit: false)
        #expect(outcome.status == .success)
    }

    @Test(arguments: cases.filter { $0.outOfBounds != nil }, Backend.available) func badPointerTraps(_ testCase: Case, backend: Backend) throws {
        let outcome = try harness(for: testCase, backend).call(address(1), "oob", input: [1, 2, 3], commit: false)
        #expect(outcome.status == .trapped("out of bounds memory access"))
        #expect(outcome.writeSet.isEmpty)
    }

    @Test(arguments: cases.filter { $0.oversize != nil }, Backend.available) func oversizeArgumentTraps(_ testCase: Case, backend: Backend) throws {
        let outcome = try harness(for: testCase, backend).call(address(1), "big", commit: false)
        guard case .trapped(let message) = outcome.status else {
            Issue.record("expected a trap, got \(outcome.status)")
            return
        }
        #expect(message.hasPrefix(testCase.oversize!.message))
    }

    @Test(arguments: cases, Backend.available) func runsOutOfFuelAtTheBoundary(_ testCase: Case, backend: Backend) throws {
        try expectOutOfFuelAtBoundary(try harness(for: testCase, backend), address(1), "ok", input: [1, 2, 3])
    }

    /// Each case's calls end the same on the JIT as on the interpreter (status, trap, return
    /// data, events, logs, fuel consumed, write set), with the same fuel boundary.
    @Test(arguments: cases) func sameOnTheJIT(_ testCase: Case) throws {
        #if arch(x86_64) && os(Linux)
        let methods = ["ok"] + (testCase.outOfBounds == nil ? [] : ["oob"]) + (testCase.oversize == nil ? [] : ["big"])
        for method in methods {
            let interpreted = try harness(for: testCase, .interpreter).call(address(1), method, input: [1, 2, 3], commit: false)
            let compiled = try harness(for: testCase, .jit).call(address(1), method, input: [1, 2, 3], commit: false)
            #expect(interpreted == compiled, "\(method)")
        }
        let compiled = try harness(for: testCase, .jit)
        #expect(try compiled.fuelNeeded(address(1), "ok", input: [1, 2, 3]) == harness(for: testCase, .interpreter).fuelNeeded(address(1), "ok", input: [1, 2, 3]))
        try expectOutOfFuelAtBoundary(compiled, address(1), "ok", input: [1, 2, 3])
        #endif
    }

    /// The charge comes before the work: a log that cannot be paid for is not recorded
    /// (logs survive failed calls, so a late charge would show).
    @Test(arguments: Backend.available) func chargeComesBeforeTheWork(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(contract(#"(func (export "run") (call $log (i32.const 0) (i32.const 100)))"#), at: address(1))
        let needed = try harness.fuelNeeded(address(1))
        let short = try harness.call(address(1), fuel: needed - 1)
        #expect(short.status == .trapped("out of fuel"))
        #expect(short.logs.isEmpty)
        #expect(try harness.call(address(1), fuel: needed).logs.count == 1)
    }

    /// An abort that cannot pay for its message runs out of fuel instead of aborting.
    @Test(arguments: Backend.available) func abortOutOfFuel(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(contract(#"(func (export "run") (call $abort (i32.const 0) (i32.const 100)))"#), at: address(1))
        let needed = try harness.fuelNeeded(address(1))
        #expect(try harness.call(address(1), fuel: needed).status == .aborted(String(repeating: "\0", count: 100)))
        #expect(try harness.call(address(1), fuel: needed - 1).status == .trapped("out of fuel"))
    }
}
