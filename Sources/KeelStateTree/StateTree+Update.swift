import KeelState

extension StateTree {
    /// Computes the tree at `version` from the latest stored version and `changes`, and
    /// returns the new root with the records to write. Nothing is written to the store.
    ///
    /// `changes` may come in any order; a key given more than once takes its last change
    /// (as in a ``WriteBatch``); deleting an absent key and setting a key to its current
    /// value change nothing. Only the nodes on the paths of the changed keys are read or
    /// written (about log16 N each), and the root record of `version` is always written,
    /// so every version has a root, even with no changes.
    ///
    /// - Parameter version: the new version (block height), above every stored version.
    /// - Throws: ``StateTreeError/versionNotAfterLatest(version:latest:)``; store and node
    ///   errors.
    public func update(version: UInt64, changes: [StateChange]) throws(StateTreeError) -> StateTreeUpdate {
        try update(version: version, canonical: ChangeSet.canonical(changes))
    }

    /// ``update(version:changes:)`` for changes already canonical (sorted by key hash, one
    /// per key).
    func update(version: UInt64, canonical: [HashedChange]) throws(StateTreeError) -> StateTreeUpdate {
        let latest = try latestVersion()
        if let latest, version <= latest { throw .versionNotAfterLatest(version: version, latest: latest) }
        var updater = TreeUpdater(tree: self, version: version)

        let oldKey = latest.map { NodeKey(version: $0, path: .root) }
        // The root always comes from the store: it decides whether the cache's staged nodes
        // were committed, and every cached node is reached through it.
        let oldRoot = try oldKey.map { key throws(StateTreeError) in try readNode(key)! }
        cache?.settle(latest: latest, root: oldRoot)
        let built = try updater.update(oldRoot, at: oldKey, path: .root, changes: canonical[...])
        let root: [UInt8]
        switch built {
        case .empty:
            updater.writeRoot(.empty)
            root = TreeHash.placeholder
        case .leaf(let leaf, let origin):
            // The leaf moves to the root path; the old root is retired below.
            if let origin, origin.path != .root { updater.markStale(origin) }
            updater.writeRoot(.leaf(leaf))
            root = leaf.hash
        case .internal(let builtVersion, let hash):
            // An unchanged root is copied to the new version.
            if builtVersion != version, let oldRoot { updater.writeRoot(oldRoot) }
            root = hash
        }
        if let oldKey { updater.markStale(oldKey) }
        cache?.stage(version: version, nodes: updater.nodes)
        return updater.result(root: StateRoot(hash: root), stalePrefix: stalePrefix)
    }
}
