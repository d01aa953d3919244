import ArgumentParser
import KeelCrypto
import KeelNode
import KeelState

/// `keel block [H|latest]`: a block's header and transactions.
struct BlockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "block", abstract: "Print a block: its header and its transactions' hashes and statuses.")

    @OptionGroup var chainOptions: ChainOptions

    @Argument(help: "The height, or latest (the head).")
    var height = "latest"

    func run() throws {
        try Report.run(json: chainOptions.json) {
            guard height == "latest" || UInt64(height) != nil else {
                throw CommandFailure.usage("block height must be a decimal number or latest, got \"\(height)\"")
            }
            let directory = chainOptions.directory
            let chain = try directory.openChain()
            let names = try AddressBook(directory: directory, chain: chain)
            let number = UInt64(height) ?? chain.head.height
            let found: (Block, [Receipt])?
            do {
                found = try chain.block(at: number).map { ($0, try chain.receipts(at: number) ?? []) }
            } catch {
                throw directory.describe(error)
            }
            guard let (block, receipts) = found else {
                throw CommandFailure.failure("no block at height \(number) (the head is at \(chain.head.height))")
            }
            let header = block.header
            let hashes = block.transactions.map { SHA256.hash($0) }
            var report = Report()
            report.line("height: \(header.height)")
            report.line("hash: 0x\(Hex.encode(header.hash))")
            report.line("parent: 0x\(Hex.encode(header.parentHash))")
            report.line("timestamp: \(header.timestamp)")
            report.line("proposer: \(names.display(header.proposer))")
            report.line("transactions root: 0x\(Hex.encode(header.transactionsRoot))")
            report.line("receipts root: 0x\(Hex.encode(header.receiptsRoot))")
            report.line("state root: 0x\(Hex.encode(header.stateRoot))")
            report.line("transactions: \(block.transactions.count)")
            for (index, hash) in hashes.enumerated() {
                let status = index < receipts.count ? "\(receipts[index].status)" : "no receipt"
                report.line("  \(index): 0x\(Hex.encode(hash)) \(status)")
            }
            report.fields([
                ("height", .uint(header.height)), ("hash", .hex(header.hash)), ("chainId", .uint(header.chainId)),
                ("parentHash", .hex(header.parentHash)), ("timestamp", .uint(header.timestamp)), ("proposer", .hex(header.proposer.bytes)),
                ("transactionsRoot", .hex(header.transactionsRoot)), ("receiptsRoot", .hex(header.receiptsRoot)),
                ("stateRoot", .hex(header.stateRoot)),
                ("transactions", .array(hashes.enumerated().map { index, hash in
                    .object([("hash", .hex(hash)), ("status", index < receipts.count ? .string(ReceiptReport.statusName(receipts[index].status)) : .null)])
                })),
            ])
            return report
        }
    }
}
