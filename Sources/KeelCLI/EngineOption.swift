import ArgumentParser
import Keel

extension Backend: ExpressibleByArgument {
    /// The values `--engine` accepts, for help text.
    public static var allValueStrings: [String] { ["interp", "jit"] }
}

/// `--engine`, on every command that runs code: the backend, by default this build's
/// ``Backend/platformDefault`` (the JIT on x86-64 Linux, the interpreter elsewhere).
struct BackendOption: ParsableArguments {
    @Option(name: .long, help: "Execution backend: interp or jit. Without it, jit where this build has it (x86-64 Linux), else interp.")
    var engine: Backend = .platformDefault
}

/// The engine profiles `--profile` selects.
enum Profile: String, ExpressibleByArgument, CaseIterable {
    /// WebAssembly semantics.
    case standard
    /// Fuel metering and NaN canonicalization on, contract limits.
    case contract
}

/// The engine options shared by the subcommands.
struct EngineOptions: ParsableArguments {
    @OptionGroup var backend: BackendOption

    @Option(name: .long, help: "Engine profile: standard (WebAssembly semantics) or contract (fuel metering, NaN canonicalization, contract limits).")
    var profile: Profile = .standard

    @Flag(name: .customLong("no-float"), help: "Reject modules that use f32 or f64 anywhere.")
    var noFloat = false

    /// The backend `--engine` selects.
    var engine: Backend { backend.engine }

    /// The engine configuration the options select.
    var configuration: EngineConfiguration {
        var configuration: EngineConfiguration = profile == .contract ? .contract : .standard
        configuration.backend = engine
        configuration.allowFloats = !noFloat
        return configuration
    }
}
