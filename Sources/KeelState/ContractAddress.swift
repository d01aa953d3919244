/// A contract's 32-byte address, the namespace of its storage keys.
public struct ContractAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The number of bytes in an address.
    public static let byteCount = 32

    /// The address bytes (always ``byteCount`` of them).
    public let bytes: [UInt8]

    /// Creates an address from exactly 32 bytes.
    ///
    /// - Throws: ``StateError/invalidAddress(length:)`` for any other length.
    public init(_ bytes: [UInt8]) throws(StateError) {
        guard bytes.count == Self.byteCount else {
            throw .invalidAddress(length: bytes.count)
        }
        self.bytes = bytes
    }

    /// Orders addresses bytewise.
    public static func < (lhs: ContractAddress, rhs: ContractAddress) -> Bool {
        ByteOrder.less(lhs.bytes, rhs.bytes)
    }

    /// The address in lowercase hexadecimal.
    public var description: String { Hex.encode(bytes) }
}
