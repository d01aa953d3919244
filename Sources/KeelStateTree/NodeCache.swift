/// A bounded in-memory cache of decoded tree nodes, kept by the caller across blocks and given
/// to every ``StateTree`` it makes over one store. It changes only speed: roots, proofs and
/// records are the same with or without it.
///
/// It holds nodes read from the store, and the nodes of the latest update once that update is
/// seen committed (the next update finds its root record in the store, equal to the one it
/// computed), so the next block reads its upper nodes from memory. Node keys are never
/// rewritten, and pruning deletes only nodes that no kept root reaches; the tree always reads
/// roots from the store, so every cached node it reaches through one is in the store.
/// ``StateTree/pruneOperations(keepingFrom:)`` also evicts the nodes it deletes.
///
/// Use one cache for one store, whose node and stale prefixes are written only with the
/// records of updates and prunes of trees sharing the cache. Not thread-safe: use it from one
/// thread (or actor) at a time.
public final class NodeCache {
    /// The most nodes held at once.
    public let capacity: Int
    /// Recently used nodes; when full it becomes `older` and a new one starts, so a node
    /// stays while it is used at least once per `capacity / 2` insertions.
    private var recent: [NodeKey: TreeNode] = [:]
    private var older: [NodeKey: TreeNode] = [:]
    /// The latest update's new nodes, not yet known to be committed.
    private var staged: (version: UInt64, root: TreeNode, nodes: [(key: NodeKey, node: TreeNode)])?
    /// The highest version of any node held, to notice a store rolled back below it.
    private var highestVersion: UInt64?

    /// A cache holding at most `capacity` nodes (at least 2). An internal node of a large tree
    /// takes about 1 KB.
    public init(capacity: Int = 200_000) {
        precondition(capacity >= 2, "a node cache holds at least 2 nodes")
        self.capacity = capacity
    }

    /// How many nodes the cache holds (staged nodes not counted).
    public var count: Int { recent.count + older.count }

    /// The cached node at `key`, if any.
    func node(_ key: NodeKey) -> TreeNode? {
        if let node = recent[key] { return node }
        guard let node = older.removeValue(forKey: key) else { return nil }
        insert(node, at: key)
        return node
    }

    /// Caches `node`, stored at `key`.
    func insert(_ node: TreeNode, at key: NodeKey) {
        if recent.count >= capacity / 2 {
            older = recent
            recent = [:]
            recent.reserveCapacity(capacity / 2)
        }
        recent[key] = node
        highestVersion = max(highestVersion ?? key.version, key.version)
    }

    /// Remembers an update's new nodes until it is seen committed.
    func stage(version: UInt64, nodes: [(key: NodeKey, node: TreeNode)]) {
        guard let root = nodes.first(where: { $0.key.path == .root }) else { return }
        staged = (version, root.node, nodes)
    }

    /// Called with the store's latest version and its root node before an update: caches the
    /// staged nodes if they are that version's committed records, and drops everything above
    /// a store that went back below the cached versions.
    func settle(latest: UInt64?, root: TreeNode?) {
        if let staged, staged.version == latest, staged.root == root {
            for (key, node) in staged.nodes { insert(node, at: key) }
        }
        staged = nil
        if let highestVersion, latest.map({ $0 < highestVersion }) ?? true {
            removeAll()
        }
    }

    /// Forgets the node at `key` (it is being deleted).
    func evict(_ key: NodeKey) {
        recent.removeValue(forKey: key)
        older.removeValue(forKey: key)
    }

    /// Forgets every node.
    public func removeAll() {
        recent = [:]
        older = [:]
        staged = nil
        highestVersion = nil
    }
}
