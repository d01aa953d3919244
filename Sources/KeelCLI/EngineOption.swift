import ArgumentParser
import Keel

extension Backend: ExpressibleByArgument {
    /// The values `--engine` accepts, for help text.
    public static var allValueStrings: [String] { ["interp", "jit"] }
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
    @Option(name: .long, help: "Execution backend: interp or jit.")
    var engine: Backend = .interpreter

    @Option(name: .long, help: "Engine profile: standard (WebAssembly semantics) or contract (fuel metering, NaN canonicalization, contract limits).")
    var profile: Profile = .standard

    @Flag(name: .customLong("no-float"), help: "Reject modules that use f32 or f64 anywhere.")
    var noFloat = false

    /// The engine configuration the options select.
    var configuration: EngineConfiguration {
        var configuration: EngineConfiguration = profile == .contract ? .contract : .standard
        configuration.backend = engine
        configuration.allowFloats = !noFloat
        return configuration
    }
}
