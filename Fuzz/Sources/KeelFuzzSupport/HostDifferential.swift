import Keel
import KeelHost
import KeelState

/// Runs a generated contract's `run` method through ``ContractHost`` on the interpreter and
/// on the JIT, over identical fresh states (a few storage entries and a balance), and
/// compares the outcomes: status, trap kind, return data, events, logs, fuel and write set.
public struct HostDifferential: Sendable {
    /// Where the contract lives (its program knows the address: it calls itself there).
    public static let contract = try! ContractAddress((0..<32).map { UInt8($0 &* 7 &+ 1) })
    /// The transaction's sender.
    public static let sender = try! ContractAddress([UInt8](repeating: 0xAB, count: 32))

    /// An error `ContractHost` threw (a state failure: never expected from a memory store).
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The fuel each execution gets.
    public var fuel: UInt64 = 2_000_000

    /// A differential runner with the default fuel.
    public init() {}

    /// The generator of programs for ``contract``.
    public static var generator: HostProgramGenerator { HostProgramGenerator(selfAddress: contract.bytes) }

    /// Engines for both backends under the contract profile, made once.
    private static let engines: [Backend: Engine] = Dictionary(uniqueKeysWithValues: [Backend.interpreter, .jit].map { backend in
        var configuration = EngineConfiguration.contract
        configuration.backend = backend
        return (backend, try! Engine(configuration: configuration))
    })

    /// The outcome (or the thrown error's description) of running `run` of `code` with
    /// `input` on `backend`; nil when the code does not compile (the caller compares that).
    public func outcome(code: [UInt8], input: [UInt8], on backend: Backend) -> Result<ExecutionOutcome, Failure>? {
        let engine = Self.engines[backend]!
        guard let module = try? Module(engine: engine, bytes: code) else { return nil }
        let resolver = InMemoryContractResolver()
        resolver.register(module, at: Self.contract)
        let host = ContractHost(engine: engine, resolver: resolver)
        let state = MemoryStore()
        let prefix = ContractStorage.keyPrefix(for: Self.contract)
        var changes = (0..<6).map { StateChange(key: prefix + [UInt8($0), 0x72], value: Array(repeating: UInt8($0 &* 31), count: $0 * 5)) }
        changes.append(StateChange(key: prefix, value: [1, 2, 3]))
        changes.append(StateChange(key: NativeBalances.key(for: Self.contract), value: [0x40, 0x42, 0x0F, 0, 0, 0, 0, 0]))
        do {
            try state.write(WriteBatch(changes), sync: false)
            return .success(try host.execute(
                contract: Self.contract, method: "run", input: input, sender: Self.sender, fuel: fuel, state: state,
                block: BlockContext(height: 7, time: 1_700_000_000)))
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }

    /// The first difference between the backends for `code` run with `input`, if any.
    public func difference(code: [UInt8], input: [UInt8]) -> String? {
        let interpreted = outcome(code: code, input: input, on: .interpreter)
        let compiled = outcome(code: code, input: input, on: .jit)
        switch (interpreted, compiled) {
        case (nil, nil): return nil
        case (nil, _), (_, nil): return "only one backend compiled the contract: interpreter \(interpreted == nil ? "rejected" : "accepted"), jit \(compiled == nil ? "rejected" : "accepted")"
        case (.some(let a), .some(let b)):
            switch (a, b) {
            case (.success(let x), .success(let y)):
                return x == y ? nil : "outcomes differ:\ninterpreter: \(x)\njit: \(y)"
            case (.failure(let x), .failure(let y)):
                return x == y ? nil : "errors differ: \(x) vs \(y)"
            default:
                return "one backend threw: interpreter \(a), jit \(b)"
            }
        }
    }
}
