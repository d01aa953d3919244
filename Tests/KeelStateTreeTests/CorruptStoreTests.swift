import KeelState
import Testing
@testable import KeelStateTree

/// A damaged store gives errors naming the node and what is wrong, never a crash.
@Suite("Corrupt store")
struct CorruptStoreTests {
    @Test(arguments: [
        ([], "empty record"),
        ([9], "unknown node tag 9"),
        ([0, 1], "empty node with 1 trailing bytes"),
        ([1, 0, 1], "internal node truncated in its bitmaps"),
        ([1, 0, 0, 0, 0], "internal node without children"),
        ([1, 0, 1, 0, 2], "leaf bitmap marks empty slots"),
        ([1, 0, 1, 0, 1, 7], "internal node has 6 bytes, its bitmap needs 45"),
        ([2] + [UInt8](repeating: 1, count: 40), "leaf truncated: 41 bytes, at least 65"),
    ] as [([UInt8], String)])
    func malformedRecordsAreNamed(record: [UInt8], reason: String) throws {
        let store = MemoryStore()
        let key = NodeKey(version: 3, path: .root).encoded(prefix: nodePrefix)
        try store.write(WriteBatch([.put(key: key, value: record)]), sync: false)
        #expect(throws: StateTreeError.corruptNode(key: Hex.encode(key), reason: reason)) {
            _ = try tree(store).root(at: 3)
        }
    }

    @Test func aMissingChildIsNamed() throws {
        let store = MemoryStore()
        let tree = tree(store)
        var random = SplitMix64(state: 51)
        let keys = (0..<50).map { _ in random.stateKey() }
        try commit(try tree.update(version: 1, changes: keys.map { StateChange(key: $0, value: s("v")) }), to: store)
        // Drop every node but the root record.
        let root = NodeKey(version: 1, path: .root).encoded(prefix: nodePrefix)
        let others = try store.scan(.prefix([nodePrefix])).map(\.key).filter { $0 != root }
        try store.write(WriteBatch(others.map { .delete(key: $0) }), sync: false)
        #expect(throws: StateTreeError.self) { _ = try tree.prove(key: keys[0], at: 1) }
        do {
            _ = try tree.get(keys[0], at: 1)
            Issue.record("a read through a missing node succeeded")
        } catch {
            guard case .missingNode(let key) = error else { Issue.record("unexpected \(error)"); return }
            #expect(others.map { Hex.encode($0) }.contains(key))
        }
        #expect(throws: StateTreeError.self) { _ = try tree.update(version: 2, changes: [StateChange(key: keys[0], value: nil)]) }
    }

    @Test func anEmptyRecordBelowTheRootIsNamed() throws {
        let store = MemoryStore()
        let tree = tree(store)
        var random = SplitMix64(state: 52)
        let keys = (0..<50).map { _ in random.stateKey() }
        try commit(try tree.update(version: 1, changes: keys.map { StateChange(key: $0, value: s("v")) }), to: store)
        let root = NodeKey(version: 1, path: .root).encoded(prefix: nodePrefix)
        let child = try #require(try store.scan(.prefix([nodePrefix])).map(\.key).first { $0 != root })
        try store.write(WriteBatch([.put(key: child, value: [0])]), sync: false)
        let error = StateTreeError.corruptNode(key: Hex.encode(child), reason: "empty-tree record below the root")
        let path = try #require(NodeKey(decoding: child, from: 1)).path
        let key = try #require(keys.first { key in
            let hash = TreeHash.key(key)
            return (0..<path.count).allSatisfy { TreeHash.nibble(hash, $0) == TreeHash.nibble(path.packed + [0], $0) }
        })
        #expect(throws: error) { _ = try tree.get(key, at: 1) }
        #expect(throws: error) { _ = try tree.prove(key: key, at: 1) }
        #expect(throws: error) { _ = try tree.update(version: 2, changes: [StateChange(key: key, value: s("w"))]) }
    }

    @Test func aMalformedStaleRecordIsNamed() throws {
        let store = MemoryStore()
        try store.write(WriteBatch([.put(key: [stalePrefix, 0, 0, 0, 0, 0, 0, 0, 1, 5], value: [])]), sync: false)
        #expect(throws: StateTreeError.corruptNode(key: "550000000000000001" + "05",
                                                   reason: "stale record key too short for a node key")) {
            _ = try tree(store).pruneOperations(keepingFrom: 4)
        }
    }

    @Test func aForeignKeyUnderTheNodePrefixIsNamed() throws {
        let store = MemoryStore()
        try store.write(WriteBatch([.put(key: [nodePrefix, 1, 2], value: [0])]), sync: false)
        #expect(throws: StateTreeError.corruptNode(key: "540102", reason: "malformed node key")) {
            _ = try tree(store).latestVersion()
        }
    }
}
