import KeelCrypto
import KeelState
import Testing
import KeelStateTree

/// Fixed vectors (also in docs/state-tree.md), so the hash layout cannot change silently.
@Suite("Known answers")
struct KnownAnswerTests {
    /// The small tree of docs/state-tree.md.
    static let small: [KeyValue] = [
        KeyValue(key: Array("alice".utf8), value: Array("100".utf8)),
        KeyValue(key: Array("bob".utf8), value: Array("250".utf8)),
        KeyValue(key: Array("carol".utf8), value: []),
        KeyValue(key: Array("dave".utf8), value: Array("7".utf8)),
        KeyValue(key: Array("eve".utf8), value: Array("99".utf8)),
    ]
    static let smallRoot = "caf3de8747109a0b8b98af2c9f1b7c6d1d5681df41b5fd32483a5e6f3e4651e6"

    @Test func emptyRoot() {
        #expect(StateTree.emptyRoot.description == String(repeating: "0", count: 64))
        #expect(StateTree.root(of: []) == StateTree.emptyRoot)
    }

    @Test func oneLeafRootIsTheLeafHash() {
        let expected = SHA256.hash([0x00] + SHA256.hash(Array("alice".utf8)) + SHA256.hash(Array("100".utf8)))
        #expect(StateTree.root(of: [Self.small[0]]).bytes == expected)
    }

    /// Two leaves meet at the first bit where their key hashes differ; above it each level
    /// pairs the subtree with the empty placeholder.
    @Test func twoLeafRootFromTheDefinition() {
        let a = Self.small[0], b = Self.small[1]
        let ha = SHA256.hash(a.key), hb = SHA256.hash(b.key)
        func bit(_ h: [UInt8], _ i: Int) -> UInt8 { (h[i / 8] >> (7 - UInt8(i % 8))) & 1 }
        var depth = 0
        while bit(ha, depth) == bit(hb, depth) { depth += 1 }
        let leafA = SHA256.hash([0x00] + ha + SHA256.hash(a.value))
        let leafB = SHA256.hash([0x00] + hb + SHA256.hash(b.value))
        var hash = bit(ha, depth) == 0 ? SHA256.hash([0x01] + leafA + leafB) : SHA256.hash([0x01] + leafB + leafA)
        let zero = [UInt8](repeating: 0, count: 32)
        for level in stride(from: depth - 1, through: 0, by: -1) {
            hash = bit(ha, level) == 0 ? SHA256.hash([0x01] + hash + zero) : SHA256.hash([0x01] + zero + hash)
        }
        #expect(StateTree.root(of: [a, b]).bytes == hash)
    }

    @Test func smallTreeRoot() throws {
        #expect(StateTree.root(of: Self.small).description == Self.smallRoot)
        let store = MemoryStore()
        let tree = StateTree(reader: store, nodePrefix: 1, stalePrefix: 2)
        let update = try tree.update(version: 1, changes: Self.small.map { StateChange(key: $0.key, value: $0.value) })
        #expect(update.root.description == Self.smallRoot)
    }

    /// Proofs in the small tree, encoded (docs/state-tree.md, "Known answers"): an
    /// inclusion, an absence at an empty subtree (with placeholder siblings) and an absence
    /// at another key's leaf.
    static let proofs: [(key: String, value: String?, encoded: String)] = [
        ("alice", "100", "000002c0f55ba471b1e62f9c120bb154cd732333a93950f63339094e2708572042068430fbf75c7f79eb05b92037d9bd10f61de19dc0ede89520dfc56b0eb09bf1e747d2"),
        ("victor", nil, "010004908191694d3ea95e3d3f54ba0ba3fdfe518dbfb8bbb5e93a2e3877fa7216ae59dd1b25020317e3ab2cf3ab5831268a10cc3caff7926021b6090d96430e50d842eb"),
        ("heidi", nil, "020002c0f55ba471b1e62f9c120bb154cd732333a93950f63339094e2708572042068430fbf75c7f79eb05b92037d9bd10f61de19dc0ede89520dfc56b0eb09bf1e747d22bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90ad57366865126e55649ecb23ae1d48887544976efea46a48eb5d85a6eeb4d306"),
    ]

    @Test func smallTreeProofs() throws {
        let store = MemoryStore()
        let tree = StateTree(reader: store, nodePrefix: 1, stalePrefix: 2)
        let update = try tree.update(version: 1, changes: Self.small.map { StateChange(key: $0.key, value: $0.value) })
        var batch = WriteBatch()
        for entry in update.writes { batch.put(entry.key, entry.value) }
        try store.write(batch, sync: false)
        for (key, value, encoded) in Self.proofs {
            let proven = try tree.prove(key: Array(key.utf8), at: 1)
            #expect(proven.value == value.map { Array($0.utf8) })
            #expect(Hex.encode(proven.proof.encoded) == encoded, "\(key)")
            let decoded = try StateProof(decoding: try #require(Hex.decode(encoded)))
            #expect(StateTree.verify(decoded, key: Array(key.utf8), value: value.map { Array($0.utf8) }, root: update.root))
        }
    }
}
