import ArgumentParser
import Foundation

/// Why a chain command stopped: the message names what is wrong; usage errors (bad
/// arguments) exit 2, failures 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    let code: ExitCode

    /// Bad input on the command line: exit status 2.
    static func usage(_ message: String) -> CommandFailure { CommandFailure(description: message, code: Diagnostics.usage) }
    /// Something that could not be done: exit status 1.
    static func failure(_ message: String) -> CommandFailure { CommandFailure(description: message, code: Diagnostics.failure) }
}

/// What a chain command prints: text lines, or the members of its one JSON object.
struct Report {
    private(set) var lines: [String] = []
    private(set) var members: [(String, JSONValue)] = []
    /// Set when the command's transaction or call failed: printed on standard error after
    /// the report, and the exit status is 1.
    var failure: String?

    /// Adds a line to the text output.
    mutating func line(_ text: String) { lines.append(text) }

    /// Adds a member to the JSON output.
    mutating func field(_ key: String, _ value: JSONValue) { members.append((key, value)) }

    /// Adds members to the JSON output.
    mutating func fields(_ values: [(String, JSONValue)]) { members += values }

    /// Runs a chain command's body and prints its report (text, or one JSON object with
    /// `json`). A failure prints `error: ...` on standard error (and `{"error": ...}` on
    /// standard output with `json`) and exits with its status; a report with a failure adds
    /// the `error` member to its object and exits 1.
    static func run(json: Bool, _ body: () throws -> Report) throws {
        let report: Report
        do {
            report = try body()
        } catch {
            let failure = error as? CommandFailure ?? .failure("\(error)")
            if json { print(JSONValue.object([("error", .string(failure.description))]).text) }
            throw Diagnostics.fail(failure.description, failure.code)
        }
        if json {
            // A failed transaction, query, proof or replay still prints what it found, with the
            // `error` member every failing --json command prints.
            print(JSONValue.object(report.members + (report.failure.map { [("error", .string($0))] } ?? [])).text)
        } else {
            for line in report.lines { print(line) }
        }
        if let failure = report.failure {
            fflush(nil)  // nil flushes every stream: the report comes before the error
            throw Diagnostics.fail(failure)
        }
    }
}
