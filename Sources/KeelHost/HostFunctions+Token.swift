import Keel
import KeelState

extension Execution {
    static func defineToken(_ linker: HostLinker) {
        // (addr) -> amount
        define(linker, "balance", [.i32], [.i64]) { call in
            try call.checkRange(call.u32(0), 32)
            try call.charge(call.prices.balance)
            let address = try call.address(at: call.u32(0))
            let overlay = call.execution.overlay
            return .i64(try call.state({ () throws(StateError) in try NativeBalances.balance(of: address, in: overlay) }))
        }
        // (to, amount) -> 0 | 1
        define(linker, "transfer", [.i32, .i64], [.i32]) { call in
            try call.checkRange(call.u32(0), 32)
            try call.charge(call.prices.transfer)
            let (from, to, amount) = (call.frame.contract, try call.address(at: call.u32(0)), call.u64(1))
            let overlay = call.execution.overlay
            switch try call.state({ () throws(StateError) in try NativeBalances.transfer(amount, from: from, to: to, in: overlay) }) {
            case nil: return .i32(0)
            case .insufficientBalance: return .i32(1)
            case .overflow: throw Trap.host("balance overflow: \(to) cannot hold more than 2^64 - 1")
            }
        }
    }
}
