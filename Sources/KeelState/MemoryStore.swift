/// An in-memory ``KeyValueStore``: sorted chunks with binary search (`SortedByteMap`).
///
/// For tests, tooling and ephemeral chains. Not thread-safe: use it from one thread (or
/// actor) at a time. Snapshots are copy-on-write copies, so taking one is O(1) and the
/// next write after it copies the chunk list and the one chunk it changes.
public final class MemoryStore: KeyValueStore {
    private var entries = SortedByteMap<[UInt8]>()

    /// Creates an empty store.
    public init() {}

    /// The number of entries stored.
    public var count: Int { entries.count }

    /// The value stored at `key`, or `nil` if absent.
    public func get(_ key: [UInt8]) throws(StateError) -> [UInt8]? {
        entries.value(at: key)
    }

    /// A cursor over `range` in `direction` order, unaffected by later writes.
    public func cursor(over range: KeyRange, direction: IterationDirection) throws(StateError) -> any KeyValueCursor {
        SortedMapCursor(map: entries, range: range, direction: direction, transform: { $0 })
    }

    /// A read-only view of the store as it is now.
    public func snapshot() throws(StateError) -> MemorySnapshot {
        MemorySnapshot(entries: entries)
    }

    /// Applies `batch` in order; in memory, `sync` has no effect.
    public func write(_ batch: WriteBatch, sync: Bool) throws(StateError) {
        for operation in batch.operations {
            switch operation {
            case .put(let key, let value): entries.set(key, value)
            case .delete(let key): entries.remove(key)
            }
        }
    }
}

/// A frozen view of a ``MemoryStore``, taken by ``MemoryStore/snapshot()``.
public final class MemorySnapshot: KeyValueReader {
    private let entries: SortedByteMap<[UInt8]>

    init(entries: SortedByteMap<[UInt8]>) {
        self.entries = entries
    }

    /// The value stored at `key` when the snapshot was taken, or `nil` if absent.
    public func get(_ key: [UInt8]) throws(StateError) -> [UInt8]? {
        entries.value(at: key)
    }

    /// A cursor over `range` in `direction` order, as of the snapshot.
    public func cursor(over range: KeyRange, direction: IterationDirection) throws(StateError) -> any KeyValueCursor {
        SortedMapCursor(map: entries, range: range, direction: direction, transform: { $0 })
    }
}
