/// A point in a ``StateOverlay``'s history that can be reverted to or committed, taken
/// by ``StateOverlay/checkpoint()``.
///
/// Checkpoints nest like a stack: a cross-contract call takes one before running the
/// callee and reverts to it if the callee fails, which undoes exactly the callee's
/// writes (and those of everything it called).
public struct Checkpoint: Sendable, Hashable {
    /// The overlay that issued it (compared for equality only, never ordered).
    let owner: ObjectIdentifier
    /// Issue number within the overlay, so a stale checkpoint is never mistaken for a new one.
    let serial: UInt64
    /// The journal length when it was taken: reverting undoes every entry after it.
    let journalLength: Int
}
