import Keel

extension Execution {
    func defineInputOutput(_ linker: Linker) {
        define(linker, "input_size", [], [.i32]) { call in
            try call.charge(call.prices.inputSize)
            return .i32(call.frame.input.count)
        }
        // (dst)
        define(linker, "input_read", [.i32], []) { call in
            let input = call.frame.input
            try call.checkRange(call.u32(0), input.count)
            try call.charge(call.prices.inputRead, bytes: input.count)
            try call.write(input, at: call.u32(0))
            return .none
        }
        // (ptr, len)
        define(linker, "return_data", [.i32, .i32], []) { call in
            let (pointer, length) = (call.u32(0), call.u32(1))
            try call.checkSize(length, limit: call.limits.dataSize, "return data")
            try call.checkRange(pointer, length)
            try call.charge(call.prices.returnData, bytes: length)
            call.frame.returnData = try call.read(pointer, length)
            return .none
        }
    }
}
