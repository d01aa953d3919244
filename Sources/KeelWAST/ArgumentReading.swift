import Keel

/// Reads `keel run`'s argument strings by the parameter types of the function it calls.
package enum ArgumentReading {
    /// Why the arguments do not fit.
    package struct Mismatch: Error, CustomStringConvertible {
        package let description: String
    }

    /// The values for `texts`, or a message naming the argument and the type it should have.
    package static func values(_ texts: [String], for type: FunctionType, function: String) -> Result<[Value], Mismatch> {
        let parameters = type.parameters
        guard texts.count == parameters.count else {
            let list = parameters.map(\.description).joined(separator: ", ")
            return .failure(
                Mismatch(
                    description:
                        "\"\(function)\" takes \(parameters.count) argument(s) (\(list)), got \(texts.count)"))
        }
        var values: [Value] = []
        for (index, (text, parameter)) in zip(texts, parameters).enumerated() {
            guard let value = ValueParsing.parse(text, as: parameter) else {
                return .failure(
                    Mismatch(description: "argument \(index + 1) \"\(text)\" is not a valid \(parameter)\(hint(for: parameter))"))
            }
            values.append(value)
        }
        return .success(values)
    }

    private static func hint(for type: ValueType) -> String {
        switch type {
        case .i32: return " (decimal integer from -2147483648 to 4294967295)"
        case .i64: return " (decimal integer from -9223372036854775808 to 18446744073709551615)"
        case .f32, .f64: return " (decimal number, inf, -inf, nan or nan:0x<payload>)"
        case .funcref, .externref: return " (only null)"
        }
    }
}
