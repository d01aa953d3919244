import ArgumentParser
import Foundation

/// The `keel` command: runs WebAssembly modules and `.wast` scripts, and drives a local chain.
@main
struct Keel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keel",
        abstract: "A deterministic WebAssembly engine for smart contracts.",
        subcommands: [
            RunCommand.self, WastCommand.self, InspectCommand.self, ExecCommand.self,
            InitCommand.self, KeysCommand.self, DeployCommand.self, CallCommand.self, TransferCommand.self, QueryCommand.self,
            BalanceCommand.self, NonceCommand.self, BlockCommand.self, TxCommand.self, ReceiptCommand.self, StateCommand.self,
            ReplayCommand.self, ExportCommand.self, ImportCommand.self,
        ]
    )

    /// Parses and runs the command; arguments that do not parse exit with status 2
    /// (``Diagnostics/usage``), as every other usage error does.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(Diagnostics.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}
