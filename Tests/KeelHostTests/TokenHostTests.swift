import Keel
import KeelHost
import KeelState
import Testing

@Suite struct TokenHostTests {
    /// `send`: input to(32) amount(8) → status byte; `balance_of`: input addr(32) → amount.
    static let wallet = contract("""
      (func (export "send")
        (call $input_read (i32.const 0))
        (i32.store8 (i32.const 100) (call $transfer (i32.const 0) (i64.load (i32.const 32))))
        (call $return_data (i32.const 100) (i32.const 1)))
      (func (export "balance_of")
        (call $input_read (i32.const 0))
        (i64.store (i32.const 100) (call $balance (i32.const 0)))
        (call $return_data (i32.const 100) (i32.const 8)))
      (func (export "send_oob") (drop (call $transfer (i32.const 65530) (i64.const 1))))
      (func (export "balance_oob") (drop (call $balance (i32.const 65530))))
    """)

    @Test(arguments: Backend.available) func balanceAndTransfer(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.wallet, at: address(1))
        let funding = StateOverlay(base: harness.state)
        NativeBalances.setBalance(100, of: address(1), in: funding)
        try harness.state.write(WriteBatch(funding.writeSet()), sync: false)

        #expect(try harness.call(address(1), "balance_of", input: address(1).bytes).returnData == le64(100))
        #expect(try harness.call(address(1), "send", input: address(2).bytes + le64(30)).returnData == [0])
        #expect(try NativeBalances.balance(of: address(1), in: harness.state) == 70)
        #expect(try NativeBalances.balance(of: address(2), in: harness.state) == 30)
        // Insufficient: status 1, nothing moves.
        #expect(try harness.call(address(1), "send", input: address(2).bytes + le64(71)).returnData == [1])
        #expect(try NativeBalances.balance(of: address(1), in: harness.state) == 70)
        #expect(try harness.call(address(1), "balance_of", input: address(2).bytes).returnData == le64(30))
        #expect(try harness.call(address(1), "send_oob").status == .trapped("out of bounds memory access"))
        #expect(try harness.call(address(1), "balance_oob").status == .trapped("out of bounds memory access"))
    }

    @Test(arguments: Backend.available) func transferIsRevertedWhenFuelRunsOut(backend: Backend) throws {
        let harness = try Harness(backend: backend)
        try harness.register(Self.wallet, at: address(1))
        let funding = StateOverlay(base: harness.state)
        NativeBalances.setBalance(100, of: address(1), in: funding)
        try harness.state.write(WriteBatch(funding.writeSet()), sync: false)
        let needed = try harness.fuelNeeded(address(1), "send", input: address(2).bytes + le64(5))
        let short = try harness.call(address(1), "send", input: address(2).bytes + le64(5), fuel: needed - 1)
        #expect(short.status == .trapped("out of fuel"))
        #expect(try NativeBalances.balance(of: address(2), in: harness.state) == 0)
    }
}
