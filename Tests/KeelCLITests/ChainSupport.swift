import Foundation
import XCTest

/// A development chain in a temporary data directory, driven through the `keel` binary.
final class TestChain {
    let scratch: Scratch
    var data: String { scratch.directory.appendingPathComponent("chain").path }

    /// The repository root (contracts/, genesis/).
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var genesis: String { repository.appendingPathComponent("genesis/dev.json").path }

    static func contract(_ name: String) -> String { repository.appendingPathComponent("contracts/\(name)/\(name).wasm").path }

    /// A fresh directory; with `initialised`, `keel init` has run in it.
    init(initialised: Bool = true) throws {
        scratch = try Scratch()
        if initialised {
            let outcome = try run(["init", "--genesis", Self.genesis])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
        }
    }

    /// Runs `keel` with `arguments` and `--data` (after the subcommand words).
    func run(_ arguments: [String]) throws -> KeelProcess.Outcome {
        try KeelProcess.run(arguments + ["--data", data])
    }

    /// Runs with `--json` and parses the one object on standard output.
    func json(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> (KeelProcess.Outcome, [String: Any]) {
        let outcome = try run(arguments + ["--json"])
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
        let dictionary = try XCTUnwrap(object as? [String: Any], "not one JSON object: \(outcome.stdout)", file: file, line: line)
        XCTAssertEqual(outcome.stdout.filter { $0 == "\n" }.count, 1, "one line of JSON expected", file: file, line: line)
        return (outcome, dictionary)
    }

    /// The address of key `name`, as 64 hex digits.
    func address(_ name: String) throws -> String {
        let (_, object) = try json(["keys", "show", name])
        return String(try XCTUnwrap(object["address"] as? String).dropFirst(2))
    }

    /// A u64 as 16 little-endian hex digits.
    static func u64(_ value: UInt64) -> String {
        (0..<8).map { String(format: "%02x", (value >> (8 * $0)) & 0xFF) }.joined()
    }
}
