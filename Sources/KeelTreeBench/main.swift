// State-tree benchmark (bench/tree/run.sh): keys/s of `StateTree.update` plus the commit of its
// records in one synced WriteBatch per update (as the node commits a block), on MemoryStore and
// LevelDB, and prove/verify µs. Wall-clock timing is fine here: this is a tool, not consensus code.
import Foundation
import KeelCrypto
import KeelState
import KeelStateTree

/// A deterministic generator (SplitMix64), so every run builds the same trees.
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
}

/// The state key of account `index`: 33 bytes, like a namespaced balance key.
func accountKey(_ index: Int) -> [UInt8] {
    var key: [UInt8] = [0x00]
    key.reserveCapacity(33)
    var value = UInt64(index)
    for _ in 0..<4 {
        for _ in 0..<8 {
            key.append(UInt8(truncatingIfNeeded: value))
            value = value >> 8 | value << 56
        }
    }
    return key
}

/// A 16-byte value (a balance) derived from `seed`.
func balance(_ seed: UInt64) -> [UInt8] {
    (0..<16).map { UInt8(truncatingIfNeeded: seed >> (($0 % 8) * 8)) }
}

/// This thread's CPU time in seconds (less disturbed than wall time on a loaded machine).
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// A reader counting the point reads the tree makes of its store.
final class CountingReader: KeyValueReader {
    let base: any KeyValueReader
    var gets = 0

    init(_ base: any KeyValueReader) { self.base = base }

    func get(_ key: [UInt8]) throws(StateError) -> [UInt8]? {
        gets += 1
        return try base.get(key)
    }

    func cursor(over range: KeyRange, direction: IterationDirection) throws(StateError) -> any KeyValueCursor {
        try base.cursor(over: range, direction: direction)
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// One benchmark store: the store and the tree reading it (kept across blocks, as the node does).
final class Bench {
    let store: any KeyValueStore
    let reader: CountingReader
    let name: String
    var tree: StateTree
    var version: UInt64 = 0
    var keyCount = 0
    var random = SplitMix64(state: 42)

    init(store: any KeyValueStore, name: String, cache: NodeCache?) {
        self.store = store
        reader = CountingReader(store)
        self.name = name
        tree = StateTree(reader: reader, nodePrefix: 0x54, stalePrefix: 0x55, cache: cache)
    }

    /// Applies one update and commits its records in one batch; returns (update s, update CPU
    /// s, commit s, node records written, store reads).
    @discardableResult
    func apply(_ changes: [StateChange], sync: Bool) throws -> (Double, Double, Double, Int, Int) {
        version += 1
        reader.gets = 0
        let start = ContinuousClock.now
        let startCPU = cpuSeconds()
        let update = try tree.update(version: version, changes: changes)
        let cpu = cpuSeconds() - startCPU
        let updated = ContinuousClock.now
        var batch = WriteBatch()
        for entry in update.writes { batch.put(entry.key, entry.value) }
        try store.write(batch, sync: sync)
        let end = ContinuousClock.now
        return (seconds(updated - start), cpu, seconds(end - updated), update.nodeCount, reader.gets)
    }

    /// Grows the tree to `count` keys in 10,000-key updates.
    func grow(to count: Int) throws {
        while keyCount < count {
            let next = min(count, keyCount + 10_000)
            try apply((keyCount..<next).map { StateChange(key: accountKey($0), value: balance(UInt64($0))) }, sync: false)
            keyCount = next
        }
    }

    /// An update of `changed` keys: half overwrites of present keys, half new keys.
    func changes(_ changed: Int) -> [StateChange] {
        var changes: [StateChange] = []
        changes.reserveCapacity(changed)
        for index in 0..<changed {
            let key: Int
            if index % 2 == 0 {
                key = random.below(keyCount)
            } else {
                key = keyCount
                keyCount += 1
            }
            changes.append(StateChange(key: accountKey(key), value: balance(random.next())))
        }
        return changes
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

// Arguments: tree sizes, `--cache N` for a node cache of N nodes (0: none), `--store memory`
// or `--store leveldb` for one store only.
var arguments = Array(CommandLine.arguments.dropFirst())
var cacheCapacity = 400_000
if let flag = arguments.firstIndex(of: "--cache"), flag + 1 < arguments.count, let value = Int(arguments[flag + 1]) {
    cacheCapacity = value
    arguments.removeSubrange(flag...flag + 1)
}
var backends = ["memory", "leveldb"]
if let flag = arguments.firstIndex(of: "--store"), flag + 1 < arguments.count {
    backends = [arguments[flag + 1]]
    arguments.removeSubrange(flag...flag + 1)
}
let sizes = arguments.isEmpty ? [150_000, 1_000_000] : arguments.compactMap { Int($0) }
print("node cache: \(cacheCapacity == 0 ? "none" : "\(cacheCapacity) nodes")")
print("")
let rounds = 5

print("| store | tree keys | changed keys | update ms | update CPU ms | commit ms | keys/s | node writes | store reads |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
var proofRows: [String] = []
for backend in backends {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keel-tree-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let store: any KeyValueStore
    if backend == "memory" {
        store = MemoryStore()
    } else {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try LevelDBStore(path: directory.appendingPathComponent("db").path)
    }
    let bench = Bench(store: store, name: backend, cache: cacheCapacity == 0 ? nil : NodeCache(capacity: cacheCapacity))
    // MemoryStore inserts are O(n) (a sorted array, for tests), too slow to grow 1M keys.
    for size in sizes where backend == "leveldb" || size <= 150_000 {
        try bench.grow(to: size)
        // Warm up with one block, as a running node has.
        try bench.apply(bench.changes(1000), sync: true)
        for changed in [1000, 10_000] {
            var updates: [Double] = []
            var cpus: [Double] = []
            var commits: [Double] = []
            var nodeWrites = 0
            var reads = 0
            for _ in 0..<rounds {
                let changes = bench.changes(changed)
                let (update, cpu, commit, nodes, gets) = try bench.apply(changes, sync: true)
                updates.append(update)
                cpus.append(cpu)
                commits.append(commit)
                nodeWrites = nodes
                reads = gets
            }
            let total = median(zip(updates, commits).map { $0 + $1 })
            print("| \(backend) | \(size) | \(changed) | \(pad(String(format: "%.1f", median(updates) * 1000), 8)) | \(pad(String(format: "%.1f", median(cpus) * 1000), 8)) | \(pad(String(format: "%.1f", median(commits) * 1000), 8)) | \(pad(String(format: "%.0f", Double(changed) / total), 8)) | \(nodeWrites) | \(reads) |")
        }
        // Proofs of present keys at the latest version.
        let proofCount = 2000
        let keys = (0..<proofCount).map { _ in accountKey(bench.random.below(size)) }
        let root = try bench.tree.root(at: bench.version)!
        let proveStart = ContinuousClock.now
        var proofs: [(value: [UInt8]?, proof: StateProof)] = []
        proofs.reserveCapacity(proofCount)
        for key in keys { proofs.append(try bench.tree.prove(key: key, at: bench.version)) }
        let proveEnd = ContinuousClock.now
        var valid = 0
        for (key, proof) in zip(keys, proofs) where StateTree.verify(proof.proof, key: key, value: proof.value, root: root) {
            valid += 1
        }
        let verifyEnd = ContinuousClock.now
        precondition(valid == proofCount, "every proof verifies")
        proofRows.append("| \(backend) | \(size) | \(String(format: "%.1f", seconds(proveEnd - proveStart) * 1e6 / Double(proofCount))) | \(String(format: "%.1f", seconds(verifyEnd - proveEnd) * 1e6 / Double(proofCount))) |")
    }
}
print("")
print("| store | tree keys | prove µs | verify µs |")
print("| --- | ---: | ---: | ---: |")
for row in proofRows { print(row) }
