import Foundation
import XCTest

/// One rule for every command: exit 2 for usage errors and unreadable inputs, 1 for a failed
/// operation; with `--json`, every failure prints one object with an `error` member.
final class JSONFailureTests: XCTestCase {
    func testEveryJSONCommandReportsItsFailureAsJSON() throws {
        let chain = try TestChain()
        let data = chain.data
        let none = chain.scratch.directory.appendingPathComponent("none").path
        let zeros = String(repeating: "0", count: 64)
        let cases: [(arguments: [String], status: Int32, error: String)] = [
            (["init", "--genesis", "/no/such.json", "--data", none], 2, "cannot read the genesis file \"/no/such.json\""),
            (["init", "--data", data], 1, "a chain already exists"),
            (["keys", "new", "../bad", "--data", data], 2, "is not a valid key name"),
            (["keys", "list", "--data", none], 1, "no chain in"),
            (["keys", "show", "nobody", "--data", data], 2, "unknown key name \"nobody\""),
            (["keys", "import", "x", "--private-key", "0x12", "--data", data], 2, "--private-key is 1 byte"),
            (["keys", "export", "nobody", "--data", data], 2, "unknown key name \"nobody\""),
            (["deploy", "/no/such.wasm", "--from", "dev0", "--data", data], 2, "cannot read file \"/no/such.wasm\" (no such file)"),
            (["call", "counter", "no_such_method", "--from", "dev0", "--data", data], 1, "transaction failed: trapped"),
            (["transfer", "dev1", "5", "--from", "carol", "--data", data], 2, "--from: unknown key name \"carol\""),
            (["transfer", "dev1", "-5", "--from", "dev0", "--data", data], 2, "AMOUNT must be a non-negative integer"),
            (["transfer", "dev1", "5", "--data", data], 2, "Missing expected argument '--from <from>'"),
            (["query", "counter", "no_such_method", "--data", data], 1, "query failed: trapped"),
            (["balance", "nobody", "--data", data], 2, "ADDR \"nobody\" is not a key name"),
            (["nonce", "dev0", "--data", none], 1, "no chain in"),
            (["block", "99", "--data", data], 1, "no block at height 99"),
            (["tx", "abc", "--data", data], 2, "HASH must be 64 hex digits"),
            (["receipt", zeros, "--data", data], 1, "no transaction 0x\(zeros)"),
            (["state", "token", "0xZ", "--data", data], 2, "KEY must be hex digits"),
            (["replay", "/no/such.keelchain"], 2, "cannot read the chain file \"/no/such.keelchain\" (no such file)"),
            (["replay", "--data", none], 1, "no chain in"),
            (["replay", "--data", data, "--compare-engines", "jit,foo"], 2, "--compare-engines: unknown engine \"foo\" (valid engines: interp, jit)"),
            (["export", chain.scratch.directory.path, "--data", data], 1, "cannot write the chain file"),
            (["import", "/no/such.keelchain", "--data", none], 2, "cannot read the chain file \"/no/such.keelchain\""),
            (["import", TestChain.repository.appendingPathComponent("genesis/dev.json").path, "--data", none], 1, "chain file: "),
        ]
        var commands = Set<String>()
        for (arguments, status, error) in cases {
            let outcome = try KeelProcess.run(arguments + ["--json"])
            let label = arguments.joined(separator: " ")
            XCTAssertEqual(outcome.status, status, "\(label): \(outcome.stderr)")
            XCTAssertEqual(outcome.stdout.filter { $0 == "\n" }.count, 1, "\(label): one line of JSON: \(outcome.stdout)")
            let object = try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
            let message = object?["error"] as? String
            XCTAssertTrue(message?.contains(error) ?? false, "\(label): \(outcome.stdout)")
            XCTAssertTrue(outcome.stderr.contains(error), "\(label): the message on standard error too: \(outcome.stderr)")
            commands.insert(arguments[0] == "keys" ? "keys " + arguments[1] : arguments[0])
        }
        // Every command with --json is covered.
        XCTAssertEqual(commands, [
            "init", "keys new", "keys list", "keys show", "keys import", "keys export", "deploy", "call", "transfer", "query",
            "balance", "nonce", "block", "tx", "receipt", "state", "replay", "export", "import",
        ])
        XCTAssertEqual(try chain.json(["block"]).1["height"] as? Int, 1, "only the failing call was mined; nothing else changed")
    }

    func testMissingInputFilesExitTwoOnEveryCommand() throws {
        for arguments in [
            ["run", "/no/such.wasm", "--invoke", "f"], ["inspect", "/no/such.wasm"], ["exec", "/no/such.wasm", "--init"],
            ["wast", "/no/such.wast"], ["replay", "/no/such.keelchain"], ["import", "/no/such.keelchain"],
        ] {
            let outcome = try KeelProcess.run(arguments)
            XCTAssertEqual(outcome.status, 2, "\(arguments): \(outcome.stderr)")
            XCTAssertTrue(outcome.stderr.hasPrefix("error: ") && outcome.stderr.contains("/no/such."), "\(arguments): \(outcome.stderr)")
        }
    }
}
