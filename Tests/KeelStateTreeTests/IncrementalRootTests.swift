import KeelState
import Testing
import KeelStateTree

/// The incrementally updated root equals the from-scratch root of the resulting key set.
@Suite("Incremental root")
struct IncrementalRootTests {
    @Test(arguments: Backend.allCases)
    func randomHistoriesMatchRebuild(backend: Backend) throws {
        for seed: UInt64 in [1, 2, 3] {
            try withStore(backend) { store in
                var random = SplitMix64(state: seed)
                let tree = tree(store)
                var model = Model()
                var roots: [StateRoot] = []
                var snapshots: [Model] = []
                for version: UInt64 in 1...40 {
                    let size = random.below(5) == 0 ? 0 : random.below(60)
                    let changes = randomChanges(&random, model: model, count: size)
                    let update = try tree.update(version: version, changes: changes)
                    model.apply(changes)
                    #expect(update.root == model.root, "seed \(seed), version \(version)")
                    try commit(update, to: store)
                    roots.append(update.root)
                    snapshots.append(model)
                }
                // Every old version is still readable: its root and its values.
                for (index, root) in roots.enumerated() {
                    let version = UInt64(index + 1)
                    #expect(try tree.root(at: version) == root)
                    let old = snapshots[index]
                    for key in old.keys.prefix(10) {
                        #expect(try tree.get(key, at: version) == old.entries[key])
                    }
                }
                #expect(try tree.latestVersion() == 40)
            }
        }
    }

    @Test func thousandsOfKeys() throws {
        let store = MemoryStore()
        let tree = tree(store)
        var random = SplitMix64(state: 42)
        var model = Model()
        var version: UInt64 = 0
        func step(_ changes: [StateChange]) throws {
            version += 1
            let update = try tree.update(version: version, changes: changes)
            model.apply(changes)
            #expect(update.root == model.root, "version \(version)")
            try commit(update, to: store)
        }
        for _ in 0..<10 {
            try step((0..<500).map { _ in StateChange(key: random.stateKey(), value: random.value()) })
        }
        #expect(model.entries.count == 5000)
        let keys = random.shuffled(model.keys)
        for batch in 0..<4 {
            try step(keys[(batch * 500)..<(batch * 500 + 500)].map { StateChange(key: $0, value: nil) })
        }
        for batch in 4..<6 {
            try step(keys[(batch * 500)..<(batch * 500 + 500)].map { StateChange(key: $0, value: random.value()) })
        }
        try step(randomChanges(&random, model: model, count: 2000))
    }

    @Test(arguments: Backend.allCases)
    func deletingDownToOneLeafAndToEmpty(backend: Backend) throws {
        try withStore(backend) { store in
            var random = SplitMix64(state: 7)
            let tree = tree(store)
            let keys = (0..<300).map { _ in random.stateKey() }
            let first = try tree.update(version: 1, changes: keys.map { StateChange(key: $0, value: s("v")) })
            try commit(first, to: store)
            // All but one key go in one batch: the survivor collapses up to the root.
            let second = try tree.update(version: 2, changes: keys.dropFirst().map { StateChange(key: $0, value: nil) })
            #expect(second.root == StateTree.root(of: [KeyValue(key: keys[0], value: s("v"))]))
            try commit(second, to: store)
            #expect(try tree.get(keys[0], at: 2) == s("v"))
            #expect(try tree.get(keys[1], at: 2) == nil)
            #expect(try tree.get(keys[1], at: 1) == s("v"))
            let third = try tree.update(version: 3, changes: [StateChange(key: keys[0], value: nil)])
            #expect(third.root == StateTree.emptyRoot)
            try commit(third, to: store)
            #expect(try tree.root(at: 3) == StateTree.emptyRoot)
            // Rebuilding from empty again works.
            let fourth = try tree.update(version: 4, changes: keys.prefix(2).map { StateChange(key: $0, value: s("w")) })
            #expect(fourth.root == StateTree.root(of: keys.prefix(2).map { KeyValue(key: $0, value: s("w")) }))
        }
    }

    @Test func deletingOneByOneCollapsesEveryLevel() throws {
        let store = MemoryStore()
        let tree = tree(store)
        var random = SplitMix64(state: 99)
        var model = Model()
        let keys = (0..<200).map { _ in random.stateKey() }
        let initial = keys.map { StateChange(key: $0, value: random.value()) }
        try commit(try tree.update(version: 1, changes: initial), to: store)
        model.apply(initial)
        for (index, key) in random.shuffled(keys).enumerated() {
            let change = [StateChange(key: key, value: nil)]
            let update = try tree.update(version: UInt64(index + 2), changes: change)
            model.apply(change)
            #expect(update.root == model.root)
            try commit(update, to: store)
        }
        #expect(model.entries.isEmpty)
        #expect(try tree.root(at: 201) == StateTree.emptyRoot)
    }
}
