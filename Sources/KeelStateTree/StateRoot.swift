import KeelState

/// The root hash of a state tree: 32 bytes that commit to the whole key/value set.
///
/// It depends only on the set of (key, value) pairs, not on the history that produced it
/// (docs/state-tree.md).
public struct StateRoot: Sendable, Hashable, CustomStringConvertible {
    /// The 32 bytes of the root hash.
    public let bytes: [UInt8]

    /// A root from its 32 bytes; `nil` when `bytes` does not have 32 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == TreeHash.byteCount else { return nil }
        self.bytes = bytes
    }

    init(hash: [UInt8]) {
        precondition(hash.count == TreeHash.byteCount, "a tree hash has 32 bytes")
        bytes = hash
    }

    /// The root of the empty tree: 32 zero bytes.
    public static let empty = StateRoot(hash: TreeHash.placeholder)

    /// The root as 64 lowercase hex digits.
    public var description: String { Hex.encode(bytes) }
}
