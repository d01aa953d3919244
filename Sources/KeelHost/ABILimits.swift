/// The size and count limits of the contract ABI (docs/abi.md, "Limits").
///
/// Exceeding one traps the contract with a message naming the limit, except the call
/// depth, which makes `call` return status 4.
public struct ABILimits: Sendable, Hashable {
    /// Largest storage key, in bytes.
    public var keySize: Int
    /// Largest storage value, in bytes.
    public var valueSize: Int
    /// Largest call input or return data, in bytes.
    public var dataSize: Int
    /// Longest method name, in bytes.
    public var methodNameSize: Int
    /// Largest event topic, in bytes.
    public var eventTopicSize: Int
    /// Largest event data, in bytes.
    public var eventDataSize: Int
    /// Most events one call may emit (its callees count separately).
    public var eventsPerCall: Int
    /// Largest log message, in bytes; abort messages are cut to this size.
    public var messageSize: Int
    /// Most storage iterators one call may have open at once.
    public var openIterators: Int
    /// Deepest nesting of calls, the outermost call included.
    public var callDepth: Int

    /// The limits of ABI version 1.
    public static let v1 = ABILimits(
        keySize: 256, valueSize: 65536, dataSize: 65536, methodNameSize: 256,
        eventTopicSize: 256, eventDataSize: 8192, eventsPerCall: 256, messageSize: 4096,
        openIterators: 32, callDepth: 16)
}
