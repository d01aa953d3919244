import Keel

/// One parsed `.expect` file of the determinism corpus (`fixtures/determinism/README.md` gives
/// the format). Parsing never crashes: a malformed line becomes a `FixtureError` naming it.
struct DeterminismFixture {
    /// What one line of an expectations file asserts.
    enum Check {
        /// Call export `name` with `arguments` in a fresh store given `fuelLimit` fuel, and expect
        /// `outcome` after consuming exactly `fuel`.
        case invoke(name: String, arguments: [String], outcome: Outcome, fuel: UInt64, fuelLimit: UInt64, noFloat: Bool)
        /// Compiling with floats disabled fails with a `.profile` error whose message contains
        /// `message` (and names `functionIndex`, when given, and a byte offset).
        case reject(message: String, functionIndex: Int?)
    }

    /// The result of a call.
    enum Outcome: CustomStringConvertible {
        case values([Value])
        case trap(String)

        var description: String {
            switch self {
            case .values(let values): values.isEmpty ? "no results" : values.map(DeterminismFixture.format).joined(separator: " ")
            case .trap(let message): "trap \"\(message)\""
            }
        }
    }

    /// A check with the 1-based line it came from.
    struct Line {
        let number: Int
        let check: Check
    }

    /// A malformed fixture line.
    struct FixtureError: Error {
        let line: Int
        let message: String
    }

    /// Fuel for an `invoke` without `fuel-limit`: plenty for any fixture, far from overflow.
    static let defaultFuel: UInt64 = 1 << 40

    /// The well-formed checks, in file order.
    let lines: [Line]
    /// The malformed lines (reported as failures; the other lines still run).
    let errors: [FixtureError]

    /// Parses an expectations file; comments start with `#`, blank lines are ignored.
    init(text: String) {
        var lines: [Line] = []
        var errors: [FixtureError] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let trimmed = raw.fixtureTrimmed()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do throws(FixtureError) {
                let tokens = try Self.tokenize(trimmed, line: number)
                lines.append(Line(number: number, check: try Self.parse(tokens, line: number)))
            } catch {
                errors.append(error)
            }
        }
        self.lines = lines
        self.errors = errors
    }

    /// Splits a line into words; `"..."` is one word (`\"` and `\\` escape inside it).
    static func tokenize(_ line: String, line number: Int) throws(FixtureError) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        var hasToken = false
        for character in line {
            if inQuotes {
                if escaped {
                    current.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inQuotes = false
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
                hasToken = true
            } else if character == " " || character == "\t" {
                if hasToken { tokens.append(current) }
                current = ""
                hasToken = false
            } else {
                current.append(character)
                hasToken = true
            }
        }
        if inQuotes { throw FixtureError(line: number, message: "unterminated string") }
        if hasToken { tokens.append(current) }
        return tokens
    }

    static func parse(_ tokens: [String], line: Int) throws(FixtureError) -> Check {
        var rest = tokens[...]
        var fuelLimit = defaultFuel
        var noFloat = false
        while let word = rest.first, word == "fuel-limit" || word == "no-float" {
            rest = rest.dropFirst()
            if word == "no-float" {
                noFloat = true
                continue
            }
            guard let text = rest.first, let limit = UInt64(text) else {
                throw FixtureError(line: line, message: "fuel-limit needs an unsigned integer")
            }
            fuelLimit = limit
            rest = rest.dropFirst()
        }
        switch rest.first {
        case "reject":
            let words = Array(rest.dropFirst())
            if words.count == 1 { return .reject(message: words[0], functionIndex: nil) }
            if words.count == 3, words[1] == "function", let index = Int(words[2]) {
                return .reject(message: words[0], functionIndex: index)
            }
            throw FixtureError(line: line, message: "expected: reject \"MESSAGE\" [function N]")
        case "invoke":
            let words = Array(rest.dropFirst())
            guard let name = words.first, let arrow = words.firstIndex(of: "=>"), arrow >= 1 else {
                throw FixtureError(line: line, message: "expected: invoke NAME ARGS... => RESULTS fuel N")
            }
            let outcomeWords = Array(words[(arrow + 1)...])
            guard outcomeWords.count >= 2, outcomeWords[outcomeWords.count - 2] == "fuel",
                let fuel = UInt64(outcomeWords[outcomeWords.count - 1])
            else { throw FixtureError(line: line, message: "an invoke line must end with: fuel N") }
            let outcome = try parseOutcome(Array(outcomeWords.dropLast(2)), line: line)
            return .invoke(name: name, arguments: Array(words[1..<arrow]), outcome: outcome, fuel: fuel, fuelLimit: fuelLimit, noFloat: noFloat)
        default:
            throw FixtureError(line: line, message: "expected invoke or reject, found \(rest.first ?? "nothing")")
        }
    }

    static func parseOutcome(_ words: [String], line: Int) throws(FixtureError) -> Outcome {
        if words.first == "trap" {
            guard words.count == 2 else { throw FixtureError(line: line, message: "expected: trap \"MESSAGE\"") }
            return .trap(words[1])
        }
        var values: [Value] = []
        for word in words {
            let parts = word.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw FixtureError(line: line, message: "expected TYPE:VALUE, found \(word)") }
            let type: ValueType
            switch parts[0] {
            case "i32": type = .i32
            case "i64": type = .i64
            case "f32": type = .f32
            case "f64": type = .f64
            default: throw FixtureError(line: line, message: "unknown value type \(parts[0])")
            }
            guard let value = value(parts[1], as: type) else {
                throw FixtureError(line: line, message: "\(parts[1]) is not a valid \(type) (integers, or raw bits for floats)")
            }
            values.append(value)
        }
        return .values(values)
    }

    /// Reads an integer (decimal, optionally negative, or `0x` hex) as a value of `type`; floats
    /// are given by their raw bits. Nil if malformed or out of range.
    static func value(_ text: String, as type: ValueType) -> Value? {
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let magnitude: UInt64?
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            magnitude = UInt64(digits.dropFirst(2), radix: 16)
        } else {
            magnitude = UInt64(digits, radix: 10)
        }
        guard let magnitude else { return nil }
        let bits = negative ? (0 &- magnitude) : magnitude
        switch type {
        case .i32, .f32:
            // Accept the signed and the unsigned range of 32 bits.
            guard negative ? magnitude <= 1 << 31 : magnitude <= UInt64(UInt32.max) else { return nil }
            let narrow = UInt32(truncatingIfNeeded: bits)
            return type == .i32 ? .i32(narrow) : .f32(narrow)
        case .i64, .f64:
            guard !negative || magnitude <= 1 << 63 else { return nil }
            return type == .i64 ? .i64(bits) : .f64(bits)
        default:
            return nil
        }
    }

    /// A value as fixtures write it, with floats and large integers shown as hex bits too.
    static func format(_ value: Value) -> String {
        switch value {
        case .i32(let v): "i32:\(Int32(bitPattern: v)) (0x\(String(v, radix: 16)))"
        case .i64(let v): "i64:\(Int64(bitPattern: v)) (0x\(String(v, radix: 16)))"
        case .f32(let v): "f32:0x\(String(v, radix: 16))"
        case .f64(let v): "f64:0x\(String(v, radix: 16))"
        default: value.description
        }
    }
}

extension Substring {
    /// The substring without leading and trailing spaces, tabs and carriage returns.
    fileprivate func fixtureTrimmed() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
