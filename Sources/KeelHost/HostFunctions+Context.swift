import Keel

extension Execution {
    static func defineContext(_ linker: HostLinker) {
        define(linker, "caller", [.i32], []) { call in
            try call.checkRange(call.u32(0), 32)
            try call.charge(call.prices.context)
            try call.write(call.frame.caller.bytes, at: call.u32(0))
            return .none
        }
        define(linker, "self_address", [.i32], []) { call in
            try call.checkRange(call.u32(0), 32)
            try call.charge(call.prices.context)
            try call.write(call.frame.contract.bytes, at: call.u32(0))
            return .none
        }
        define(linker, "block_height", [], [.i64]) { call in
            try call.charge(call.prices.context)
            return .i64(call.execution.block.height)
        }
        define(linker, "block_time", [], [.i64]) { call in
            try call.charge(call.prices.context)
            return .i64(call.execution.block.time)
        }
        define(linker, "fuel_remaining", [], [.i64]) { call in
            try call.charge(call.prices.context)
            return .i64(call.caller.store.fuel ?? UInt64.max)
        }
    }
}
