import KeelState
import Testing
@testable import KeelStateTree

/// Stale-node records name exactly the nodes that left the tree, so pruning by them keeps
/// every retained version whole.
@Suite("Stale nodes and pruning")
struct StaleNodeTests {
    /// The store keys of the nodes of the tree at `version`.
    private func reachable(_ store: any KeyValueStore, version: UInt64) throws -> Set<[UInt8]> {
        var found: Set<[UInt8]> = []
        var pending = [NodeKey(version: version, path: .root)]
        while let key = pending.popLast() {
            let storeKey = key.encoded(prefix: nodePrefix)
            let bytes = try #require(try store.get(storeKey), "node \(Hex.encode(storeKey)) of version \(version)")
            found.insert(storeKey)
            if case .internal(let node) = try TreeNode(decoding: bytes) {
                for (slot, child) in node.children.enumerated() {
                    if let child { pending.append(NodeKey(version: child.version, path: key.path.appending(slot))) }
                }
            }
        }
        return found
    }

    /// Every stale record: the node's store key and the version it left the tree.
    private func staleRecords(_ store: any KeyValueStore) throws -> [(node: [UInt8], since: UInt64)] {
        try store.scan(.prefix([stalePrefix])).map { entry in
            #expect(entry.value.isEmpty)
            return ([nodePrefix] + entry.key[9...], BigEndian.read(UInt64.self, entry.key, at: 1))
        }
    }

    /// A store after 30 random versions.
    private func history(_ store: any KeyValueStore) throws {
        var random = SplitMix64(state: 41)
        var model = Model()
        for version: UInt64 in 1...30 {
            let changes = randomChanges(&random, model: model, count: random.below(4) == 0 ? 0 : random.below(40))
            model.apply(changes)
            try commit(try tree(store).update(version: version, changes: changes), to: store)
        }
    }

    @Test(arguments: Backend.allCases)
    func staleRecordsNameExactlyTheNodesThatLeft(backend: Backend) throws {
        try withStore(backend) { store in
            try history(store)
            let all = Set(try store.scan(.prefix([nodePrefix])).map(\.key))
            let trees = try (1...30).map { version in try reachable(store, version: UInt64(version)) }
            let stale = try staleRecords(store)
            // No orphan nodes: every node belongs to some version's tree.
            #expect(trees.reduce(into: Set<[UInt8]>()) { $0.formUnion($1) } == all)
            // The stale nodes are exactly those not in the latest tree.
            #expect(Set(stale.map(\.node)) == all.subtracting(trees[29]))
            #expect(Set(stale.map(\.node)).count == stale.count, "one record per node")
            // A node stale since s is in no tree from s on, and was in the tree before s.
            for record in stale {
                for version in record.since...30 {
                    #expect(!trees[Int(version) - 1].contains(record.node))
                }
                #expect(trees[Int(record.since) - 2].contains(record.node))
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func pruningKeepsLaterVersionsWhole(backend: Backend) throws {
        try withStore(backend) { store in
            try history(store)
            let tree = tree(store)
            let roots = try (1...30).map { try tree.root(at: UInt64($0)) }
            let before = try store.scan(.prefix([nodePrefix])).count
            let operations = try tree.pruneOperations(keepingFrom: 20)
            #expect(!operations.isEmpty)
            try store.write(WriteBatch(operations), sync: false)
            #expect(try store.scan(.prefix([nodePrefix])).count == before - operations.count / 2)
            for version in 20...30 {
                #expect(try tree.root(at: UInt64(version)) == roots[version - 1])
                _ = try reachable(store, version: UInt64(version))
            }
            for version in 1..<20 {
                #expect(try tree.root(at: UInt64(version)) == nil)
            }
            #expect(try staleRecords(store).allSatisfy { $0.since > 20 })
            // Updating after pruning still works.
            let update = try tree.update(version: 31, changes: [StateChange(key: s("after"), value: s("prune"))])
            try commit(update, to: store)
            #expect(try tree.get(s("after"), at: 31) == s("prune"))
        }
    }
}
