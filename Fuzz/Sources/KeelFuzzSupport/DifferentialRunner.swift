import Keel

/// Runs a ``GeneratedModule`` on one engine configuration and records its ``Observation``:
/// instantiation, then every call in order in the same instance, each with a fresh fuel
/// budget, then memory 0 and the exported globals.
public struct DifferentialRunner {
    /// The configuration to run under (its backend is replaced per run).
    public var configuration: EngineConfiguration
    /// Fuel given to instantiation and to each call.
    public var fuelPerCall: UInt64

    /// A runner for `configuration` with `fuelPerCall`.
    public init(configuration: EngineConfiguration, fuelPerCall: UInt64) {
        self.configuration = configuration
        self.fuelPerCall = fuelPerCall
    }

    /// The observation of `module` on `backend`.
    public func observe(_ module: GeneratedModule, on backend: Backend) -> Observation {
        var configuration = self.configuration
        configuration.backend = backend
        var observation = Observation()
        let engine: Engine
        do {
            engine = try Engine(configuration: configuration)
        } catch {
            fatalError("fuzz-diff: \(error)")
        }
        let compiled: Module
        do {
            compiled = try Module(engine: engine, bytes: module.bytes)
        } catch {
            observation.rejection = "\(error.kind): \(error.message)"
            return observation
        }
        let store = Store(engine: engine)
        let instance: Instance
        store.setFuel(fuelPerCall)
        do {
            instance = try Linker(engine: engine).instantiate(compiled, in: store)
            observation.instantiationFuel = store.fuelConsumed
        } catch {
            observation.instantiation = "\(error)"
            observation.instantiationFuel = store.fuelConsumed
            return observation
        }
        for call in module.calls {
            guard let function = instance.function(call.export) else { fatalError("fuzz-diff: no export \(call.export)") }
            store.setFuel(fuelPerCall)
            let outcome: Observation.Outcome
            do {
                outcome = .returned(try function.call(call.arguments).map(Self.bits))
            } catch {
                outcome = .trapped(error.kind, error.message)
            }
            observation.calls.append(.init(export: call.export, outcome: outcome, fuel: store.fuelConsumed))
        }
        if let memory = instance.memory("memory") {
            observation.memory = (try? memory.read(at: 0, count: memory.byteCount)) ?? []
        }
        for (name, value) in instance.exports {
            if case .global(let global) = value { observation.globals.append("\(name)=0x\(String(Self.bits(global.value), radix: 16))") }
        }
        return observation
    }

    /// The exact bits of a value (references as null or not: addresses belong to a store).
    static func bits(_ value: Value) -> UInt64 {
        switch value {
        case .i32(let v): UInt64(v)
        case .i64(let v): v
        case .f32(let v): UInt64(v)
        case .f64(let v): v
        case .funcref(let r): r == nil ? 0 : 1
        case .externref(let r): r.map { UInt64($0) + 1 } ?? 0
        }
    }
}
