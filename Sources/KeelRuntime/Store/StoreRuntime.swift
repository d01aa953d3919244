import KeelFrontEnd

/// The state shared by every instance of a store: the function address space and the type
/// identities used by `call_indirect`. The backend's own per-store state (the interpreter's
/// executor) lives beside it.
package final class StoreRuntime {
    package private(set) var functions: [FunctionInstance] = []
    package private(set) var instances: [InstanceRuntime] = []
    private var typeIDs: [FunctionType: Int] = [:]
    package let limits: ExecutionLimits
    /// The store's fuel: the one counter every backend charges (a backend may cache it in a
    /// register during a run and writes it back before anything else can read it: host calls
    /// and the run's end).
    package var fuel = FuelCounter(remaining: UInt64.max)
    /// The dynamic prices of `limits.metering` (all zero when the store does not meter).
    package let costs: DynamicCosts

    package init(limits: ExecutionLimits) {
        self.limits = limits
        self.costs = DynamicCosts(limits.metering)
    }

    /// Charges `amount` fuel for host work; traps with `out of fuel` (fuel becomes 0) when it
    /// exceeds what remains. Does nothing when the store does not meter.
    package func consumeFuel(_ amount: UInt64) throws(Trap) {
        guard costs.metered else { return }
        guard fuel.charge(amount) else { throw Trap(.outOfFuel) }
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

    package func addFunction(type: FunctionType, code: FunctionCode, instance: InstanceRuntime) -> FunctionInstance {
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
}
