import KeelHost
import KeelState

/// Compares two records of one block (the recorded one and a replay's, or two engines')
/// and names the first difference (docs/node.md, "Replay").
enum BlockComparison {
    /// The first divergence of `actual` from `expected`, or nil when they agree: header
    /// linkage (chain id, height, parent), then record counts, then transaction by
    /// transaction (receipt fields and write set), then the header's roots.
    static func divergence(
        expected: RecordedBlock, actual: RecordedBlock, hashes: [[UInt8]], sources: (expected: String, actual: String)
    ) -> Divergence? {
        let height = actual.block.header.height
        func report(_ fields: [Divergence.Field], transaction: Int? = nil, key: Divergence.Key? = nil) -> Divergence {
            Divergence(
                height: height, expectedSource: sources.expected, actualSource: sources.actual,
                transaction: transaction.map { Divergence.Transaction(index: $0, hash: hashes[$0]) }, fields: fields, key: key)
        }
        let (e, a) = (expected.block.header, actual.block.header)
        let linkage = differences([
            ("chainId", "\(e.chainId)", "\(a.chainId)"), ("height", "\(e.height)", "\(a.height)"),
            ("parentHash", Hex.encode(e.parentHash), Hex.encode(a.parentHash)),
        ])
        if !linkage.isEmpty { return report(linkage) }
        let counts = differences([
            ("receipts", "\(expected.receipts.count) receipts", "\(actual.receipts.count) receipts"),
            ("writeSets", "\(expected.writeSets.count) write sets", "\(actual.writeSets.count) write sets"),
        ])
        if !counts.isEmpty { return report(counts) }
        for index in actual.receipts.indices {
            let fields = receiptDifferences(expected.receipts[index], actual.receipts[index])
            let key = firstDifference(expected.writeSets[index], actual.writeSets[index])
            if !fields.isEmpty || key != nil { return report(fields, transaction: index, key: key) }
        }
        let roots = differences([
            ("transactionsRoot", Hex.encode(e.transactionsRoot), Hex.encode(a.transactionsRoot)),
            ("receiptsRoot", Hex.encode(e.receiptsRoot), Hex.encode(a.receiptsRoot)),
            ("stateRoot", Hex.encode(e.stateRoot), Hex.encode(a.stateRoot)),
        ])
        return roots.isEmpty ? nil : report(roots)
    }

    /// The differing receipt fields, in encoding order.
    static func receiptDifferences(_ e: Receipt, _ a: Receipt) -> [Divergence.Field] {
        differences([
            ("status", e.status.description, a.status.description), ("fuelUsed", "\(e.fuelUsed)", "\(a.fuelUsed)"),
            ("returnData", StateKey.show(e.returnData), StateKey.show(a.returnData)),
            ("events", show(e.events), show(a.events)), ("logs", show(e.logs), show(a.logs)),
            ("writeSetHash", Hex.encode(e.writeSetHash), Hex.encode(a.writeSetHash)),
        ])
    }

    /// The first key (in key order) that the two sorted write sets treat differently.
    static func firstDifference(_ expected: [StateChange], _ actual: [StateChange]) -> Divergence.Key? {
        func value(_ change: StateChange) -> Divergence.WriteValue { change.value.map { .set($0) } ?? .deleted }
        var (i, j) = (0, 0)
        while i < expected.count || j < actual.count {
            let e = i < expected.count ? expected[i] : nil, a = j < actual.count ? actual[j] : nil
            let key: [UInt8], ev: Divergence.WriteValue, av: Divergence.WriteValue
            if let e, let a, e.key == a.key {
                (key, ev, av) = (e.key, value(e), value(a))
                (i, j) = (i + 1, j + 1)
            } else if let e, a == nil || e.key.lexicographicallyPrecedes(a!.key) {
                (key, ev, av) = (e.key, value(e), .untouched)
                i += 1
            } else {
                (key, ev, av) = (a!.key, .untouched, value(a!))
                j += 1
            }
            if ev != av { return Divergence.Key(key: key, decoded: StateKey(decoding: key), expected: ev, actual: av) }
        }
        return nil
    }

    private static func differences(_ pairs: [(String, String, String)]) -> [Divergence.Field] {
        pairs.filter { $0.1 != $0.2 }.map { Divergence.Field(name: $0.0, expected: $0.1, actual: $0.2) }
    }

    private static func show(_ events: [ContractEvent]) -> String {
        "\(events.count) [" + events.map { "\($0.contract): topic \(StateKey.show($0.topic)) data \(StateKey.show($0.data))" }
            .joined(separator: "; ") + "]"
    }

    private static func show(_ logs: [ContractLog]) -> String {
        "\(logs.count) [" + logs.map { "\($0.contract): \"\($0.message)\"" }.joined(separator: "; ") + "]"
    }
}
