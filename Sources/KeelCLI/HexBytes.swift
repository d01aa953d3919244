import KeelState

/// Hexadecimal byte strings on the command line.
enum HexBytes {
    /// Parses hex digits, with an optional `0x` prefix; nil when odd-length or not hex.
    static func parse(_ text: String) -> [UInt8]? {
        let prefixed = text.hasPrefix("0x") || text.hasPrefix("0X")
        return Hex.decode(prefixed ? text.dropFirst(2) : Substring(text))
    }

    /// `bytes` as text when they are printable ASCII, else as `0x` hex.
    static func display(_ bytes: [UInt8]) -> String {
        text(bytes) ?? "0x" + Hex.encode(bytes)
    }

    /// `bytes` as text when they are non-empty printable ASCII, else nil.
    static func text(_ bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty, bytes.allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
