import KeelFrontEnd

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

    package init(store: StoreRuntime) {
        self.store = store
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
        functions.append(function)
        return function
    }

    package func addHostFunction(type: FunctionType, host: HostFunction) -> FunctionInstance {
        let function = FunctionInstance(type: type, typeID: typeID(type), address: functions.count, host: host)
        functions.append(function)
        return function
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
    /// The most pages any memory may have.
    package var memoryPages: Int
    /// The most elements any table may have.
    package var tableSize: UInt64

    package init(stackSlots: Int = 1 << 20, memoryPages: Int = 65536, tableSize: UInt64 = 10_000_000) {
        self.stackSlots = stackSlots
        self.memoryPages = memoryPages
        self.tableSize = tableSize
    }
}
