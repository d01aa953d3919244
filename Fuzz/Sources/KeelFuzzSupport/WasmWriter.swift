import Keel

/// A growing WebAssembly binary: LEB128 integers, vectors, sections and value types, the
/// pieces the generators assemble modules from.
public struct WasmWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer.
    public init() {}

    /// Appends one byte.
    public mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// Appends raw bytes.
    public mutating func append(_ values: [UInt8]) { bytes += values }

    /// Appends an unsigned LEB128 integer.
    public mutating func unsigned(_ value: UInt64) {
        var rest = value
        repeat {
            var byte = UInt8(rest & 0x7F)
            rest >>= 7
            if rest != 0 { byte |= 0x80 }
            bytes.append(byte)
        } while rest != 0
    }

    /// Appends an unsigned LEB128 integer given as `Int` (non-negative).
    public mutating func unsigned(_ value: Int) { unsigned(UInt64(value)) }

    /// Appends a signed LEB128 integer.
    public mutating func signed(_ value: Int64) {
        var rest = value
        while true {
            let byte = UInt8(rest & 0x7F)
            rest >>= 7
            let done = (rest == 0 && byte & 0x40 == 0) || (rest == -1 && byte & 0x40 != 0)
            bytes.append(done ? byte : byte | 0x80)
            if done { return }
        }
    }

    /// Appends a UTF-8 name (length-prefixed).
    public mutating func name(_ text: String) {
        let utf8 = Array(text.utf8)
        unsigned(utf8.count)
        bytes += utf8
    }

    /// Appends a value type's encoding.
    public mutating func valueType(_ type: ValueType) { bytes.append(Self.code(of: type)) }

    /// Appends a section: id, byte size, contents.
    public mutating func section(_ id: UInt8, _ contents: [UInt8]) {
        bytes.append(id)
        unsigned(contents.count)
        bytes += contents
    }

    /// The binary code of a value type.
    public static func code(of type: ValueType) -> UInt8 {
        switch type {
        case .i32: 0x7F
        case .i64: 0x7E
        case .f32: 0x7D
        case .f64: 0x7C
        case .funcref: 0x70
        case .externref: 0x6F
        }
    }

    /// The module header: magic and version 1.
    public static let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]
}
