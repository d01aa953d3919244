import Keel
import WAT

/// Compares the values an invocation returned with the ones an `assert_return` expects.
enum ResultMatching {
    /// Nil when `actual` matches `expected`, otherwise a message saying what differed.
    static func mismatch(expected: [WASTExpectValue], actual: [Value]) -> String? {
        guard expected.count == actual.count else {
            return "expected \(expected.count) result(s) \(describe(expected)), got \(actual.count): "
                + ValueFormatting.describe(actual)
        }
        var differences: [String] = []
        for (index, (expectation, value)) in zip(expected, actual).enumerated() where !matches(expectation, value) {
            differences.append(
                "result \(index): expected \(describe(expectation)), got \(ValueFormatting.describe(value))")
        }
        return differences.isEmpty ? nil : differences.joined(separator: "; ")
    }

    /// Whether `value` satisfies `expectation`; floats compare bit for bit.
    static func matches(_ expectation: WASTExpectValue, _ value: Value) -> Bool {
        switch (expectation, value) {
        case (.i32(let expected), .i32(let actual)): return expected == actual
        case (.i64(let expected), .i64(let actual)): return expected == actual
        case (.f32(let expected), .f32(let actual)): return expected == actual
        case (.f64(let expected), .f64(let actual)): return expected == actual
        case (.f32CanonicalNaN, .f32(let bits)): return bits & 0x7fff_ffff == 0x7fc0_0000
        case (.f64CanonicalNaN, .f64(let bits)): return bits & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000
        case (.f32ArithmeticNaN, .f32(let bits)):
            return Float(bitPattern: bits).isNaN && bits & 0x0040_0000 != 0
        case (.f64ArithmeticNaN, .f64(let bits)):
            return Double(bitPattern: bits).isNaN && bits & 0x0008_0000_0000_0000 != 0
        case (.refNull, .funcref(nil)), (.refNull, .externref(nil)): return true
        case (.refFunc, .funcref(let reference)): return reference != nil
        case (.refExtern(let expected), .externref(let actual)):
            guard let actual else { return false }
            return expected.map { $0 == actual } ?? true
        case (.either(let alternatives), _):
            return alternatives.contains { matches($0, value) }
        default:
            return false
        }
    }

    /// A WAST-like spelling of an expectation for messages.
    static func describe(_ expectation: WASTExpectValue) -> String {
        switch expectation {
        case .i32(let bits): return ValueFormatting.describe(.i32(bits))
        case .i64(let bits): return ValueFormatting.describe(.i64(bits))
        case .f32(let bits): return ValueFormatting.describe(.f32(bits))
        case .f64(let bits): return ValueFormatting.describe(.f64(bits))
        case .f32CanonicalNaN: return "f32:nan:canonical"
        case .f32ArithmeticNaN: return "f32:nan:arithmetic"
        case .f64CanonicalNaN: return "f64:nan:canonical"
        case .f64ArithmeticNaN: return "f64:nan:arithmetic"
        case .refNull: return "ref.null"
        case .refFunc: return "ref.func"
        case .refExtern(let payload): return payload.map { "ref.extern \($0)" } ?? "ref.extern"
        case .either(let alternatives): return "either(" + alternatives.map(describe).joined(separator: " | ") + ")"
        case .v128, .v128Pattern: return "v128 (unsupported)"
        case .refHost(let payload): return "ref.host \(payload) (unsupported)"
        case .refI31, .refStruct, .refArray, .refEq: return "gc reference (unsupported)"
        }
    }

    /// Describes a list of expectations for messages.
    static func describe(_ expectations: [WASTExpectValue]) -> String {
        "[" + expectations.map(describe).joined(separator: ", ") + "]"
    }
}
