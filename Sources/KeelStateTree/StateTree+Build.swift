import KeelState

extension StateTree {
    /// The root of the tree holding exactly `entries`, computed in memory from the
    /// definition (docs/state-tree.md, "Root"), one bit level at a time and independently of
    /// the stored 16-ary nodes. A key given more than once takes its last value.
    public static func root(of entries: [KeyValue]) -> StateRoot {
        root(ofLeaves: ChangeSet.canonical(entries.map { StateChange(key: $0.key, value: $0.value) }).map { $0.leaf! })
    }

    /// ``root(of:)`` for leaves sorted by key hash, distinct.
    static func root(ofLeaves leaves: [LeafNode]) -> StateRoot {
        StateRoot(hash: subtreeHash(leaves[...], depth: 0))
    }

    /// The hash of the subtree at bit depth `depth` holding `leaves` (sorted by key hash,
    /// distinct, all sharing their first `depth` bits).
    private static func subtreeHash(_ leaves: ArraySlice<LeafNode>, depth: Int) -> [UInt8] {
        if leaves.isEmpty { return TreeHash.placeholder }
        if leaves.count == 1 { return leaves.first!.hash }
        let split = leaves.firstIndex { TreeHash.bit($0.keyHash, depth) == 1 } ?? leaves.endIndex
        return TreeHash.branch(
            subtreeHash(leaves[..<split], depth: depth + 1),
            subtreeHash(leaves[split...], depth: depth + 1))
    }
}
