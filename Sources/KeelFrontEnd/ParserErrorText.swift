import WasmParser

/// Sentences for WasmKit's parser errors.
///
/// `WasmParserError`'s own description prints a message case as `"Message(text: ...)"` and
/// lists expected bytes in `Set` order (which changes from one process to the next), and its
/// fields are package-internal to WasmKit. This reads them by reflection and words them as
/// Keel's other errors are: lower case, the offset in hex, expected bytes sorted.
enum ParserErrorText {
    /// The error's sentence without its location, and the byte offset when the parser knew it.
    static func describe(_ error: any Error) -> (message: String, offset: Int?) {
        guard error is WasmParserError else { return ("\(error)", nil) }
        var kind: Any?
        var offset: Int?
        for child in Mirror(reflecting: error).children {
            switch child.label {
            case "kind": kind = child.value
            case "location": offset = child.value as? Int
            default: break
            }
        }
        guard let kind else { return ("\(error)", offset) }
        guard let (name, payload) = Mirror(reflecting: kind).children.first.map({ ($0.label ?? "", $0.value) }) else {
            return ("\(error)", offset)
        }
        switch name {
        case "message":
            let text = Mirror(reflecting: payload).children.first { $0.label == "text" }?.value as? String
            return (sentence(text ?? "\(payload)"), offset)
        case "parserUnexpectedEnd":
            return ("unexpected end of the module" + expectedList(payload), offset)
        case "parserUnexpectedByte":
            let fields = Array(Mirror(reflecting: payload).children)
            let byte = fields.first?.value as? UInt8
            let expected = fields.count > 1 ? fields[1].value : nil
            let found = byte.map { "unexpected byte 0x" + hex($0) } ?? "unexpected byte"
            return (found + (expected.map(expectedList) ?? ""), offset)
        case "leb":
            switch payload as? LEBError {
            case .overflow?: return ("integer too large for its type", offset)
            case .integerRepresentationTooLong?: return ("integer representation too long", offset)
            case .insufficientBytes?: return ("unexpected end of an integer", offset)
            case nil: return ("malformed integer", offset)
            }
        default:
            return ("\(error)", offset)
        }
    }

    /// `text` with a lower-case first letter (unless it starts an acronym) and no final period.
    static func sentence(_ text: String) -> String {
        var text = text
        while text.hasSuffix(".") { text.removeLast() }
        guard let first = text.first, first.isUppercase else { return text }
        let second = text.dropFirst().first
        if let second, second.isUppercase { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// "; expected one of 0x.., 0x.." for an optional `Set<UInt8>` payload, sorted; or "".
    static func expectedList(_ payload: Any) -> String {
        let bytes: Set<UInt8>?
        if let set = payload as? Set<UInt8> {
            bytes = set
        } else if let optional = payload as? Set<UInt8>? {
            bytes = optional
        } else {
            bytes = nil
        }
        guard let bytes, !bytes.isEmpty else { return "" }
        return "; expected " + (bytes.count == 1 ? "" : "one of ") + bytes.sorted().map { "0x" + hex($0) }.joined(separator: ", ")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
}
