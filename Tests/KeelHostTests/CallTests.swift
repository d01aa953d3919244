import Keel
import KeelHost
import KeelState
import Testing

@Suite struct CallTests {
    /// The callee: a counter under key "n".
    static let callee = contract("""
      (data (i32.const 0) "n")
      (data (i32.const 8) "nope")
      (data (i32.const 16) "recurse")
      (func $bump (result i64)
        (local $v i64)
        (if (i32.eq (call $storage_get (i32.const 0) (i32.const 1) (i32.const 100) (i32.const 8)) (i32.const 8))
          (then (local.set $v (i64.load (i32.const 100)))))
        (i64.store (i32.const 100) (i64.add (local.get $v) (i64.const 1)))
        (call $storage_set (i32.const 0) (i32.const 1) (i32.const 100) (i32.const 8))
        (call $emit_event (i32.const 0) (i32.const 1) (i32.const 100) (i32.const 8))
        (i64.load (i32.const 100)))
      (func (export "bump") (drop (call $bump)) (call $return_data (i32.const 100) (i32.const 8)))
      (func (export "bump_fail") (drop (call $bump)) (call $log (i32.const 8) (i32.const 4)) (call $abort (i32.const 8) (i32.const 4)))
      (func (export "bump_trap") (drop (call $bump)) (unreachable))
      (func (export "spin") (loop $l (br $l)))
      (func (export "whoami") (call $caller (i32.const 200)) (call $return_data (i32.const 200) (i32.const 32)))
      (func (export "echo") (call $input_read (i32.const 300)) (call $return_data (i32.const 300) (call $input_size)))
      (func (export "recurse")
        (local $status i32)
        (drop (call $bump))
        (call $self_address (i32.const 200))
        (local.set $status (call $call (i32.const 200) (i32.const 16) (i32.const 7) (i32.const 0) (i32.const 0) (i64.const 0)))
        (if (i32.ne (local.get $status) (i32.const 0))
          (then (i32.store8 (i32.const 300) (local.get $status)) (call $return_data (i32.const 300) (i32.const 1)) (return)))
        (call $call_result_read (i32.const 300))
        (call $return_data (i32.const 300) (call $call_result_size)))
    """)

    /// The caller: `forward` input = target(32) fuel(8) method_len(1) method inner_input; it
    /// writes its own key "mine" first, then returns status(1) ‖ call result.
    static let relay = contract("""
      (data (i32.const 0) "mine")
      (data (i32.const 8) "yes")
      (func (export "forward")
        (local $mlen i32) (local $status i32)
        (call $storage_set (i32.const 0) (i32.const 4) (i32.const 8) (i32.const 3))
        (call $input_read (i32.const 1000))
        (local.set $mlen (i32.load8_u (i32.const 1040)))
        (local.set $status (call $call (i32.const 1000) (i32.const 1041) (local.get $mlen)
          (i32.add (i32.const 1041) (local.get $mlen)) (i32.sub (call $input_size) (i32.add (i32.const 41) (local.get $mlen)))
          (i64.load (i32.const 1032))))
        (i32.store8 (i32.const 2000) (local.get $status))
        (call $call_result_read (i32.const 2001))
        (call $return_data (i32.const 2000) (i32.add (i32.const 1) (call $call_result_size))))
      (func (export "result_before_call")
        (i32.store (i32.const 0) (call $call_result_size)) (call $return_data (i32.const 0) (i32.const 4)))
      (func (export "big_method") (drop (call $call (i32.const 0) (i32.const 0) (i32.const 257) (i32.const 0) (i32.const 0) (i64.const 0))))
      (func (export "big_input") (drop (call $call (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 65537) (i64.const 0))))
      (func (export "target_oob") (drop (call $call (i32.const 65530) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0) (i64.const 0))))
    """)

    let calleeAddress = address(0xC0)
    let relayAddress = address(0xA0)

    /// A harness on `backend` with this suite's contracts registered.
    func makeHarness(_ backend: Backend) throws -> Harness {
        let harness = try Harness(backend: backend)
        try harness.register(Self.callee, at: calleeAddress)
        try harness.register(Self.relay, at: relayAddress)
        return harness
    }

    func forward(_ harness: Harness, _ target: ContractAddress, _ method: String, _ input: [UInt8] = [], calleeFuel: UInt64 = 0, fuel: UInt64 = 10_000_000)
        throws -> ExecutionOutcome
    {
        try harness.call(relayAddress, "forward",
            input: target.bytes + le64(calleeFuel) + [UInt8(method.utf8.count)] + bytes(method) + input, fuel: fuel)
    }

    @Test(arguments: Backend.available) func successfulCallReturnsDataAndKeepsWrites(backend: Backend) throws {
        let harness = try makeHarness(backend)
        let outcome = try forward(harness, calleeAddress, "bump")
        #expect(outcome.status == .success)
        #expect(outcome.returnData == [0] + le64(1))
        #expect(try harness.stored(calleeAddress, bytes("n")) == le64(1))
        #expect(try harness.stored(relayAddress, bytes("mine")) == bytes("yes"))
        #expect(outcome.events == [ContractEvent(contract: calleeAddress, topic: bytes("n"), data: le64(1))])
        #expect(try forward(harness, calleeAddress, "echo", bytes("ping")).returnData == [0] + bytes("ping"))
    }

    @Test(arguments: Backend.available) func calleeSeesTheCallingContract(backend: Backend) throws {
        let harness = try makeHarness(backend)
        #expect(try forward(harness, calleeAddress, "whoami").returnData == [0] + relayAddress.bytes)
        #expect(try harness.call(calleeAddress, "whoami").returnData == harness.sender.bytes)
    }

    @Test(arguments: Backend.available) func failingCallRevertsOnlyItsOwnWrites(backend: Backend) throws {
        let harness = try makeHarness(backend)
        try forward(harness, calleeAddress, "bump")
        let aborted = try forward(harness, calleeAddress, "bump_fail")
        #expect(aborted.status == .success)
        #expect(aborted.returnData == [2] + bytes("nope"))
        // The callee's write and event are gone; the relay's own write stays; logs stay.
        #expect(try harness.stored(calleeAddress, bytes("n")) == le64(1))
        #expect(aborted.events.isEmpty)
        #expect(aborted.logs == [ContractLog(contract: calleeAddress, message: "nope")])
        #expect(aborted.writeSet == [StateChange(key: ContractStorage.keyPrefix(for: relayAddress) + bytes("mine"), value: bytes("yes"))])

        let trapped = try forward(harness, calleeAddress, "bump_trap")
        #expect(trapped.returnData == [1] + bytes("unreachable"))
        #expect(try harness.stored(calleeAddress, bytes("n")) == le64(1))
    }

    @Test(arguments: Backend.available) func missingContractsAndMethods(backend: Backend) throws {
        let harness = try makeHarness(backend)
        #expect(try forward(harness, address(0x55), "bump").returnData == [3] + bytes("no contract at \(address(0x55))"))
        #expect(try forward(harness, calleeAddress, "missing").returnData == [1] + bytes("no method missing in contract \(calleeAddress)"))
        #expect(try harness.call(relayAddress, "result_before_call").returnData == [0, 0, 0, 0])
    }

    @Test(arguments: Backend.available) func callDepthIsLimited(backend: Backend) throws {
        let harness = try makeHarness(backend)
        let outcome = try harness.call(calleeAddress, "recurse")
        #expect(outcome.status == .success)
        #expect(outcome.returnData == [4])
        // 16 levels ran (the outermost included); the 17th was refused.
        #expect(try harness.stored(calleeAddress, bytes("n")) == le64(16))
    }

    @Test(arguments: Backend.available) func calleeFuelLimitStopsOnlyTheCallee(backend: Backend) throws {
        let harness = try makeHarness(backend)
        let outcome = try forward(harness, calleeAddress, "spin", calleeFuel: 50_000)
        #expect(outcome.status == .success)
        #expect(outcome.returnData == [1] + bytes("out of fuel"))
        // The relay paid the callee's whole allowance and still finished.
        #expect(outcome.fuelConsumed > 50_000)
        #expect(outcome.fuelConsumed < 60_000)
        #expect(try harness.stored(relayAddress, bytes("mine")) == bytes("yes"))
    }

    @Test(arguments: Backend.available) func calleeWithAllRemainingFuelLeavesTheCallerNone(backend: Backend) throws {
        let harness = try makeHarness(backend)
        let outcome = try forward(harness, calleeAddress, "spin", fuel: 100_000)
        #expect(outcome.status == .trapped("out of fuel"))
        #expect(outcome.fuelConsumed == 100_000)
        #expect(outcome.writeSet.isEmpty)
    }

    /// A fresh instance pays for its initial memory (memory.grow's price per page) before it runs.
    @Test(arguments: Backend.available) func instancesPayForTheirInitialMemory(backend: Backend) throws {
        let harness = try makeHarness(backend)
        let small = contract(#"(func (export "run"))"#)
        let large = small.replacingOccurrences(of: "(memory (export \"memory\") 1)", with: "(memory (export \"memory\") 17)")
        try harness.register(small, at: address(1))
        try harness.register(large, at: address(2))
        let difference = try harness.fuelNeeded(address(2)) - harness.fuelNeeded(address(1))
        #expect(difference == 16 * CostSchedule.v1.memoryGrowPerPage)
        // Through a cross-contract call, the callee's instance is charged to the call too.
        let viaSmall = try forward(harness, address(1), "run").fuelConsumed
        let viaLarge = try forward(harness, address(2), "run").fuelConsumed
        #expect(viaLarge - viaSmall == 16 * CostSchedule.v1.memoryGrowPerPage)
    }

    @Test(arguments: Backend.available) func oversizeArgumentsAndBadPointers(backend: Backend) throws {
        let harness = try makeHarness(backend)
        #expect(try harness.call(relayAddress, "big_method").status == .trapped("method name too large: 257 bytes, limit 256"))
        #expect(try harness.call(relayAddress, "big_input").status == .trapped("input too large: 65537 bytes, limit 65536"))
        #expect(try harness.call(relayAddress, "target_oob").status == .trapped("out of bounds memory access"))
    }

    @Test(arguments: Backend.available) func callChargesBeforeRunning(backend: Backend) throws {
        let harness = try makeHarness(backend)
        // With fuel for everything up to the call's own charge but not that charge, nothing runs.
        let full = try forward(harness, calleeAddress, "echo", bytes("x"), fuel: 10_000_000)
        #expect(full.status == .success)
        #expect(try harness.stored(calleeAddress, bytes("n")) == nil)
        let short = try forward(harness, calleeAddress, "bump", fuel: 600)
        #expect(short.status == .trapped("out of fuel"))
        #expect(try harness.stored(calleeAddress, bytes("n")) == nil)
    }
}
