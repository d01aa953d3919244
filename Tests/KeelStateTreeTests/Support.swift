import Foundation
import KeelState
@testable import KeelStateTree

/// The backends every store-facing test runs against.
enum Backend: String, CaseIterable, CustomStringConvertible, Sendable {
    case memory
    case leveldb

    var description: String { rawValue }
}

/// Runs `body` with an empty store of the given backend, removing LevelDB's directory after.
func withStore<R>(_ backend: Backend, _ body: (any KeyValueStore) throws -> R) throws -> R {
    switch backend {
    case .memory:
        return try body(MemoryStore())
    case .leveldb:
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("keel-state-tree-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(LevelDBStore(path: directory.appendingPathComponent("db").path))
    }
}

/// The prefixes the tests store the tree under.
let nodePrefix: UInt8 = 0x54
let stalePrefix: UInt8 = 0x55

/// A tree over `reader` with the tests' prefixes.
func tree(_ reader: any KeyValueReader) -> StateTree {
    StateTree(reader: reader, nodePrefix: nodePrefix, stalePrefix: stalePrefix)
}

/// Puts every record of `update` in one batch, as the node does.
func commit(_ update: StateTreeUpdate, to store: any KeyValueStore) throws {
    var batch = WriteBatch()
    for entry in update.writes { batch.put(entry.key, entry.value) }
    try store.write(batch, sync: false)
}

/// UTF-8 bytes of a string.
func s(_ text: String) -> [UInt8] { Array(text.utf8) }

/// A deterministic pseudo-random generator (SplitMix64) with a fixed seed per test.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }

    /// A state-shaped key: a namespace byte, a 32-byte address, then 0 to 8 suffix bytes.
    mutating func stateKey() -> [UInt8] {
        [UInt8(below(4))] + bytes(32) + bytes(below(9))
    }

    /// A value of 0 to 40 bytes (empty values are values, not deletes).
    mutating func value() -> [UInt8] { bytes(below(41)) }

    /// `items` in a random order (Fisher–Yates).
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var result = items
        var index = result.count - 1
        while index > 0 {
            result.swapAt(index, below(index + 1))
            index -= 1
        }
        return result
    }
}

/// The reference model: the current key/value set, whose root the from-scratch builder gives.
struct Model {
    var entries: [[UInt8]: [UInt8]] = [:]

    mutating func apply(_ changes: [StateChange]) {
        for change in changes { entries[change.key] = change.value }
    }

    var root: StateRoot {
        StateTree.root(of: entries.map { KeyValue(key: $0.key, value: $0.value) })
    }

    var keys: [[UInt8]] { entries.keys.sorted { $0.lexicographicallyPrecedes($1) } }
}

/// A reader that counts the reads passing through it.
final class CountingReader: KeyValueReader {
    let base: any KeyValueReader
    private(set) var gets = 0
    private(set) var cursors = 0

    init(_ base: any KeyValueReader) { self.base = base }

    func get(_ key: [UInt8]) throws(StateError) -> [UInt8]? {
        gets += 1
        return try base.get(key)
    }

    func cursor(over range: KeyRange, direction: IterationDirection) throws(StateError) -> any KeyValueCursor {
        cursors += 1
        return try base.cursor(over: range, direction: direction)
    }

    func reset() {
        gets = 0
        cursors = 0
    }
}

/// A random batch of changes over the keys of `model` and fresh keys: inserts, overwrites,
/// deletes of present keys and deletes of absent ones, with the occasional repeated key.
func randomChanges(_ random: inout SplitMix64, model: Model, count: Int) -> [StateChange] {
    let existing = model.keys
    var changes: [StateChange] = []
    for _ in 0..<count {
        switch random.below(10) {
        case 0...3:
            changes.append(StateChange(key: random.stateKey(), value: random.value()))
        case 4...5 where !existing.isEmpty:
            changes.append(StateChange(key: existing[random.below(existing.count)], value: random.value()))
        case 6...7 where !existing.isEmpty:
            changes.append(StateChange(key: existing[random.below(existing.count)], value: nil))
        case 8:
            changes.append(StateChange(key: random.stateKey(), value: nil))
        default:
            if let last = changes.last {
                changes.append(StateChange(key: last.key, value: random.below(2) == 0 ? nil : random.value()))
            } else {
                changes.append(StateChange(key: random.stateKey(), value: random.value()))
            }
        }
    }
    return changes
}
