import KeelState
import Testing
@testable import KeelStateTree

/// Paths of the maximum depth, which SHA-256 keys cannot be made to reach: crafted key hashes
/// sharing 255, 100 and 0 bits, through the internal entry points that take key hashes.
@Suite("Deep paths")
struct DeepPathTests {
    /// `base` with bit `index` flipped.
    private func flipped(_ base: [UInt8], bit index: Int) -> [UInt8] {
        var hash = base
        hash[index / 8] ^= 0x80 >> UInt8(index % 8)
        return hash
    }

    @Test(arguments: Backend.allCases)
    func longSharedPrefixesGrowAndCollapse(backend: Backend) throws {
        try withStore(backend) { store in
            let tree = tree(store)
            let a = [UInt8](repeating: 0x5A, count: 32)
            let b = flipped(a, bit: 255)
            let c = flipped(a, bit: 100)
            let d = flipped(a, bit: 0)
            var current: [[UInt8]: LeafNode] = [:]
            var version: UInt64 = 0
            func step(_ changes: [(hash: [UInt8], value: [UInt8]?)]) throws {
                version += 1
                var canonical: [HashedChange] = []
                for (hash, value) in changes.sorted(by: { $0.hash.lexicographicallyPrecedes($1.hash) }) {
                    let leaf = value.map { LeafNode(keyHash: hash, value: $0) }
                    canonical.append(HashedChange(keyHash: hash, leaf: leaf))
                    current[hash] = leaf
                }
                let update = try tree.update(version: version, canonical: canonical)
                let leaves = current.values.sorted { $0.keyHash.lexicographicallyPrecedes($1.keyHash) }
                #expect(update.root == StateTree.root(ofLeaves: leaves), "version \(version)")
                try commit(update, to: store)
                for hash in [a, b, c, d] {
                    let (value, proof) = try tree.prove(keyHash: hash, at: version)
                    #expect(value == current[hash]?.value)
                    try StateTree.check(proof, keyHash: hash, valueHash: current[hash]?.valueHash, root: update.root)
                    #expect(try StateProof(decoding: proof.encoded) == proof)
                }
            }
            try step([(a, [1]), (b, [2])])
            // a and b share 255 bits: 64 internal nodes down to nibble 63, 256 siblings.
            let deepest = try tree.prove(keyHash: a, at: 1).proof
            #expect(deepest.siblings.count == 256)
            #expect(deepest.encoded.count == 3 + 32 + 32)
            #expect(try store.scan(.prefix([nodePrefix])).count == 64 + 2)
            try step([(c, [3]), (d, [4])])
            try step([(b, nil)])
            // a now sits where it parts from c, at bit 100 (nibble 25).
            #expect(try tree.prove(keyHash: a, at: 3).proof.siblings.count == 101)
            try step([(c, nil), (a, [5])])
            #expect(try tree.prove(keyHash: a, at: 4).proof.siblings.count == 1)
            try step([(d, nil)])
            #expect(try tree.root(at: 5) == StateRoot(hash: LeafNode(keyHash: a, value: [5]).hash))
            try step([(b, [6])])
            try step([(a, nil), (b, nil)])
            #expect(try tree.root(at: 7) == StateTree.emptyRoot)
        }
    }
}
