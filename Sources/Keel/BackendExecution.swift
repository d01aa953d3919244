import KeelFrontEnd
import KeelInterpreter
import KeelJIT
import KeelRuntime

// The one place `Keel` names a backend: compiling function bodies, creating a store's
// execution and calling into it. Everything else in `Keel` goes through these types, so a
// second backend is a new case here, not an edit of every file.

/// A module's compiled code, as the chosen backend produced it.
enum BackendCode {
    /// The interpreter's code of each defined function.
    case interpreter([CompiledFunction])
    /// The JIT's machine code of every defined function, in one arena.
    case jit(JITModuleCode)

    /// The runtime's view of each defined function's code, in index order.
    var functions: [FunctionCode] {
        switch self {
        case .interpreter(let compiled): compiled.map(\.functionCode)
        case .jit(let code): code.functions
        }
    }
}

extension Backend {
    /// Whether this build can compile and run code with the backend (an engine configured
    /// with a backend that is not throws ``EngineError/backendUnavailable(_:)``).
    public var isAvailable: Bool {
        switch self {
        case .interpreter: true
        case .jit:
            #if arch(x86_64) && os(Linux)
            true
            #else
            false
            #endif
        }
    }

    /// Compiles every defined function of `info`.
    func compile(module info: ModuleInfo, declaredReferences: DeclaredReferences, configuration: EngineConfiguration) throws(CompileError) -> BackendCode {
        switch self {
        case .interpreter:
            var compiled: [CompiledFunction] = []
            compiled.reserveCapacity(info.bodies.count)
            let buffers = TranslationBuffers()
            for index in info.importedFunctionCount..<info.functionTypes.count {
                compiled.append(try ModuleCompiler.translate(
                    module: info, declaredReferences: declaredReferences, functionIndex: index,
                    options: configuration.frontEndOptions,
                    generator: InterpreterGenerator(canonicalizeNaN: configuration.canonicalizeNaN, importedFunctionCount: info.importedFunctionCount),
                    buffers: buffers))
            }
            return .interpreter(compiled)
        case .jit:
            guard isAvailable else {  // Engine(configuration:) admits only available backends.
                throw CompileError(.unsupported, "the \(rawValue) backend is not available in this build")
            }
            return .jit(try JITModuleCode.compile(
                module: info, declaredReferences: declaredReferences, options: configuration.frontEndOptions,
                features: configuration.jitFeatures ?? .host))
        }
    }
}

extension Module {
    /// The interpreter code of every defined function, for debugging the translator (empty
    /// under another backend).
    package var interpreterDisassembly: [String] {
        guard case .interpreter(let functions) = compiled else { return [] }
        return functions.enumerated().flatMap { k, function in
            ["function \(info.importedFunctionCount + k):"] + function.disassembly.map { "  " + $0 }
        }
    }

    /// Bytes of machine code (nil unless the JIT compiled the module).
    package var machineCodeBytes: Int? {
        guard case .jit(let code) = compiled else { return nil }
        return code.codeBytes
    }

    /// The machine code compiled for each defined function, read from the module's code
    /// (nil unless the JIT compiled the module).
    package var machineCode: MachineCodeSummary? {
        guard case .jit(let code) = compiled else { return nil }
        return MachineCodeSummary(functions: code.functionRanges.enumerated().map { k, range in
            MachineCodeSummary.Function(index: info.importedFunctionCount + k, offset: range.lowerBound, byteCount: range.count)
        })
    }

    /// A readable listing of function `index`'s machine code (index space: imports first):
    /// offset, bytes and Intel-syntax text per instruction, labels at branch targets.
    package func machineCodeListing(function index: Int) throws(MachineCodeError) -> [String] {
        guard case .jit(let code) = compiled else { throw .notCompiled(backend: engine.configuration.backend.rawValue) }
        let imported = info.importedFunctionCount, total = info.functionTypes.count
        guard index >= 0 && index < total else { throw .outOfRange(index, functionCount: total) }
        guard index >= imported else { throw .imported(index, importedCount: imported) }
        // Calls to other functions name them.
        let start = code.functionRanges[index - imported].lowerBound
        var symbols: [Int: String] = [:]
        for (k, range) in code.functionRanges.enumerated() { symbols[range.lowerBound - start] = "function \(imported + k)" }
        return X64Listing.lines(code.bytes(ofDefined: index - imported), symbols: symbols)
    }
}

/// How a store runs calls and keeps its fuel, on the engine's backend.
final class StoreExecution {
    private enum Runner {
        case interpreter(Executor)
        case jit(JITExecution)
    }

    private let runtime: StoreRuntime
    private let backend: Backend
    private var created: Runner?

    init(runtime: StoreRuntime, backend: Backend) {
        self.runtime = runtime
        self.backend = backend
    }

    /// The backend's runner, created on first use (a store that never runs code never maps a
    /// value stack or a native stack).
    private var runner: Runner {
        if let created { return created }
        let runner: Runner =
            switch backend {
            case .interpreter: .interpreter(Executor(store: runtime, limits: runtime.limits))
            case .jit: .jit(JITExecution(store: runtime))
            }
        created = runner
        return runner
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
        switch runner {
        case .interpreter(let executor): try executor.invoke(function, arguments: arguments)
        case .jit(let execution): try execution.invoke(function, arguments: arguments)
        }
    }
}
