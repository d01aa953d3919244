import CLevelDB

/// Helpers at the boundary with LevelDB's C API: byte buffers in, C strings and
/// `malloc`ed buffers out.
enum LevelDBSupport {
    /// Calls `body` with a pointer to `bytes` as C characters and their count.
    ///
    /// Sound: the pointer is valid only inside `body` (Swift's `withUnsafeBufferPointer`),
    /// and LevelDB only reads `count` bytes from it during the call and copies what it
    /// keeps (slices are copied into the write batch, the memtable or the iterator's
    /// seek target). `UInt8` and `CChar` have the same size and alignment, so the
    /// rebinding is layout-compatible. An empty array may have no storage; LevelDB still
    /// gets a valid (never read) pointer then.
    static func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>, Int) -> R) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress {
                    return body(base, chars.count)
                }
                return withUnsafePointer(to: CChar(0)) { body($0, 0) }
            }
        }
    }

    /// Copies `count` bytes at `pointer` (owned by LevelDB) into a Swift array.
    ///
    /// Sound: LevelDB guarantees `count` readable bytes at `pointer` until the next call
    /// on the iterator or until freed; the copy happens before either.
    static func copyBytes(_ pointer: UnsafePointer<CChar>?, count: Int) -> [UInt8] {
        guard let pointer, count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(pointer), count: count))
    }

    /// Takes ownership of a LevelDB error string: returns it and frees the C buffer.
    ///
    /// Sound: LevelDB allocates error strings with `strdup` and they must be released
    /// with `leveldb_free`; the string is copied into Swift before freeing, and the
    /// caller does not touch the pointer afterwards.
    static func takeError(_ error: UnsafeMutablePointer<CChar>?) -> String? {
        guard let error else { return nil }
        defer { leveldb_free(error) }
        return String(cString: error)
    }

    /// Maps a LevelDB status message (`Status::ToString()`) to a typed error.
    ///
    /// The prefixes are LevelDB's: `Corruption: `, `IO error: ` (a held `LOCK` file
    /// reads `IO error: lock <path>/LOCK: already held by process` inside one process,
    /// or `...: Resource temporarily unavailable` across processes) and
    /// `Invalid argument: <path>: does not exist (create_if_missing is false)`.
    static func classify(_ message: String, path: String) -> StateError {
        if message.hasPrefix("Corruption:") {
            return .corrupt(path: path, message: message)
        }
        if message.hasPrefix("IO error: lock ") {
            return .locked(path: path, message: message)
        }
        if message.hasPrefix("Invalid argument:") && message.contains("does not exist") {
            return .missing(path: path)
        }
        return .io(message: message)
    }
}
