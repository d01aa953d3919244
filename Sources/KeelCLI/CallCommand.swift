import ArgumentParser
import Keel
import KeelNode

/// `keel call CONTRACT METHOD --from KEY`: calls a contract in a transaction of its own block.
struct CallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call a contract method: sign, admit and mine a block with the call transaction."
    )

    @OptionGroup var chainOptions: ChainOptions
    @OptionGroup var options: TransactionOptions

    @Argument(help: "The contract: a genesis contract name (token), a key name or 64 hex digits.")
    var contract: String

    @Argument(help: "The method (an export of type () -> ()).")
    var method: String

    @Option(name: .long, help: "The call input: hex digits or @FILE.")
    var input: String?

    @Option(name: .long, help: "Native tokens moved to the contract before the call.")
    var value: UInt64 = 0

    @OptionGroup var backend: BackendOption

    func run() throws {
        try Report.run(json: chainOptions.json) {
            let bytes = try ByteArgument.parse(input, option: "--input")
            let submission = try Submission(chainOptions: chainOptions, options: options, backend: backend.engine)
            let address = try submission.names.address(contract, what: "CONTRACT")
            return try submission.send(.call(contract: address, method: method, input: bytes, value: value)).0
        }
    }
}
