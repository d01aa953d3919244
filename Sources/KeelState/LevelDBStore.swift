import CLevelDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``KeyValueStore`` persisted in a LevelDB database directory (Debian's
/// `libleveldb-dev`, through its C API).
///
/// The database is opened with paranoid checks (corruption found while opening or
/// reading is reported, not skipped), checksummed reads and a 10-bit Bloom filter for
/// fast misses. Keys are ordered by LevelDB's default bytewise comparator.
///
/// Thread safety: a LevelDB handle may be used from several threads at once, and every
/// stored property is immutable, so the store is `Sendable`; cursors are not shared.
/// The database is closed when the last reference to the store, and to every snapshot
/// and cursor made from it, goes away. Only one handle may hold a database directory
/// open at a time: a second open fails with ``StateError/locked(path:message:)``.
public final class LevelDBStore: KeyValueStore, @unchecked Sendable {
    /// The database directory.
    public let path: String
    private let database: OpaquePointer
    /// The raw handle, for releasing snapshots taken from it.
    var databaseHandle: OpaquePointer { database }
    private let filterPolicy: OpaquePointer
    private let readOptions: OpaquePointer
    private let syncWriteOptions: OpaquePointer
    private let asyncWriteOptions: OpaquePointer

    /// Opens the database at `path`, creating it if missing and `createIfMissing` is set.
    ///
    /// - Throws: ``StateError/missing(path:)`` if there is no database and
    ///   `createIfMissing` is `false` (nothing is created on disk then);
    ///   ``StateError/locked(path:message:)`` if another handle or process holds it open;
    ///   ``StateError/corrupt(path:message:)`` if its files are corrupt;
    ///   ``StateError/io(message:)`` for other failures (permissions, missing parent).
    public init(path: String, createIfMissing: Bool = true) throws(StateError) {
        // LevelDB creates the directory (and its LOCK file) even when asked not to
        // create a database; check first so a failed open leaves nothing behind.
        if !createIfMissing && access(path, F_OK) != 0 {
            throw .missing(path: path)
        }
        guard let options = leveldb_options_create() else {
            throw .io(message: "leveldb_options_create failed")
        }
        defer { leveldb_options_destroy(options) }
        guard let filterPolicy = leveldb_filterpolicy_create_bloom(10) else {
            throw .io(message: "leveldb_filterpolicy_create_bloom failed")
        }
        leveldb_options_set_create_if_missing(options, createIfMissing ? 1 : 0)
        leveldb_options_set_paranoid_checks(options, 1)
        // The database keeps a pointer to the policy: it is destroyed after the close.
        leveldb_options_set_filter_policy(options, filterPolicy)

        var error: UnsafeMutablePointer<CChar>? = nil
        let database = leveldb_open(options, path, &error)
        if let message = LevelDBSupport.takeError(error) {
            if let database { leveldb_close(database) }
            leveldb_filterpolicy_destroy(filterPolicy)
            throw LevelDBSupport.classify(message, path: path)
        }
        guard let database else {
            leveldb_filterpolicy_destroy(filterPolicy)
            throw .io(message: "leveldb_open returned no database and no error")
        }
        guard let readOptions = leveldb_readoptions_create(),
              let syncWriteOptions = leveldb_writeoptions_create(),
              let asyncWriteOptions = leveldb_writeoptions_create()
        else {
            leveldb_close(database)
            leveldb_filterpolicy_destroy(filterPolicy)
            throw .io(message: "leveldb option allocation failed")
        }
        leveldb_readoptions_set_verify_checksums(readOptions, 1)
        leveldb_writeoptions_set_sync(syncWriteOptions, 1)
        leveldb_writeoptions_set_sync(asyncWriteOptions, 0)

        self.path = path
        self.database = database
        self.filterPolicy = filterPolicy
        self.readOptions = readOptions
        self.syncWriteOptions = syncWriteOptions
        self.asyncWriteOptions = asyncWriteOptions
    }

    deinit {
        // No cursor or snapshot is alive here: each holds a strong reference to the store.
        leveldb_close(database)
        leveldb_filterpolicy_destroy(filterPolicy)
        leveldb_readoptions_destroy(readOptions)
        leveldb_writeoptions_destroy(syncWriteOptions)
        leveldb_writeoptions_destroy(asyncWriteOptions)
    }

    /// The value stored at `key`, or `nil` if absent.
    public func get(_ key: [UInt8]) throws(StateError) -> [UInt8]? {
        try get(key, options: readOptions)
    }

    /// A cursor over `range` in `direction` order, reading from an implicit snapshot
    /// taken now.
    public func cursor(over range: KeyRange, direction: IterationDirection) throws(StateError) -> any KeyValueCursor {
        try cursor(over: range, direction: direction, options: readOptions, owner: self)
    }

    /// A read-only view of the database as it is now (a LevelDB snapshot).
    public func snapshot() throws(StateError) -> LevelDBSnapshot {
        guard let snapshot = leveldb_create_snapshot(database),
              let options = leveldb_readoptions_create()
        else {
            throw .io(message: "leveldb snapshot allocation failed")
        }
        leveldb_readoptions_set_verify_checksums(options, 1)
        leveldb_readoptions_set_snapshot(options, snapshot)
        return LevelDBSnapshot(store: self, snapshot: snapshot, options: options)
    }

    /// Applies `batch` atomically; with `sync`, LevelDB `fsync`s its log before returning.
    public func write(_ batch: WriteBatch, sync: Bool) throws(StateError) {
        guard let handle = leveldb_writebatch_create() else {
            throw .io(message: "leveldb_writebatch_create failed")
        }
        defer { leveldb_writebatch_destroy(handle) }
        for operation in batch.operations {
            switch operation {
            case .put(let key, let value):
                LevelDBSupport.withBytes(key) { keyPointer, keyLength in
                    LevelDBSupport.withBytes(value) { valuePointer, valueLength in
                        leveldb_writebatch_put(handle, keyPointer, keyLength, valuePointer, valueLength)
                    }
                }
            case .delete(let key):
                LevelDBSupport.withBytes(key) { leveldb_writebatch_delete(handle, $0, $1) }
            }
        }
        var error: UnsafeMutablePointer<CChar>? = nil
        leveldb_write(database, sync ? syncWriteOptions : asyncWriteOptions, handle, &error)
        if let message = LevelDBSupport.takeError(error) {
            throw LevelDBSupport.classify(message, path: path)
        }
    }

    /// Point read with the given read options (the store's, or a snapshot's).
    func get(_ key: [UInt8], options: OpaquePointer) throws(StateError) -> [UInt8]? {
        var length = 0
        var error: UnsafeMutablePointer<CChar>? = nil
        let value = LevelDBSupport.withBytes(key) { leveldb_get(database, options, $0, $1, &length, &error) }
        if let message = LevelDBSupport.takeError(error) {
            if let value { leveldb_free(value) }
            throw LevelDBSupport.classify(message, path: path)
        }
        // NULL without an error means "not found". A present empty value comes back as
        // a non-NULL `malloc(0)` buffer: glibc and Darwin return a unique non-NULL
        // pointer for it (the conformance suite stores an empty value to pin this).
        guard let value else { return nil }
        // Sound: `value` is LevelDB's `malloc`ed copy of `length` bytes, copied into
        // Swift before it is released with `leveldb_free`.
        defer { leveldb_free(value) }
        return LevelDBSupport.copyBytes(value, count: length)
    }

    /// A cursor over a new iterator with the given read options, keeping `owner` alive.
    func cursor(
        over range: KeyRange,
        direction: IterationDirection,
        options: OpaquePointer,
        owner: AnyObject
    ) throws(StateError) -> any KeyValueCursor {
        guard let iterator = leveldb_create_iterator(database, options) else {
            throw .io(message: "leveldb_create_iterator failed")
        }
        return LevelDBCursor(owner: owner, iterator: iterator, range: range, direction: direction, path: path)
    }
}

/// A consistent read-only view of a ``LevelDBStore`` (a LevelDB snapshot), released when
/// the last reference to it (including cursors made from it) goes away.
public final class LevelDBSnapshot: KeyValueReader, @unchecked Sendable {
    private let store: LevelDBStore
    private let snapshot: OpaquePointer
    private let options: OpaquePointer

    init(store: LevelDBStore, snapshot: OpaquePointer, options: OpaquePointer) {
        self.store = store
        self.snapshot = snapshot
        self.options = options
    }

    deinit {
        leveldb_release_snapshot(store.databaseHandle, snapshot)
        leveldb_readoptions_destroy(options)
    }

    /// The value stored at `key` when the snapshot was taken, or `nil` if absent.
    public func get(_ key: [UInt8]) throws(StateError) -> [UInt8]? {
        try store.get(key, options: options)
    }

    /// A cursor over `range` in `direction` order, as of the snapshot.
    public func cursor(over range: KeyRange, direction: IterationDirection) throws(StateError) -> any KeyValueCursor {
        try store.cursor(over: range, direction: direction, options: options, owner: self)
    }
}
