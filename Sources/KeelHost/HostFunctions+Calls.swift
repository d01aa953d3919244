import Keel
import KeelState

/// The statuses `call` returns (docs/abi.md).
enum CallStatusCode: Int {
    case success = 0
    case trapped = 1
    case aborted = 2
    case noContract = 3
    case depthExceeded = 4
}

extension Execution {
    static func defineCalls(_ linker: HostLinker) {
        // (addr, method, method_len, input, input_len, fuel) -> status
        define(linker, "call", [.i32, .i32, .i32, .i32, .i32, .i64], [.i32]) { call in
            let (methodPointer, methodLength, inputPointer, inputLength) = (call.u32(1), call.u32(2), call.u32(3), call.u32(4))
            try call.checkSize(methodLength, limit: call.limits.methodNameSize, "method name")
            try call.checkSize(inputLength, limit: call.limits.dataSize, "input")
            try call.checkRange(call.u32(0), 32)
            try call.checkRange(methodPointer, methodLength)
            try call.checkRange(inputPointer, inputLength)
            try call.charge(call.prices.call, bytes: methodLength + inputLength)
            let target = try call.address(at: call.u32(0))
            let method = String(decoding: try call.read(methodPointer, methodLength), as: UTF8.self)
            let input = try call.read(inputPointer, inputLength)
            let (code, result) = try call.execution.nestedCall(target, method: method, input: input, fuel: call.u64(5))
            call.frame.lastCallResult = result
            return .i32(code.rawValue)
        }
        defineBuffer(linker, "call_result", size: \.callResultSize, read: \.callResultRead) { $0.lastCallResult }
    }

    /// Runs a call from the innermost frame to `target` with at most `fuel` (0: all that
    /// remains). Returns its status code and its return data or failure message.
    func nestedCall(_ target: ContractAddress, method: String, input: [UInt8], fuel: UInt64) throws(Trap) -> (CallStatusCode, [UInt8]) {
        guard frames.count < host.limits.callDepth else {
            return (.depthExceeded, Array("call depth exceeded (limit \(host.limits.callDepth))".utf8))
        }
        let module: Module
        do {
            guard let found = try host.resolver.module(at: target, in: overlay) else {
                return (.noContract, Array("no contract at \(target)".utf8))
            }
            module = found
        } catch let error as StateError {
            fatal = error
            throw Trap.host("state error: \(error)")
        } catch {
            return (.trapped, Array("contract at \(target) cannot run: \(error)".utf8))
        }
        let caller = frames[frames.count - 1].contract
        let (outcome, _) = store.withFuelLimit(fuel == 0 ? UInt64.max : fuel) {
            call(module, contract: target, method: method, input: input, caller: caller)
        }
        // Sound: `call` reports failures as statuses and never throws.
        let result = try! outcome.get()
        // A storage failure below ends the whole execution, through every frame.
        if fatal != nil { throw Trap.host("state error") }
        switch result.status {
        case .success: return (.success, result.returnData)
        case .trapped(let message): return (.trapped, Array(message.utf8))
        case .aborted(let message): return (.aborted, Array(message.utf8))
        }
    }
}
