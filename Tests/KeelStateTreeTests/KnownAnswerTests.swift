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
}
