/// One entry of an execution's write set: the new value of a key, or its deletion.
public struct StateChange: Sendable, Hashable {
    /// The key written.
    public var key: [UInt8]
    /// The new value, or `nil` when the key was deleted.
    public var value: [UInt8]?

    /// Creates a change; a `nil` value is a delete.
    public init(key: [UInt8], value: [UInt8]?) {
        self.key = key
        self.value = value
    }
}
