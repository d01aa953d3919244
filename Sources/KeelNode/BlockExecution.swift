import KeelState

/// A block executed against the chain's head and not yet committed: what
/// ``Chain/execute(transactions:timestamp:proposer:)`` returns and ``Chain/commit(_:)`` writes.
public struct BlockExecution: Sendable {
    /// The block, its header carrying the computed roots.
    public let block: Block
    /// One receipt per transaction, in order.
    public let receipts: [Receipt]
    /// The transaction hashes, in order.
    public let transactionHashes: [[UInt8]]
    /// Each transaction's net state changes, in order (what its receipt's write-set hash covers).
    public let transactionWriteSets: [[StateChange]]
    /// The block's net state changes, sorted by key.
    public let writeSet: [StateChange]
    /// Everything the commit writes in its one batch (state, tree, block, receipts, head).
    let batch: WriteBatch
}
