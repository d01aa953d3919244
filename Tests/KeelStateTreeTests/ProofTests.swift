import KeelCrypto
import KeelState
import Testing
import KeelStateTree

/// Inclusion and absence proofs: they verify against the root alone, and nothing else does.
@Suite("Proofs")
struct ProofTests {
    /// A store holding a tree of `count` random keys at version 1, and its keys.
    private func populated(_ store: any KeyValueStore, count: Int, seed: UInt64) throws -> (StateTree, [KeyValue]) {
        var random = SplitMix64(state: seed)
        let entries = (0..<count).map { _ in KeyValue(key: random.stateKey(), value: random.value()) }
        let tree = tree(store)
        try commit(try tree.update(version: 1, changes: entries.map { StateChange(key: $0.key, value: $0.value) }), to: store)
        return (tree, entries)
    }

    @Test(arguments: Backend.allCases)
    func inclusionAndAbsenceProofsVerify(backend: Backend) throws {
        try withStore(backend) { store in
            let (tree, entries) = try populated(store, count: 300, seed: 21)
            let root = try #require(try tree.root(at: 1))
            for entry in entries {
                let (value, proof) = try tree.prove(key: entry.key, at: 1)
                #expect(value == entry.value)
                #expect(proof.isInclusion)
                #expect(StateTree.verify(proof, key: entry.key, value: entry.value, root: root))
                #expect(!StateTree.verify(proof, key: entry.key, value: entry.value + [0], root: root))
                #expect(!StateTree.verify(proof, key: entry.key, value: nil, root: root))
                #expect(try StateProof(decoding: proof.encoded) == proof)
            }
            var random = SplitMix64(state: 22)
            var empties = 0
            var otherLeaves = 0
            for _ in 0..<300 {
                let key = random.stateKey()
                let (value, proof) = try tree.prove(key: key, at: 1)
                #expect(value == nil)
                switch proof.terminal {
                case .empty: empties += 1
                case .otherLeaf: otherLeaves += 1
                case .leaf: Issue.record("absent key has an inclusion proof")
                }
                #expect(StateTree.verify(proof, key: key, value: nil, root: root))
                #expect(!StateTree.verify(proof, key: key, value: [], root: root))
                #expect(try StateProof(decoding: proof.encoded) == proof)
            }
            #expect(empties > 0 && otherLeaves > 0, "both kinds of absence proof occur")
        }
    }

    @Test func proofsAreAboutLog2NHashes() throws {
        let (tree, entries) = try populated(MemoryStore(), count: 4096, seed: 23)
        var total = 0
        for entry in entries.prefix(200) {
            let proof = try tree.prove(key: entry.key, at: 1).proof
            total += proof.siblings.count
            #expect(proof.encoded.count <= 3 + 32 + proof.siblings.count * 32)
        }
        // log2(4096) = 12: the average depth is a little above it.
        let average = Double(total) / 200
        #expect(average > 11 && average < 16, "average proof depth \(average)")
    }

    @Test func everyTamperingFails() throws {
        let (tree, entries) = try populated(MemoryStore(), count: 200, seed: 24)
        let root = try #require(try tree.root(at: 1))
        var random = SplitMix64(state: 25)
        var cases: [(key: [UInt8], value: [UInt8]?)] = entries.prefix(3).map { ($0.key, $0.value) }
        var kinds: Set<Int> = [0]
        while kinds.count < 3 {
            let key = random.stateKey()
            let proof = try tree.prove(key: key, at: 1).proof
            let kind = proof.terminal == .empty ? 1 : 2
            if kinds.insert(kind).inserted { cases.append((key, nil)) }
        }
        for (key, value) in cases {
            let proof = try tree.prove(key: key, at: 1).proof
            #expect(StateTree.verify(proof, key: key, value: value, root: root))
            let encoded = proof.encoded
            for index in encoded.indices {
                for flip: UInt8 in [0x01, 0x80] {
                    var tampered = encoded
                    tampered[index] ^= flip
                    if let decoded = try? StateProof(decoding: tampered) {
                        #expect(!StateTree.verify(decoded, key: key, value: value, root: root), "byte \(index) ^ \(flip)")
                    }
                }
            }
            for index in key.indices {
                var other = key
                other[index] ^= 0x01
                #expect(!StateTree.verify(proof, key: other, value: value, root: root))
            }
            if let value {
                for index in value.indices {
                    var other = value
                    other[index] ^= 0x01
                    #expect(!StateTree.verify(proof, key: key, value: other, root: root))
                }
            }
            for index in root.bytes.indices {
                var bytes = root.bytes
                bytes[index] ^= 0x01
                #expect(!StateTree.verify(proof, key: key, value: value, root: StateRoot(bytes: bytes)!))
            }
        }
    }

    @Test func aProofForOneRootFailsAgainstAnother() throws {
        let store = MemoryStore()
        let (tree, entries) = try populated(store, count: 100, seed: 26)
        let unrelated = [StateChange(key: s("unrelated"), value: s("x"))]
        try commit(try tree.update(version: 2, changes: unrelated), to: store)
        let oldRoot = try #require(try tree.root(at: 1))
        let newRoot = try #require(try tree.root(at: 2))
        for entry in entries.prefix(20) {
            let old = try tree.prove(key: entry.key, at: 1).proof
            let new = try tree.prove(key: entry.key, at: 2).proof
            #expect(StateTree.verify(old, key: entry.key, value: entry.value, root: oldRoot))
            #expect(!StateTree.verify(old, key: entry.key, value: entry.value, root: newRoot))
            #expect(StateTree.verify(new, key: entry.key, value: entry.value, root: newRoot))
            #expect(!StateTree.verify(new, key: entry.key, value: entry.value, root: oldRoot))
        }
        let absent = try tree.prove(key: s("unrelated"), at: 1).proof
        #expect(StateTree.verify(absent, key: s("unrelated"), value: nil, root: oldRoot))
        #expect(!StateTree.verify(absent, key: s("unrelated"), value: nil, root: newRoot))
    }

    @Test(arguments: Backend.allCases)
    func oldVersionsProveTheirOwnValues(backend: Backend) throws {
        try withStore(backend) { store in
            var random = SplitMix64(state: 27)
            let tree = tree(store)
            var model = Model()
            var snapshots: [Model] = []
            for version: UInt64 in 1...15 {
                let changes = randomChanges(&random, model: model, count: 30)
                try commit(try tree.update(version: version, changes: changes), to: store)
                model.apply(changes)
                snapshots.append(model)
            }
            let allKeys = model.keys + snapshots[0].keys
            for (index, snapshot) in snapshots.enumerated() {
                let version = UInt64(index + 1)
                let root = try #require(try tree.root(at: version))
                for key in allKeys.prefix(40) {
                    let (value, proof) = try tree.prove(key: key, at: version)
                    #expect(value == snapshot.entries[key])
                    #expect(StateTree.verify(proof, key: key, value: snapshot.entries[key], root: root))
                }
            }
        }
    }

    @Test func smallTreesProve() throws {
        let store = MemoryStore()
        let tree = tree(store)
        try commit(try tree.update(version: 1, changes: []), to: store)
        let empty = try tree.prove(key: s("k"), at: 1).proof
        #expect(empty == StateProof(siblings: [], terminal: .empty))
        #expect(empty.encoded == [1, 0, 0])
        #expect(StateTree.verify(empty, key: s("k"), value: nil, root: .empty))

        try commit(try tree.update(version: 2, changes: [StateChange(key: s("k"), value: s("v"))]), to: store)
        let root = try #require(try tree.root(at: 2))
        let one = try tree.prove(key: s("k"), at: 2)
        #expect(one.value == s("v"))
        #expect(one.proof == StateProof(siblings: [], terminal: .leaf))
        #expect(StateTree.verify(one.proof, key: s("k"), value: s("v"), root: root))
        let other = try tree.prove(key: s("j"), at: 2).proof
        #expect(other.siblings.isEmpty)
        #expect(StateTree.verify(other, key: s("j"), value: nil, root: root))
        #expect(!StateTree.verify(other, key: s("k"), value: nil, root: root), "the key's own leaf is no absence")
    }

    @Test func unknownVersionsAreErrors() throws {
        let store = MemoryStore()
        let tree = tree(store)
        #expect(throws: StateTreeError.unknownVersion(3)) { _ = try tree.prove(key: s("k"), at: 3) }
        #expect(throws: StateTreeError.unknownVersion(3)) { _ = try tree.get(s("k"), at: 3) }
    }

    @Test func checkSaysWhy() throws {
        let proof = StateProof(siblings: [], terminal: .leaf)
        #expect(throws: StateTreeError.proofRejected("an inclusion proof cannot show the key absent")) {
            try StateTree.check(proof, key: s("k"), value: nil, root: .empty)
        }
        // An other leaf whose hash leaves the key's path cannot show the key absent, whatever
        // the siblings.
        let keyHash = SHA256.hash(s("k"))
        var offPath = keyHash
        offPath[0] ^= 0x80
        let wrongLeaf = StateProof(siblings: [[UInt8](repeating: 7, count: 32)],
                                   terminal: .otherLeaf(keyHash: offPath, valueHash: keyHash))
        #expect(throws: StateTreeError.proofRejected("the other leaf is off the key's path at bit 0")) {
            try StateTree.check(wrongLeaf, key: s("k"), value: nil, root: .empty)
        }
        let short = StateProof(siblings: [[1, 2, 3]], terminal: .empty)
        #expect(throws: StateTreeError.proofRejected("sibling 0 is not 32 bytes")) {
            try StateTree.check(short, key: s("k"), value: nil, root: .empty)
        }
    }
}
