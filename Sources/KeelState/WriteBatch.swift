/// One change in a ``WriteBatch``.
public enum WriteOperation: Sendable, Hashable {
    /// Sets `key` to `value`.
    case put(key: [UInt8], value: [UInt8])
    /// Removes `key` (a no-op if it is absent).
    case delete(key: [UInt8])

    /// The key the operation changes.
    public var key: [UInt8] {
        switch self {
        case .put(let key, _), .delete(let key): key
        }
    }
}

/// A list of puts and deletes applied atomically by ``KeyValueStore/write(_:sync:)``.
///
/// Operations apply in the order they were added: when a key appears more than once,
/// the last operation wins (LevelDB's rule).
public struct WriteBatch: Sendable, Hashable {
    /// The operations, in the order they were added.
    public private(set) var operations: [WriteOperation]

    /// Creates an empty batch.
    public init() {
        operations = []
    }

    /// Creates a batch of the given operations.
    public init(_ operations: [WriteOperation]) {
        self.operations = operations
    }

    /// Creates a batch from a sorted write set (see ``StateOverlay/writeSet()``).
    public init(_ changes: [StateChange]) {
        operations = changes.map { change in
            if let value = change.value {
                .put(key: change.key, value: value)
            } else {
                .delete(key: change.key)
            }
        }
    }

    /// Adds a put of `value` at `key`.
    public mutating func put(_ key: [UInt8], _ value: [UInt8]) {
        operations.append(.put(key: key, value: value))
    }

    /// Adds a delete of `key`.
    public mutating func delete(_ key: [UInt8]) {
        operations.append(.delete(key: key))
    }

    /// Whether the batch holds no operation.
    public var isEmpty: Bool { operations.isEmpty }
}
