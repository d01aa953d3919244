import Keel
import KeelNode
import KeelState
import Testing

/// `VerifiedTransaction.verify(_:limits:threads:)`: the results of a sequential loop, in
/// input order, on any number of threads; `Chain.apply(block:verified:)` takes them.
@Suite struct ParallelVerificationTests {
    /// Valid, undecodable and badly signed transactions, mixed.
    static func encodings() throws -> [[UInt8]] {
        var encodings: [[UInt8]] = []
        for index in 0..<37 {
            var bytes = try signed(.transfer(to: dev2.address, amount: UInt64(index)), by: index % 2 == 0 ? dev0 : dev1, nonce: UInt64(index / 2))
            switch index % 5 {
            case 3: bytes.removeLast(4)  // truncated
            case 4: bytes[bytes.count - 2] ^= 0x5A  // another signature: another sender, or none
            default: break
            }
            encodings.append(bytes)
        }
        return encodings
    }

    @Test(arguments: [1, 2, 3, 8, 64])
    func resultsAreTheSequentialOnesInOrder(threads: Int) throws {
        let encodings = try Self.encodings()
        let sequential = encodings.map { bytes in Result { () throws(AdmissionError) in try VerifiedTransaction(bytes) } }
        let parallel = VerifiedTransaction.verify(encodings, threads: threads)
        #expect(parallel == sequential)
        #expect(parallel.contains { if case .failure = $0 { true } else { false } })
        #expect(VerifiedTransaction.verify([], threads: threads).isEmpty)
    }

    @Test(arguments: Backend.available) func applyTakesPreverifiedTransactionsAndChecksThem(backend: Backend) throws {
        let genesis = try testGenesis()
        let producer = try Chain.create(store: MemoryStore(), genesis: genesis, backend: backend)
        for nonce in 0..<4 {
            try producer.admit(try signed(.transfer(to: dev2.address, amount: 3), by: dev0, nonce: UInt64(nonce)))
            try producer.admit(try signed(.transfer(to: dev0.address, amount: 1), by: dev1, nonce: UInt64(nonce)))
        }
        try producer.produceBlock(timestamp: startTime + 1, proposer: dev2.address)
        let block = try #require(try producer.block(at: 1))
        let verified = VerifiedTransaction.verify(block.transactions, threads: 2)

        let replica = try Chain.create(store: MemoryStore(), genesis: genesis, backend: backend)
        #expect(throws: ChainError.mismatch(field: "transactions.count", block: "8", computed: "7")) {
            try replica.apply(block: block, verified: Array(verified.dropLast()))
        }
        var swapped = verified
        swapped.swapAt(0, 1)
        #expect(throws: ChainError.self) { try replica.apply(block: block, verified: swapped) }
        #expect(replica.head.height == 0)
        let applied = try replica.apply(block: block, verified: verified)
        #expect(applied.receipts == (try producer.receipts(at: 1)))
        #expect(replica.head == producer.head)
    }
}
