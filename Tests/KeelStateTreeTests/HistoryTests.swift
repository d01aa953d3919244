import KeelState
import Testing
import KeelStateTree

/// The root depends only on the key/value set: not on history, batching, order or repeats.
@Suite("History independence")
struct HistoryTests {
    @Test(arguments: Backend.allCases)
    func sameStateByTwoHistoriesHasSameRoot(backend: Backend) throws {
        var random = SplitMix64(state: 11)
        let final = (0..<400).map { _ in KeyValue(key: random.stateKey(), value: random.value()) }
        // History A: everything in one batch.
        let rootA = try withStore(backend) { store in
            try tree(store).update(version: 1, changes: final.map { StateChange(key: $0.key, value: $0.value) }).root
        }
        // History B: small shuffled batches, with detours (keys added then removed, values
        // overwritten before their final value), at other version numbers.
        let rootB = try withStore(backend) { store in
            let tree = tree(store)
            var pending: [StateChange] = []
            for entry in random.shuffled(final) {
                pending.append(StateChange(key: entry.key, value: random.value()))
                let extra = random.stateKey()
                pending.append(StateChange(key: extra, value: random.value()))
                pending.append(StateChange(key: extra, value: nil))
            }
            pending += random.shuffled(final).map { StateChange(key: $0.key, value: $0.value) }
            var version: UInt64 = 100
            var index = 0
            var root = StateTree.emptyRoot
            while index < pending.count {
                let size = 1 + random.below(50)
                let batch = Array(pending[index..<min(index + size, pending.count)])
                let update = try tree.update(version: version, changes: batch)
                try commit(update, to: store)
                root = update.root
                index += size
                version += 1 + UInt64(random.below(3))
            }
            return root
        }
        #expect(rootA == rootB)
        #expect(rootA == StateTree.root(of: final))
    }

    @Test func changeOrderDoesNotMatter() throws {
        var random = SplitMix64(state: 12)
        let store = MemoryStore()
        let tree = tree(store)
        let initial = (0..<200).map { _ in StateChange(key: random.stateKey(), value: random.value()) }
        try commit(try tree.update(version: 1, changes: initial), to: store)
        var model = Model()
        model.apply(initial)
        let changes = randomChanges(&random, model: model, count: 100)
        let distinct = Dictionary(changes.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
        let once = distinct.values.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        let reference = try tree.update(version: 2, changes: once)
        for _ in 0..<5 {
            let shuffled = try tree.update(version: 2, changes: random.shuffled(once))
            #expect(shuffled == reference)
        }
    }

    @Test func lastChangeOfAKeyWins() throws {
        let store = MemoryStore()
        let tree = tree(store)
        let repeated = [
            StateChange(key: s("a"), value: s("1")), StateChange(key: s("b"), value: s("x")),
            StateChange(key: s("a"), value: nil), StateChange(key: s("a"), value: s("3")),
            StateChange(key: s("b"), value: nil), StateChange(key: s("c"), value: nil),
            StateChange(key: s("c"), value: s("z")),
        ]
        let update = try tree.update(version: 1, changes: repeated)
        #expect(update.root == StateTree.root(of: [KeyValue(key: s("a"), value: s("3")), KeyValue(key: s("c"), value: s("z"))]))
        #expect(update == (try tree.update(version: 1, changes: [
            StateChange(key: s("c"), value: s("z")), StateChange(key: s("a"), value: s("3")),
        ])))
        // The builder applies the same rule.
        #expect(StateTree.root(of: [KeyValue(key: s("a"), value: s("1")), KeyValue(key: s("a"), value: s("3"))])
            == StateTree.root(of: [KeyValue(key: s("a"), value: s("3"))]))
    }

    @Test(arguments: Backend.allCases)
    func noOpUpdatesKeepTheRootAndWriteOnlyTheRootRecord(backend: Backend) throws {
        try withStore(backend) { store in
            var random = SplitMix64(state: 13)
            let tree = tree(store)
            let entries = (0..<100).map { _ in StateChange(key: random.stateKey(), value: random.value()) }
            let first = try tree.update(version: 1, changes: entries)
            try commit(first, to: store)
            let noOps: [[StateChange]] = [
                [],
                (0..<20).map { _ in StateChange(key: random.stateKey(), value: nil) },
                entries.prefix(20).map { $0 },
            ]
            for (offset, changes) in noOps.enumerated() {
                let version = UInt64(offset + 2)
                let update = try tree.update(version: version, changes: changes)
                #expect(update.root == first.root)
                #expect(update.nodeCount == 1, "only the root record of version \(version)")
                #expect(update.staleCount == 1, "only the previous root record")
                try commit(update, to: store)
                #expect(try tree.root(at: version) == first.root)
            }
        }
    }

    @Test func emptyTreeVersionsHaveTheEmptyRoot() throws {
        let store = MemoryStore()
        let tree = tree(store)
        #expect(try tree.latestVersion() == nil)
        #expect(try tree.root(at: 0) == nil)
        let update = try tree.update(version: 0, changes: [StateChange(key: s("gone"), value: nil)])
        #expect(update.root == StateTree.emptyRoot)
        try commit(update, to: store)
        #expect(try tree.root(at: 0) == StateTree.emptyRoot)
        #expect(try tree.latestVersion() == 0)
    }

    @Test func versionsMustIncrease() throws {
        let store = MemoryStore()
        let tree = tree(store)
        try commit(try tree.update(version: 5, changes: [StateChange(key: s("k"), value: s("v"))]), to: store)
        for version: UInt64 in [5, 4, 0] {
            #expect(throws: StateTreeError.versionNotAfterLatest(version: version, latest: 5)) {
                _ = try tree.update(version: version, changes: [])
            }
        }
        #expect(try tree.update(version: 7, changes: []).version == 7)
    }
}
