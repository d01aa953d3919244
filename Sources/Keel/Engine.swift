import KeelFrontEnd
import KeelJIT
import KeelRuntime

/// The execution backends.
public enum Backend: String, Sendable, CaseIterable {
    /// The portable interpreter.
    case interpreter = "interp"
    /// The x86-64 JIT compiler.
    case jit
}

extension Backend {
    /// The backend used unless one is chosen: the JIT where this build has it (x86-64 Linux),
    /// the interpreter elsewhere. `EngineConfiguration`'s presets, the node's chains and every
    /// `keel` command's `--engine` default to it.
    public static var platformDefault: Backend { Backend.jit.isAvailable ? .jit : .interpreter }

    /// The backends this build can compile and run code with, in declaration order (the
    /// interpreter always; the JIT on x86-64 Linux).
    public static var available: [Backend] { allCases.filter(\.isAvailable) }
}

/// Engine settings, shared by every module and store created from the engine.
public struct EngineConfiguration: Sendable {
    /// Which backend compiles and runs code: by default ``Backend/platformDefault`` (the JIT
    /// on x86-64 Linux, the interpreter elsewhere).
    public var backend: Backend = .platformDefault
    /// The call-stack limit, in value slots summed over active frames (each frame counts its
    /// function's locals, deepest operand stack and a fixed overhead).
    public var stackLimit: Int = 1 << 20
    /// Resource limits checked at compilation (sizes and counts) and at run time (memory and
    /// table growth).
    public var limits: ResourceLimits = .standard
    /// Whether modules may declare or import more than one memory (the multi-memory proposal).
    /// When off, a second memory is invalid and memory instructions' index bytes must be zero,
    /// exactly as in WebAssembly 2.0.
    public var multiMemory = true
    /// Fuel metering at basic-block boundaries (docs/determinism.md). Stores then run only while
    /// they have fuel: set it with `Store.setFuel(_:)`.
    public var fuelMetering = false
    /// The fuel prices, when metering.
    public var costSchedule: CostSchedule = .v1
    /// NaN results of arithmetic float instructions become the canonical positive NaN.
    public var canonicalizeNaN = false
    /// How deeply host functions may call back into WebAssembly (a call from a host function
    /// nested deeper traps with `call stack exhausted`). Each nesting holds native stack, so this
    /// bound keeps the native stack from overflowing before the deterministic limits.
    public var hostReentryDepth = 100
    /// When false (no-float mode), compilation rejects any module that mentions f32 or f64,
    /// naming the function, byte offset and instruction.
    public var allowFloats = true
    /// The optional x86-64 instructions JIT code may use; nil means the host's. Tests set fewer
    /// to run the fallback sequences (a set the host lacks would fault).
    package var jitFeatures: CPUFeatures?
    /// The JIT's native stack in bytes; nil sizes it from the limits (`JITExecution`). Tests
    /// set less to reach the native stack check, which the sized stack never lets fire.
    package var jitNativeStackBytes: Int?

    public init() {}

    /// WebAssembly semantics: no metering, no NaN canonicalization, generous limits, on
    /// ``Backend/platformDefault``.
    public static var standard: EngineConfiguration { EngineConfiguration() }

    /// The deterministic contract profile: fuel metering and NaN canonicalization on, contract
    /// resource limits (`ResourceLimits.contract`: 3 MiB modules, 64 MiB of memory, ...), a
    /// 1 Mi-slot call stack, on ``Backend/platformDefault``. Floats stay allowed unless
    /// `allowFloats` is turned off.
    public static var contract: EngineConfiguration {
        var configuration = EngineConfiguration()
        configuration.fuelMetering = true
        configuration.canonicalizeNaN = true
        configuration.limits = .contract
        return configuration
    }

    package var frontEndOptions: FrontEndOptions {
        FrontEndOptions(
            multiMemory: multiMemory, metering: fuelMetering ? costSchedule : nil, allowFloats: allowFloats, limits: limits,
            canonicalizeNaN: canonicalizeNaN)
    }

    var executionLimits: ExecutionLimits {
        ExecutionLimits(stackSlots: stackLimit, metering: fuelMetering ? costSchedule : nil,
            hostReentryDepth: hostReentryDepth, nativeStackBytes: jitNativeStackBytes)
    }
}

/// Why an engine could not be created.
public enum EngineError: Error, Hashable, Sendable, CustomStringConvertible {
    case backendUnavailable(Backend)

    public var description: String {
        switch self {
        case .backendUnavailable(let backend): "the \(backend.rawValue) backend is not available in this build"
        }
    }
}

/// Compiles modules with one configuration. Engines are immutable and hold no global state.
public final class Engine: Sendable {
    public let configuration: EngineConfiguration

    public init(configuration: EngineConfiguration = .init()) throws(EngineError) {
        guard configuration.backend.isAvailable else { throw .backendUnavailable(configuration.backend) }
        self.configuration = configuration
    }
}
