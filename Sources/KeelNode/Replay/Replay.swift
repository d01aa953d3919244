import Keel
import KeelState

/// How a replay runs.
public struct ReplayOptions {
    /// The first height compared with the record. Blocks below it are still executed (the
    /// state at `from` can only be reached from genesis) but not compared. 0 compares the
    /// genesis block too.
    public var from: UInt64
    /// The last height replayed (nil: the recorded head).
    public var to: UInt64?
    /// The backend each engine runs on: one for a replay, two for a side-by-side replay that
    /// compares the engines with each other as well as with the record.
    public var backends: [Backend]
    /// A fresh, empty store for engine `index` (0 or 1); by default a `MemoryStore`. A
    /// LevelDB store in a temporary directory keeps memory flat for long chains.
    public var makeStore: (_ index: Int) throws -> any KeyValueStore

    /// Creates options.
    public init(
        from: UInt64 = 0, to: UInt64? = nil, backends: [Backend] = [.platformDefault],
        makeStore: @escaping (_ index: Int) throws -> any KeyValueStore = { _ in MemoryStore() }
    ) {
        self.from = from
        self.to = to
        self.backends = backends
        self.makeStore = makeStore
    }
}

/// Where a replay is, after each block: the caller divides by its own clock for blocks/s and
/// transactions/s (the library reads none).
public struct ReplayProgress: Sendable, Hashable {
    /// The block just replayed.
    public var height: UInt64
    /// The last height to replay.
    public var lastHeight: UInt64
    /// Blocks executed so far (per engine).
    public var blocks: Int
    /// Transactions executed so far (per engine).
    public var transactions: Int
}

/// The result of a replay that ran to a verdict.
public struct ReplayReport: Sendable, Hashable {
    /// The labels of the engines that ran (`interp`, or `interp#1`, `interp#2`...).
    public var engines: [String]
    /// The first height compared.
    public var from: UInt64
    /// The last height replayed (the divergence's when there is one).
    public var to: UInt64
    /// Blocks executed after genesis (per engine).
    public var blocks: Int
    /// Transactions executed (per engine).
    public var transactions: Int
    /// The replay's head: the last block it executed (its hash and state root).
    public var head: BlockHeader
    /// The first divergence, or nil when everything compared matched.
    public var divergence: Divergence?
}

/// Re-executes a recorded chain from its genesis in fresh state and compares it, block by
/// block, with the record: header roots, every receipt field and every transaction's write
/// set; the first difference is reported with its height, transaction, fields and the first
/// differing state key decoded (docs/node.md, "Replay").
public enum Replay {
    /// Replays `history` as `options` say, calling `progress` after each block.
    ///
    /// - Returns: the report; its ``ReplayReport/divergence`` is nil when all matched.
    /// - Throws: ``ReplayError`` (bad range or options, missing records), `ChainError`
    ///   (unreadable records, a genesis that does not apply), `EngineError` (a backend this
    ///   build lacks), ``StateError``.
    public static func run(
        _ history: some ChainHistory, options: ReplayOptions = ReplayOptions(), progress: (ReplayProgress) -> Void = { _ in }
    ) throws -> ReplayReport {
        try ReplayRun(history: history, options: options).run(progress: progress)
    }
}

/// One replay: the engines' chains, advanced in lockstep.
final class ReplayRun<History: ChainHistory> {
    let history: History
    let options: ReplayOptions
    let from: UInt64
    let to: UInt64
    let labels: [String]
    private(set) var chains: [Chain] = []

    init(history: History, options: ReplayOptions) throws {
        guard (1...2).contains(options.backends.count) else {
            throw ReplayError.options("give one backend, or two to compare them (got \(options.backends.count))")
        }
        let head = history.head.height
        let to = options.to ?? head
        guard to <= head else { throw ReplayError.range("--to \(to) is above the recorded head \(head)") }
        guard options.from <= to else { throw ReplayError.range("--from \(options.from) is above --to \(to)") }
        self.history = history
        self.options = options
        self.from = options.from
        self.to = to
        let names = options.backends.map(\.rawValue)
        labels = names.count == 2 && names[0] == names[1] ? names.enumerated().map { "\($1)#\($0 + 1)" } : names
    }

    func run(progress: (ReplayProgress) -> Void) throws -> ReplayReport {
        let genesis = try history.genesis()
        chains = try options.backends.enumerated().map { index, backend in
            try Chain.create(store: try options.makeStore(index), genesis: genesis, backend: backend)
        }
        var (blocks, transactions) = (0, 0)
        func report(_ divergence: Divergence?) -> ReplayReport {
            ReplayReport(
                engines: labels, from: from, to: chains[0].head.height, blocks: blocks, transactions: transactions,
                head: chains[0].head, divergence: divergence)
        }
        let genesisBlocks = chains.map { RecordedBlock(block: Block(header: $0.head, transactions: []), receipts: [], writeSets: []) }
        if from == 0, let divergence = try compare(record: try history.recordedBlock(at: 0), executions: genesisBlocks, hashes: []) {
            return report(divergence)
        }
        var height: UInt64 = 1
        while height <= to {
            let record = try history.recordedBlock(at: height)
            var executions: [BlockExecution] = []
            for (index, chain) in chains.enumerated() {
                do {
                    executions.append(try chain.execute(
                        transactions: record.block.transactions, timestamp: record.block.header.timestamp,
                        proposer: record.block.header.proposer))
                } catch let error as ChainError {
                    return report(Divergence(
                        height: height, expectedSource: "record", actualSource: labels[index], transaction: nil,
                        fields: [Divergence.Field(name: "execution", expected: "the block executes", actual: error.description)], key: nil))
                }
            }
            if height >= from,
               let divergence = try compare(record: record, executions: executions.map(RecordedBlock.init), hashes: executions[0].transactionHashes) {
                return report(divergence)
            }
            for (chain, execution) in zip(chains, executions) { try chain.commit(execution) }
            blocks += 1
            transactions += record.block.transactions.count
            progress(ReplayProgress(height: height, lastHeight: to, blocks: blocks, transactions: transactions))
            height += 1
        }
        if to == history.head.height, let recorded = history.recordedState {
            return report(try StateComparison.divergence(recorded: recorded, replayed: chains[0].store, history: history, label: labels[0]))
        }
        return report(nil)
    }

    /// The engines compared with each other first (a cross-engine difference is the one a
    /// backend author needs), then the first engine with the record.
    private func compare(record: RecordedBlock, executions: [RecordedBlock], hashes: [[UInt8]]) throws -> Divergence? {
        if chains.count == 2,
           let divergence = BlockComparison.divergence(expected: executions[0], actual: executions[1], hashes: hashes, sources: (labels[0], labels[1])) {
            return divergence
        }
        return BlockComparison.divergence(expected: record, actual: executions[0], hashes: hashes, sources: ("record", labels[0]))
    }
}
