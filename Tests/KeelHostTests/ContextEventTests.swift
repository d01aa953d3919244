import Keel
import KeelHost
import Testing

@Suite struct ContextEventTests {
    static let context = contract("""
      (data (i32.const 200) "topic")
      (data (i32.const 300) "hello \\ff log")
      (data (i32.const 400) "stopped here")
      (func (export "who")
        (call $caller (i32.const 0)) (call $self_address (i32.const 32))
        (i64.store (i32.const 64) (call $block_height)) (i64.store (i32.const 72) (call $block_time))
        (call $return_data (i32.const 0) (i32.const 80)))
      (func (export "fuel")
        (i64.store (i32.const 0) (call $fuel_remaining))
        (call $return_data (i32.const 0) (i32.const 8)))
      (func (export "caller_oob") (call $caller (i32.const 65510)))
      (func (export "emit")
        (call $emit_event (i32.const 200) (i32.const 5) (i32.const 300) (i32.const 5))
        (call $log (i32.const 300) (i32.const 11)))
      (func (export "emit_then_abort")
        (call $emit_event (i32.const 200) (i32.const 5) (i32.const 300) (i32.const 5))
        (call $log (i32.const 300) (i32.const 5))
        (call $abort (i32.const 400) (i32.const 12)))
      (func (export "big_topic") (call $emit_event (i32.const 0) (i32.const 257) (i32.const 0) (i32.const 0)))
      (func (export "big_data") (call $emit_event (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 8193)))
      (func (export "event_oob") (call $emit_event (i32.const 65530) (i32.const 10) (i32.const 0) (i32.const 0)))
      (func (export "many_events")
        (loop $again (call $emit_event (i32.const 200) (i32.const 5) (i32.const 0) (i32.const 0)) (br $again)))
      (func (export "big_log") (call $log (i32.const 0) (i32.const 4097)))
      (func (export "abort_long") (call $abort (i32.const 1000) (i32.const 5000)))
      (func (export "abort_oob") (call $abort (i32.const 65530) (i32.const 10)))
      (func (export "emit_last") (call $emit_event (i32.const 200) (i32.const 5) (i32.const 0) (i32.const 1000)))
    """)

    /// A harness on `backend` with this suite's contracts registered.
    func makeHarness(_ backend: Backend) throws -> Harness {
        let harness = try Harness(backend: backend)
        try harness.register(Self.context, at: address(1))
        return harness
    }

    @Test(arguments: Backend.available) func contextValues(backend: Backend) throws {
        let harness = try makeHarness(backend)
        let outcome = try harness.call(address(1), "who", sender: address(9))
        #expect(outcome.returnData == address(9).bytes + address(1).bytes + le64(7) + le64(1_700_000_000))
        #expect(try harness.call(address(1), "caller_oob").status == .trapped("out of bounds memory access"))
    }

    @Test(arguments: Backend.available) func fuelRemainingIsWhatIsLeftAfterItsCharge(backend: Backend) throws {
        let harness = try makeHarness(backend)
        func remaining(_ fuel: UInt64) throws -> (remaining: UInt64, consumed: UInt64) {
            let outcome = try harness.call(address(1), "fuel", fuel: fuel)
            return (outcome.returnData.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }, outcome.fuelConsumed)
        }
        let (low, consumed) = try remaining(100_000)
        let (high, _) = try remaining(300_000)
        #expect(high - low == 200_000)
        // Its own charge is already taken; return_data's (10 + 8 bytes) is still to come.
        #expect(100_000 - low >= HostFuelSchedule.v1.context.base)
        #expect(100_000 - low <= consumed - 18)
    }

    @Test(arguments: Backend.available) func eventsAndLogs(backend: Backend) throws {
        let harness = try makeHarness(backend)
        let outcome = try harness.call(address(1), "emit")
        #expect(outcome.status == .success)
        #expect(outcome.events == [ContractEvent(contract: address(1), topic: bytes("topic"), data: bytes("hello"))])
        #expect(outcome.logs == [ContractLog(contract: address(1), message: "hello \u{FFFD} log")])
    }

    @Test(arguments: Backend.available) func abortRevertsEventsAndKeepsLogs(backend: Backend) throws {
        let harness = try makeHarness(backend)
        let outcome = try harness.call(address(1), "emit_then_abort")
        #expect(outcome.status == .aborted("stopped here"))
        #expect(outcome.events.isEmpty)
        #expect(outcome.logs == [ContractLog(contract: address(1), message: "hello")])
        #expect(outcome.writeSet.isEmpty)
    }

    @Test(arguments: Backend.available) func oversizeAndTooManyEvents(backend: Backend) throws {
        let harness = try makeHarness(backend)
        for method in ["big_topic", "big_data"] {
            guard case .trapped(let message) = try harness.call(address(1), method).status else {
                Issue.record("\(method) did not trap"); continue
            }
            #expect(message.hasPrefix("event too large"))
        }
        #expect(try harness.call(address(1), "event_oob").status == .trapped("out of bounds memory access"))
        #expect(try harness.call(address(1), "many_events").status == .trapped("too many events (limit 256 per call)"))
        #expect(try harness.call(address(1), "big_log").status == .trapped("log message too large: 4097 bytes, limit 4096"))
        #expect(try harness.call(address(1), "abort_oob").status == .trapped("out of bounds memory access"))
        guard case .aborted(let message) = try harness.call(address(1), "abort_long").status else {
            Issue.record("abort_long did not abort"); return
        }
        #expect(message.utf8.count == 4096)
    }

    @Test(arguments: Backend.available) func eventChargesAndFuelBoundary(backend: Backend) throws {
        let harness = try makeHarness(backend)
        try expectOutOfFuelAtBoundary(harness, address(1), "emit_last")
        let needed = try harness.fuelNeeded(address(1), "emit_last")
        let short = try harness.call(address(1), "emit_last", fuel: needed - 1)
        #expect(short.events.isEmpty)
    }
}
