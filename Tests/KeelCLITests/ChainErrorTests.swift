import Foundation
import KeelState
import KeelTestSupport
import XCTest

/// Bad input to the chain commands: a clear error naming what is wrong, exit 2 for usage
/// errors and 1 for failures, never a crash.
final class ChainErrorTests: EveryBackendTestCase {
    private func assertError(
        _ outcome: KeelProcess.Outcome, _ status: Int32, _ text: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(outcome.status, status, outcome.stderr, file: file, line: line)
        XCTAssertTrue(outcome.stderr.hasPrefix("error: "), outcome.stderr, file: file, line: line)
        XCTAssertTrue(outcome.stderr.contains(text), outcome.stderr, file: file, line: line)
        XCTAssertFalse(outcome.stderr.contains("Fatal error"), outcome.stderr, file: file, line: line)
    }

    func testUsageErrors() throws {
        try onEveryBackend {
            let chain = try TestChain()
            assertError(try chain.run(["transfer", "dev1", "5", "--from", "carol"]), 2, "--from: unknown key name \"carol\"")
            assertError(try chain.run(["transfer", "nobody", "5", "--from", "dev0"]), 2, "TO \"nobody\" is not a key name, a genesis contract name or 64 hex digits")
            assertError(try chain.run(["call", "token", "transfer", "--input", "0xZZ", "--from", "dev0"]), 2, "--input must be hex digits or @FILE, got \"0xZZ\"")
            assertError(try chain.run(["deploy", TestChain.contract("token"), "--init-input", "123", "--from", "dev0"]), 2, "--init-input \"123\" has an odd number of hex digits (3)")
            assertError(try chain.run(["call", "token", "transfer", "--input", "@/no/such/file", "--from", "dev0"]), 2, "cannot read input file")
            assertError(try chain.run(["deploy", "/no/such.wasm", "--from", "dev0"]), 2, "cannot read file \"/no/such.wasm\"")
            assertError(try chain.run(["balance", "1234"]), 2, "ADDR \"1234\" is not a key name")
            let missing = try chain.run(["transfer", "dev1", "5"])
            XCTAssertEqual(missing.status, 2)
            XCTAssertTrue(missing.stderr.contains("Missing expected argument '--from <from>'"), missing.stderr)
            let notANumber = try chain.run(["transfer", "dev1", "lots", "--from", "dev0"])
            XCTAssertEqual(notANumber.status, 2)
            XCTAssertTrue(notANumber.stderr.contains("'lots' is invalid for '<amount>'"), notANumber.stderr)
            let (json, object) = try chain.json(["balance", "nobody"])
            XCTAssertEqual(json.status, 2)
            XCTAssertTrue((object["error"] as? String)?.contains("nobody") ?? false, json.stdout)
        }
    }

    func testFailures() throws {
        try onEveryBackend {
            let chain = try TestChain()
            // More than dev1 holds: refused at admission, naming the balance.
            assertError(try chain.run(["transfer", "dev2", "9000000000000000", "--from", "dev1"]), 1, "transaction not admitted: balance: the sender holds 1000000000000000")
            #if arch(x86_64) && os(Linux)
            // The JIT runs the same transactions to the same outcome.
            assertError(try chain.run(["call", "counter", "no_such_method", "--engine", "jit", "--from", "dev0"]), 1, "transaction failed: trapped: ")
            XCTAssertEqual(try chain.run(["query", "token", "total_supply", "--engine", "jit"]).status, 0)
            #else
            assertError(try chain.run(["call", "token", "transfer", "--engine", "jit", "--from", "dev0"]), 1, "the jit backend is not available in this build")
            assertError(try chain.run(["query", "token", "total_supply", "--engine", "jit"]), 1, "--engine jit")
            #endif
            assertError(try chain.run(["call", "counter", "no_such_method", "--from", "dev0"]), 1, "transaction failed: trapped: ")
        }
    }

    func testUninitialisedLockedAndCorruptDataDirectories() throws {
        try onEveryBackend {
            let empty = try TestChain(initialised: false)
            for arguments in [["balance", "dev0"], ["block"], ["transfer", "dev1", "1", "--from", "dev0"], ["keys", "new", "x"]] {
                assertError(try empty.run(arguments), 1, "no chain in \(empty.data): run `keel init --data \(empty.data)` first")
            }

            let chain = try TestChain()
            do {
                // Another process (this test) holds the database open: LevelDB's LOCK.
                let holder = try LevelDBStore(path: chain.data, createIfMissing: false)
                assertError(try chain.run(["balance", "dev0"]), 1, "is in use by another keel process (its LevelDB LOCK is held)")
                assertError(try chain.run(["transfer", "dev1", "1", "--from", "dev0"]), 1, "in use by another keel process")
                assertError(try chain.run(["init", "--genesis", TestChain.genesis, "--force"]), 1, "in use by another keel process")
                _ = holder
            }
            XCTAssertEqual(try chain.run(["balance", "dev0"]).status, 0, "usable again once the lock is released")

            try Data("garbage".utf8).write(to: URL(fileURLWithPath: chain.data + "/CURRENT"))
            assertError(try chain.run(["balance", "dev0"]), 1, "the data directory \(chain.data) is corrupt: ")
            assertError(try chain.run(["init", "--genesis", TestChain.genesis]), 1, "is corrupt")
            XCTAssertEqual(try chain.run(["init", "--genesis", TestChain.genesis, "--force"]).status, 0, "--force replaces a corrupt chain")
        }
    }
}
