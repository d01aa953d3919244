import ArgumentParser
import Foundation
import Keel
import KeelNode
import KeelState

/// The options of the commands that send a transaction (deploy, call, transfer).
struct TransactionOptions: ParsableArguments {
    @Option(name: .long, help: "The signing key: a key name in the data directory (dev0, ...).")
    var from: String

    @Option(name: .long, help: "The fuel limit, intrinsic fuel included (default 10000000).")
    var fuel: UInt64 = Submission.defaultFuelLimit

    @Option(name: .customLong("fuel-price"), help: "Native tokens per unit of fuel (default 1).")
    var fuelPrice: UInt64 = Submission.defaultFuelPrice

    @Option(name: .long, help: "The mined block's timestamp (default: the parent's + 1; never earlier than the parent's).")
    var timestamp: UInt64?
}

/// Signs a transaction, admits it and mines a block with it at once (auto-mining), then
/// reports its receipt.
struct Submission {
    /// The fuel limit without `--fuel`.
    static let defaultFuelLimit: UInt64 = 10_000_000
    /// The fuel price without `--fuel-price` (the chain has no minimum price).
    static let defaultFuelPrice: UInt64 = 1

    let directory: DataDirectory
    let chain: Chain
    let names: AddressBook
    let key: KeyPair
    /// The nonce the transaction carries.
    let nonce: UInt64
    let options: TransactionOptions

    /// Opens the chain (contracts on `backend`) and resolves the signing key.
    init(chainOptions: ChainOptions, options: TransactionOptions, backend: Backend = .platformDefault) throws(CommandFailure) {
        directory = chainOptions.directory
        chain = try directory.openChain(backend: backend)
        names = try AddressBook(directory: directory, chain: chain)
        key = try names.key(options.from, what: "--from")
        self.options = options
        do { nonce = try chain.nextNonce(of: key.address) } catch { throw directory.describe(error) }
    }

    /// Sends `payload` and reports the transaction, its block and its receipt; the report's
    /// failure is set when the transaction did not succeed.
    func send(_ payload: Payload) throws(CommandFailure) -> (Report, Receipt) {
        let head = chain.head
        let timestamp = options.timestamp ?? head.timestamp + 1
        guard timestamp >= head.timestamp else {
            throw .usage("--timestamp \(timestamp) is earlier than the parent block's \(head.timestamp) (height \(head.height))")
        }
        let settings = try directory.settings()
        let proposer = try names.address(settings.proposer, what: "the proposer in \(directory.configPath)")
        let transaction = Transaction(
            chainId: chain.parameters.chainId, nonce: nonce, fuelLimit: options.fuel, fuelPrice: options.fuelPrice, payload: payload)
        let signed: SignedTransaction
        do { signed = try transaction.signed(with: key) } catch { throw .failure("cannot sign: \(error)") }
        let execution: BlockExecution
        do {
            try chain.admit(signed.encoded)
        } catch let error as AdmissionError {
            throw .failure("transaction not admitted: \(error)")
        } catch {
            throw directory.describe(error)
        }
        do { execution = try chain.produceBlock(timestamp: timestamp, proposer: proposer) } catch { throw directory.describe(error) }
        let hash = signed.hash
        guard let index = execution.transactionHashes.firstIndex(of: hash) else {
            throw .failure("the transaction 0x\(Hex.encode(hash)) was left out of block \(execution.block.header.height)")
        }
        let receipt = execution.receipts[index]
        let (fee, _) = receipt.fuelUsed.multipliedReportingOverflow(by: options.fuelPrice)  // admission checked it fits
        var report = Report()
        report.line("transaction: 0x\(Hex.encode(hash))")
        report.line("block: \(execution.block.header.height) (0x\(Hex.encode(execution.block.hash)))")
        report.fields([
            ("transaction", .hex(hash)), ("block", .uint(execution.block.header.height)), ("blockHash", .hex(execution.block.hash)),
            ("sender", .hex(key.address.bytes)), ("nonce", .uint(nonce)), ("fuelLimit", .uint(options.fuel)),
            ("fuelPrice", .uint(options.fuelPrice)), ("fee", .uint(fee)),
        ])
        ReceiptReport.add(receipt, names: names, to: &report)
        report.line("fee: \(fee) (fuel used × price \(options.fuelPrice), paid to the proposer)")
        if !receipt.status.isSuccess { report.failure = "transaction failed: \(receipt.status)" }
        return (report, receipt)
    }
}
