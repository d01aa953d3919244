import Keel
import KeelFrontEnd
import Testing

/// What one call did on one backend: its results or its trap, and the fuel it consumed.
struct CallOutcome: Equatable, CustomStringConvertible {
    var results: [Value]?
    var trap: String?
    var fuel: UInt64?

    var description: String {
        (trap.map { "trap \($0)" } ?? "\(results ?? [])") + (fuel.map { " fuel \($0)" } ?? "")
    }
}

/// One call to make: an export and its arguments, with the fuel it may use (metered engines).
struct Call {
    var export: String
    var arguments: [Value]
    var fuel: UInt64 = 1_000_000

    init(_ export: String, _ arguments: Value..., fuel: UInt64 = 1_000_000) {
        self.export = export
        self.arguments = arguments
        self.fuel = fuel
    }
}

/// Runs `calls` on a fresh instance of `wat` on `backend`, in order, in one store; then
/// appends the bytes of the exported memory "memory" (if any) as a final pseudo-outcome.
func outcomes(
    _ wat: String, _ calls: [Call], backend: Backend, configuration base: EngineConfiguration, linker define: (Linker) -> Void = { _ in }
) throws -> [CallOutcome] {
    var configuration = base
    configuration.backend = backend
    let engine = try Engine(configuration: configuration)
    let module = try Module(engine: engine, wat: wat)
    if backend == .jit {
        // Really machine code: the JIT compiled every defined function.
        #expect(module.machineCodeBytes != nil)
    }
    let store = Store(engine: engine)
    let linker = Linker(engine: engine)
    define(linker)
    let instance = try linker.instantiate(module, in: store)
    var outcomes: [CallOutcome] = []
    for call in calls {
        store.setFuel(call.fuel)
        var outcome = CallOutcome()
        do {
            outcome.results = try instance.function(call.export)!.call(call.arguments)
        } catch {
            outcome.trap = error.description
        }
        outcome.fuel = store.fuelConsumed
        outcomes.append(outcome)
    }
    if let memory = instance.memory("memory") {
        outcomes.append(CallOutcome(results: try memory.read(at: 0, count: memory.byteCount).map { .i32(UInt32($0)) }))
    }
    return outcomes
}

/// Runs `calls` on the interpreter and on the JIT, in the standard and the contract profile,
/// and expects identical outcomes (results, traps, fuel, final memory); returns the
/// interpreter's outcomes under the contract profile so tests can also check their values.
@discardableResult
func expectSameOnBothBackends(
    _ wat: String, _ calls: [Call], stackLimit: Int? = nil, linker: (Linker) -> Void = { _ in },
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> [CallOutcome] {
    var contract: [CallOutcome] = []
    for var configuration in [EngineConfiguration.standard, .contract] {
        if let stackLimit { configuration.stackLimit = stackLimit }
        let interpreted = try outcomes(wat, calls, backend: .interpreter, configuration: configuration, linker: linker)
        let compiled = try outcomes(wat, calls, backend: .jit, configuration: configuration, linker: linker)
        #expect(interpreted.count == compiled.count, sourceLocation: sourceLocation)
        for (k, (a, b)) in zip(interpreted, compiled).enumerated() {
            let what = k < calls.count ? "\(calls[k].export)\(calls[k].arguments)" : "final memory"
            #expect(a == b, "\(what) (metered: \(configuration.fuelMetering)): interp \(a) vs jit \(b)", sourceLocation: sourceLocation)
        }
        contract = interpreted
    }
    return contract
}

/// Interesting i32 and i64 operands: zero, ones, the extremes, shift-count edges.
let i32Edges: [UInt32] = [0, 1, 2, 7, 31, 32, 33, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF_FFF9, 0x1234_5678]
let i64Edges: [UInt64] = [0, 1, 2, 7, 63, 64, 65, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, ~0, ~6, 0xFFFF_FFFF, 0x1234_5678_9ABC_DEF0]
