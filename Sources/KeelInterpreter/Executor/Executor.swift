import KeelFrontEnd

/// A return address on the interpreter's call stack.
struct Frame {
    var pc: UnsafePointer<Inst>
    var fp: UnsafeMutablePointer<UInt64>
    /// The caller's instance. The store keeps every instance alive while code runs.
    unowned(unsafe) var instance: InstanceRuntime
    /// The callee's stack cost, released on return.
    var cost: Int
}


/// Runs compiled code for one store: owns the value stack and the call stack.
///
/// The call-stack limit is deterministic: each active frame counts its function's static
/// stack cost, and a call that would take the sum past `limits.stackSlots` traps with
/// `call stack exhausted`. Frames overlap physically (a callee's parameters are its caller's
/// top slots), so the physical extent never exceeds the accounted sum, and the value stack is
/// allocated with the limit's capacity.
package final class Executor {
    unowned(unsafe) let store: StoreRuntime
    let stack: UnsafeMutablePointer<UInt64>
    let stackCapacity: Int
    let stackLimit: Int
    let frames: UnsafeMutablePointer<Frame>
    let frameCapacity: Int
    var frameCount = 0
    /// Sum of the stack costs of the active frames.
    var stackUsed = 0
    /// Where a new entry into WebAssembly places its frame (moves up during host calls).
    var top: UnsafeMutablePointer<UInt64>

    init(store: StoreRuntime, limits: ExecutionLimits) {
        self.store = store
        stackLimit = limits.stackSlots
        stackCapacity = limits.stackSlots + 64
        stack = .allocate(capacity: stackCapacity)
        stack.initialize(repeating: 0, count: stackCapacity)
        frameCapacity = limits.stackSlots / CompiledFunction.frameOverhead + 2
        frames = .allocate(capacity: frameCapacity)
        top = stack
    }

    deinit {
        stack.deallocate()
        frames.deallocate()
    }

    /// Calls `function` with raw argument slots; returns raw result slots.
    package func invoke(_ function: FunctionInstance, arguments: [UInt64]) throws(Trap) -> [UInt64] {
        let type = function.type
        let needed = max(type.parameters.count, type.results.count)
        let entry = top
        guard entry + needed <= stack + stackCapacity else { throw Trap(.callStackExhausted) }
        for (k, value) in arguments.enumerated() { entry[k] = value }
        if function.code != nil {
            try run(function, entry: entry)
        } else {
            try callHost(function, slots: entry, caller: nil)
        }
        return (0..<type.results.count).map { entry[$0] }
    }

    /// Charges a frame's stack cost, trapping past the limit.
    @inline(__always)
    func enter(_ code: CompiledFunction) throws(Trap) {
        let used = stackUsed + code.stackCost
        if used > stackLimit { throw Trap(.callStackExhausted) }
        stackUsed = used
    }

    @inline(__always)
    func pushFrame(_ frame: Frame) throws(Trap) {
        if frameCount == frameCapacity { throw Trap(.callStackExhausted) }
        frames[frameCount] = frame
        frameCount += 1
    }

    @inline(__always)
    func firstMemory(_ instance: InstanceRuntime) -> MemoryView {
        instance.memory0.pointee
    }

    @inline(__always)
    func memoryView(_ instance: InstanceRuntime, _ index: UInt16) -> MemoryView {
        instance.memoryViews.unsafelyUnwrapped[Int(index)].pointee
    }

    /// Resolves a `call_indirect` target, trapping on a bad index, null or signature mismatch.
    @inline(__always)
    func indirectTarget(_ instance: InstanceRuntime, table: UInt16, index: UInt64, typeIndex: UInt32) throws(Trap) -> CallTarget {
        let reference = try instance.tables[Int(table)].element(at: index)
        let target = store.targets[Int(reference - 1)]
        guard target.typeID == instance.typeIDs[Int(typeIndex)] else { throw Trap(.indirectCallTypeMismatch) }
        return target
    }

    /// Calls a host function with its arguments in `slots`; WebAssembly it calls back into
    /// runs above them.
    func callHost(_ function: FunctionInstance, slots: UnsafeMutablePointer<UInt64>, caller: InstanceRuntime?) throws(Trap) {
        let savedTop = top
        top = slots + max(function.type.parameters.count, function.type.results.count)
        defer { top = savedTop }
        try function.host!.body(caller, slots)
    }
}
