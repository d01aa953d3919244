import ArgumentParser
import KeelNode
import KeelState

/// `keel tx HASH`: a committed transaction, decoded.
struct TxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tx", abstract: "Print a committed transaction: where it is, its sender and fields.")

    @OptionGroup var chainOptions: ChainOptions

    @Argument(help: "The transaction hash: 64 hex digits.")
    var hash: String

    func run() throws {
        try Report.run(json: chainOptions.json) {
            let found = try TransactionLookup(chainOptions, hash)
            guard let signed = try found.read({ try $0.transaction(hash: $1) }) else { throw found.notFound }
            let fields = signed.transaction
            let sender = try? signed.sender()
            var report = Report()
            report.line("transaction: 0x\(Hex.encode(found.hash))")
            report.line("block: \(found.location.height), index \(found.location.index)")
            report.line("sender: \(sender.map(found.names.display) ?? "(no key recoverable)")")
            report.line("chain id: \(fields.chainId), nonce: \(fields.nonce), fuel limit: \(fields.fuelLimit), fuel price: \(fields.fuelPrice)")
            report.fields(found.locationMembers + [
                ("sender", sender.map { .hex($0.bytes) } ?? .null), ("chainId", .uint(fields.chainId)), ("nonce", .uint(fields.nonce)),
                ("fuelLimit", .uint(fields.fuelLimit)), ("fuelPrice", .uint(fields.fuelPrice)),
            ])
            switch fields.payload {
            case .transfer(let to, let amount):
                report.line("transfer: \(amount) to \(found.names.display(to))")
                report.field("payload", .object([("kind", .string("transfer")), ("to", .hex(to.bytes)), ("amount", .uint(amount))]))
            case .deploy(let code, let initInput, let value):
                let address = sender.map { Account.contractAddress(deployer: $0, nonce: fields.nonce) }
                report.line("deploy: \(code.count) bytes of code, init input 0x\(Hex.encode(initInput)), value \(value)")
                if let address { report.line("contract: \(address.hex)") }
                report.field("payload", .object([
                    ("kind", .string("deploy")), ("codeSize", .uint(UInt64(code.count))), ("initInput", .hex(initInput)),
                    ("value", .uint(value)), ("contract", address.map { .hex($0.bytes) } ?? .null),
                ]))
            case .call(let contract, let method, let input, let value):
                report.line("call: \(found.names.display(contract)) \(method) input 0x\(Hex.encode(input)) value \(value)")
                report.field("payload", .object([
                    ("kind", .string("call")), ("contract", .hex(contract.bytes)), ("method", .string(method)), ("input", .hex(input)),
                    ("value", .uint(value)),
                ]))
            }
            return report
        }
    }
}

/// `keel receipt HASH`: a committed transaction's receipt.
struct ReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt", abstract: "Print a committed transaction's receipt: status, fuel used, return data, events, logs.")

    @OptionGroup var chainOptions: ChainOptions

    @Argument(help: "The transaction hash: 64 hex digits.")
    var hash: String

    func run() throws {
        try Report.run(json: chainOptions.json) {
            let found = try TransactionLookup(chainOptions, hash)
            guard let receipt = try found.read({ try $0.receipt(ofTransaction: $1) }) else { throw found.notFound }
            var report = Report()
            report.line("transaction: 0x\(Hex.encode(found.hash))")
            report.line("block: \(found.location.height), index \(found.location.index)")
            report.fields(found.locationMembers)
            ReceiptReport.add(receipt, names: found.names, to: &report)
            report.line("write set hash: 0x\(Hex.encode(receipt.writeSetHash))")
            return report
        }
    }
}

/// A transaction hash given on the command line, located on the chain.
struct TransactionLookup {
    let directory: DataDirectory
    let chain: Chain
    let names: AddressBook
    let hash: [UInt8]
    let location: TransactionLocation

    init(_ options: ChainOptions, _ text: String) throws(CommandFailure) {
        guard let bytes = HexBytes.parse(text), bytes.count == 32 else {
            throw .usage("HASH must be 64 hex digits (a transaction hash), got \"\(text)\"")
        }
        directory = options.directory
        chain = try directory.openChain()
        names = try AddressBook(directory: directory, chain: chain)
        hash = bytes
        let found: TransactionLocation?
        do { found = try chain.location(ofTransaction: bytes) } catch { throw directory.describe(error) }
        guard let found else { throw .failure("no transaction 0x\(Hex.encode(bytes)) on this chain (head at \(chain.head.height))") }
        location = found
    }

    var notFound: CommandFailure { .failure("transaction 0x\(Hex.encode(hash)) is indexed but its block record is unreadable") }

    var locationMembers: [(String, JSONValue)] {
        [("transaction", .hex(hash)), ("block", .uint(location.height)), ("index", .uint(UInt64(location.index)))]
    }

    /// Runs a lookup on the chain, its errors described.
    func read<T>(_ lookup: (Chain, [UInt8]) throws -> T?) throws(CommandFailure) -> T? {
        do { return try lookup(chain, hash) } catch { throw directory.describe(error) }
    }
}
