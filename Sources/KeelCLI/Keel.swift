import ArgumentParser

/// The `keel` command: runs WebAssembly modules and `.wast` scripts.
@main
struct Keel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keel",
        abstract: "A deterministic WebAssembly engine for smart contracts.",
        subcommands: [RunCommand.self, WastCommand.self, InspectCommand.self, ExecCommand.self, ReplayCommand.self, ExportCommand.self, ImportCommand.self]
    )
}
