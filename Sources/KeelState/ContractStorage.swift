/// One contract's view of the state: its keys, and only its keys.
///
/// Every key is stored under the prefix `[0x01] + address` (the contract-storage
/// namespace tag, then the 32-byte address). Reads, writes and range iteration translate
/// the contract's keys to and from that prefix, and iteration is bounded to it, so a
/// contract can never read or write another contract's keys, nor see them at the edges
/// of its ranges.
public struct ContractStorage {
    /// The namespace tag of contract storage in the global key space; other tags are
    /// reserved for other kinds of state (accounts, code, ...).
    public static let namespaceTag: UInt8 = 0x01

    /// The contract whose keys this view reaches.
    public let address: ContractAddress
    /// The overlay the view reads and writes through.
    public let overlay: StateOverlay
    /// The prefix of this contract's keys in the global key space.
    public let prefix: [UInt8]

    /// Creates the view of `address`'s keys in `overlay`.
    public init(address: ContractAddress, overlay: StateOverlay) {
        self.address = address
        self.overlay = overlay
        self.prefix = Self.keyPrefix(for: address)
    }

    /// The global-key prefix of `address`'s storage: the tag followed by the address.
    public static func keyPrefix(for address: ContractAddress) -> [UInt8] {
        [namespaceTag] + address.bytes
    }

    /// The global key of the contract's `key`.
    public func globalKey(_ key: [UInt8]) -> [UInt8] {
        prefix + key
    }

    /// The value at the contract's `key`, or `nil` if absent.
    public func get(_ key: [UInt8]) throws(StateError) -> [UInt8]? {
        try overlay.get(globalKey(key))
    }

    /// Sets the contract's `key` to `value`.
    public func set(_ key: [UInt8], _ value: [UInt8]) {
        overlay.set(globalKey(key), value)
    }

    /// Deletes the contract's `key`.
    public func delete(_ key: [UInt8]) {
        overlay.delete(globalKey(key))
    }

    /// A cursor over the contract's keys in `range` (in the contract's own key space);
    /// returned keys have the prefix removed.
    public func cursor(over range: KeyRange, direction: IterationDirection) throws(StateError) -> any KeyValueCursor {
        let global = KeyRange(
            start: prefix + (range.start ?? []),
            end: range.end.map { prefix + $0 } ?? ByteOrder.prefixSuccessor(prefix)
        )
        return NamespacedCursor(inner: try overlay.cursor(over: global, direction: direction), prefix: prefix)
    }

    /// The contract's entries in `range`, in `direction` order, at most `limit` of them.
    public func scan(
        _ range: KeyRange = .all,
        direction: IterationDirection = .forward,
        limit: Int? = nil
    ) throws(StateError) -> [KeyValue] {
        try collect(limit: limit) { () throws(StateError) in try cursor(over: range, direction: direction) }
    }
}

/// Strips a namespace prefix from the keys of a cursor bounded to that namespace.
///
/// Defence in depth: the range already stays inside the namespace, and the cursor also
/// stops at the first key without the prefix.
struct NamespacedCursor: KeyValueCursor {
    var inner: any KeyValueCursor
    let prefix: [UInt8]
    var finished = false

    mutating func next() throws(StateError) -> KeyValue? {
        guard !finished, let entry = try inner.next() else { return nil }
        guard entry.key.count >= prefix.count, entry.key.starts(with: prefix) else {
            finished = true
            return nil
        }
        return KeyValue(key: Array(entry.key[prefix.count...]), value: entry.value)
    }
}
