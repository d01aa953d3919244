import Keel

/// Runs a module the way binaryen's fuzzer harness does and records its ``ExecutionTrace``:
/// every exported function in export order, with zero arguments, each with its own fuel
/// budget; `hangLimitInitializer` (the fuzzer's loop guard) before each call when exported.
public struct TraceRunner {
    /// The engine configuration (backend, profile) to run under.
    public let configuration: EngineConfiguration
    /// Fuel given to each call, when the configuration meters.
    public let fuelPerCall: UInt64

    public init(configuration: EngineConfiguration, fuelPerCall: UInt64 = 20_000_000) {
        self.configuration = configuration
        self.fuelPerCall = fuelPerCall
    }

    /// The trace of `bytes`. Errors of the engine itself (a backend unavailable) are thrown;
    /// everything the module does is recorded.
    public func trace(_ bytes: [UInt8]) throws -> ExecutionTrace {
        let engine = try Engine(configuration: configuration)
        var trace = ExecutionTrace()
        let module: Module
        do {
            module = try Module(engine: engine, bytes: bytes)
        } catch {
            trace.rejection = error.description
            return trace
        }
        let store = Store(engine: engine)
        let linker = Linker(engine: engine)
        let log = LogBuffer()
        for type in [ValueType.i32, .i64, .f32, .f64] {
            linker.define(module: "fuzzing-support", name: "log-\(type)", type: FunctionType(parameters: [type], results: [])) { _, arguments in
                log.entries.append(arguments.map(Self.format).joined(separator: ","))
                return []
            }
        }
        let instance: Instance
        do {
            store.setFuel(fuelPerCall)
            instance = try linker.instantiate(module, in: store)
        } catch {
            trace.rejection = "instantiation: \(error)"
            return trace
        }
        let exports = instance.exports
        let guardFunction: Function? = exports.first { $0.name == "hangLimitInitializer" }.flatMap {
            if case .function(let f) = $0.value { f } else { nil }
        }
        for (name, value) in exports {
            guard case .function(let function) = value, name != "hangLimitInitializer" else { continue }
            store.setFuel(fuelPerCall)
            log.entries = []
            let outcome: ExecutionTrace.Outcome
            do {
                if let guardFunction { _ = try guardFunction.call([]) }
                let arguments = function.type.parameters.map(Self.zero)
                outcome = .returned(try function.call(arguments).map(Self.bits))
            } catch {
                outcome = .trapped("\(error.kind): \(error.message)")
            }
            trace.calls.append(.init(export: name, outcome: outcome, fuel: store.fuelConsumed, log: log.entries))
        }
        for (name, value) in exports {
            switch value {
            case .memory(let memory) where trace.memoryHash == nil:
                trace.memoryPages = memory.pageCount
                trace.memoryHash = Self.fnv1a((try? memory.read(at: 0, count: memory.byteCount)) ?? [])
            case .global(let global):
                trace.globals.append("\(name)=\(Self.format(global.value))")
            default:
                break
            }
        }
        return trace
    }

    final class LogBuffer { var entries: [String] = [] }

    static func zero(_ type: ValueType) -> Value {
        switch type {
        case .i32: .i32(0)
        case .i64: .i64(0)
        case .f32: .f32(0)
        case .f64: .f64(0)
        case .funcref: .funcref(nil)
        case .externref: .externref(nil)
        }
    }

    /// Exact bits of a value (references as null or not: addresses are store-specific).
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

    static func format(_ value: Value) -> String {
        "\(value.type):0x" + String(bits(value), radix: 16)
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}
