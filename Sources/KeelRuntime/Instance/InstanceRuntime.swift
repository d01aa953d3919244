import KeelFrontEnd
import KeelRuntime

/// The execution state of one module instance: its index spaces resolved to store entities.
package final class InstanceRuntime {
    package var functions: [FunctionInstance] = []
    package var memories: [LinearMemory] = []
    package var tables: [TableStorage] = []
    package var globals: [GlobalCell] = []
    /// Store-wide type identity of each of the module's types.
    package var typeIDs: [Int] = []
    /// Passive data segments' bytes; emptied by `data.drop` and by instantiation for active ones.
    package var dataSegments: [[UInt8]] = []
    /// Element segments' references; emptied by `elem.drop`.
    package var elementSegments: [[UInt64]] = []
    /// The module's exports, in order.
    package var exports: [ExportEntry] = []
    package unowned(unsafe) let store: StoreRuntime
    /// Raw views of `functions`, `globals` and the first memory for the dispatch loop, built by
    /// `prepareForExecution()`; they hold no references, so the loop does no reference counting.
    package private(set) var callTargets: UnsafeMutablePointer<CallTarget>?
    package private(set) var globalSlots: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>?
    /// The views of the memories, by index, and of memory 0 (an empty view without memory).
    package private(set) var memoryViews: UnsafeMutablePointer<UnsafeMutablePointer<MemoryView>>?
    package private(set) var memory0: UnsafeMutablePointer<MemoryView>
    // Never written after creation: a zero-sized memory every memoryless instance may share.
    nonisolated(unsafe) private static let emptyView: UnsafeMutablePointer<MemoryView> = {
        let empty = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        let view = UnsafeMutablePointer<MemoryView>.allocate(capacity: 1)
        view.initialize(to: MemoryView(base: empty, size: 0))
        return view
    }()

    package init(store: StoreRuntime) {
        self.store = store
        self.memory0 = InstanceRuntime.emptyView
    }

    deinit {
        callTargets?.deallocate()
        globalSlots?.deallocate()
        memoryViews?.deallocate()
    }

    /// Builds the raw views once the index spaces are complete (before any code runs). The
    /// objects they point into are owned by this instance or, for imports, by the store.
    package func prepareForExecution() {
        callTargets?.deallocate()
        globalSlots?.deallocate()
        let targets = UnsafeMutablePointer<CallTarget>.allocate(capacity: max(functions.count, 1))
        for (k, function) in functions.enumerated() { (targets + k).initialize(to: CallTarget(function)) }
        callTargets = targets
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>.allocate(capacity: max(globals.count, 1))
        for (k, global) in globals.enumerated() { (slots + k).initialize(to: global.slot) }
        globalSlots = slots
        memoryViews?.deallocate()
        let views = UnsafeMutablePointer<UnsafeMutablePointer<MemoryView>>.allocate(capacity: max(memories.count, 1))
        for (k, memory) in memories.enumerated() { (views + k).initialize(to: memory.view) }
        memoryViews = views
        memory0 = memories.first?.view ?? InstanceRuntime.emptyView
    }

    /// Breaks the reference cycles between this instance and its functions when the store goes.
    func release() {
        functions = []
        tables = []
    }
}

/// The state shared by every instance of a store: the function address space, the type
/// identities used by `call_indirect`, and the executor.
package final class StoreRuntime {
    package private(set) var functions: [FunctionInstance] = []
    package private(set) var instances: [InstanceRuntime] = []
    private var typeIDs: [FunctionType: Int] = [:]
    package let limits: ExecutionLimits
    private var executorStorage: Executor?

    package init(limits: ExecutionLimits) {
        self.limits = limits
    }

    deinit {
        for instance in instances { instance.release() }
        targets.deinitialize(count: functions.count)
        targets.deallocate()
    }

    /// The store-wide identity of a function type (lookups only; never iterated).
    package func typeID(_ type: FunctionType) -> Int {
        if let id = typeIDs[type] { return id }
        let id = typeIDs.count
        typeIDs[type] = id
        return id
    }

    package func addInstance(_ instance: InstanceRuntime) {
        instances.append(instance)
    }

    package func addFunction(type: FunctionType, code: CompiledFunction, instance: InstanceRuntime) -> FunctionInstance {
        let function = FunctionInstance(type: type, typeID: typeID(type), address: functions.count, code: code, instance: instance)
        append(function)
        return function
    }

    package func addHostFunction(type: FunctionType, host: HostFunction) -> FunctionInstance {
        let function = FunctionInstance(type: type, typeID: typeID(type), address: functions.count, host: host)
        append(function)
        return function
    }

    /// Call targets of every function by address, for `call_indirect`. Reallocated as functions
    /// are added (never during a call: the dispatch loop reloads it at each use).
    package private(set) var targets: UnsafeMutablePointer<CallTarget> = .allocate(capacity: 16)
    private var targetCapacity = 16

    private func append(_ function: FunctionInstance) {
        if functions.count == targetCapacity {
            let grown = UnsafeMutablePointer<CallTarget>.allocate(capacity: targetCapacity * 2)
            grown.moveInitialize(from: targets, count: functions.count)
            targets.deallocate()
            targets = grown
            targetCapacity *= 2
        }
        (targets + functions.count).initialize(to: CallTarget(function))
        functions.append(function)
    }

    package var executor: Executor {
        if let executorStorage { return executorStorage }
        let executor = Executor(store: self, limits: limits)
        executorStorage = executor
        return executor
    }
}

/// Deterministic execution limits.
package struct ExecutionLimits: Sendable {
    /// The call-stack limit in value slots: the sum of the stack costs of the active frames.
    package var stackSlots: Int
    /// The fuel schedule when metering (its dynamic costs are charged at run time).
    package var metering: CostSchedule?
    /// How deeply host functions may call back into WebAssembly: each nesting holds native
    /// stack, so it is bounded separately (and deterministically) from the slot limit.
    package var hostReentryDepth: Int

    package init(stackSlots: Int = 1 << 20, metering: CostSchedule? = nil, hostReentryDepth: Int = 100) {
        self.stackSlots = stackSlots
        self.metering = metering
        self.hostReentryDepth = hostReentryDepth
    }
}
