import KeelCrypto
import KeelState

/// The state root computation: the one function the chain calls to commit to the state
/// after a block, so the authenticated state tree (KeelStateTree) plugs in here alone.
///
/// Interim rule, until the tree is merged: the root chains the block's write sets,
/// SHA-256("keel state v0" ‖ previous root ‖ ``WriteSet/hash(_:)`` of the block's sorted write
/// set), starting from 32 zero bytes before genesis. It commits to the whole history of
/// changes, so two nodes agree on it exactly when they applied the same writes, but it
/// depends on history (not only on the current state) and has no proofs; the tree replaces
/// it with a root over the key/value set.
enum StateCommitment {
    /// The root before any state exists.
    static let emptyRoot = [UInt8](repeating: 0, count: 32)

    /// The root after `changes` (the block's write set, sorted by key) applied on top of the
    /// state whose root is `previousRoot`, at block `version`, and the extra entries to write
    /// in the block's batch (tree nodes; none for the interim rule).
    static func update(
        previousRoot: [UInt8], version: UInt64, changes: [StateChange], state: any KeyValueReader
    ) throws -> (root: [UInt8], writes: [WriteOperation]) {
        let root = SHA256.hash(Array("keel state v0".utf8) + previousRoot + WriteSet.hash(changes))
        return (root, [])
    }
}
