import Keel

/// Text renderings of engine values shared by the `keel` command line and WAST failure messages.
package enum ValueFormatting {
    /// Renders a value the way `keel run` prints a result: integers as signed decimal, floats as
    /// the shortest decimal that reads back to the same bits, NaNs by payload, references by kind.
    package static func format(_ value: Value) -> String {
        switch value {
        case .i32(let bits): return String(Int32(bitPattern: bits))
        case .i64(let bits): return String(Int64(bitPattern: bits))
        case .f32(let bits): return formatFloat32(bits: bits)
        case .f64(let bits): return formatFloat64(bits: bits)
        case .funcref(let reference): return reference == nil ? "null" : "ref.func"
        case .externref(let payload):
            guard let payload else { return "null" }
            return "ref.extern \(payload)"
        }
    }

    /// Renders a value with its type, as in `i32:-1` or `f32:nan:0x200000 (0x7fa00000)`, for
    /// messages that compare an expected value with an actual one.
    package static func describe(_ value: Value) -> String {
        switch value {
        case .i32(let bits): return "i32:\(Int32(bitPattern: bits))"
        case .i64(let bits): return "i64:\(Int64(bitPattern: bits))"
        case .f32(let bits): return "f32:\(formatFloat32(bits: bits)) (\(hex(UInt64(bits), digits: 8)))"
        case .f64(let bits): return "f64:\(formatFloat64(bits: bits)) (\(hex(bits, digits: 16)))"
        case .funcref(let reference): return reference == nil ? "ref.null func" : "ref.func"
        case .externref(let payload):
            guard let payload else { return "ref.null extern" }
            return "ref.extern \(payload)"
        }
    }

    /// Renders a list of values for messages, as in `[i32:1, f64:2.5 (0x4004000000000000)]`.
    package static func describe(_ values: [Value]) -> String {
        "[" + values.map(describe).joined(separator: ", ") + "]"
    }

    /// Formats single-precision bits: `inf`, `-inf`, `nan` (canonical), `-nan`, `nan:0x<payload>`,
    /// or the shortest round-trip decimal.
    package static func formatFloat32(bits: UInt32) -> String {
        let value = Float(bitPattern: bits)
        guard value.isNaN else { return value.description }
        let payload = UInt64(bits & 0x007f_ffff)
        return nan(negative: bits & 0x8000_0000 != 0, payload: payload, canonical: 0x40_0000)
    }

    /// Formats double-precision bits like ``formatFloat32(bits:)``.
    package static func formatFloat64(bits: UInt64) -> String {
        let value = Double(bitPattern: bits)
        guard value.isNaN else { return value.description }
        let payload = bits & 0x000f_ffff_ffff_ffff
        return nan(negative: bits & 0x8000_0000_0000_0000 != 0, payload: payload, canonical: 0x8_0000_0000_0000)
    }


    private static func nan(negative: Bool, payload: UInt64, canonical: UInt64) -> String {
        let sign = negative ? "-" : ""
        if payload == canonical { return sign + "nan" }
        return sign + "nan:0x" + String(payload, radix: 16)
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
