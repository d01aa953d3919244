/// A leaf: one key (by its hash) and its value. Its hash commits to the key hash and the
/// value hash; the value itself is stored so reads and proofs can return it.
struct LeafNode: Equatable, Sendable {
    /// SHA-256 of the key: the leaf's path.
    let keyHash: [UInt8]
    /// SHA-256 of the value.
    let valueHash: [UInt8]
    /// The value bytes.
    let value: [UInt8]
    /// SHA-256(0x00 ‖ keyHash ‖ valueHash).
    let hash: [UInt8]

    init(keyHash: [UInt8], valueHash: [UInt8], value: [UInt8]) {
        self.keyHash = keyHash
        self.valueHash = valueHash
        self.value = value
        hash = TreeHash.leaf(keyHash: keyHash, valueHash: valueHash)
    }

    init(keyHash: [UInt8], value: [UInt8]) {
        self.init(keyHash: keyHash, valueHash: TreeHash.value(value), value: value)
    }
}
