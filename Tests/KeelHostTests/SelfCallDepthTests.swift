import Keel
import KeelHost
import KeelState
import Testing

/// Finding 3 of the sandbox issue: a contract calling itself through `keel_v1.call` with large
/// frames overwrote saved return addresses on the JIT. Each level here has a frame of 3,000
/// locals and an `if` with parameters; the recursion goes until the ABI's call depth (16
/// frames) refuses the next call, and both backends report the same depth, status and fuel.
@Suite struct SelfCallDepthTests {
    static let recursive = contract("""
      (data (i32.const 16) "run")
      (func (export "run") (local $depth i32) (local $status i32) (local \(Array(repeating: "i64", count: 3_000).joined(separator: " ")))
        (if (i32.gt_u (call $input_size) (i32.const 0))
          (then (call $input_read (i32.const 100)) (local.set $depth (i32.load8_u (i32.const 100)))))
        (local.set 3001 (i64.const -1))
        (i64.const 1) (i64.const 2)
        (if (param i64 i64) (result i64 i64) (i32.const 1) (then (call $self_address (i32.const 200))))
        (drop) (drop)
        (i32.store8 (i32.const 300) (i32.add (local.get $depth) (i32.const 1)))
        (local.set $status (call $call (i32.const 200) (i32.const 16) (i32.const 3) (i32.const 300) (i32.const 1) (i64.const 0)))
        (if (i32.eqz (local.get $status))
          (then (call $call_result_read (i32.const 400)))
          (else (i32.store8 (i32.const 400) (local.get $depth))))
        (call $return_data (i32.const 400) (i32.const 1)))
    """)

    @Test func selfCallsWithLargeFramesStopAtTheSameDepthOnBothBackends() throws {
        var outcomes: [String] = []
        for backend in Backend.available {
            let harness = try Harness(backend: backend)
            let address = address(0x5C)
            try harness.register(Self.recursive, at: address)
            let outcome = try harness.call(address, "run", fuel: 50_000_000, commit: false)
            #expect(outcome.status == .success, "\(backend): \(outcome.status)")
            #expect(outcome.returnData == [UInt8(ABILimits.v1.callDepth - 1)], "\(backend): depth \(outcome.returnData)")
            outcomes.append("\(outcome.status) depth \(outcome.returnData) fuel \(outcome.fuelConsumed)")
        }
        #expect(Set(outcomes).count == 1, "\(outcomes)")
    }
}
