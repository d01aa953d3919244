import ArgumentParser

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
        ]
    )
}
