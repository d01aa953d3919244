extension StateTree {
    /// Whether `proof` shows that `key` has `value` (`nil`: is absent) in the tree whose root
    /// is `root`. Needs no store.
    public static func verify(_ proof: StateProof, key: [UInt8], value: [UInt8]?, root: StateRoot) -> Bool {
        do {
            try check(proof, key: key, value: value, root: root)
            return true
        } catch {
            return false
        }
    }

    /// Checks that `proof` shows that `key` has `value` (`nil`: is absent) under `root`.
    ///
    /// - Throws: ``StateTreeError/proofRejected(_:)`` saying why not.
    public static func check(_ proof: StateProof, key: [UInt8], value: [UInt8]?, root: StateRoot) throws(StateTreeError) {
        try check(proof, keyHash: TreeHash.key(key), valueHash: value.map(TreeHash.value), root: root)
    }

    /// ``check(_:key:value:root:)`` for the key hash `keyHash` and the value hash `valueHash`
    /// (`nil`: absent).
    static func check(_ proof: StateProof, keyHash: [UInt8], valueHash: [UInt8]?, root: StateRoot) throws(StateTreeError) {
        let depth = proof.siblings.count
        guard depth <= StateProof.maxSiblings else {
            throw .proofRejected("\(depth) siblings, at most \(StateProof.maxSiblings)")
        }
        var hash: [UInt8]
        switch proof.terminal {
        case .leaf:
            guard let valueHash else { throw .proofRejected("an inclusion proof cannot show the key absent") }
            hash = TreeHash.leaf(keyHash: keyHash, valueHash: valueHash)
        case .empty:
            guard valueHash == nil else { throw .proofRejected("an absence proof cannot show a value") }
            hash = TreeHash.placeholder
        case .otherLeaf(let otherKey, let otherValue):
            guard valueHash == nil else { throw .proofRejected("an absence proof cannot show a value") }
            guard otherKey.count == TreeHash.byteCount, otherValue.count == TreeHash.byteCount else {
                throw .proofRejected("the other leaf's hashes are not 32 bytes")
            }
            guard otherKey != keyHash else { throw .proofRejected("the other leaf is the key's own leaf") }
            for bit in 0..<depth where TreeHash.bit(otherKey, bit) != TreeHash.bit(keyHash, bit) {
                throw .proofRejected("the other leaf is off the key's path at bit \(bit)")
            }
            hash = TreeHash.leaf(keyHash: otherKey, valueHash: otherValue)
        }
        for bit in stride(from: depth - 1, through: 0, by: -1) {
            let sibling = proof.siblings[bit]
            guard sibling.count == TreeHash.byteCount else { throw .proofRejected("sibling \(bit) is not 32 bytes") }
            hash = TreeHash.bit(keyHash, bit) == 0 ? TreeHash.branch(hash, sibling) : TreeHash.branch(sibling, hash)
        }
        guard hash == root.bytes else {
            throw .proofRejected("the proof's root \(StateRoot(hash: hash)) is not \(root)")
        }
    }
}
