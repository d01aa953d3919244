import KeelFrontEnd
import KeelInterpreter
import KeelRuntime

// The one place `Keel` names a backend: compiling function bodies, creating a store's
// execution and calling into it. Everything else in `Keel` goes through these types, so a
// second backend is a new case here, not an edit of every file.

/// A defined function's compiled code, as the chosen backend produced it.
typealias BackendCode = CompiledFunction

extension Backend {
    /// Whether this build can compile and run code with the backend.
    var isAvailable: Bool {
        switch self {
        case .interpreter: true
        case .jit: false
        }
    }

    /// Compiles the defined function at `functionIndex` of `info`.
    func compile(
        module info: ModuleInfo, declaredReferences: DeclaredReferences, functionIndex: Int, configuration: EngineConfiguration
    ) throws(CompileError) -> BackendCode {
        switch self {
        case .interpreter:
            try ModuleCompiler.translate(
                module: info, declaredReferences: declaredReferences, functionIndex: functionIndex,
                options: configuration.frontEndOptions,
                generator: InterpreterGenerator(canonicalizeNaN: configuration.canonicalizeNaN, importedFunctionCount: info.importedFunctionCount))
        case .jit:  // Unreachable: Engine(configuration:) admits only available backends.
            throw CompileError(.unsupported, "the \(rawValue) backend is not available in this build", functionIndex: functionIndex)
        }
    }
}

extension Module {
    /// The interpreter code of every defined function, for debugging the translator.
    package var interpreterDisassembly: [String] {
        compiled.enumerated().flatMap { k, function in
            ["function \(info.importedFunctionCount + k):"] + function.disassembly.map { "  " + $0 }
        }
    }
}

/// How a store runs calls and keeps its fuel, on the engine's backend.
final class StoreExecution {
    private let runtime: StoreRuntime
    private var created: Executor?

    init(runtime: StoreRuntime) {
        self.runtime = runtime
    }

    /// The interpreter's executor, created on first use (a store that never runs code never
    /// maps a value stack).
    private var executor: Executor {
        if let created { return created }
        let executor = Executor(store: runtime, limits: runtime.limits)
        created = executor
        return executor
    }

    /// Fuel remaining (meaningful when the engine meters): the runtime's one counter.
    var fuel: UInt64 {
        get { runtime.fuel.remaining }
        set { runtime.fuel.remaining = newValue }
    }

    /// Charges host work; traps with `out of fuel` (fuel becomes 0) past what remains.
    func consumeFuel(_ amount: UInt64) throws(Trap) {
        try runtime.consumeFuel(amount)
    }

    /// Calls `function` with raw argument slots; returns raw result slots.
    func invoke(_ function: FunctionInstance, arguments: [UInt64]) throws(Trap) -> [UInt64] {
        try executor.invoke(function, arguments: arguments)
    }
}
