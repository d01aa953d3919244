/// Why bytes are not the canonical encoding of a node object (docs/node.md, "Encoding").
///
/// Every canonical encoding has exactly one valid byte string per value; anything else is
/// rejected with the field being read, its byte offset and what is wrong.
public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Hashable {
        /// The input ended `needed` bytes too early.
        case truncated(needed: Int)
        /// `count` bytes follow a complete encoding.
        case trailingBytes(count: Int)
        /// A tag or version byte has no meaning.
        case unknownTag(UInt8)
        /// A length exceeds its limit.
        case tooLarge(length: Int, limit: Int)
        /// A text field is empty where it may not be.
        case empty
        /// A text field is not valid UTF-8.
        case invalidUTF8
        /// A recovery id above 3.
        case invalidRecoveryId(UInt8)
        /// A flag byte other than 0 or 1.
        case invalidFlag(UInt8)
    }

    /// The field being decoded (`payload.method`, `signature.recoveryId`...).
    public var field: String
    /// Its byte offset in the input.
    public var offset: Int
    /// What is wrong with it.
    public var reason: Reason

    /// Creates an error.
    public init(field: String, offset: Int, reason: Reason) {
        self.field = field
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        let what: String = switch reason {
        case .truncated(let needed): "input ends \(needed) bytes too early"
        case .trailingBytes(let count): "\(count) trailing bytes after the encoding"
        case .unknownTag(let tag): "unknown tag 0x\(String(tag, radix: 16))"
        case .tooLarge(let length, let limit): "length \(length) exceeds the limit \(limit)"
        case .empty: "must not be empty"
        case .invalidUTF8: "not valid UTF-8"
        case .invalidRecoveryId(let id): "recovery id \(id), expected 0...3"
        case .invalidFlag(let flag): "flag \(flag), expected 0 or 1"
        }
        return "\(field) at byte \(offset): \(what)"
    }
}
