import KeelState
import Testing
@testable import KeelStateTree

/// An update reads and writes only the nodes on the paths of the keys it changes.
@Suite("Update cost")
struct UpdateCostTests {
    /// A tree of `count` random keys in a memory store.
    private func populated(count: Int, seed: UInt64) throws -> (MemoryStore, [[UInt8]]) {
        var random = SplitMix64(state: seed)
        let store = MemoryStore()
        let keys = (0..<count).map { _ in random.stateKey() }
        var version: UInt64 = 0
        for batch in stride(from: 0, to: count, by: 1000) {
            version += 1
            let changes = keys[batch..<min(batch + 1000, count)].map { StateChange(key: $0, value: random.value()) }
            try commit(try tree(store).update(version: version, changes: changes), to: store)
        }
        return (store, keys)
    }

    /// Node reads and node writes of one update of `changed` keys (half overwrites, half inserts).
    private func cost(treeSize: Int, changed: Int) throws -> (reads: Int, writes: Int, seeks: Int, nodes: Int) {
        let (store, keys) = try populated(count: treeSize, seed: UInt64(treeSize))
        var random = SplitMix64(state: 5)
        let counting = CountingReader(store)
        let tree = tree(counting)
        let latest = try #require(try tree.latestVersion())
        counting.reset()
        var changes: [StateChange] = []
        for index in 0..<changed {
            let key = index % 2 == 0 ? keys[random.below(keys.count)] : random.stateKey()
            changes.append(StateChange(key: key, value: random.value()))
        }
        let update = try tree.update(version: latest + 1, changes: changes)
        let nodes = try store.scan(.prefix([nodePrefix])).count
        return (counting.gets, update.nodeCount, counting.cursors, nodes)
    }

    @Test func updateTouchesOnlyTheChangedPaths() throws {
        for (treeSize, changed) in [(1000, 10), (8000, 10), (8000, 100)] {
            let (reads, writes, seeks, nodes) = try cost(treeSize: treeSize, changed: changed)
            // Depth in nibbles: about log16(N) + 1 (3.5 at 1000 keys, 4.2 at 8000).
            let depth = treeSize <= 1000 ? 5 : 6
            #expect(seeks == 1, "one seek for the latest version")
            #expect(reads <= changed * depth + 1, "\(reads) node reads for \(changed) keys in \(treeSize)")
            #expect(writes <= changed * (depth + 1) + 1, "\(writes) node writes for \(changed) keys in \(treeSize)")
            #expect(reads * 20 < nodes, "\(reads) reads of \(nodes) nodes")
        }
    }

    @Test func costGrowsWithDepthNotWithSize() throws {
        let small = try cost(treeSize: 500, changed: 20)
        let large = try cost(treeSize: 8000, changed: 20)
        // 16 times the keys is one more nibble level: at most about one more read and write per key.
        #expect(large.reads <= small.reads + 20 + 10, "\(small.reads) → \(large.reads)")
        #expect(large.writes <= small.writes + 20 + 10, "\(small.writes) → \(large.writes)")
        #expect(large.nodes > small.nodes * 10)
    }

    @Test func proofsReadOneNodePerLevel() throws {
        let (store, keys) = try populated(count: 4000, seed: 31)
        let counting = CountingReader(store)
        let tree = tree(counting)
        for key in keys.prefix(50) {
            counting.reset()
            _ = try tree.prove(key: key, at: 4)
            #expect(counting.gets <= 6, "\(counting.gets) reads for one proof")
        }
    }
}
