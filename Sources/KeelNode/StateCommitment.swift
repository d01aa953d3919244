import KeelState
import KeelStateTree

/// The state root computation: the one function the chain calls to commit to the state
/// after a block. It updates the authenticated state tree (KeelStateTree, a 16-ary sparse
/// Merkle tree over hashed keys, docs/state-tree.md) whose nodes live in the chain's store
/// under prefix `0xF8` (stale-node records under `0xF9`), at version = block height.
///
/// The root depends only on the state's key/value set, never on the history that reached
/// it. The tree reads the previous version's nodes from the committed store and writes
/// nothing itself: its records go into the block's one write batch.
enum StateCommitment {
    /// The first byte of tree node keys in the store.
    static let nodePrefix: UInt8 = 0xF8
    /// The first byte of stale-node records (nodes replaced by a later version, for pruning).
    static let stalePrefix: UInt8 = 0xF9

    /// The tree over `store`.
    static func tree(_ store: any KeyValueReader) -> StateTree {
        StateTree(reader: store, nodePrefix: nodePrefix, stalePrefix: stalePrefix)
    }

    /// The root after `changes` (the block's write set, sorted by key) at block `version`,
    /// on top of the tree committed in `state`, and the records to write in the block's batch.
    static func update(version: UInt64, changes: [StateChange], state: any KeyValueReader) throws -> (root: [UInt8], writes: [WriteOperation]) {
        let update = try tree(state).update(version: version, changes: changes)
        return (update.root.bytes, update.writes.map { .put(key: $0.key, value: $0.value) })
    }
}
