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

/// `--compare-engines a,b`: two backends, by the names `--engine` takes.
enum EngineList {
    /// The two backends `text` names, or nil when it is nil; `option` names the option in
    /// errors (usage errors naming the unknown engine and the valid ones).
    static func parse(_ text: String?, option: String) throws(CommandFailure) -> [Backend]? {
        guard let text else { return nil }
        let valid = Backend.allValueStrings.joined(separator: ", ")
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard names.count == 2 else {
            throw .usage("\(option) takes two engines separated by a comma, e.g. interp,jit (got \"\(text)\"; valid engines: \(valid))")
        }
        var backends: [Backend] = []
        for name in names {
            guard let backend = Backend(rawValue: name) else {
                throw .usage("\(option): unknown engine \"\(name)\" (valid engines: \(valid))")
            }
            backends.append(backend)
        }
        return backends
    }
}
