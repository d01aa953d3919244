import Foundation
import Testing
import KeelState

/// The backends the conformance suite runs against.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case leveldb

    var testDescription: String { rawValue }
}

/// A fresh temporary directory path (not created), removed by `removeTemporary`.
func temporaryPath(_ name: String = "db") -> String {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("keel-state-tests-\(UUID().uuidString)")
        .appendingPathComponent(name)
        .path
}

/// Removes the temporary directory that holds `path`.
func removeTemporary(_ path: String) {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
}

/// Runs `body` with an empty store of the given backend, cleaning up afterwards.
func withStore<R>(_ backend: Backend, _ body: (any KeyValueStore) throws -> R) throws -> R {
    switch backend {
    case .memory:
        return try body(MemoryStore())
    case .leveldb:
        let path = temporaryPath()
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        defer { removeTemporary(path) }
        return try body(LevelDBStore(path: path))
    }
}

/// Byte-string literal helper.
func b(_ bytes: UInt8...) -> [UInt8] { bytes }

/// UTF-8 bytes of a string.
func s(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Puts every pair in one batch.
func put(_ store: any KeyValueStore, _ pairs: [([UInt8], [UInt8])], sync: Bool = false) throws {
    var batch = WriteBatch()
    for (key, value) in pairs { batch.put(key, value) }
    try store.write(batch, sync: sync)
}

/// The keys of some entries.
func keys(_ entries: [KeyValue]) -> [[UInt8]] { entries.map(\.key) }

/// A deterministic pseudo-random generator for tests (SplitMix64).
struct TestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    /// A short key over a small alphabet with edge bytes, so keys collide and nest.
    mutating func key() -> [UInt8] {
        let alphabet: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF]
        return (0..<below(4)).map { _ in alphabet[below(alphabet.count)] }
    }
}

/// Reference model: a plain sorted list of entries.
struct ModelStore {
    var entries: [[UInt8]: [UInt8]] = [:]

    func scan(_ range: KeyRange, _ direction: IterationDirection, limit: Int? = nil) -> [KeyValue] {
        var result = entries
            .filter { range.contains($0.key) }
            .map { KeyValue(key: $0.key, value: $0.value) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
        if direction == .backward { result.reverse() }
        if let limit { result = Array(result.prefix(max(limit, 0))) }
        return result
    }
}
