import Keel

extension Execution {
    static func defineInputOutput(_ linker: HostLinker) {
        defineBuffer(linker, "input", size: \.inputSize, read: \.inputRead) { $0.input }
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
