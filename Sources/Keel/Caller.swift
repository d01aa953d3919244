import KeelRuntime

/// What a host function sees of the instance that called it. Valid only while the host call it
/// was passed to runs: do not keep it (it holds the store and the instance unretained, so that a
/// host call counts no references).
public struct Caller {
    /// Sound: a host function runs inside a call into the store (`Function.call` holds it), and
    /// the calling instance is owned by the store.
    private unowned(unsafe) let storeReference: Store
    private let instanceReference: Unmanaged<InstanceRuntime>?

    init(store: Store, instance: Unmanaged<InstanceRuntime>?) {
        self.storeReference = store
        self.instanceReference = instance
    }

    /// The store the call runs in.
    public var store: Store { storeReference }
    /// The calling instance (nil when called from outside WebAssembly).
    var instance: InstanceRuntime? { instanceReference?.takeUnretainedValue() }

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

/// A host function's body in its convenient form: receives its caller and typed arguments,
/// returns typed results or throws (each call boxes its arguments and results into arrays; use
/// `RawHostFunctionBody` where calls must be cheap). A thrown `Trap` (use `Trap.host(_:)` for a message) traps the caller as it is; any
/// other error traps it with the error's description.
public typealias HostFunctionBody = (Caller, [Value]) throws -> [Value]

/// A host function definition, created in each store that imports it.
final class HostDefinition {
    let type: FunctionType
    let body: RawHostFunctionBody

    init(type: FunctionType, body: @escaping RawHostFunctionBody) {
        self.type = type
        self.body = body
    }

    /// A definition whose body takes and returns `Value` arrays: the convenient form, unboxed
    /// from and written back to the slots around `body`, with the results' count and types checked.
    convenience init(type: FunctionType, values body: @escaping HostFunctionBody) {
        self.init(type: type) { caller, slots in
            var arguments: [Value] = []
            arguments.reserveCapacity(type.parameters.count)
            for (k, parameter) in type.parameters.enumerated() {
                arguments.append(Value(bits: slots.parameter(k), type: parameter))
            }
            let results = try body(caller, arguments)
            guard results.count == type.results.count else {
                throw Trap.host("host function returned \(results.count) results, expected \(type.results.count)")
            }
            for (k, (result, expected)) in zip(results, type.results).enumerated() {
                guard result.type == expected else {
                    throw Trap.host("host function result \(k) has type \(result.type), expected \(expected)")
                }
                slots.setResult(k, result.bits)
            }
        }
    }

    /// This definition's function in `store`, created on first use.
    func function(in store: Store) -> FunctionInstance {
        if let existing = store.hostFunctions[ObjectIdentifier(self)] { return existing }
        let body = self.body
        let parameterCount = type.parameters.count
        let resultCount = type.results.count
        // Sound (`unowned(unsafe)`): the store owns this closure (through its runtime's function
        // list) and every call into it runs inside a call that holds the store.
        let host = HostFunction { [unowned(unsafe) store] (caller: Unmanaged<InstanceRuntime>?, slots: UnsafeMutablePointer<UInt64>) throws(Trap) in
            // Result slots past the parameters hold whatever the backend left there: zero them, so
            // a result the body does not write is the same on every backend.
            if resultCount > parameterCount { (slots + parameterCount).update(repeating: 0, count: resultCount - parameterCount) }
            do {
                try body(Caller(store: store, instance: caller), HostSlots(base: slots, parameterCount: parameterCount, resultCount: resultCount))
            } catch let trap as Trap {
                throw trap
            } catch {
                throw Trap.host("\(error)")
            }
        }
        let function = store.runtime.addHostFunction(type: type, host: host)
        store.hostFunctions[ObjectIdentifier(self)] = function
        return function
    }
}
