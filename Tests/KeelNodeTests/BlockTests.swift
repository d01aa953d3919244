import Foundation
import Keel
import KeelCrypto
import KeelHost
import KeelNode
import KeelState
import Testing

@Suite struct BlockTests {
    /// The binary Merkle root follows docs/node.md: zeros when empty, domain-separated leaves
    /// and nodes, an odd last node carried up.
    @Test func merkleRoot() {
        let (a, b, c) = ([UInt8](repeating: 1, count: 32), [UInt8](repeating: 2, count: 32), [UInt8](repeating: 3, count: 32))
        let leaf = { (h: [UInt8]) in SHA256.hash([0] + h) }
        let node = { (l: [UInt8], r: [UInt8]) in SHA256.hash([1] + l + r) }
        #expect(MerkleRoot.of([]) == [UInt8](repeating: 0, count: 32))
        #expect(MerkleRoot.of([a]) == leaf(a))
        #expect(MerkleRoot.of([a, b]) == node(leaf(a), leaf(b)))
        #expect(MerkleRoot.of([a, b, c]) == node(node(leaf(a), leaf(b)), leaf(c)))
        #expect(MerkleRoot.of([b, a]) != MerkleRoot.of([a, b]))
    }

    /// Receipts and blocks re-encode to the bytes they decode from; every trap kind has its
    /// own stable byte.
    @Test(arguments: Backend.available) func receiptAndBlockEncodingsRoundTrip(backend: Backend) throws {
        let kinds: [TrapKind] = [
            .unreachable, .integerDivideByZero, .integerOverflow, .invalidConversionToInteger, .outOfBoundsMemoryAccess,
            .outOfBoundsTableAccess, .undefinedElement, .uninitializedElement, .indirectCallTypeMismatch, .callStackExhausted,
            .outOfFuel, .host,
        ]
        var statuses: [ReceiptStatus] = [.success, .aborted("no"), .outOfFuel, .rejected("r"), .invalid("i")]
        statuses += kinds.map { .trapped($0, "\($0)") }
        var hashes: Set<[UInt8]> = []
        for status in statuses {
            let receipt = Receipt(
                status: status, fuelUsed: 77, returnData: [1, 2],
                events: [ContractEvent(contract: dev0.address, topic: [3], data: [4, 5])],
                logs: [ContractLog(contract: dev1.address, message: "hé")], writeSetHash: WriteSet.hash([]))
            #expect(try Receipt.decode(receipt.encoded) == receipt)
            hashes.insert(receipt.hash)
        }
        #expect(hashes.count == statuses.count)
        #expect(throws: FormatError.self) { try Receipt.decode(Receipt(status: .invalid("x"), fuelUsed: 0, returnData: [], events: [], logs: [], writeSetHash: WriteSet.hash([])).encoded + [0]) }

        let chain = try Chain.create(store: MemoryStore(), genesis: try testGenesis(), backend: backend)
        try chain.admit(try signed(.transfer(to: dev1.address, amount: 1), by: dev0))
        let block = try chain.produceBlock(timestamp: startTime, proposer: dev2.address).block
        #expect(try Block.decode(block.encoded) == block)
        #expect(block.header.encoded.count == 1 + 8 + 8 + 32 + 8 + 32 * 4)
    }

    /// genesis/dev.json loads, funds the development accounts and deploys the sample contracts.
    @Test(arguments: Backend.available) func devGenesisDeploysTheSampleContracts(backend: Backend) throws {
        let genesis = try Genesis.load(path: repositoryRoot.appendingPathComponent("genesis/dev.json").path)
        #expect(genesis.parameters.chainId == 1337)
        #expect(genesis.contracts.map(\.name) == ["token", "counter", "registry", "relay", "multisig"])
        let chain = try Chain.create(store: MemoryStore(), genesis: genesis, backend: backend)
        let keys = genesis.developmentKeys
        #expect(keys.count == 4 && keys[0] == dev0)
        for key in keys { #expect(try chain.balance(of: key.address) == 1_000_000_000_000_000) }
        #expect(try chain.nonce(of: dev0.address) == 5)
        for (contract, address) in zip(genesis.contracts, genesis.contractAddresses) {
            #expect(try chain.code(at: address) == contract.code)
        }
        let token = genesis.contractAddresses[0]
        #expect(try chain.query(contract: token, method: "balance_of", input: dev0.address.bytes, sender: dev1.address).returnData == bytes(1_000_000_000))
        #expect(chain.head.height == 0 && chain.head.timestamp == genesis.startTime)
        let multisig = genesis.contractAddresses[4]
        #expect(try chain.query(contract: multisig, method: "owners", sender: dev1.address).returnData == [2, 3] + dev0.publicKey + dev1.publicKey + dev2.publicKey)

        // A token transfer through a signed transaction.
        let input = dev1.address.bytes + bytes(250)
        try chain.admit(try signed(.call(contract: token, method: "transfer", input: input, value: 0), by: dev0, nonce: 5, chainId: 1337))
        let receipt = try #require(try chain.produceBlock(timestamp: genesis.startTime + 5, proposer: dev0.address).receipts.first)
        #expect(receipt.status == .success)
        #expect(receipt.events.count == 1)
        #expect(try chain.query(contract: token, method: "balance_of", input: dev1.address.bytes, sender: dev1.address).returnData == bytes(250))
    }

    /// Bad genesis files are refused with the field named.
    @Test func badGenesisFilesAreNamed() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        let file = directory.url.appendingPathComponent("g.json")
        var text = try String(contentsOf: repositoryRoot.appendingPathComponent("genesis/dev.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"deployer\": \"dev0\", \"initInput\": \"\" }", with: "\"deployer\": \"dev9\", \"initInput\": \"\" }")
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: Genesis.LoadError(message: "contracts[1] (counter): deployer dev9 is not a development account (the genesis funds 4)")) {
            try Genesis.load(path: file.path, repository: repositoryRoot.path)
        }
        try "{\"format\": 1}".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: Genesis.LoadError.self) { try Genesis.load(path: file.path) }
    }

    /// Blocks commit atomically to LevelDB and the chain reopens at its head, with blocks,
    /// receipts and transactions found by hash.
    @Test(arguments: Backend.available) func blocksReopenFromDiskAtTheCommittedHead(backend: Backend) throws {
        let directory = TemporaryDirectory()
        let genesis = try testGenesis([("counter", [])])
        var hashes: [[UInt8]] = []
        var head: BlockHeader
        do {
            let chain = try Chain.create(directory: directory.path, genesis: genesis, backend: backend)
            #expect(throws: ChainError.alreadyInitialized) { try Chain.create(store: chain.store, genesis: genesis, backend: backend) }
            for k in 0..<3 {
                let bytes = try signed(.transfer(to: dev1.address, amount: UInt64(k + 1)), by: dev0, nonce: UInt64(k) + 1)
                hashes.append(try chain.admit(bytes).hash)
                try chain.produceBlock(timestamp: startTime + UInt64(k), proposer: dev2.address)
            }
            head = chain.head
            #expect(throws: ChainError.timestamp(parent: startTime + 2, given: startTime + 1)) {
                try chain.produceBlock(timestamp: startTime + 1, proposer: dev2.address)
            }
        }
        let chain = try Chain.open(directory: directory.path, backend: backend)
        #expect(chain.head == head && head.height == 3)
        #expect(try chain.genesis() == genesis)
        #expect(try Genesis.decode(genesis.encoded) == genesis)
        #expect(throws: FormatError.self) { try Genesis.decode(genesis.encoded + [0]) }
        #expect(try chain.balance(of: dev1.address) == startBalance + 6)
        #expect(try chain.nonce(of: dev0.address) == 4)
        for (k, hash) in hashes.enumerated() {
            let location = try #require(try chain.location(ofTransaction: hash))
            #expect(location == TransactionLocation(height: UInt64(k) + 1, index: 0))
            #expect(try chain.receipt(ofTransaction: hash)?.status == .success)
            #expect(try chain.transaction(hash: hash)?.hash == hash)
        }
        let top = try #require(try chain.block(at: 3))
        #expect(top.header == head)
        #expect(try chain.block(hash: head.hash) == top)
        #expect(try chain.block(at: 4) == nil)
        #expect(try chain.block(at: 2)?.hash == head.parentHash)
        #expect(throws: ChainError.notInitialized) { try Chain.open(store: MemoryStore(), backend: backend) }
        #expect(throws: StateError.self) { try Chain.open(directory: directory.path + "-missing", backend: backend) }
    }

    /// A second node applying the first one's blocks reaches the same heads; a block whose
    /// header lies is refused naming the field, and nothing of it is committed.
    @Test(arguments: Backend.available) func applyingBlocksReproducesTheChainAndRefusesLies(backend: Backend) throws {
        let genesis = try testGenesis([("counter", [])])
        let counter = genesis.contractAddresses[0]
        let producer = try Chain.create(store: MemoryStore(), genesis: genesis, backend: backend)
        try producer.admit(try signed(.transfer(to: dev2.address, amount: 9), by: dev1))
        try producer.admit(try signed(.call(contract: counter, method: "increment", input: [], value: 0), by: dev0, nonce: 1))
        try producer.produceBlock(timestamp: startTime + 10, proposer: dev1.address)
        try producer.admit(try signed(.call(contract: counter, method: "fail_after_write", input: [], value: 0), by: dev0, nonce: 2))
        try producer.produceBlock(timestamp: startTime + 10, proposer: dev2.address)

        let replica = try Chain.create(store: MemoryStore(), genesis: genesis, backend: backend)
        #expect(replica.head == (try producer.block(at: 0))?.header)
        let first = try #require(try producer.block(at: 1))
        let second = try #require(try producer.block(at: 2))
        let applied = try replica.apply(block: first)
        #expect(applied.receipts == (try producer.receipts(at: 1)))
        let writeSets = try #require(try producer.writeSets(at: 1))
        #expect(writeSets == applied.transactionWriteSets && writeSets.count == 2)
        #expect(zip(writeSets, applied.receipts).allSatisfy { WriteSet.hash($0) == $1.writeSetHash })
        #expect(try producer.writeSets(at: 0) == [] && producer.writeSets(at: 3) == nil)

        var lying = second
        lying.header.stateRoot[0] ^= 1
        #expect(throws: ChainError.mismatch(field: "stateRoot", block: Hex.encode(lying.header.stateRoot), computed: Hex.encode(second.header.stateRoot))) {
            try replica.apply(block: lying)
        }
        #expect(replica.head == first.header)
        #expect(try replica.block(at: 2) == nil)
        #expect(try replica.storage(of: counter, key: Array("counter".utf8)) == bytes(1))
        var reordered = second
        reordered.header.receiptsRoot = first.header.receiptsRoot
        #expect(throws: ChainError.self) { try replica.apply(block: reordered) }

        try replica.apply(block: second)
        #expect(replica.head == producer.head)
        #expect(try replica.balance(of: dev2.address) == (try producer.balance(of: dev2.address)))
    }
}

@Suite struct StateKeyTests {
    /// Keys decode by namespace, with readable descriptions; malformed ones stay unknown.
    @Test func keysDecodeByNamespace() {
        let a = dev0.address
        #expect(StateKey(decoding: ContractStorage.keyPrefix(for: a) + Array("counter".utf8)) == .storage(contract: a, key: Array("counter".utf8)))
        #expect(StateKey(decoding: ContractStorage.keyPrefix(for: a) + Array("counter".utf8)).description
            == "storage of \(a), key 0x636f756e746572 (\"counter\")")
        #expect(StateKey(decoding: ContractCode.key(for: a)) == .codeHash(contract: a))
        #expect(StateKey(decoding: NativeBalances.key(for: a)) == .balance(a))
        #expect(StateKey(decoding: NativeBalances.key(for: a)).description == "balance of \(a)")
        #expect(StateKey(decoding: ContractCode.codeKey(for: a.bytes)) == .code(hash: a.bytes))
        #expect(StateKey(decoding: Nonces.key(for: a)) == .nonce(a))
        #expect(StateKey(decoding: NativeBalances.key(for: a) + [0]) == .unknown(NativeBalances.key(for: a) + [0]))
        #expect(StateKey(decoding: [0x09, 1]).description == "key 0x0901 (no known namespace)")
        #expect(StateKey(decoding: []) == .unknown([]))
    }
}
