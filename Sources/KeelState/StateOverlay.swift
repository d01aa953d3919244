/// The transactional overlay an execution writes to: uncommitted writes on top of a
/// read-only base (a store, a snapshot or another overlay).
///
/// - Reads see the overlay's own writes first, including deletes.
/// - Range iteration merges the writes with the base in key order, both directions.
/// - ``checkpoint()``, ``revert(to:)`` and ``commit(_:)`` nest, so a failing
///   cross-contract call reverts only its own writes.
/// - ``writeSet()`` lists the net changes sorted by key, for the node to commit with
///   ``KeyValueStore/write(_:sync:)``.
///
/// Every result is ordered by key; no hash order reaches any of them. Not thread-safe:
/// one execution owns one overlay.
public final class StateOverlay: KeyValueReader {
    /// The state the overlay reads through to.
    public let base: any KeyValueReader
    /// Pending writes; a `nil` value is a delete.
    private var writes = SortedByteMap<[UInt8]?>()
    /// Undo log of writes made while a checkpoint is open.
    private var journal: [JournalEntry] = []
    /// Open checkpoints, outermost first.
    private var openCheckpoints: [Checkpoint] = []
    private var nextSerial: UInt64 = 0

    /// What a key held in the overlay before a write, to undo it.
    private struct JournalEntry {
        var key: [UInt8]
        /// `nil`: the key had no pending write; otherwise the pending write it had.
        var previous: [UInt8]??
    }

    /// Creates an empty overlay over `base`.
    public init(base: any KeyValueReader) {
        self.base = base
    }

    /// The number of keys with a pending write or delete.
    public var pendingCount: Int { writes.count }

    /// The number of checkpoints taken and not yet reverted or committed.
    public var openCheckpointCount: Int { openCheckpoints.count }

    // MARK: Reads

    /// The value at `key` as the execution sees it: its own write or delete if any,
    /// else the base's value.
    public func get(_ key: [UInt8]) throws(StateError) -> [UInt8]? {
        if let write = writes.value(at: key) {
            return write
        }
        return try base.get(key)
    }

    /// A cursor over the merged view of `range`, as of now: later writes to the overlay
    /// do not show up in it.
    public func cursor(over range: KeyRange, direction: IterationDirection) throws(StateError) -> any KeyValueCursor {
        MergeCursor(
            writes: writes,
            range: range,
            direction: direction,
            base: try base.cursor(over: range, direction: direction)
        )
    }

    // MARK: Writes

    /// Sets `key` to `value` in the overlay.
    public func set(_ key: [UInt8], _ value: [UInt8]) {
        record(key)
        writes.set(key, value)
    }

    /// Deletes `key` in the overlay (hiding any base value).
    public func delete(_ key: [UInt8]) {
        record(key)
        writes.set(key, nil)
    }

    /// Applies `changes` (for example a nested overlay's write set) as sets and deletes.
    public func apply(_ changes: [StateChange]) {
        for change in changes {
            if let value = change.value {
                set(change.key, value)
            } else {
                delete(change.key)
            }
        }
    }

    // MARK: Checkpoints

    /// Marks the current state so that later writes can be reverted.
    public func checkpoint() -> Checkpoint {
        let checkpoint = Checkpoint(owner: ObjectIdentifier(self), serial: nextSerial, journalLength: journal.count)
        nextSerial += 1
        openCheckpoints.append(checkpoint)
        return checkpoint
    }

    /// Undoes every write made since `checkpoint` and closes it, together with every
    /// checkpoint taken after it.
    ///
    /// - Throws: ``StateError/checkpointNotOpen`` if it was already reverted or committed.
    public func revert(to checkpoint: Checkpoint) throws(StateError) {
        guard let depth = openCheckpoints.lastIndex(of: checkpoint) else {
            throw .checkpointNotOpen
        }
        while journal.count > checkpoint.journalLength {
            let entry = journal.removeLast()
            if let previous = entry.previous {
                writes.set(entry.key, previous)
            } else {
                writes.remove(entry.key)
            }
        }
        openCheckpoints.removeSubrange(depth...)
        if openCheckpoints.isEmpty { journal.removeAll() }
    }

    /// Keeps the writes made since `checkpoint` and closes it; an enclosing checkpoint
    /// can still revert them.
    ///
    /// - Throws: ``StateError/checkpointNotInnermost`` if a later checkpoint is still
    ///   open, ``StateError/checkpointNotOpen`` if it was already reverted or committed.
    public func commit(_ checkpoint: Checkpoint) throws(StateError) {
        guard openCheckpoints.last == checkpoint else {
            throw openCheckpoints.contains(checkpoint) ? .checkpointNotInnermost : .checkpointNotOpen
        }
        openCheckpoints.removeLast()
        if openCheckpoints.isEmpty { journal.removeAll() }
    }

    // MARK: Results

    /// The net changes, sorted by key (bytewise), deletes included as `nil` values.
    public func writeSet() -> [StateChange] {
        var changes: [StateChange] = []
        changes.reserveCapacity(writes.count)
        writes.forEach { key, value in changes.append(StateChange(key: key, value: value)) }
        return changes
    }

    /// Drops every pending write and open checkpoint.
    public func discard() {
        writes.removeAll()
        journal.removeAll()
        openCheckpoints.removeAll()
    }

    /// Journals `key`'s pending write before it changes, while a checkpoint is open.
    private func record(_ key: [UInt8]) {
        guard !openCheckpoints.isEmpty else { return }
        let previous: [UInt8]?? = writes.value(at: key)
        journal.append(JournalEntry(key: key, previous: previous))
    }
}
