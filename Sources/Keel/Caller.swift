import KeelRuntime

/// What a host function sees of the instance that called it.
public struct Caller {
    /// The store the call runs in.
    public let store: Store
    let instance: InstanceRuntime?

    /// The calling instance's memory `index` (nil when called from outside WebAssembly).
    public func memory(_ index: Int = 0) -> Memory? {
        guard let instance, index >= 0, index < instance.memories.count else { return nil }
        return Memory(store: store, storage: instance.memories[index])
    }

    /// Charges `amount` fuel for the host function's work, before doing it. Traps with
    /// `out of fuel` (remaining fuel becomes 0) when it exceeds what remains; does nothing when
    /// the engine does not meter.
    public func consumeFuel(_ amount: UInt64) throws(Trap) {
        try store.execution.consumeFuel(amount)
    }

    /// The calling instance's export named `name`.
    public func export(_ name: String) -> Extern? {
        guard let instance else { return nil }
        return Instance.export(named: name, in: instance, store: store)
    }
}

/// A host function's body: receives its caller and typed arguments, returns typed results or
/// throws. A thrown `Trap` (use `Trap.host(_:)` for a message) traps the caller as it is; any
/// other error traps it with the error's description.
public typealias HostFunctionBody = (Caller, [Value]) throws -> [Value]

/// A host function definition, created in each store that imports it.
final class HostDefinition {
    let type: FunctionType
    let body: HostFunctionBody

    init(type: FunctionType, body: @escaping HostFunctionBody) {
        self.type = type
        self.body = body
    }

    /// This definition's function in `store`, created on first use.
    func function(in store: Store) -> FunctionInstance {
        if let existing = store.hostFunctions[ObjectIdentifier(self)] { return existing }
        let type = self.type
        let body = self.body
        let host = HostFunction { [unowned store] (caller: InstanceRuntime?, slots: UnsafeMutablePointer<UInt64>) throws(Trap) in
            var arguments: [Value] = []
            arguments.reserveCapacity(type.parameters.count)
            for (k, parameter) in type.parameters.enumerated() {
                arguments.append(Value(bits: slots[k], type: parameter))
            }
            let results: [Value]
            do {
                results = try body(Caller(store: store, instance: caller), arguments)
            } catch let trap as Trap {
                throw trap
            } catch {
                throw Trap.host("\(error)")
            }
            guard results.count == type.results.count else {
                throw Trap.host("host function returned \(results.count) results, expected \(type.results.count)")
            }
            for (k, (result, expected)) in zip(results, type.results).enumerated() {
                guard result.type == expected else {
                    throw Trap.host("host function result \(k) has type \(result.type), expected \(expected)")
                }
                slots[k] = result.bits
            }
        }
        let function = store.runtime.addHostFunction(type: type, host: host)
        store.hostFunctions[ObjectIdentifier(self)] = function
        return function
    }
}
