import KeelState

/// The first place where two executions of a chain (a record and a replay, or two replay
/// engines) part: the block, the transaction, the differing receipt or header fields and
/// the first differing state key, with both sides' values.
public struct Divergence: Sendable, Hashable, CustomStringConvertible {
    /// A transaction named by its position and hash.
    public struct Transaction: Sendable, Hashable {
        /// Its index in the block.
        public var index: Int
        /// Its hash (as the replay computed it from the block's bytes).
        public var hash: [UInt8]
    }

    /// A field whose values differ, both rendered readably.
    public struct Field: Sendable, Hashable {
        /// `status`, `fuelUsed`, `returnData`, `events`, `logs`, `writeSetHash` for a
        /// receipt; `chainId`, `height`, `parentHash`, `transactionsRoot`, `receiptsRoot`,
        /// `stateRoot` for a header; `receipts`, `writeSets` (counts) and `execution` (the
        /// block cannot execute) for a block; `headState` when the data directory's state
        /// at the head is not the replayed one.
        public var name: String
        /// The expected side's value.
        public var expected: String
        /// The actual side's value.
        public var actual: String
    }

    /// A key's entry in a write set.
    public enum WriteValue: Sendable, Hashable, CustomStringConvertible {
        /// Set to these bytes.
        case set([UInt8])
        /// Deleted.
        case deleted
        /// Not written at all.
        case untouched
        /// Not in the state (when whole states are compared).
        case absent

        public var description: String {
            switch self {
            case .set(let bytes): "set to \(StateKey.show(bytes))" + (bytes.count == 8 ? " (u64 \(Self.u64(bytes)))" : "")
            case .deleted: "deleted"
            case .untouched: "not written"
            case .absent: "absent"
            }
        }

        static func u64(_ bytes: [UInt8]) -> UInt64 { bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    }

    /// The first state key whose write differs.
    public struct Key: Sendable, Hashable {
        /// The raw key.
        public var key: [UInt8]
        /// The key decoded by namespace (which contract, which storage key...).
        public var decoded: StateKey
        /// What the expected side wrote to it.
        public var expected: WriteValue
        /// What the actual side wrote to it.
        public var actual: WriteValue
    }

    /// The block's height.
    public var height: UInt64
    /// What the actual side is compared against: `record`, or an engine (`interp`, `jit`,
    /// `interp#1`) in a two-engine replay.
    public var expectedSource: String
    /// The side that diverges: an engine's label.
    public var actualSource: String
    /// The first differing transaction; nil when only the block's header differs.
    public var transaction: Transaction?
    /// Every differing field of that transaction's receipt (or of the header), in the order
    /// of the encoding.
    public var fields: [Field]
    /// The first differing key of the transaction's write set (or nil when they agree).
    public var key: Key?

    public var description: String {
        var lines = ["block \(height): \(actualSource) diverges from \(expectedSource)"]
        if let transaction { lines[0] += " at transaction \(transaction.index) (\(Hex.encode(transaction.hash)))" }
        for field in fields {
            lines.append("  \(field.name): \(expectedSource) \(field.expected), \(actualSource) \(field.actual)")
        }
        if let key {
            lines.append("  first differing key: \(key.decoded)")
            lines.append("    \(expectedSource): \(key.expected)")
            lines.append("    \(actualSource): \(key.actual)")
        }
        return lines.joined(separator: "\n")
    }
}
