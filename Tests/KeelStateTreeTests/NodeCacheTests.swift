import Foundation
import KeelState
import Testing
@testable import KeelStateTree

/// A node cache changes speed only: over random histories with abandoned updates, pruning and
/// reopened stores, a cached tree gives the same updates, roots, proofs, reads and prunes as an
/// uncached one.
@Suite("Node cache")
struct NodeCacheTests {
    /// Compares a cached and an uncached tree over one store for `steps` random blocks.
    private func compareHistories(backend: Backend, capacity: Int, seed: UInt64, steps: Int) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("keel-node-cache-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func open() throws -> any KeyValueStore {
            backend == .memory ? MemoryStore() : try LevelDBStore(path: directory.appendingPathComponent("db").path)
        }
        var store: any KeyValueStore = try open()
        var cache = NodeCache(capacity: capacity)
        func trees() -> (plain: StateTree, cached: StateTree) {
            (tree(store), StateTree(reader: store, nodePrefix: nodePrefix, stalePrefix: stalePrefix, cache: cache))
        }
        var random = SplitMix64(state: seed)
        var model = Model()
        var version: UInt64 = 0
        var kept: UInt64 = 1
        var roots: [UInt64: StateRoot] = [:]
        for step in 0..<steps {
            var (plain, cached) = trees()
            // An abandoned block: computed on the cached tree, never committed; sometimes the
            // block committed instead is computed without the cache.
            var abandoned = false
            if random.below(4) == 0 {
                abandoned = true
                let changes = randomChanges(&random, model: model, count: 1 + random.below(40))
                _ = try cached.update(version: version + 1, changes: changes)
            }
            let changes = randomChanges(&random, model: model, count: 1 + random.below(60))
            version += 1 + UInt64(random.below(2))
            let expected = try plain.update(version: version, changes: changes)
            if !abandoned || random.below(2) == 0 {
                let update = try cached.update(version: version, changes: changes)
                #expect(update == expected, "update \(step) at version \(version)")
            }
            let update = expected
            try commit(update, to: store)
            model.apply(changes)
            roots[version] = update.root
            #expect(update.root == model.root)

            // Pruning, through the cached tree.
            if random.below(5) == 0, version > kept + 2 {
                let keep = kept + UInt64(random.below(Int(version - kept)))
                let operations = try cached.pruneOperations(keepingFrom: keep)
                #expect(operations == (try plain.pruneOperations(keepingFrom: keep)))
                try store.write(WriteBatch(operations), sync: false)
                kept = keep
            }
            // Reopening: the store (LevelDB from disk), with the same cache or a new one.
            if random.below(6) == 0 {
                if backend == .leveldb {
                    plain = tree(MemoryStore())
                    cached = plain
                    store = MemoryStore()
                    store = try open()
                }
                if random.below(2) == 0 { cache = NodeCache(capacity: capacity) }
                (plain, cached) = trees()
            }
            // Proofs and reads at random versions, kept, pruned and never written.
            let keys = model.keys
            for _ in 0..<8 {
                let at = UInt64(random.below(Int(version) + 2))
                let key = keys.isEmpty || random.below(4) == 0 ? random.stateKey() : keys[random.below(keys.count)]
                let expectedProof = Result { () throws(StateTreeError) in try plain.prove(key: key, at: at) }
                let proof = Result { () throws(StateTreeError) in try cached.prove(key: key, at: at) }
                #expect(proof.map(\.value) == expectedProof.map(\.value))
                #expect(proof.map(\.proof) == expectedProof.map(\.proof))
                if case .success(let (value, proof)) = proof, let root = roots[at] {
                    #expect(StateTree.verify(proof, key: key, value: value, root: root))
                }
                let read = Result { () throws(StateTreeError) in try cached.get(key, at: at) }
                #expect(read == Result { () throws(StateTreeError) in try plain.get(key, at: at) })
            }
        }
    }

    @Test(arguments: Backend.allCases, [4, 64, 100_000])
    func cachedTreeMatchesUncachedTree(backend: Backend, capacity: Int) throws {
        try compareHistories(backend: backend, capacity: capacity, seed: UInt64(capacity) &+ 7, steps: 80)
    }

    /// The staged nodes of an update are cached only once its root record is in the store, and
    /// only if it is the one the update computed.
    @Test func stagedNodesWaitForTheirCommit() throws {
        var random = SplitMix64(state: 3)
        let store = MemoryStore()
        let cache = NodeCache(capacity: 1000)
        let cached = StateTree(reader: store, nodePrefix: nodePrefix, stalePrefix: stalePrefix, cache: cache)
        let first = (0..<50).map { _ in StateChange(key: random.stateKey(), value: random.value()) }
        let initial = try cached.update(version: 1, changes: first)
        try commit(initial, to: store)
        #expect(cache.count == 0, "staged until the next update sees it committed")
        // An update computed but not committed, then another at the same version committed.
        let abandoned = try cached.update(version: 2, changes: [StateChange(key: s("x"), value: s("1"))])
        #expect(cache.count == initial.nodeCount, "the committed version 1 is cached")
        let committed = try tree(store).update(version: 2, changes: [StateChange(key: s("y"), value: s("2"))])
        try commit(committed, to: store)
        _ = try cached.update(version: 3, changes: [])
        #expect(cache.count == initial.nodeCount, "the abandoned update's nodes are not cached")
        // An update committed is cached by the next update.
        let third = try cached.update(version: 3, changes: [StateChange(key: s("z"), value: s("3"))])
        let beforeThird = cache.count
        try commit(third, to: store)
        _ = try cached.update(version: 4, changes: [])
        #expect(cache.count == beforeThird + third.nodeCount)
        #expect(abandoned.root != committed.root)
    }

    /// A store that went back below the cached versions empties the cache.
    @Test func storeRolledBackEmptiesTheCache() throws {
        let store = MemoryStore()
        let cache = NodeCache(capacity: 1000)
        let cached = StateTree(reader: store, nodePrefix: nodePrefix, stalePrefix: stalePrefix, cache: cache)
        try commit(try cached.update(version: 1, changes: [StateChange(key: s("a"), value: s("1"))]), to: store)
        try commit(try cached.update(version: 2, changes: [StateChange(key: s("b"), value: s("2"))]), to: store)
        _ = try cached.update(version: 3, changes: [])
        #expect(cache.count > 0)
        // Version 2 removed by hand: the cache holds version 2 nodes the store no longer has.
        var batch = WriteBatch()
        for entry in try store.scan(.prefix([nodePrefix])) where entry.key[8] == 2 { batch.delete(entry.key) }
        try store.write(batch, sync: false)
        #expect(try cached.latestVersion() == 1)
        _ = try cached.update(version: 2, changes: [])
        #expect(cache.count == 0)
    }

    /// Pruning evicts the nodes it deletes.
    @Test func pruningEvictsDeletedNodes() throws {
        var random = SplitMix64(state: 4)
        let store = MemoryStore()
        let cache = NodeCache(capacity: 100_000)
        let cached = StateTree(reader: store, nodePrefix: nodePrefix, stalePrefix: stalePrefix, cache: cache)
        for version in UInt64(1)...6 {
            let changes = (0..<30).map { _ in StateChange(key: random.stateKey(), value: random.value()) }
            try commit(try cached.update(version: version, changes: changes), to: store)
        }
        _ = try cached.update(version: 7, changes: [])
        let before = cache.count
        let operations = try cached.pruneOperations(keepingFrom: 6)
        let deletedNodes = operations.filter { $0.key.first == nodePrefix }.count
        #expect(deletedNodes > 0)
        #expect(cache.count == before - deletedNodes)
    }
}
