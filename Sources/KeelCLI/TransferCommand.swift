import ArgumentParser
import KeelNode

/// `keel transfer TO AMOUNT --from KEY`: a native transfer in a transaction of its own block.
struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "Send native tokens: sign, admit and mine a block with the transfer."
    )

    @OptionGroup var chainOptions: ChainOptions
    @OptionGroup var options: TransactionOptions

    @Argument(help: "The recipient: a key name, a genesis contract name or 64 hex digits.")
    var to: String

    @Argument(help: "The amount of native tokens.")
    var amount: UInt64

    func run() throws {
        try Report.run(json: chainOptions.json) {
            let submission = try Submission(chainOptions: chainOptions, options: options)
            let recipient = try submission.names.address(to, what: "TO")
            return try submission.send(.transfer(to: recipient, amount: amount)).0
        }
    }
}
