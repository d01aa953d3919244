/// Negative numbers on the command line. argument-parser reads `-5` as an option, so
/// `keel transfer dev1 -5 --from dev0` would report a missing AMOUNT (and `--fuel -5` a
/// missing value); the error names the argument and says it must be non-negative instead.
enum NegativeNumbers {
    /// The error for a command line that did not parse because it holds a negative number,
    /// or nil when it holds none. `parserMessage` is argument-parser's (it names the argument
    /// left without a value).
    static func message(arguments: [String], parserMessage: String) -> String? {
        // `keel run` passes negative numbers to the function it calls; its parse failed for
        // another reason.
        guard arguments.first != "run", let index = arguments.firstIndex(where: isNegativeNumber) else { return nil }
        let number = arguments[index]
        guard let name = argumentName(in: parserMessage, number: number) ?? option(before: index, in: arguments) else {
            return "\"\(number)\" is not a valid value: amounts, fuel, heights and other numbers are non-negative integers"
        }
        return "\(name) must be a non-negative integer, got \"\(number)\""
    }

    /// Whether `text` is `-` followed by a digit (no keel option looks like that).
    static func isNegativeNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count >= 2 && bytes[0] == UInt8(ascii: "-") && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[1])
    }

    /// The argument named in quotes in argument-parser's message: `--fuel` of `'--fuel <fuel>'`,
    /// `AMOUNT` of `'<amount>'`; nil when the message names none (or names the number itself).
    private static func argumentName(in message: String, number: String) -> String? {
        let parts = message.split(separator: "'", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        let quoted = String(parts[1])
        if quoted.hasPrefix("--") { return String(quoted.prefix { $0 != " " }) }
        if quoted.hasPrefix("<"), quoted.hasSuffix(">") { return quoted.dropFirst().dropLast().uppercased() }
        return nil
    }

    /// The long option right before the number, which it was meant as the value of.
    private static func option(before index: Int, in arguments: [String]) -> String? {
        guard index > 0, arguments[index - 1].hasPrefix("--") else { return nil }
        return arguments[index - 1]
    }
}
