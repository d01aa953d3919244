/// One stored entry: a key and its value.
public struct KeyValue: Sendable, Hashable {
    /// The entry's key.
    public var key: [UInt8]
    /// The entry's value (possibly empty, which is distinct from absent).
    public var value: [UInt8]

    /// Creates an entry.
    public init(key: [UInt8], value: [UInt8]) {
        self.key = key
        self.value = value
    }
}
