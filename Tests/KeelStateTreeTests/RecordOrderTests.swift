import KeelState
import Testing
@testable import KeelStateTree

/// An update's records come as documented: node records then stale records, each group in
/// strictly ascending byte order (stale records once each).
@Suite("Record order")
struct RecordOrderTests {
    @Test(arguments: [1, 30, 400])
    func recordsAreInKeyOrder(batchSize: Int) throws {
        var random = SplitMix64(state: UInt64(batchSize))
        let store = MemoryStore()
        let tree = tree(store)
        var model = Model()
        for version in UInt64(1)...12 {
            let changes = randomChanges(&random, model: model, count: batchSize)
            let update = try tree.update(version: version, changes: changes)
            let nodes = update.writes[..<update.nodeCount].map(\.key)
            let stale = update.writes[update.nodeCount...].map(\.key)
            #expect(nodes.allSatisfy { $0.first == nodePrefix })
            #expect(stale.allSatisfy { $0.first == stalePrefix })
            #expect(zip(nodes, nodes.dropFirst()).allSatisfy { ByteOrder.less($0, $1) }, "node records ascending at \(version)")
            #expect(zip(stale, stale.dropFirst()).allSatisfy { ByteOrder.less($0, $1) }, "stale records ascending, distinct at \(version)")
            try commit(update, to: store)
            model.apply(changes)
        }
    }

    /// Paths of different lengths and across the 8-byte words of the integer sort key.
    @Test func sortKeyOrdersAsEncodedBytes() {
        var random = SplitMix64(state: 9)
        var keys: [NodeKey] = []
        for _ in 0..<400 {
            var path = NibblePath.root
            let length = random.below(65)
            let nibble = random.below(16)
            for _ in 0..<length { path = path.appending(random.below(4) == 0 ? random.below(16) : nibble) }
            keys.append(NodeKey(version: UInt64(random.below(3)), path: path))
        }
        for a in keys.prefix(60) {
            for b in keys {
                let bytes = ByteOrder.compare(a.encoded(prefix: 0), b.encoded(prefix: 0))
                #expect((NodeSortKey(a) < NodeSortKey(b)) == (bytes < 0))
                #expect((NodeSortKey(a) == NodeSortKey(b)) == (bytes == 0))
            }
        }
    }
}
