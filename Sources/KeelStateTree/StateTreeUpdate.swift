import KeelState

/// The result of ``StateTree/update(version:changes:)``: the new root and the records the
/// caller puts in its write batch.
public struct StateTreeUpdate: Sendable, Hashable {
    /// The version updated to.
    public var version: UInt64
    /// The root of the tree at ``version``.
    public var root: StateRoot
    /// New node records (under the node prefix), then stale-node records (under the stale
    /// prefix, empty values), each group in key order. All are puts.
    public var writes: [KeyValue]
    /// How many of ``writes`` are node records.
    public var nodeCount: Int
    /// How many of ``writes`` are stale-node records.
    public var staleCount: Int { writes.count - nodeCount }
}
