import Foundation
import Keel
import KeelCrypto
import KeelNode
import KeelState
import Testing

/// Every truncation of a valid encoding is refused with a `FormatError`, never a crash (fuzz-node
/// found input ending inside an address field killing the process: Fuzz/regressions/fuzz-node).
@Suite struct TruncatedDecodingTests {
    /// Every proper prefix of `bytes` makes `decode` throw a `FormatError`.
    func expectEveryPrefixRefused(_ bytes: [UInt8], _ name: String, _ decode: ([UInt8]) throws(FormatError) -> Void) {
        for length in 0..<bytes.count {
            do {
                try decode(Array(bytes[0..<length]))
                Issue.record("\(name): a prefix of \(length) of \(bytes.count) bytes decoded")
            } catch {}
        }
    }

    @Test func truncatedTransactionsAreRefused() throws {
        let vectors = try JSONDecoder().decode([TransactionVector].self, from: Data(contentsOf: vectorsURL))
        for vector in vectors {
            let bytes = try #require(Hex.decode(vector.signedEncoding))
            expectEveryPrefixRefused(bytes, vector.name) { (prefix) throws(FormatError) in _ = try SignedTransaction.decode(prefix) }
        }
    }

    @Test(arguments: Backend.available) func truncatedBlocksReceiptsAndGenesisAreRefused(backend: Backend) throws {
        let genesis = try testGenesis()
        let chain = try Chain.create(store: MemoryStore(), genesis: genesis, backend: backend)
        try chain.admit(try signed(.transfer(to: dev1.address, amount: 1), by: dev0))
        let produced = try chain.produceBlock(timestamp: startTime, proposer: dev2.address)
        expectEveryPrefixRefused(produced.block.encoded, "block") { (prefix) throws(FormatError) in _ = try Block.decode(prefix) }
        for receipt in produced.receipts {
            expectEveryPrefixRefused(receipt.encoded, "receipt") { (prefix) throws(FormatError) in _ = try Receipt.decode(prefix) }
        }
        expectEveryPrefixRefused(genesis.encoded, "genesis") { (prefix) throws(FormatError) in _ = try Genesis.decode(prefix) }
    }
}
