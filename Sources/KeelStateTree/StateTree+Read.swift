extension StateTree {
    /// The value of `key` in the tree at `version` with a proof of it: an inclusion proof
    /// when present, an absence proof when not. Reads one node per nibble level passed.
    ///
    /// - Throws: ``StateTreeError/unknownVersion(_:)`` when no tree is stored at `version`.
    public func prove(key: [UInt8], at version: UInt64) throws(StateTreeError) -> (value: [UInt8]?, proof: StateProof) {
        try prove(keyHash: TreeHash.key(key), at: version)
    }

    /// ``prove(key:at:)`` for the key whose hash is `keyHash`.
    func prove(keyHash: [UInt8], at version: UInt64) throws(StateTreeError) -> (value: [UInt8]?, proof: StateProof) {
        var siblings: [[UInt8]] = []
        var path = NibblePath.root
        var node = try rootNode(at: version)
        while true {
            switch node {
            case .empty:
                return (nil, StateProof(siblings: siblings, terminal: .empty))
            case .leaf(let leaf):
                guard leaf.keyHash == keyHash else {
                    return (nil, StateProof(siblings: siblings, terminal: .otherLeaf(keyHash: leaf.keyHash, valueHash: leaf.valueHash)))
                }
                return (leaf.value, StateProof(siblings: siblings, terminal: .leaf))
            case .internal(let inner):
                let nibble = TreeHash.nibble(keyHash, path.count)
                let (steps, end) = inner.path(toward: nibble)
                siblings.append(contentsOf: steps)
                switch end {
                case .empty:
                    return (nil, StateProof(siblings: siblings, terminal: .empty))
                case .leaf(let slot, let entry):
                    path = path.appending(slot)
                    node = try self.node(NodeKey(version: entry.version, path: path))
                case .descend(let entry):
                    path = path.appending(nibble)
                    node = try self.node(NodeKey(version: entry.version, path: path))
                }
            }
        }
    }

    /// The value of `key` in the tree at `version`, or `nil` when absent.
    ///
    /// - Throws: ``StateTreeError/unknownVersion(_:)`` when no tree is stored at `version`.
    public func get(_ key: [UInt8], at version: UInt64) throws(StateTreeError) -> [UInt8]? {
        let keyHash = TreeHash.key(key)
        var path = NibblePath.root
        var node = try rootNode(at: version)
        while true {
            switch node {
            case .empty:
                return nil
            case .leaf(let leaf):
                return leaf.keyHash == keyHash ? leaf.value : nil
            case .internal(let inner):
                let nibble = TreeHash.nibble(keyHash, path.count)
                guard let entry = inner.children[nibble] else { return nil }
                path = path.appending(nibble)
                node = try self.node(NodeKey(version: entry.version, path: path))
            }
        }
    }
}
