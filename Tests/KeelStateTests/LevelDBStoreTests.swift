import Foundation
import Testing
import KeelState

/// LevelDB-only behaviour: persistence and the typed errors of `open`.
@Suite("LevelDBStore")
struct LevelDBStoreTests {
    /// A path inside a fresh, existing temporary directory.
    private func freshPath() throws -> String {
        let path = temporaryPath()
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return path
    }

    @Test func persistsAcrossReopen() throws {
        let path = try freshPath()
        defer { removeTemporary(path) }
        do {
            let store = try LevelDBStore(path: path)
            try put(store, [(s("k1"), s("v1")), (s("k2"), [])], sync: true)
            var batch = WriteBatch()
            batch.delete(s("k1"))
            batch.put(s("k3"), s("v3"))
            try store.write(batch, sync: false)
        }
        let reopened = try LevelDBStore(path: path, createIfMissing: false)
        #expect(try reopened.get(s("k1")) == nil)
        #expect(try reopened.get(s("k2")) == [])
        #expect(try reopened.scan() == [KeyValue(key: s("k2"), value: []), KeyValue(key: s("k3"), value: s("v3"))])
    }

    @Test func secondHandleIsLocked() throws {
        let path = try freshPath()
        defer { removeTemporary(path) }
        let first = try LevelDBStore(path: path)
        #expect {
            _ = try LevelDBStore(path: path)
        } throws: { error in
            guard case StateError.locked(let lockedPath, _) = error else { return false }
            return lockedPath == path
        }
        // The first handle still works, and the lock goes away with it.
        try put(first, [(s("a"), s("b"))])
        _ = consume first
        #expect(try LevelDBStore(path: path).get(s("a")) == s("b"))
    }

    @Test func missingDatabaseIsReportedAndNotCreated() throws {
        let path = try freshPath()
        defer { removeTemporary(path) }
        #expect(throws: StateError.missing(path: path)) {
            _ = try LevelDBStore(path: path, createIfMissing: false)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func emptyDirectoryIsMissing() throws {
        let path = try freshPath()
        defer { removeTemporary(path) }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: StateError.missing(path: path)) {
            _ = try LevelDBStore(path: path, createIfMissing: false)
        }
    }

    @Test func corruptCurrentFileIsReported() throws {
        let path = try freshPath()
        defer { removeTemporary(path) }
        do {
            let store = try LevelDBStore(path: path)
            try put(store, [(s("a"), s("b"))], sync: true)
        }
        try Data("garbage without newline".utf8).write(to: URL(fileURLWithPath: path + "/CURRENT"))
        #expect {
            _ = try LevelDBStore(path: path)
        } throws: { error in
            guard case StateError.corrupt(let corruptPath, let message) = error else { return false }
            return corruptPath == path && message.hasPrefix("Corruption:")
        }
    }

    @Test func corruptManifestIsReported() throws {
        let path = try freshPath()
        defer { removeTemporary(path) }
        do {
            let store = try LevelDBStore(path: path)
            try put(store, [(s("a"), s("b"))], sync: true)
        }
        let current = try String(contentsOfFile: path + "/CURRENT", encoding: .utf8)
        let manifest = path + "/" + current.trimmingCharacters(in: .whitespacesAndNewlines)
        let size = try Data(contentsOf: URL(fileURLWithPath: manifest)).count
        try Data(repeating: 0xA5, count: max(size, 64)).write(to: URL(fileURLWithPath: manifest))
        #expect {
            _ = try LevelDBStore(path: path)
        } throws: { error in
            guard case StateError.corrupt = error else { return false }
            return true
        }
    }

    @Test func unusablePathIsAnIOError() throws {
        let path = try freshPath()
        defer { removeTemporary(path) }
        // The parent of the database directory is a regular file.
        try Data("file".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try LevelDBStore(path: path + "/db")
        } throws: { error in
            guard case StateError.io = error else { return false }
            return true
        }
    }

    @Test func snapshotOutlivesItsStoreReference() throws {
        let path = try freshPath()
        defer { removeTemporary(path) }
        var snapshot: LevelDBSnapshot?
        var cursor: (any KeyValueCursor)?
        do {
            let store = try LevelDBStore(path: path)
            try put(store, [(s("a"), s("1")), (s("b"), s("2"))])
            snapshot = try store.snapshot()
            cursor = try store.cursor(over: .all, direction: .backward)
        }
        #expect(try snapshot?.get(s("a")) == s("1"))
        #expect(try cursor?.next()?.key == s("b"))
        #expect(try cursor?.next()?.key == s("a"))
        #expect(try cursor?.next() == nil)
    }
}
