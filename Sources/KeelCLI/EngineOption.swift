import ArgumentParser
import Keel

extension Backend: ExpressibleByArgument {
    /// The values `--engine` accepts, for help text.
    public static var allValueStrings: [String] { ["interp", "jit"] }
}

/// The `--engine` option shared by the subcommands.
struct EngineOptions: ParsableArguments {
    @Option(name: .long, help: "Execution backend: interp or jit.")
    var engine: Backend = .interpreter

    /// The engine configuration the option selects.
    var configuration: EngineConfiguration {
        var configuration = EngineConfiguration()
        configuration.backend = engine
        return configuration
    }
}
