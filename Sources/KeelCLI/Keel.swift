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

    @Flag(name: .long, help: "Print the version, the commit it was built from (when known), the default engine and the contract ABI.")
    var version = false

    func run() throws {
        guard version else { throw CleanExit.helpRequest(self) }
        for line in VersionReport.lines() { print(line) }
    }

    /// Parses and runs the command. Arguments that do not parse exit with status 2
    /// (``Diagnostics/usage``), as every other usage error does, and with `--json` print
    /// `{"error": ...}` on standard output as every other failure does.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            let negative = NegativeNumbers.message(arguments: arguments, parserMessage: message(for: error))
            if wantsJSON(arguments) {
                print(JSONValue.object([("error", .string(negative ?? message(for: error)))]).text)
            }
            FileHandle.standardError.write(Data(((negative.map { "error: " + $0 } ?? fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(Diagnostics.usage.rawValue)
        }
    }

    /// Whether `--json` is among the options (before a `--` that ends them).
    private static func wantsJSON(_ arguments: [String]) -> Bool {
        arguments.prefix { $0 != "--" }.contains("--json")
    }
}
