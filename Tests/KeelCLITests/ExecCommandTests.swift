import Foundation
import KeelTestSupport
import XCTest

/// `keel exec`: contract calls against a LevelDB state directory.
final class ExecCommandTests: EveryBackendTestCase {
    private var scratch: Scratch!
    private var state: String { scratch.directory.appendingPathComponent("state").path }

    override func setUpBackend() throws {
        scratch = try Scratch()
    }

    private var contracts: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("contracts")
    }

    private func exec(_ contract: String, _ arguments: [String]) throws -> KeelProcess.Outcome {
        let path = contract.hasSuffix(".wat") ? contract : contracts.appendingPathComponent("\(contract)/\(contract).wasm").path
        return try KeelProcess.run(["exec", path, "--state", state] + arguments)
    }

    func testDeployCallAndPersist() throws {
        try onEveryBackend {
            let first = try exec("counter", ["increment", "--init"])
            XCTAssertEqual(first.status, 0, first.stderr)
            XCTAssertTrue(first.stdout.hasPrefix("contract: "), first.stdout)
            XCTAssertTrue(first.lines.contains("deploy: success"), first.stdout)
            XCTAssertTrue(first.lines.contains("increment: success"), first.stdout)
            XCTAssertTrue(first.lines.contains("return: 0x0100000000000000"), first.stdout)
            XCTAssertTrue(first.stdout.contains("event: topic \"incremented\" (0x696e6372656d656e746564), data (8 bytes): 0x0100000000000000 (u64 1), from 0x"), first.stdout)
            XCTAssertTrue(first.stderr.contains("fuel consumed: "), first.stderr)

            let second = try exec("counter", ["increment"])
            XCTAssertTrue(second.lines.contains("return: 0x0200000000000000"), second.stdout)

            // An abort exits 1 with its message and commits nothing.
            let failed = try exec("counter", ["fail_after_write"])
            XCTAssertEqual(failed.status, 1)
            XCTAssertTrue(failed.stderr.contains("error: aborted: deliberate failure (nothing committed)"), failed.stderr)
            XCTAssertTrue(failed.stdout.contains("log: "), failed.stdout)
            let get = try exec("counter", ["get"])
            XCTAssertTrue(get.lines.contains("return: 0x0200000000000000"), get.stdout)
        }
    }

    func testInputCallerAndInitInput() throws {
        try onEveryBackend {
            let alice = String(repeating: "a1", count: 32)
            let deploy = try exec("token", ["--init", "--input", "0xe803000000000000", "--caller", alice])
            XCTAssertEqual(deploy.status, 0, deploy.stderr)
            let inputFile = try scratch.write("who.bin", [UInt8](repeating: 0xA1, count: 32))
            let balance = try exec("token", ["balance_of", "--input", "@\(inputFile)"])
            XCTAssertTrue(balance.lines.contains("return: 0xe803000000000000"), balance.stdout)
        }
    }

    func testOutOfFuelAndTraps() throws {
        try onEveryBackend {
            XCTAssertEqual(try exec("counter", ["--init"]).status, 0)
            let poor = try exec("counter", ["increment", "--fuel", "100"])
            XCTAssertEqual(poor.status, 1)
            XCTAssertTrue(poor.stderr.contains("error: trap: out of fuel"), poor.stderr)
            XCTAssertTrue(poor.stderr.contains("fuel consumed: 100"), poor.stderr)
            let missing = try exec("counter", ["nonexistent"])
            XCTAssertEqual(missing.status, 1)
            XCTAssertTrue(missing.stderr.contains("no method nonexistent"), missing.stderr)
        }
    }

    func testTextContracts() throws {
        try onEveryBackend {
            let path = try scratch.write("hello.wat", """
                (module (import "keel_v1" "return_data" (func $r (param i32 i32)))
                  (memory 1) (data (i32.const 0) "hi")
                  (func (export "hello") (call $r (i32.const 0) (i32.const 2))))
                """)
            let outcome = try exec(path, ["hello", "--init"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertTrue(outcome.lines.contains("return: 0x6869"), outcome.stdout)
        }
    }

    func testBadArgumentsAndStates() throws {
        try onEveryBackend {
            let undeployed = try exec("counter", ["get"])
            XCTAssertEqual(undeployed.status, 1)
            XCTAssertTrue(undeployed.stderr.contains("is not deployed"), undeployed.stderr)
            XCTAssertEqual(try exec("counter", ["--init"]).status, 0)
            let again = try exec("counter", ["--init"])
            XCTAssertEqual(again.status, 1)
            XCTAssertTrue(again.stderr.contains("already deployed"), again.stderr)

            let badInput = try exec("counter", ["add", "--input", "xyz"])
            XCTAssertEqual(badInput.status, 2)
            XCTAssertTrue(badInput.stderr.contains("--input must be hex digits"), badInput.stderr)
            let badCaller = try exec("counter", ["get", "--caller", "1234"])
            XCTAssertNotEqual(badCaller.status, 0)
            XCTAssertTrue(badCaller.stderr.contains("--caller must be 64 hex digits"), badCaller.stderr)
            let nothing = try exec("counter", [])
            XCTAssertNotEqual(nothing.status, 0)
            XCTAssertTrue(nothing.stderr.contains("nothing to do"), nothing.stderr)

            let notWasm = try scratch.write("bad.wasm", [0, 1, 2, 3])
            let invalid = try KeelProcess.run(["exec", notWasm, "--init", "--state", state])
            XCTAssertEqual(invalid.status, 1)
            XCTAssertTrue(invalid.stderr.contains("deploy failed: contract does not compile"), invalid.stderr)

            let file = try scratch.write("not-a-directory", "x")
            let corrupt = try exec("counter", ["get", "--state", file])
            XCTAssertEqual(corrupt.status, 1)
            XCTAssertTrue(corrupt.stderr.contains("cannot open state"), corrupt.stderr)
        }
    }
}
