import CLevelDB

/// A cursor over a LevelDB iterator, restricted to a ``KeyRange``.
///
/// The iterator reads from an implicit snapshot taken when it was created (or from the
/// snapshot in its read options), so concurrent writes never show up mid-iteration.
final class LevelDBCursor: KeyValueCursor {
    /// Keeps the database (and the snapshot the read options refer to) alive for as long
    /// as the iterator exists: LevelDB requires iterators to be destroyed before the
    /// database is closed and the snapshot released.
    private let owner: AnyObject
    private let iterator: OpaquePointer
    private let range: KeyRange
    private let direction: IterationDirection
    private let path: String
    private var started = false
    private var finished = false

    init(owner: AnyObject, iterator: OpaquePointer, range: KeyRange, direction: IterationDirection, path: String) {
        self.owner = owner
        self.iterator = iterator
        self.range = range
        self.direction = direction
        self.path = path
    }

    deinit {
        leveldb_iter_destroy(iterator)
    }

    func next() throws(StateError) -> KeyValue? {
        if finished { return nil }
        if started {
            switch direction {
            case .forward: leveldb_iter_next(iterator)
            case .backward: leveldb_iter_prev(iterator)
            }
        } else {
            started = true
            position()
        }
        guard leveldb_iter_valid(iterator) != 0 else {
            finished = true
            try checkError()
            return nil
        }
        var keyLength = 0
        // Sound: the key pointer stays valid until the iterator moves; copied right away.
        let key = LevelDBSupport.copyBytes(leveldb_iter_key(iterator, &keyLength), count: keyLength)
        let outside = direction == .forward ? range.isAtOrAboveEnd(key) : range.isBelowStart(key)
        if outside {
            finished = true
            return nil
        }
        var valueLength = 0
        // Sound: as for the key.
        let value = LevelDBSupport.copyBytes(leveldb_iter_value(iterator, &valueLength), count: valueLength)
        return KeyValue(key: key, value: value)
    }

    /// Places the iterator on the first entry of the range in the cursor's direction.
    private func position() {
        switch direction {
        case .forward:
            if let start = range.start {
                LevelDBSupport.withBytes(start) { leveldb_iter_seek(iterator, $0, $1) }
            } else {
                leveldb_iter_seek_to_first(iterator)
            }
        case .backward:
            if let end = range.end {
                // The first key at or after `end`, then one step back: the last key below it.
                LevelDBSupport.withBytes(end) { leveldb_iter_seek(iterator, $0, $1) }
                if leveldb_iter_valid(iterator) != 0 {
                    leveldb_iter_prev(iterator)
                } else {
                    leveldb_iter_seek_to_last(iterator)
                }
            } else {
                leveldb_iter_seek_to_last(iterator)
            }
        }
    }

    /// Throws the iterator's error status, if any.
    private func checkError() throws(StateError) {
        var error: UnsafeMutablePointer<CChar>? = nil
        leveldb_iter_get_error(iterator, &error)
        if let message = LevelDBSupport.takeError(error) {
            throw LevelDBSupport.classify(message, path: path)
        }
    }
}
