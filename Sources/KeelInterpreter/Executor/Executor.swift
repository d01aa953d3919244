import KeelFrontEnd
import KeelRuntime

/// The registers of one run of the dispatch loop, reached by handlers through `ctx`. Calls and
/// returns only touch this struct (no class), so they do no reference counting.
struct ExecutionState {
    var fp: UnsafeMutablePointer<UInt64>
    /// Memory 0 of `instance`, reloaded whenever the instance changes or memory grows.
    var memory: MemoryView
    unowned(unsafe) var instance: InstanceRuntime
    /// Set when the run stops with a trap (`.host`: the trap is in `Executor.hostTrap`). A
    /// plain enum, so trapping paths in handlers do no reference counting.
    var trap: TrapKind?
    /// `exitInstruction`, kept here so trapping paths reach it with a plain load.
    let exit: UnsafeRawPointer
    let frames: UnsafeMutablePointer<Frame>
    var frameCount: Int
    let frameCapacity: Int
    /// The deterministic call-stack account of the active frames.
    var stack: StackAccount
    /// The call depth at which this run started: returning to it ends the run.
    let baseDepth: Int
    unowned(unsafe) let store: StoreRuntime
    let executor: Unmanaged<Executor>
    /// End of the value stack's storage.
    let stackEnd: UnsafeMutablePointer<UInt64>
    /// Remaining fuel (meaningful when metering): the store's counter, cached for the run and
    /// written back to `StoreRuntime.fuel` around host calls and at the run's end.
    var fuel: FuelCounter
    let costs: DynamicCosts

    /// Enters `target` from the call instruction at `pc`; returns where to continue, with the
    /// registers set for it (the exit instruction after a trap).
    @inline(__always)
    mutating func call(_ target: CallTarget, from pc: UnsafeRawPointer, arguments: UnsafeMutablePointer<UInt64>) -> UnsafeRawPointer {
        guard target.code != nil else {
            return callHost(target, returnAddress: pc + MemoryLayout<Inst>.stride, arguments: arguments)
        }
        let next = callLocal(target, from: pc, arguments: arguments)
        // Through the unowned field only: a strong local would be retained and released.
        instance = target.instance.unsafelyUnwrapped
        memory = instance.memory0.pointee
        return next
    }

    /// Enters `target`, a function defined in the running instance's own module, from the
    /// call instruction at `pc`: the instance and memory 0 stay as they are (`call` switches
    /// them after). The callee zeroes its own declared locals (its first instruction,
    /// `zeroLocals`).
    @inline(__always)
    mutating func callLocal(_ target: CallTarget, from pc: UnsafeRawPointer, arguments: UnsafeMutablePointer<UInt64>) -> UnsafeRawPointer {
        // The deterministic limit is the stack account's; the physical check is a backstop that
        // the stack's capacity (twice the limit) makes unreachable but for pathological nesting
        // of `if` blocks with parameters.
        // Every frame costs at least `CallStack.frameOverhead`, so the frame array (sized by that
        // bound) cannot fill up before the limit is reached.
        guard let used = stack.entering(target.stackCost), arguments + target.frameSize <= stackEnd else {
            trap = .callStackExhausted
            return exit
        }
        assert(frameCount < frameCapacity)
        stack.used = used
        frames[frameCount] = Frame(pc: pc + MemoryLayout<Inst>.stride, fp: fp, instance: instance, cost: target.stackCost)
        frameCount &+= 1
        fp = arguments
        return chargingBlock(at: target.code.unsafelyUnwrapped)
    }

    /// When `pc` is a block's charge instruction (only metered code has them), charges it here
    /// and continues after it: calls and returns enter blocks without dispatching the charge
    /// separately (same amount, same point in the execution).
    @inline(__always)
    mutating func chargingBlock(at pc: UnsafeRawPointer) -> UnsafeRawPointer {
        let charge = pc.assumingMemoryBound(to: Inst.self).pointee
        guard charge.op == .fuel else { return pc }
        guard fuel.charge(charge.fuelCost) else {
            trap = .outOfFuel
            return exit
        }
        return pc + MemoryLayout<Inst>.stride
    }

    /// Calls a host function; WebAssembly it calls back into runs in a nested run that starts
    /// from this run's call depth and stack use. Counts no references: the executor, the
    /// instance and the host function are reached unretained (the store keeps them alive).
    @inline(never)
    mutating func callHost(_ target: CallTarget, returnAddress: UnsafeRawPointer, arguments: UnsafeMutablePointer<UInt64>) -> UnsafeRawPointer {
        let (frameCount, used) = (frameCount, stack.used)
        store.fuel = fuel
        let caller = Unmanaged.passUnretained(instance)
        let failure = executor._withUnsafeGuaranteedRef { executor in
            executor.frameCount = frameCount
            executor.stack.used = used
            return executor.callHost(target, slots: arguments, caller: caller)
        }
        fuel = store.fuel
        if let failure {
            if failure.kind == .outOfFuel {
                trap = .outOfFuel
            } else {
                executor._withUnsafeGuaranteedRef { $0.hostTrap = failure }
                trap = .host
            }
            return exit
        }
        memory = instance.memory0.pointee
        return returnAddress
    }

    /// `call_indirect`: resolves the table entry, then calls it.
    @inline(__always)
    mutating func callIndirect(table: UInt16, index: UInt64, typeIndex: UInt32, from pc: UnsafeRawPointer, arguments: UnsafeMutablePointer<UInt64>) -> UnsafeRawPointer {
        let position = Int(UInt32(truncatingIfNeeded: index))
        let kind: TrapKind
        // The table's element (nil past its end), read in place: `TableStorage.reference(at:)`
        // is a call across the module boundary.
        let storage = instance.tables[Int(table)]
        let reference: UInt64? = position < storage.elements.count ? storage.elements[position] : nil
        if reference == nil {
            kind = .undefinedElement
        } else if reference == 0 {
            kind = .uninitializedElement
        } else {
            let target = store.targets[Int(reference.unsafelyUnwrapped - 1)]
            if target.typeID == instance.typeIDs[Int(typeIndex)] {
                return call(target, from: pc, arguments: arguments)
            }
            kind = .indirectCallTypeMismatch
        }
        trap = kind
        return exit
    }

    /// Returns to the caller's frame; the exit instruction when the run's entry function returns.
    /// `sameInstance` is set when the caller runs in the instance that was running, so memory 0
    /// in the handler's registers is still the caller's (it was reloaded when it grew).
    @inline(__always)
    mutating func returnFromCall(sameInstance: inout Bool) -> UnsafeRawPointer {
        if frameCount == baseDepth { return exit }
        // Wrapping arithmetic: frameCount > baseDepth >= 0 and stack.used includes frame.cost.
        frameCount &-= 1
        let frame = frames[frameCount]
        stack.used &-= frame.cost
        fp = frame.fp
        if frame.instance !== instance {
            sameInstance = false
            instance = frame.instance
            memory = frame.instance.memory0.pointee
        }
        return chargingBlock(at: frame.pc)
    }
}

/// A return address on the interpreter's call stack.
struct Frame {
    var pc: UnsafeRawPointer
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
/// reserved with the limit's capacity (``ValueStackMapping``: pages cost only when touched, so
/// a store that runs a small call pays for the slots it uses, not for the limit).
package final class Executor {
    /// Native stack a nested run needs free on the host thread: the run itself (its handlers
    /// continue by tail calls, so a run's native frames do not grow with the WebAssembly it
    /// runs) and a host function's frames up to its own nested run.
    package static let hostFrameReserve = 128 << 10
    unowned(unsafe) let store: StoreRuntime
    let valueStack: UnsafeMutablePointer<UInt64>
    let stackCapacity: Int
    let frames: UnsafeMutablePointer<Frame>
    let frameCapacity: Int
    var frameCount = 0
    /// The deterministic call-stack account of the active frames.
    var stack: StackAccount
    /// The trap a host function raised, with its message.
    var hostTrap: Trap?
    /// Runs in progress (more than one while host functions call back into WebAssembly).
    var runDepth = 0
    let maxRunDepth: Int
    /// Where a new entry into WebAssembly places its frame (moves up during host calls).
    var top: UnsafeMutablePointer<UInt64>

    package init(store: StoreRuntime, limits: ExecutionLimits) {
        self.store = store
        stack = StackAccount(limit: limits.stackSlots)
        stackCapacity = 2 * limits.stackSlots + 64
        valueStack = ValueStackMapping.map(slots: stackCapacity)
        // Every frame costs at least the overhead, which bounds the number of frames.
        frameCapacity = limits.stackSlots / CallStack.frameOverhead + 2
        frames = .allocate(capacity: frameCapacity)
        top = valueStack
        maxRunDepth = limits.hostReentryDepth + 1
    }

    deinit {
        ValueStackMapping.unmap(valueStack, slots: stackCapacity)
        frames.deallocate()
    }

    /// Calls `function` with raw argument slots; returns raw result slots.
    package func invoke(_ function: FunctionInstance, arguments: [UInt64]) throws(Trap) -> [UInt64] {
        let type = function.type
        let needed = max(type.parameters.count, type.results.count)
        let entry = top
        guard entry + needed <= valueStack + stackCapacity else { throw Trap(.callStackExhausted) }
        for (k, value) in arguments.enumerated() { entry[k] = value }
        if function.code != nil {
            try run(function, entry: entry)
        } else {
            if let trap = callHost(CallTarget(function), slots: entry, caller: nil) { throw trap }
        }
        return (0..<type.results.count).map { entry[$0] }
    }

    /// Charges a frame's stack cost, trapping past the limit.
    @inline(__always)
    func enter(_ code: FunctionCode, at entry: UnsafeMutablePointer<UInt64>) throws(Trap) {
        guard let used = stack.entering(code.stackCost), entry + code.frameSize <= valueStack + stackCapacity else {
            throw Trap(.callStackExhausted)
        }
        stack.used = used
    }

    /// Runs compiled `function` with its arguments in `entry[0..<parameterCount]`; its results
    /// are left in `entry[0..<resultCount]`. The first handler runs the whole call by tail
    /// calls; it returns when the run reaches the exit instruction.
    func run(_ function: FunctionInstance, entry: UnsafeMutablePointer<UInt64>) throws(Trap) {
        let compiled = function.code!
        let baseDepth = frameCount
        let baseUsed = stack.used
        // Each run nested in a host call holds native stack: bound the nesting, and never start
        // a nested run without room for one more host segment on this thread's stack (a
        // thread with at least `(hostReentryDepth + 1) × hostFrameReserve` bytes never gets
        // here: the deterministic bound traps first).
        if runDepth >= maxRunDepth { throw Trap(.callStackExhausted) }
        if runDepth > 0, let remaining = NativeStack.remaining(), remaining < Self.hostFrameReserve {
            throw Trap(.callStackExhausted)
        }
        runDepth += 1
        defer {
            frameCount = baseDepth
            stack.used = baseUsed
            runDepth -= 1
        }
        try enter(compiled, at: entry)
        let instance = function.instance!
        var state = ExecutionState(
            fp: entry, memory: instance.memory0.pointee, instance: instance, trap: nil,
            exit: UnsafeRawPointer(exitInstruction), frames: frames, frameCount: frameCount,
            frameCapacity: frameCapacity, stack: stack, baseDepth: baseDepth,
            store: store, executor: Unmanaged.passUnretained(self), stackEnd: valueStack + stackCapacity, fuel: store.fuel, costs: store.costs)
        defer { store.fuel = state.fuel }
        withUnsafeMutablePointer(to: &state) { s in
            let pc = compiled.entry
            _ = pc.load(as: Handler.self)(pc, entry, s.pointee.memory.base, s.pointee.memory.size, UnsafeMutableRawPointer(s), 0, 0)
        }
        if let kind = state.trap {
            if kind == .host, let hostTrap {
                self.hostTrap = nil
                throw hostTrap
            }
            throw Trap(kind)
        }
    }

    /// Calls the host function of `target` with its arguments in `slots`; WebAssembly it calls
    /// back into runs above them (a host function's `frameSize` is its slot count).
    @inline(__always)
    func callHost(_ target: CallTarget, slots: UnsafeMutablePointer<UInt64>, caller: Unmanaged<InstanceRuntime>?) -> Trap? {
        let savedTop = top
        top = slots + target.frameSize
        defer { top = savedTop }
        return target.callHost(caller: caller, slots: slots)
    }
}
