import ArgumentParser
import KeelNode
import KeelState

/// `keel balance ADDR`: a native balance at the head.
struct BalanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "balance", abstract: "Print an account's native balance at the head.")

    @OptionGroup var chainOptions: ChainOptions

    @Argument(help: "The account: a key name, a genesis contract name or 64 hex digits.")
    var address: String

    func run() throws {
        try AccountReading.read(chainOptions, address, field: "balance") { try $0.balance(of: $1) }
    }
}

/// `keel nonce ADDR`: an account's committed nonce at the head.
struct NonceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nonce", abstract: "Print an account's nonce at the head (the nonce its next transaction carries).")

    @OptionGroup var chainOptions: ChainOptions

    @Argument(help: "The account: a key name, a genesis contract name or 64 hex digits.")
    var address: String

    func run() throws {
        try AccountReading.read(chainOptions, address, field: "nonce") { try $0.nonce(of: $1) }
    }
}

/// Reads one number of an account at the head.
enum AccountReading {
    static func read(
        _ options: ChainOptions, _ text: String, field: String, _ value: (Chain, ContractAddress) throws -> UInt64
    ) throws {
        try Report.run(json: options.json) {
            let directory = options.directory
            let chain = try directory.openChain()
            let address = try AddressBook(directory: directory, chain: chain).address(text, what: "ADDR")
            let number: UInt64
            do { number = try value(chain, address) } catch { throw directory.describe(error) }
            var report = Report()
            report.line("\(number)")
            report.fields([("address", .hex(address.bytes)), (field, .uint(number)), ("height", .uint(chain.head.height))])
            return report
        }
    }
}
