import Keel

/// Reads command-line text as a value of a WebAssembly type (the inverse of ``ValueFormatting``).
package enum ValueParsing {
    /// Parses `text` as a value of `type`, or returns nil when it is not one.
    ///
    /// - Integers: decimal with an optional minus; `i32` takes -2^31 ... 2^32-1 and `i64`
    ///   -2^63 ... 2^64-1, the upper half read as unsigned. A `0x` hex form is also accepted.
    /// - Floats: decimal or hex-float literals, `inf`, `-inf`, `nan`, `-nan`, `nan:0x<payload>`;
    ///   finite literals too large for the type are rejected rather than rounded to infinity.
    /// - References: only `null`.
    package static func parse(_ text: String, as type: ValueType) -> Value? {
        switch type {
        case .i32:
            guard let (negative, magnitude) = integer(text) else { return nil }
            if negative {
                guard magnitude <= 0x8000_0000 else { return nil }
                return .i32(UInt32(truncatingIfNeeded: 0 &- magnitude))
            }
            guard magnitude <= UInt64(UInt32.max) else { return nil }
            return .i32(UInt32(magnitude))
        case .i64:
            guard let (negative, magnitude) = integer(text) else { return nil }
            if negative {
                guard magnitude <= 0x8000_0000_0000_0000 else { return nil }
                return .i64(0 &- magnitude)
            }
            return .i64(magnitude)
        case .f32:
            return float(text, payloadBits: 23).map { bits in
                .f32(UInt32(truncatingIfNeeded: bits))
            } ?? finiteFloat(text).map { .f32($0.bitPattern) }
        case .f64:
            return float(text, payloadBits: 52).map { .f64($0) } ?? finiteDouble(text).map { .f64($0.bitPattern) }
        case .funcref:
            return text == "null" ? .funcref(nil) : nil
        case .externref:
            return text == "null" ? .externref(nil) : nil
        }
    }

    /// Splits an integer literal into its sign and magnitude.
    private static func integer(_ text: String) -> (negative: Bool, magnitude: UInt64)? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        var radix = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            digits = digits.dropFirst(2)
            radix = 16
        }
        // UInt64(_:radix:) would also take a leading sign; only digits may follow here.
        guard let first = digits.first, first.isHexDigit, let magnitude = UInt64(digits, radix: radix) else {
            return nil
        }
        return (negative, magnitude)
    }

    /// Reads the spellings of infinities and NaNs, returning raw bits for a float whose
    /// payload has `payloadBits` bits (23 for f32, 52 for f64).
    private static func float(_ text: String, payloadBits: Int) -> UInt64? {
        var body = Substring(text)
        var negative = false
        if body.first == "-" || body.first == "+" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        let exponentBits: UInt64 = payloadBits == 23 ? 8 : 11
        let fractionBits = UInt64(payloadBits)
        let signBit: UInt64 = negative ? 1 << (fractionBits + exponentBits) : 0
        let exponentAllOnes: UInt64 = ((1 << exponentBits) - 1) << fractionBits
        let payloadMask: UInt64 = (1 << fractionBits) - 1
        if body == "inf" { return signBit | exponentAllOnes }
        if body == "nan" { return signBit | exponentAllOnes | (1 << (fractionBits - 1)) }
        if body.hasPrefix("nan:0x") {
            let hex = body.dropFirst("nan:0x".count)
            guard let first = hex.first, first.isHexDigit, let payload = UInt64(hex, radix: 16),
                payload != 0, payload <= payloadMask
            else { return nil }
            return signBit | exponentAllOnes | payload
        }
        return nil
    }

    /// Whether `text` looks like a decimal or hex-float literal (Swift's own parser also takes
    /// words such as `infinity` and `nan(...)`, which `keel` does not).
    private static func isNumeric(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        guard let first = body.first, first.isNumber || first == "." else { return false }
        if body.hasPrefix("0x") || body.hasPrefix("0X") {
            return body.dropFirst(2).allSatisfy { $0.isHexDigit || $0 == "." || "pP+-".contains($0) }
        }
        return body.allSatisfy { $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }
    }

    private static func finiteFloat(_ text: String) -> Float? {
        guard isNumeric(text), let value = Float(text), value.isFinite else { return nil }
        return value
    }

    private static func finiteDouble(_ text: String) -> Double? {
        guard isNumeric(text), let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
