import KeelState

/// What an update made of one subtree.
enum Built {
    /// The subtree is empty.
    case empty
    /// The subtree is one leaf, not yet placed: the parent decides its path (it moves up
    /// when its siblings go). `origin` is where it is stored now if it is unchanged.
    case leaf(LeafNode, origin: NodeKey?)
    /// The subtree is an internal node, stored at (version, its path).
    case `internal`(version: UInt64, hash: [UInt8])
}

/// One update in progress: walks the paths of the changed keys, collecting the new nodes and
/// the nodes they replace. Only nodes on those paths are read or written.
struct TreeUpdater {
    let tree: StateTree
    /// The version being written.
    let version: UInt64
    /// New nodes, in creation order.
    private(set) var nodes: [(key: NodeKey, node: TreeNode)] = []
    /// Replaced nodes, possibly with repeats.
    private(set) var stale: [NodeKey] = []

    init(tree: StateTree, version: UInt64) {
        self.tree = tree
        self.version = version
    }

    /// Applies `changes` (canonical: sorted by key hash, one per key) to the subtree at
    /// `path` whose current node is `existing` (stored at `key`), or to an empty subtree.
    mutating func update(
        _ existing: TreeNode?, at key: NodeKey?, path: NibblePath, changes: ArraySlice<HashedChange>
    ) throws(StateTreeError) -> Built {
        switch existing {
        case nil, .empty:
            return try build(path: path, leaves: changes.compactMap(\.leaf)[...])
        case .leaf(let leaf):
            return try merge(leaf, origin: key, path: path, changes: changes)
        case .internal(let node):
            return try update(node, origin: key!, path: path, changes: changes)
        }
    }

    /// A leaf subtree after `changes`: unchanged (no write) when they leave the leaf as it is.
    private mutating func merge(
        _ leaf: LeafNode, origin: NodeKey?, path: NibblePath, changes: ArraySlice<HashedChange>
    ) throws(StateTreeError) -> Built {
        var leaves: [LeafNode] = []
        leaves.reserveCapacity(changes.count + 1)
        var pending: LeafNode? = leaf
        for change in changes {
            if let kept = pending, kept.keyHash.lexicographicallyPrecedes(change.keyHash) {
                leaves.append(kept)
                pending = nil
            }
            if change.keyHash == leaf.keyHash { pending = nil }
            if let new = change.leaf { leaves.append(new) }
        }
        if let kept = pending { leaves.append(kept) }
        if leaves.count == 1, leaves[0] == leaf { return .leaf(leaf, origin: origin) }
        return try build(path: path, leaves: leaves[...])
    }

    /// A new subtree at `path` holding `leaves` (sorted by key hash, distinct).
    private mutating func build(path: NibblePath, leaves: ArraySlice<LeafNode>) throws(StateTreeError) -> Built {
        if leaves.isEmpty { return .empty }
        if leaves.count == 1 { return .leaf(leaves.first!, origin: nil) }
        precondition(path.count < 64, "distinct key hashes differ before nibble 64")
        var children = [ChildEntry?](repeating: nil, count: 16)
        var start = leaves.startIndex
        while start < leaves.endIndex {
            let nibble = TreeHash.nibble(leaves[start].keyHash, path.count)
            var end = start + 1
            while end < leaves.endIndex, TreeHash.nibble(leaves[end].keyHash, path.count) == nibble { end += 1 }
            let childPath = path.appending(nibble)
            children[nibble] = place(try build(path: childPath, leaves: leaves[start..<end]), at: childPath)
            start = end
        }
        return write(InternalNode(children: children), at: path)
    }

    /// An internal node's subtree after `changes`: unchanged (no write) when no child
    /// changed; collapsed to a leaf when one leaf is all that is left below it.
    private mutating func update(
        _ node: InternalNode, origin: NodeKey, path: NibblePath, changes: ArraySlice<HashedChange>
    ) throws(StateTreeError) -> Built {
        var results: [(slot: Int, built: Built)] = []
        var start = changes.startIndex
        while start < changes.endIndex {
            let nibble = TreeHash.nibble(changes[start].keyHash, path.count)
            var end = start + 1
            while end < changes.endIndex, TreeHash.nibble(changes[end].keyHash, path.count) == nibble { end += 1 }
            let childPath = path.appending(nibble)
            let entry = node.children[nibble]
            let childKey = entry.map { NodeKey(version: $0.version, path: childPath) }
            let child = try childKey.map { key throws(StateTreeError) in try tree.node(key) }
            let built = try update(child, at: childKey, path: childPath, changes: changes[start..<end])
            start = end
            if Self.isUnchanged(built, entry: entry, key: childKey) { continue }
            if let childKey, !Self.isLeaf(built, from: childKey) { stale.append(childKey) }
            results.append((nibble, built))
        }
        if results.isEmpty { return .internal(version: origin.version, hash: node.hash) }

        // The slots after the changes: untouched entries, and the changed subtrees.
        var occupied = node.children.map { $0 != nil }
        for (slot, built) in results {
            if case .empty = built { occupied[slot] = false } else { occupied[slot] = true }
        }
        let remaining = occupied.indices.filter { occupied[$0] }
        if remaining.isEmpty { return .empty }
        if remaining.count == 1 {
            let slot = remaining[0]
            if let changed = results.first(where: { $0.slot == slot }) {
                if case .leaf = changed.built { return changed.built }
            } else if let entry = node.children[slot], entry.isLeaf {
                // An untouched leaf left alone: it moves up to this node's path.
                let leafKey = NodeKey(version: entry.version, path: path.appending(slot))
                guard case .leaf(let leaf) = try tree.node(leafKey) else {
                    throw .corruptNode(key: Hex.encode(leafKey.encoded(prefix: tree.nodePrefix)),
                                       reason: "parent marks it as a leaf")
                }
                return .leaf(leaf, origin: leafKey)
            }
        }
        var children = node.children
        for (slot, built) in results {
            children[slot] = place(built, at: path.appending(slot))
        }
        return write(InternalNode(children: children), at: path)
    }

    /// Stores a built subtree at `path` (leaves are written there unless already stored
    /// there unchanged) and returns its parent's entry for it.
    mutating func place(_ built: Built, at path: NibblePath) -> ChildEntry? {
        switch built {
        case .empty:
            return nil
        case .internal(let version, let hash):
            return ChildEntry(version: version, hash: hash, isLeaf: false)
        case .leaf(let leaf, let origin):
            if let origin, origin.path == path {
                return ChildEntry(version: origin.version, hash: leaf.hash, isLeaf: true)
            }
            if let origin { stale.append(origin) }
            nodes.append((NodeKey(version: version, path: path), .leaf(leaf)))
            return ChildEntry(version: version, hash: leaf.hash, isLeaf: true)
        }
    }

    /// Writes a new internal node at `path`.
    private mutating func write(_ node: InternalNode, at path: NibblePath) -> Built {
        nodes.append((NodeKey(version: version, path: path), .internal(node)))
        return .internal(version: version, hash: node.hash)
    }

    /// Writes the root record of the new version.
    mutating func writeRoot(_ node: TreeNode) {
        nodes.append((NodeKey(version: version, path: .root), node))
    }

    /// Records that the node at `key` is not part of the new version's tree.
    mutating func markStale(_ key: NodeKey) {
        stale.append(key)
    }

    /// The update's records: new nodes then stale records, each in key order, stale records
    /// once each.
    func result(root: StateRoot, stalePrefix: UInt8) -> StateTreeUpdate {
        // Sorted by integer keys in the encoded keys' order (all new nodes share the version,
        // all stale records the `since`), then encoded once each.
        let nodeOrder = nodes.indices.map { (key: NodeSortKey(nodes[$0].key), index: $0) }.sorted { $0.key < $1.key }
        var writes: [KeyValue] = []
        writes.reserveCapacity(nodes.count + stale.count)
        for (_, index) in nodeOrder {
            writes.append(KeyValue(key: nodes[index].key.encoded(prefix: tree.nodePrefix), value: nodes[index].node.encoded))
        }
        let staleOrder = stale.indices.map { (key: NodeSortKey(stale[$0]), index: $0) }.sorted { $0.key < $1.key }
        var previous: NodeSortKey? = nil
        for (key, index) in staleOrder where key != previous {
            writes.append(KeyValue(key: StaleNodeKey(since: version, node: stale[index]).encoded(prefix: stalePrefix), value: []))
            previous = key
        }
        return StateTreeUpdate(version: version, root: root, writes: writes, nodeCount: nodes.count)
    }

    /// Whether `built` is the subtree that was at `key` (described by `entry`), untouched.
    private static func isUnchanged(_ built: Built, entry: ChildEntry?, key: NodeKey?) -> Bool {
        switch built {
        case .empty: entry == nil
        case .leaf(_, let origin): origin != nil && origin == key
        case .internal(let version, _): entry.map { !$0.isLeaf && $0.version == version } ?? false
        }
    }

    /// Whether `built` is the unchanged leaf stored at `key` (it is marked stale only if it moves).
    private static func isLeaf(_ built: Built, from key: NodeKey) -> Bool {
        if case .leaf(_, let origin) = built { return origin == key }
        return false
    }
}
