#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KeelFrontEnd
import KeelRuntime

/// Runs JIT code for one store: the execution context JIT code reaches through r14, the
/// native stack runs execute on, and the helpers JIT code calls (imports, `memory.grow`).
///
/// Fuel lives in the context during a run and in `StoreRuntime.fuel` otherwise (copied in at
/// entry and out at exit and around host calls). The deterministic call-stack account
/// (`JITContextLayout.stackUsed`) is charged by each function's prologue with the front-end's
/// stack cost, so JIT code traps with `call stack exhausted` at the same call as the
/// interpreter.
///
/// The native stack (mapped once per store, committed lazily) holds JIT frames, at most
/// `bytesPerStackUnit` bytes per unit of stack cost (checked when each function is compiled),
/// and between them the Swift frames of helpers and host functions: one segment of at most
/// `hostFrameReserve` bytes per run, and runs nest at most `hostReentryDepth` deep. It is sized
/// for all of them above `guardBytes` of inaccessible pages, so the deterministic account always
/// traps first. Each JIT prologue still compares rsp − frame with
/// `JITContextLayout.nativeStackLimit` (the guard plus one reserve) before touching the frame,
/// and a nested run checks its own position, so even a host function that overran its reserve
/// cannot make a JIT frame step over the guard: the run traps with `call stack exhausted`.
package final class JITExecution {
    /// Native stack bytes per unit of deterministic stack cost that a JIT frame, with its return
    /// address, may take (`JITGenerator.finishFunction` rejects a frame that would take more).
    package static let bytesPerStackUnit = 8
    /// Native stack kept for the Swift frames between two JIT frames: a helper or host function
    /// called from JIT code, up to the next nested run's first JIT frame.
    package static let hostFrameReserve = 256 << 10
    /// Inaccessible bytes below the native stack.
    package static let guardBytes = 64 << 10

    unowned(unsafe) let store: StoreRuntime
    /// Sound: allocated in init with `JITContextLayout.size` bytes, freed in deinit.
    let context: UnsafeMutableRawPointer
    private var stack: (base: UnsafeMutableRawPointer, size: Int)?
    /// Runs in progress: more than one while a host function calls back into WebAssembly.
    private var runDepth = 0
    private let maxRunDepth: Int
    /// The trap a host function raised, with its message.
    private var hostTrap: Trap?

    package init(store: StoreRuntime) {
        self.store = store
        maxRunDepth = store.limits.hostReentryDepth + 1
        context = .allocate(byteCount: JITContextLayout.size, alignment: 16)
        context.initializeMemory(as: UInt8.self, repeating: 0, count: JITContextLayout.size)
        set(JITContextLayout.stackLimit, UInt64(store.limits.stackSlots))
        set(JITContextLayout.callImportHelper, UInt64(UInt(bitPattern: unsafeBitCast(jitCallImport, to: UnsafeRawPointer.self))))
        set(JITContextLayout.memoryGrowHelper, UInt64(UInt(bitPattern: unsafeBitCast(jitMemoryGrow, to: UnsafeRawPointer.self))))
        set(JITContextLayout.callIndirectHelper, UInt64(UInt(bitPattern: unsafeBitCast(jitCallIndirect, to: UnsafeRawPointer.self))))
        set(JITContextLayout.bulkHelper, UInt64(UInt(bitPattern: unsafeBitCast(jitBulk, to: UnsafeRawPointer.self))))
        set(JITContextLayout.numericHelper, UInt64(UInt(bitPattern: unsafeBitCast(jitNumeric, to: UnsafeRawPointer.self))))
        set(JITContextLayout.resolveIndirectHelper, UInt64(UInt(bitPattern: unsafeBitCast(jitResolveIndirect, to: UnsafeRawPointer.self))))
        set(JITContextLayout.execution, UInt64(UInt(bitPattern: Unmanaged.passUnretained(self).toOpaque())))
        precondition(MemoryLayout<MemoryView>.offset(of: \MemoryView.size) == 8, "MemoryView layout changed")
    }

    deinit {
        if let stack { munmap(stack.base, stack.size) }
        context.deallocate()
    }

    @inline(__always)
    func get(_ offset: Int32) -> UInt64 { context.load(fromByteOffset: Int(offset), as: UInt64.self) }
    @inline(__always)
    func set(_ offset: Int32, _ value: UInt64) { context.storeBytes(of: value, toByteOffset: Int(offset), as: UInt64.self) }

    /// The running instance (nil between runs).
    var instance: InstanceRuntime? {
        let raw = get(JITContextLayout.instance)
        guard raw != 0, let pointer = UnsafeRawPointer(bitPattern: UInt(raw)) else { return nil }
        return Unmanaged<InstanceRuntime>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Bytes of native stack for `limits`: the guard, JIT frames for the whole deterministic
    /// limit, and one host reserve per run that can be active (plus the one below the limit).
    package static func nativeStackBytes(_ limits: ExecutionLimits) -> Int {
        let page = CodeMemory.pageSize
        if let bytes = limits.nativeStackBytes { return guardBytes + hostFrameReserve + (bytes + page - 1) / page * page }
        let frames = bytesPerStackUnit * limits.stackSlots
        let hosts = (limits.hostReentryDepth + 2) * hostFrameReserve
        return guardBytes + (frames + hosts + page - 1) / page * page
    }

    /// Top of the native stack (mapped on first use); sets the native limit JIT prologues
    /// check against.
    private func stackTop() -> UnsafeMutableRawPointer? {
        if let stack { return stack.base + stack.size }
        let bytes = Self.nativeStackBytes(store.limits)
        let mapped = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let mapped, mapped != MAP_FAILED else { return nil }
        // The lowest pages are a guard: touching them faults instead of corrupting other memory.
        guard mprotect(mapped, Self.guardBytes, PROT_NONE) == 0 else {
            munmap(mapped, bytes)
            return nil
        }
        stack = (mapped, bytes)
        set(JITContextLayout.nativeStackLimit, UInt64(UInt(bitPattern: mapped + Self.guardBytes + Self.hostFrameReserve)))
        return mapped + bytes
    }

    /// Whether the calling Swift code, nested in a run on the native stack, is still above the
    /// native limit with a host reserve to spare (a host function that used more than its
    /// reserve would otherwise start the nested run below the limit).
    private func nestedRunFits() -> Bool {
        var marker: UInt8 = 0
        let position = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        let limit = UInt(get(JITContextLayout.nativeStackLimit))
        return position >= limit && position - limit >= UInt(Self.hostFrameReserve / 2)
    }

    /// Calls `function` with raw argument slots; returns raw result slots.
    package func invoke(_ function: FunctionInstance, arguments: [UInt64]) throws(Trap) -> [UInt64] {
        let type = function.type
        var slots = [UInt64](repeating: 0, count: max(type.parameters.count, type.results.count, 1))
        for (k, value) in arguments.enumerated() { slots[k] = value }
        try slots.withUnsafeMutableBufferPointer { (buffer) throws(Trap) in
            let pointer = buffer.baseAddress!
            if function.host != nil {
                if let trap = CallTarget(function).callHost(caller: nil, slots: pointer) { throw trap }
                return
            }
            if runDepth >= maxRunDepth { throw Trap(.callStackExhausted) }
            runDepth += 1
            defer { runDepth -= 1 }
            // A nested run (a host function called back) stays on the stack it is on.
            let top: UnsafeMutableRawPointer?
            if runDepth == 1 {
                guard let mapped = stackTop() else { throw Trap.host("could not map the JIT's native stack") }
                try FaultReporting.prepareCurrentThread()
                top = mapped
            } else {
                guard nestedRunFits() else { throw Trap(.callStackExhausted) }
                top = nil
            }
            set(JITContextLayout.fuel, store.fuel.remaining)
            let status = run(function, slots: pointer, stackTop: top)
            store.fuel.remaining = get(JITContextLayout.fuel)
            if status != 0 { throw trap(status) }
        }
        return Array(slots[0..<type.results.count])
    }

    /// The trap for a status code (a host trap's message is the one it raised).
    private func trap(_ status: UInt32) -> Trap {
        let kind = TrapKind(rawValue: UInt8(truncatingIfNeeded: status)) ?? .unreachable
        if kind == .host, let hostTrap {
            self.hostTrap = nil
            return hostTrap
        }
        return Trap(kind)
    }

    /// Runs compiled `function` on `slots` in its instance, restoring the caller's instance,
    /// saved stack pointer and (after a trap) stack account; returns the status.
    private func run(_ function: FunctionInstance, slots: UnsafeMutablePointer<UInt64>, stackTop: UnsafeMutableRawPointer?) -> UInt32 {
        let instance = function.instance!
        let saved = (
            get(JITContextLayout.savedStackPointer), get(JITContextLayout.stackUsed), get(JITContextLayout.memory0View),
            get(JITContextLayout.globals), get(JITContextLayout.instance), get(JITContextLayout.memoryViews))
        set(JITContextLayout.memory0View, UInt64(UInt(bitPattern: instance.memory0)))
        set(JITContextLayout.globals, UInt64(UInt(bitPattern: instance.globalSlots)))
        set(JITContextLayout.memoryViews, UInt64(UInt(bitPattern: instance.memoryViews)))
        set(JITContextLayout.instance, UInt64(UInt(bitPattern: Unmanaged.passUnretained(instance).toOpaque())))
        let status = JITEntryTrampoline.entry(context, function.code!.entry, slots, stackTop)
        set(JITContextLayout.savedStackPointer, saved.0)
        if status != 0 { set(JITContextLayout.stackUsed, saved.1) }
        set(JITContextLayout.memory0View, saved.2)
        set(JITContextLayout.globals, saved.3)
        set(JITContextLayout.instance, saved.4)
        set(JITContextLayout.memoryViews, saved.5)
        return status
    }

    /// `call` of imported function `index` of the running instance, arguments and results in
    /// `slots`: a host function (called with no reference counting and no allocation), or
    /// WebAssembly of another instance (run in its instance).
    func callImport(_ index: UInt32, slots: UnsafeMutablePointer<UInt64>) -> UInt32 {
        // Sound: during a run the context holds the running instance (set by `run`), which the
        // store keeps alive; its call targets were built before any code ran.
        let raw = UnsafeRawPointer(bitPattern: UInt(get(JITContextLayout.instance))).unsafelyUnwrapped
        let caller = Unmanaged<InstanceRuntime>.fromOpaque(raw)
        let target = caller._withUnsafeGuaranteedRef { $0.callTargets.unsafelyUnwrapped[Int(index)] }
        guard target.host != nil else { return call(target.function, slots: slots, caller: caller.takeUnretainedValue()) }
        return callHost(target, slots: slots, caller: caller)
    }

    /// Calls the host function of `target` from JIT code: the fuel goes from the context to the
    /// store and back around it, so the host charges the same counter; returns the status.
    @inline(__always)
    private func callHost(_ target: CallTarget, slots: UnsafeMutablePointer<UInt64>, caller: Unmanaged<InstanceRuntime>) -> UInt32 {
        store.fuel.remaining = get(JITContextLayout.fuel)
        let failure = target.callHost(caller: caller, slots: slots)
        set(JITContextLayout.fuel, store.fuel.remaining)
        guard let failure else { return 0 }
        if failure.kind == .outOfFuel { return UInt32(TrapKind.outOfFuel.rawValue) }
        hostTrap = failure
        return UInt32(TrapKind.host.rawValue)
    }

    /// `call_indirect` through `table` with the type `typeIndex` of the running instance, as the
    /// interpreter checks it: past the end is an undefined element, null is uninitialized, then
    /// the type identity.
    func callIndirect(table: UInt32, typeIndex: UInt32, element: UInt32, slots: UnsafeMutablePointer<UInt64>) -> UInt32 {
        let caller = instance!
        switch indirectTarget(table: table, typeIndex: typeIndex, element: element, caller: caller) {
        case .failure(let trap): return UInt32(trap.rawValue)
        case .success(let function): return call(function, slots: slots, caller: caller)
        }
    }

    /// The function `call_indirect` calls, or its trap.
    func indirectTarget(table: UInt32, typeIndex: UInt32, element: UInt32, caller: InstanceRuntime) -> Result<FunctionInstance, TrapKind> {
        let storage = caller.tables[Int(table)]
        guard Int(element) < storage.elements.count else { return .failure(.undefinedElement) }
        let reference = storage.elements[Int(element)]
        guard reference != 0 else { return .failure(.uninitializedElement) }
        let function = store.functions[Int(reference - 1)]
        guard function.typeID == caller.typeIDs[Int(typeIndex)] else { return .failure(.indirectCallTypeMismatch) }
        return .success(function)
    }

    /// `resolveIndirectHelper`: a function of the running instance is called directly by JIT
    /// code (native frames only, which the stack budget covers); others take the slow path.
    func resolveIndirect(table: UInt32, typeIndex: UInt32, element: UInt32) -> UInt64 {
        let caller = instance!
        switch indirectTarget(table: table, typeIndex: typeIndex, element: element, caller: caller) {
        case .failure(let trap): return UInt64(trap.rawValue)
        case .success(let function):
            guard function.instance === caller, let code = function.code else { return JITContextLayout.indirectSlowPath }
            return UInt64(UInt(bitPattern: code.entry))
        }
    }

    /// Calls `function` from JIT code of `caller`: a host function, or compiled code (run in
    /// its own instance on the current stack).
    func call(_ function: FunctionInstance, slots: UnsafeMutablePointer<UInt64>, caller: InstanceRuntime) -> UInt32 {
        guard function.host != nil else {
            return run(function, slots: slots, stackTop: nil)
        }
        return callHost(store.targets[function.address], slots: slots, caller: Unmanaged.passUnretained(caller))
    }

    /// `memory.grow` on `memoryIndex` of the running instance: trap code << 32 | result.
    func memoryGrow(_ delta: UInt32, memory memoryIndex: UInt32) -> UInt64 {
        let memory = instance!.memories[Int(memoryIndex)]
        var fuel = FuelCounter(remaining: get(JITContextLayout.fuel))
        let (result, trap) = BulkMemory.grow(memory, by: UInt64(delta), costs: store.costs, fuel: &fuel)
        set(JITContextLayout.fuel, fuel.remaining)
        return UInt64(TrapKind.code(trap)) << 32 | UInt64(result)
    }
}

extension JITExecution {
    /// A bulk memory or table operation on `operands` (WebAssembly order) in the running instance.
    func bulk(_ operation: UInt32, _ a: UInt32, _ b: UInt32, operands: UnsafeMutablePointer<UInt64>) -> UInt32 {
        let instance = instance!
        func u32(_ k: Int) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: operands[k])) }
        var fuel = FuelCounter(remaining: get(JITContextLayout.fuel))
        defer { set(JITContextLayout.fuel, fuel.remaining) }
        let trap: TrapKind?
        switch JITBulkOperation(rawValue: operation) {
        case .memoryFill:
            trap = BulkMemory.fill(
                instance.memories[Int(a)], destination: u32(0), value: UInt8(truncatingIfNeeded: operands[1]), count: u32(2),
                costs: store.costs, fuel: &fuel)
        case .memoryCopy:
            trap = BulkMemory.copy(
                to: instance.memories[Int(a)], from: instance.memories[Int(b)], destination: u32(0), source: u32(1), count: u32(2),
                costs: store.costs, fuel: &fuel)
        case .memoryInit:
            trap = BulkMemory.initialize(
                instance.memories[Int(a)], from: instance.dataSegments[Int(b)], destination: u32(0), source: u32(1), count: u32(2),
                costs: store.costs, fuel: &fuel)
        case .dataDrop:
            instance.dataSegments[Int(a)] = []
            trap = nil
        case .tableGet:
            let (value, kind) = BulkTable.get(instance.tables[Int(a)], index: u32(0))
            if kind == nil { operands[0] = value }
            trap = kind
        case .tableSet:
            trap = BulkTable.set(instance.tables[Int(a)], index: u32(0), value: operands[1])
        case .tableSize:
            operands[0] = UInt64(instance.tables[Int(a)].elements.count)
            trap = nil
        case .tableGrow:
            let (result, kind) = BulkTable.grow(instance.tables[Int(a)], by: u32(1), initial: operands[0], costs: store.costs, fuel: &fuel)
            if kind == nil { operands[0] = UInt64(result) }
            trap = kind
        case .tableFill:
            trap = BulkTable.fill(
                instance.tables[Int(a)], destination: u32(0), value: operands[1], count: u32(2), costs: store.costs, fuel: &fuel)
        case .tableCopy:
            trap = BulkTable.copy(
                to: instance.tables[Int(a)], from: instance.tables[Int(b)], destination: u32(0), source: u32(1), count: u32(2),
                costs: store.costs, fuel: &fuel)
        case .tableInit:
            trap = BulkTable.initialize(
                instance.tables[Int(a)], from: instance.elementSegments[Int(b)], destination: u32(0), source: u32(1), count: u32(2),
                costs: store.costs, fuel: &fuel)
        case .elemDrop:
            instance.elementSegments[Int(a)] = []
            trap = nil
        case .refFunc:
            operands[0] = UInt64(instance.functions[Int(a)].address + 1)
            trap = nil
        case nil:
            trap = .unreachable
        }
        return UInt32(TrapKind.code(trap))
    }
}

/// The context's execution, unretained. Sound: the execution owns the context, so it is alive
/// while JIT code runs on it.
@inline(__always)
private func executionReference(_ context: UnsafeMutableRawPointer) -> Unmanaged<JITExecution> {
    Unmanaged.fromOpaque(context.load(fromByteOffset: Int(JITContextLayout.execution), as: UnsafeRawPointer.self))
}

@inline(__always)
private func execution(_ context: UnsafeMutableRawPointer) -> JITExecution {
    executionReference(context).takeUnretainedValue()
}

private let jitCallImport: @convention(c) (UnsafeMutableRawPointer, UInt32, UnsafeMutablePointer<UInt64>) -> UInt32 = { context, index, slots in
    executionReference(context)._withUnsafeGuaranteedRef { $0.callImport(index, slots: slots) }
}

private let jitMemoryGrow: @convention(c) (UnsafeMutableRawPointer, UInt32, UInt32) -> UInt64 = { context, delta, memory in
    execution(context).memoryGrow(delta, memory: memory)
}

private let jitCallIndirect: @convention(c) (UnsafeMutableRawPointer, UInt64, UnsafeMutablePointer<UInt64>, UInt32) -> UInt32 = {
    context, selector, slots, element in
    execution(context).callIndirect(
        table: UInt32(truncatingIfNeeded: selector >> 32), typeIndex: UInt32(truncatingIfNeeded: selector), element: element, slots: slots)
}

private let jitResolveIndirect: @convention(c) (UnsafeMutableRawPointer, UInt64, UInt32) -> UInt64 = { context, selector, element in
    execution(context).resolveIndirect(
        table: UInt32(truncatingIfNeeded: selector >> 32), typeIndex: UInt32(truncatingIfNeeded: selector), element: element)
}

private let jitBulk: @convention(c) (UnsafeMutableRawPointer, UInt32, UInt32, UInt32, UnsafeMutablePointer<UInt64>) -> UInt32 = {
    context, operation, a, b, operands in
    execution(context).bulk(operation, a, b, operands: operands)
}
