import Foundation

/// Byte strings given on the command line as hex digits or `@FILE`.
enum ByteArgument {
    /// The bytes of `text`: hex digits (optionally `0x`-prefixed), or `@FILE` for a file's
    /// contents; `option` names the argument in errors (usage errors).
    static func parse(_ text: String, option: String) throws(CommandFailure) -> [UInt8] {
        if text.hasPrefix("@") {
            let path = String(text.dropFirst())
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .usage("\(option): cannot read input file \"\(path)\"")
            }
            return [UInt8](data)
        }
        guard let bytes = HexBytes.parse(text) else {
            throw .usage("\(option) must be hex digits or @FILE, got \"\(text)\"")
        }
        return bytes
    }

    /// ``parse(_:option:)`` of an optional argument, empty when absent.
    static func parse(_ text: String?, option: String) throws(CommandFailure) -> [UInt8] {
        guard let text else { return [] }
        return try parse(text, option: option)
    }
}
