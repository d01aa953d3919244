import Foundation
import Keel
import KeelCrypto
import KeelHost
import KeelNode
import KeelState
import Testing

/// The recorded chain fixtures/chains/dev.keelchain (fixtures/chains/README.md).
func recordedChainBytes() throws -> [UInt8] {
    [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent("fixtures/chains/dev.keelchain")))
}

func recordedChain() throws -> ChainFile { try ChainFile.decode(try recordedChainBytes()) }

/// Pinned roots of the recorded chain: a change to execution, fees, encodings or the state
/// tree that moves them must be deliberate (regenerate the fixture and update these).
enum RecordedChainPins {
    static let headHeight: UInt64 = 120
    static let headHash = "449c2813300b417f0e2a1a45b46f8fdcf7a4376e9b212013e6c818360721592a"
    static let headStateRoot = "ff96ef9241346377f53ba2d953b21b7a1c25644be2663436efb3eea34dc81ab5"
    static let blockHashes: [UInt64: String] = [0: "7c4539d353323b8069d088cb1e426f35c19c80e10f44e49625bc1578975bb244", 1: "0ec0392f1312144d0e500c023c15ec9349c06f30f7a9cadf04c8f41e077ba4d0", 60: "b827a1e53f5b3b2c6015f006bca24b807ea1e939e0d1584d9ff6a4edf26d44f1", 119: "a900d46754335dd4c986dd45faec9c016e216e4e5f89556ece013badf1f8511f"]
}

@Suite struct ReplayTests {
    /// The recorded chain replays on each backend with no divergence and reaches the pinned
    /// head, state root and block hashes.
    @Test(arguments: Backend.available) func recordedChainReplaysToThePinnedRoots(backend: Backend) throws {
        let file = try recordedChain()
        var reports: [ReplayProgress] = []
        let report = try Replay.run(file, options: ReplayOptions(backends: [backend])) { reports.append($0) }
        #expect(report.divergence == nil)
        #expect(report.engines == [backend.rawValue])
        #expect(report.blocks == 120 && report.to == 120)
        #expect(report.head.height == RecordedChainPins.headHeight)
        #expect(Hex.encode(report.head.hash) == RecordedChainPins.headHash)
        #expect(Hex.encode(report.head.stateRoot) == RecordedChainPins.headStateRoot)
        #expect(Hex.encode(file.head.hash) == RecordedChainPins.headHash)
        for (height, hash) in RecordedChainPins.blockHashes {
            #expect(Hex.encode(try #require(file.block(at: height)).hash) == hash, "block \(height)")
        }
        #expect(reports.count == 120 && reports.last?.transactions == report.transactions)
        #expect(reports.map(\.height) == Array(1...120))
    }

    /// The fixture holds what its README promises: ≥ 100 blocks, calls to every sample
    /// contract, native transfers, deploys, and aborted, trapped and out-of-fuel receipts.
    @Test func recordedChainUsesEveryContractAndFailureKind() throws {
        let file = try recordedChain()
        #expect(file.blocks.count >= 101)
        let genesis = try file.genesis()
        var called: Set<ContractAddress> = [], transfers = 0, deploys = 0
        var aborted = 0, trapped = 0, outOfFuel = 0
        for recorded in file.blocks {
            for bytes in recorded.block.transactions {
                switch try SignedTransaction.decode(bytes).transaction.payload {
                case .transfer: transfers += 1
                case .deploy: deploys += 1
                case .call(let contract, _, _, _): called.insert(contract)
                }
            }
            for receipt in recorded.receipts {
                switch receipt.status {
                case .aborted: aborted += 1
                case .trapped: trapped += 1
                case .outOfFuel: outOfFuel += 1
                default: break
                }
            }
        }
        #expect(genesis.contracts.map(\.name) == ["token", "counter", "registry", "relay", "multisig"])
        #expect(Set(genesis.contractAddresses).isSubset(of: called))
        #expect(transfers >= 10 && deploys == 2)
        #expect(aborted >= 10 && trapped >= 10 && outOfFuel >= 10)
    }

    /// Two engines side by side agree with each other and with the record: two interpreter
    /// runs, and the interpreter with the JIT where this build has it (the cross-backend replay
    /// of the recorded chain); a backend this build lacks is refused.
    @Test func twoEnginesAgree() throws {
        let report = try Replay.run(try recordedChain(), options: ReplayOptions(backends: [.interpreter, .interpreter]))
        #expect(report.divergence == nil)
        #expect(report.engines == ["interp#1", "interp#2"])
        #if arch(x86_64) && os(Linux)
        let crossBackend = try Replay.run(try recordedChain(), options: ReplayOptions(backends: [.interpreter, .jit]))
        #expect(crossBackend.divergence == nil, "\(String(describing: crossBackend.divergence))")
        #expect(crossBackend.engines == ["interp", "jit"])
        let jitOnly = try Replay.run(try recordedChain(), options: ReplayOptions(backends: [.jit]))
        #expect(jitOnly.divergence == nil, "\(String(describing: jitOnly.divergence))")
        #else
        #expect(throws: EngineError.backendUnavailable(.jit)) {
            try Replay.run(try recordedChain(), options: ReplayOptions(backends: [.interpreter, .jit]))
        }
        #endif
        #expect(throws: ReplayError.self) { try Replay.run(try recordedChain(), options: ReplayOptions(backends: [])) }
    }

    /// Running the committed generator again writes the committed bytes (it is deterministic
    /// and the fixture is what it makes).
    @Test func generatorReproducesTheFixture() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.path, withIntermediateDirectories: true)
        let output = directory.path + "/dev.keelchain"
        let process = Process()
        process.executableURL = try builtExecutable("KeelChainGen")
        process.arguments = ["--repository", repositoryRoot.path, output]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: output))) == (try recordedChainBytes()))
    }

    /// A recorded write-set value changed in a copy is reported at its block and
    /// transaction, with the key decoded (token storage, which key) and both values; the
    /// receipt itself still matches.
    @Test(arguments: Backend.available) func corruptedWriteSetValueIsNamed(backend: Backend) throws {
        var file = try recordedChain()
        let token = try file.genesis().contractAddresses[0]
        let prefix = ContractStorage.keyPrefix(for: token)
        let (height, index) = (50, 1)  // block 50: a native transfer, then a token transfer
        let changes = file.blocks[height].writeSets[index]
        let position = try #require(changes.firstIndex { $0.key.starts(with: prefix) && $0.value != nil })
        let original = try #require(changes[position].value)
        let tampered = original.map { $0 ^ 0xFF }
        file.blocks[height].writeSets[index][position] = StateChange(key: changes[position].key, value: tampered)

        let divergence = try #require(try Replay.run(file, options: ReplayOptions(backends: [backend])).divergence)
        #expect(divergence.height == UInt64(height))
        #expect(divergence.transaction?.index == index)
        #expect(divergence.transaction?.hash == SHA256.hash(file.blocks[height].block.transactions[index]))
        #expect(divergence.fields.isEmpty)
        let key = try #require(divergence.key)
        #expect(key.decoded == .storage(contract: token, key: Array(changes[position].key.dropFirst(prefix.count))))
        #expect(key.expected == .set(tampered) && key.actual == .set(original))
        #expect(divergence.expectedSource == "record" && divergence.actualSource == backend.rawValue)
        #expect(divergence.description.contains("block 50: \(backend.rawValue) diverges from record at transaction 1"))
        #expect(divergence.description.contains("first differing key: storage of \(token), key 0x62"))
    }

    /// A recorded receipt changed in a copy is reported with the field and both values.
    @Test(arguments: Backend.available) func corruptedReceiptIsNamed(backend: Backend) throws {
        var file = try recordedChain()
        file.blocks[77].receipts[0].fuelUsed += 1
        file.blocks[35].receipts[1].status = .success  // was aborted("insufficient balance")
        let divergence = try #require(try Replay.run(file, options: ReplayOptions(backends: [backend])).divergence)
        #expect(divergence.height == 35 && divergence.transaction?.index == 1)
        #expect(divergence.fields.map(\.name) == ["status"])
        #expect(divergence.fields.first?.expected == "success")
        #expect(divergence.fields.first?.actual == "aborted: insufficient balance")
        #expect(divergence.key == nil)

        // Compared from 36 on, block 35 is executed but not compared: block 77 is next.
        let later = try #require(try Replay.run(file, options: ReplayOptions(from: 36, backends: [backend])).divergence)
        #expect(later.height == 77 && later.transaction?.index == 0)
        #expect(later.fields.map(\.name) == ["fuelUsed"])
        #expect(UInt64(later.fields[0].expected) == UInt64(later.fields[0].actual)! + 1)
        // Stopping before 77 finds nothing.
        let early = try Replay.run(file, options: ReplayOptions(from: 36, to: 76, backends: [backend]))
        #expect(early.divergence == nil && early.head.height == 76)
        #expect(early.head.hash == file.blocks[76].block.hash)
    }

    /// A tampered header root is reported as a header field, with no transaction; a changed
    /// timestamp breaks the next block's parent link.
    @Test(arguments: Backend.available) func corruptedHeaderIsNamed(backend: Backend) throws {
        var file = try recordedChain()
        file.blocks[12].block.header.stateRoot[0] ^= 1
        let divergence = try #require(try Replay.run(file, options: ReplayOptions(backends: [backend])).divergence)
        #expect(divergence.height == 12 && divergence.transaction == nil)
        #expect(divergence.fields.map(\.name) == ["stateRoot"])

        var moved = try recordedChain()
        moved.blocks[12].block.header.timestamp += 1
        let link = try #require(try Replay.run(moved, options: ReplayOptions(backends: [backend])).divergence)
        #expect(link.height == 13 && link.fields.map(\.name) == ["parentHash"])
    }

    /// A state write tampered in a live chain's store (a node whose state was corrupted
    /// between blocks) makes its later blocks record what the corrupted state gave: replay
    /// from genesis names the first transaction that read it, and the key.
    @Test(arguments: Backend.available) func tamperedStateWriteIsNamed(backend: Backend) throws {
        let genesis = try testGenesis([("token", bytes(1_000_000))])
        let token = genesis.contractAddresses[0]
        let chain = try Chain.create(store: MemoryStore(), genesis: genesis, backend: backend)
        func send(_ input: [UInt8], by key: KeyPair) throws {
            let nonce = try chain.nextNonce(of: key.address)
            try chain.admit(try signed(.call(contract: token, method: "transfer", input: input, value: 0), by: key, nonce: nonce))
        }
        for height in 1...6 as ClosedRange<UInt64> {
            if height == 4 {
                // dev1's token balance (500 after block 2) is overwritten with 9000.
                var batch = WriteBatch()
                batch.put(ContractStorage.keyPrefix(for: token) + [0x62] + dev1.address.bytes, bytes(9000))
                try chain.store.write(batch, sync: false)
            }
            switch height {
            case 2: try send(dev1.address.bytes + bytes(500), by: dev0)
            case 5:
                try send(dev2.address.bytes + bytes(1), by: dev0)
                try send(dev2.address.bytes + bytes(7), by: dev1)
            default: try chain.admit(try signed(.transfer(to: dev2.address, amount: height), by: dev0, nonce: try chain.nextNonce(of: dev0.address)))
            }
            try chain.produceBlock(timestamp: startTime + height, proposer: dev2.address)
        }
        let divergence = try #require(try Replay.run(chain, options: ReplayOptions(backends: [backend])).divergence)
        #expect(divergence.height == 5 && divergence.transaction?.index == 1)
        #expect(divergence.transaction?.hash == (try chain.block(at: 5)).map { SHA256.hash($0.transactions[1]) })
        #expect(divergence.fields.map(\.name) == ["writeSetHash"])  // same status, fuel and events
        let key = try #require(divergence.key)
        #expect(key.decoded == .storage(contract: token, key: [0x62] + dev1.address.bytes))
        #expect(key.expected == .set(bytes(8993)) && key.actual == .set(bytes(493)))
    }

    /// A data directory whose stored state was changed after its last block (every block
    /// still matches) is caught by the head-state comparison: the key, both values and the
    /// transaction that last wrote it.
    @Test(arguments: Backend.available) func tamperedStoredStateIsNamed(backend: Backend) throws {
        let chain = try Chain.create(store: MemoryStore(), genesis: try testGenesis(), backend: backend)
        for height in 1...3 as ClosedRange<UInt64> {
            try chain.admit(try signed(.transfer(to: dev2.address, amount: 10 * height), by: dev0, nonce: height - 1))
            try chain.produceBlock(timestamp: startTime + height, proposer: dev1.address)
        }
        #expect(try Replay.run(chain, options: ReplayOptions(backends: [backend])).divergence == nil)
        let key = NativeBalances.key(for: dev2.address)
        let stored = try #require(try chain.store.get(key))
        var batch = WriteBatch()
        batch.put(key, bytes(1))
        try chain.store.write(batch, sync: false)

        let divergence = try #require(try Replay.run(chain, options: ReplayOptions(backends: [backend])).divergence)
        #expect(divergence.height == 3 && divergence.transaction == nil)
        #expect(divergence.fields.map(\.name) == ["headState"])
        let hash = try #require(try chain.block(at: 3)).transactions[0]
        #expect(divergence.fields[0].expected == "the stored state (key last written by block 3, transaction 0 (\(Hex.encode(SHA256.hash(hash)))))")
        let reported = try #require(divergence.key)
        #expect(reported.key == key && reported.decoded == .balance(dev2.address))
        #expect(reported.expected == .set(bytes(1)) && reported.actual == .set(stored))
        // A replay that stops below the head does not compare the head's state.
        #expect(try Replay.run(chain, options: ReplayOptions(to: 2, backends: [backend])).divergence == nil)

        var removal = WriteBatch()
        removal.put(key, stored)
        removal.delete(Nonces.key(for: dev0.address))
        try chain.store.write(removal, sync: false)
        let missing = try #require(try Replay.run(chain, options: ReplayOptions(backends: [backend])).divergence?.key)
        #expect(missing.decoded == .nonce(dev0.address) && missing.expected == .absent && missing.actual == .set(bytes(3)))
    }

    /// Ranges outside the record are refused before anything runs.
    @Test func badRangesAreRefused() throws {
        let file = try recordedChain()
        #expect(throws: ReplayError.range("--to 121 is above the recorded head 120")) { try Replay.run(file, options: ReplayOptions(to: 121)) }
        #expect(throws: ReplayError.range("--from 9 is above --to 8")) { try Replay.run(file, options: ReplayOptions(from: 9, to: 8)) }
    }
}

/// Locates an executable target built beside the test bundle.
func builtExecutable(_ name: String) throws -> URL {
    var starts = [Bundle.main.bundleURL]
    if let first = CommandLine.arguments.first { starts.append(URL(fileURLWithPath: first)) }
    for start in starts {
        var directory = start.standardizedFileURL
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
    }
    throw ChainError.corruptRecord("\(name) not found near \(starts.map(\.path))")
}
