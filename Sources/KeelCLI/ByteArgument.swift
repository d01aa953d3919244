import Foundation

/// Byte strings given on the command line as hex digits or `@FILE`.
enum ByteArgument {
    /// The bytes of `text`: hex digits (optionally `0x`-prefixed), or `@FILE` for a file's
    /// contents; `option` names the argument in errors (usage errors).
    static func parse(_ text: String, option: String) throws(CommandFailure) -> [UInt8] {
        if text.hasPrefix("@") {
            let path = String(text.dropFirst())
            do throws(CommandFailure) { return [UInt8](try InputFiles.read(path, what: "input file")) } catch {
                throw .usage("\(option): \(error.description)")
            }
        }
        guard let bytes = HexBytes.parse(text) else {
            switch HexBytes.problem(text) {
            case .oddLength(let count)?:
                throw .usage("\(option) \"\(text)\" has an odd number of hex digits (\(count)): give whole bytes, two digits each (or @FILE)")
            case let problem:
                throw .usage("\(option) must be hex digits or @FILE, got \"\(text)\"" + (problem.map { ": \($0)" } ?? ""))
            }
        }
        return bytes
    }

    /// ``parse(_:option:)`` of an optional argument, empty when absent.
    static func parse(_ text: String?, option: String) throws(CommandFailure) -> [UInt8] {
        guard let text else { return [] }
        return try parse(text, option: option)
    }
}
