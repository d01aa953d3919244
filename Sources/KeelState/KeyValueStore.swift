/// A cursor over a range of entries, produced by ``KeyValueReader/cursor(over:direction:)``.
///
/// Each call to ``next()`` returns the following entry in the cursor's direction, or
/// `nil` once the range is exhausted. A cursor sees the data as of its creation or, for
/// LevelDB, an implicit snapshot taken when it was created.
public protocol KeyValueCursor {
    /// The next entry, or `nil` at the end of the range.
    mutating func next() throws(StateError) -> KeyValue?
}

/// Read access to an ordered key-value store: point reads and ordered range iteration.
///
/// Keys are ordered bytewise lexicographically (LevelDB's default comparator).
public protocol KeyValueReader: AnyObject {
    /// The value stored at `key`, or `nil` if absent. An empty value is not absent.
    func get(_ key: [UInt8]) throws(StateError) -> [UInt8]?

    /// A cursor over the entries whose keys lie in `range`, in `direction` order.
    func cursor(over range: KeyRange, direction: IterationDirection) throws(StateError) -> any KeyValueCursor
}

extension KeyValueReader {
    /// The entries whose keys lie in `range`, in `direction` order, at most `limit` of
    /// them (all when `limit` is `nil`; none when it is zero or negative).
    public func scan(
        _ range: KeyRange = .all,
        direction: IterationDirection = .forward,
        limit: Int? = nil
    ) throws(StateError) -> [KeyValue] {
        try collect(limit: limit) { () throws(StateError) in try cursor(over: range, direction: direction) }
    }
}

/// Reads up to `limit` entries (all when nil, none when zero or negative) from the cursor
/// `open` creates; the cursor is only opened when something is to be read.
func collect(limit: Int?, _ open: () throws(StateError) -> any KeyValueCursor) throws(StateError) -> [KeyValue] {
    var result: [KeyValue] = []
    if let limit, limit <= 0 { return result }
    var cursor = try open()
    while let entry = try cursor.next() {
        result.append(entry)
        if let limit, result.count >= limit { break }
    }
    return result
}

/// An ordered key-value store: reads, snapshots and atomic batched writes.
///
/// ``LevelDBStore`` persists to disk; ``MemoryStore`` keeps everything in memory. Both
/// pass the same conformance suite.
public protocol KeyValueStore: KeyValueReader {
    /// A consistent read-only view of a store.
    associatedtype Snapshot: KeyValueReader

    /// A read-only view of the store as it is now; later writes are not visible in it.
    func snapshot() throws(StateError) -> Snapshot

    /// Applies every operation of `batch` atomically: either all or none are visible.
    ///
    /// - Parameter sync: when `true`, the write is flushed to stable storage before
    ///   returning (for LevelDB, `fsync`), so it survives a machine crash, not only a
    ///   process crash.
    func write(_ batch: WriteBatch, sync: Bool) throws(StateError)
}
