import KeelState

/// One change of an update, keyed by its path in the tree.
struct HashedChange: Sendable {
    /// SHA-256 of the key.
    var keyHash: [UInt8]
    /// The new leaf, or `nil` for a delete.
    var leaf: LeafNode?
}

/// An update's changes in canonical form: sorted by key hash, one per key (the last given
/// for a key wins), so any order or duplication of the input gives the same tree.
enum ChangeSet {
    static func canonical(_ changes: [StateChange]) -> [HashedChange] {
        // Sort by (key hash, position), then keep the last of each run of equal hashes.
        var indexed: [(hash: [UInt8], index: Int)] = []
        indexed.reserveCapacity(changes.count)
        for (index, change) in changes.enumerated() {
            indexed.append((TreeHash.key(change.key), index))
        }
        indexed.sort { a, b in
            a.hash == b.hash ? a.index < b.index : ByteOrder.less(a.hash, b.hash)
        }
        var result: [HashedChange] = []
        result.reserveCapacity(indexed.count)
        for (position, entry) in indexed.enumerated() {
            if position + 1 < indexed.count, indexed[position + 1].hash == entry.hash { continue }
            let leaf = changes[entry.index].value.map { LeafNode(keyHash: entry.hash, value: $0) }
            result.append(HashedChange(keyHash: entry.hash, leaf: leaf))
        }
        return result
    }
}
