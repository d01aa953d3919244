import KeelState

/// Hexadecimal byte strings on the command line (input: `0x`-prefixed or not, either case)
/// and in what the CLI prints (always `0x`-prefixed lowercase).
enum HexBytes {
    /// Parses hex digits, with an optional `0x` prefix; nil when odd-length or not hex.
    static func parse(_ text: String) -> [UInt8]? {
        Hex.decode(digits(text))
    }

    /// Why text is not hex digits.
    enum Problem: CustomStringConvertible {
        /// A character that is not a hex digit, at a 1-based position (prefix included).
        case notHex(Unicode.Scalar, position: Int)
        /// An odd number of digits (prefix not counted).
        case oddLength(Int)

        var description: String {
            switch self {
            case .notHex(let scalar, let position): "\"\(scalar)\" at position \(position) is not a hex digit"
            case .oddLength(let count): "it has an odd number of hex digits (\(count)); each byte is two"
            }
        }
    }

    /// Why `text` is not hex digits (``parse(_:)`` gives nil); nil when it is.
    static func problem(_ text: String) -> Problem? {
        let digits = digits(text).unicodeScalars
        if let bad = digits.firstIndex(where: { !$0.properties.isASCIIHexDigit }) {
            let prefix = text.unicodeScalars.count - digits.count
            return .notHex(digits[bad], position: prefix + digits.distance(from: digits.startIndex, to: bad) + 1)
        }
        return digits.count % 2 == 1 ? .oddLength(digits.count) : nil
    }

    /// `bytes` as `0x`-prefixed lowercase hex: how the CLI prints every byte string.
    static func prefixed(_ bytes: [UInt8]) -> String { "0x" + Hex.encode(bytes) }

    /// `bytes` as text when they are printable ASCII, else as `0x` hex.
    static func display(_ bytes: [UInt8]) -> String {
        text(bytes) ?? prefixed(bytes)
    }

    /// `bytes` as text when they are non-empty printable ASCII, else nil.
    static func text(_ bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty, bytes.allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func digits(_ text: String) -> Substring {
        text.hasPrefix("0x") || text.hasPrefix("0X") ? text.dropFirst(2) : Substring(text)
    }
}

extension ContractAddress {
    /// The address as the CLI prints it: `0x` and 64 lowercase hex digits.
    var hex: String { HexBytes.prefixed(bytes) }
}
