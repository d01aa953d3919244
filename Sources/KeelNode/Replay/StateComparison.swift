import KeelCrypto
import KeelState

/// Compares a data directory's state at its head with a replay's, key by key in key order
/// (both are ordered stores, so this walks two cursors once): a state changed behind the
/// chain's back (a tampered or damaged store) is named by its key even when every block
/// matched.
enum StateComparison {
    /// State keys are below the node records (`0xF0` and above).
    static let stateRange = KeyRange(start: nil, end: [0xF0])

    static func divergence(recorded: any KeyValueReader, replayed: any KeyValueReader, history: some ChainHistory, label: String) throws -> Divergence? {
        var expected = try recorded.cursor(over: stateRange, direction: .forward)
        var actual = try replayed.cursor(over: stateRange, direction: .forward)
        var (e, a) = (try expected.next(), try actual.next())
        while e != nil || a != nil {
            if let ev = e, let av = a, ev.key == av.key {
                if ev.value != av.value { return try report(ev.key, .set(ev.value), .set(av.value), history, label) }
                (e, a) = (try expected.next(), try actual.next())
            } else if let ev = e, a == nil || ev.key.lexicographicallyPrecedes(a!.key) {
                return try report(ev.key, .set(ev.value), .absent, history, label)
            } else {
                return try report(a!.key, .absent, .set(a!.value), history, label)
            }
        }
        return nil
    }

    private static func report(
        _ key: [UInt8], _ expected: Divergence.WriteValue, _ actual: Divergence.WriteValue, _ history: some ChainHistory, _ label: String
    ) throws -> Divergence {
        let height = history.head.height
        var origin = "no recorded transaction wrote this key (genesis state)"
        search: for writer in stride(from: height, through: 1, by: -1) {
            let writeSets = try history.writeSets(at: writer) ?? []
            for (index, changes) in writeSets.enumerated().reversed() where changes.contains(where: { $0.key == key }) {
                let hash = (try history.block(at: writer)?.transactions).flatMap { index < $0.count ? SHA256.hash($0[index]) : nil } ?? []
                origin = "last written by block \(writer), transaction \(index) (\(Hex.encode(hash)))"
                break search
            }
        }
        return Divergence(
            height: height, expectedSource: "record", actualSource: label, transaction: nil,
            fields: [Divergence.Field(name: "headState", expected: "the stored state (key \(origin))", actual: "the replayed state")],
            key: Divergence.Key(key: key, decoded: StateKey(decoding: key), expected: expected, actual: actual))
    }
}
