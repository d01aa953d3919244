import KeelState

/// One recorded block with what its execution recorded: the receipts and each
/// transaction's net write set, in transaction order.
public struct RecordedBlock: Sendable, Hashable {
    /// The block (header and signed transactions).
    public var block: Block
    /// One receipt per transaction.
    public var receipts: [Receipt]
    /// One write set per transaction (sorted by key), what each receipt's write-set hash covers.
    public var writeSets: [[StateChange]]

    /// Creates a recorded block.
    public init(block: Block, receipts: [Receipt], writeSets: [[StateChange]]) {
        self.block = block
        self.receipts = receipts
        self.writeSets = writeSets
    }

    /// What executing a block produced, as a record.
    init(_ execution: BlockExecution) {
        self.init(block: execution.block, receipts: execution.receipts, writeSets: execution.transactionWriteSets)
    }
}

/// A recorded chain that ``Replay`` can re-execute: a ``Chain`` in a data directory or an
/// exported ``ChainFile``.
public protocol ChainHistory {
    /// The genesis the chain started from.
    func genesis() throws -> Genesis
    /// The last recorded block's header.
    var head: BlockHeader { get }
    /// The recorded block at `height`, or nil above the head.
    func block(at height: UInt64) throws -> Block?
    /// The recorded receipts of the block at `height`, or nil above the head.
    func receipts(at height: UInt64) throws -> [Receipt]?
    /// The recorded per-transaction write sets of the block at `height`, or nil above the head.
    func writeSets(at height: UInt64) throws -> [[StateChange]]?
    /// The state the record holds at its head, when it has one (a data directory's store;
    /// nil for a chain file): a replay to the head compares it key by key with its own.
    var recordedState: (any KeyValueReader)? { get }
}

extension ChainHistory {
    /// No recorded state (a chain file holds blocks, receipts and write sets, not the state).
    public var recordedState: (any KeyValueReader)? { nil }
}

extension Chain: ChainHistory {
    /// The chain's store: its state at the head.
    public var recordedState: (any KeyValueReader)? { store }
}

extension ChainHistory {
    /// The block at `height` with its receipts and write sets.
    ///
    /// - Throws: ``ReplayError/missingRecord(height:what:)`` when any of them is absent.
    public func recordedBlock(at height: UInt64) throws -> RecordedBlock {
        guard let block = try block(at: height) else { throw ReplayError.missingRecord(height: height, what: "block") }
        guard let receipts = try receipts(at: height) else { throw ReplayError.missingRecord(height: height, what: "receipts") }
        guard let writeSets = try writeSets(at: height) else { throw ReplayError.missingRecord(height: height, what: "write sets") }
        return RecordedBlock(block: block, receipts: receipts, writeSets: writeSets)
    }
}
