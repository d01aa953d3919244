/// Why a chain operation failed (besides transaction admission, ``AdmissionError``).
public enum ChainError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The store holds no chain (no head record).
    case notInitialized
    /// The store already holds a chain.
    case alreadyInitialized
    /// The genesis cannot be applied (a contract that does not deploy, balances overflowing).
    case genesis(String)
    /// A block's timestamp is below its parent's.
    case timestamp(parent: UInt64, given: UInt64)
    /// A block's transactions reserve more fuel than a block may.
    case blockFuel(total: UInt64, limit: UInt64)
    /// A block given from outside does not match what executing it produced: the header
    /// field, the value it carries and the value computed.
    case mismatch(field: String, block: String, computed: String)
    /// A stored record is unreadable.
    case corruptRecord(String)

    public var description: String {
        switch self {
        case .notInitialized: "no chain in this store (not initialised)"
        case .alreadyInitialized: "a chain already exists in this store"
        case .genesis(let message): "genesis: \(message)"
        case .timestamp(let parent, let given): "timestamp \(given) is earlier than the parent's \(parent)"
        case .blockFuel(let total, let limit): "transactions reserve \(total) fuel, a block allows \(limit)"
        case .mismatch(let field, let block, let computed): "block \(field) is \(block), execution gives \(computed)"
        case .corruptRecord(let message): "corrupt chain record: \(message)"
        }
    }
}
