import KeelState

/// Keel's authenticated state: a Jellyfish-style 16-ary sparse Merkle tree over SHA-256 key
/// hashes, versioned by block height and stored in the caller's key-value store
/// (docs/state-tree.md).
///
/// The tree never writes: ``update(version:changes:)`` returns the node records to put, and
/// the caller commits them in its own write batch with the rest of the block. Reads go
/// through the reader given at creation, so the writes of one version must be visible in it
/// before the next version is updated or proved.
public struct StateTree {
    /// Where nodes are read from.
    public let reader: any KeyValueReader
    /// The first byte of every node key.
    public let nodePrefix: UInt8
    /// The first byte of every stale-node record.
    public let stalePrefix: UInt8
    /// Decoded nodes kept across trees and blocks, or `nil` to read every node from the store.
    public let cache: NodeCache?

    /// A tree whose nodes are read from `reader` under `nodePrefix`, recording replaced nodes
    /// under `stalePrefix`. The two prefixes must differ, and no other data may use them.
    /// A `cache` (see ``NodeCache``) kept by the caller across blocks saves store reads; it
    /// must belong to this store alone.
    public init(reader: any KeyValueReader, nodePrefix: UInt8, stalePrefix: UInt8, cache: NodeCache? = nil) {
        precondition(nodePrefix != stalePrefix, "tree nodes and stale records need distinct prefixes")
        self.reader = reader
        self.nodePrefix = nodePrefix
        self.stalePrefix = stalePrefix
        self.cache = cache
    }

    /// The root of the empty tree (32 zero bytes).
    public static let emptyRoot = StateRoot.empty

    /// The highest version stored, or `nil` when no version is (one range seek).
    public func latestVersion() throws(StateTreeError) -> UInt64? {
        let entry: KeyValue?
        do throws(StateError) {
            var cursor = try reader.cursor(over: .prefix([nodePrefix]), direction: .backward)
            entry = try cursor.next()
        } catch {
            throw .state(error)
        }
        guard let entry else { return nil }
        guard let key = NodeKey(decoding: entry.key, from: 1) else {
            throw .corruptNode(key: Hex.encode(entry.key), reason: "malformed node key")
        }
        return key.version
    }

    /// The root at `version`, or `nil` when no tree is stored there.
    public func root(at version: UInt64) throws(StateTreeError) -> StateRoot? {
        guard let node = try readNode(NodeKey(version: version, path: .root), required: false) else { return nil }
        return StateRoot(hash: node.hash)
    }

    /// The node at `key`; `nil` when absent and not `required`.
    func readNode(_ key: NodeKey, required: Bool = true) throws(StateTreeError) -> TreeNode? {
        let storeKey = key.encoded(prefix: nodePrefix)
        let bytes: [UInt8]?
        do {
            bytes = try reader.get(storeKey)
        } catch {
            throw .state(error)
        }
        guard let bytes else {
            if required { throw .missingNode(key: Hex.encode(storeKey)) }
            return nil
        }
        do {
            return try TreeNode(decoding: bytes)
        } catch {
            throw .corruptNode(key: Hex.encode(storeKey), reason: error.reason)
        }
    }

    /// The node at `key`, which the tree refers to (only a root may be the empty tree); from
    /// the cache when there, else read from the store and cached. Only nodes reached from a
    /// root read from the store come here.
    func node(_ key: NodeKey) throws(StateTreeError) -> TreeNode {
        if let cached = cache?.node(key) { return cached }
        // A required read throws instead of returning nil.
        let node = try readNode(key, required: true)!
        if case .empty = node, key.path.count > 0 {
            throw .corruptNode(key: Hex.encode(key.encoded(prefix: nodePrefix)), reason: "empty-tree record below the root")
        }
        cache?.insert(node, at: key)
        return node
    }

    /// The root node at `version`.
    func rootNode(at version: UInt64) throws(StateTreeError) -> TreeNode {
        guard let node = try readNode(NodeKey(version: version, path: .root), required: false) else {
            throw .unknownVersion(version)
        }
        return node
    }
}
