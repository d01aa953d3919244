import Foundation
import KeelTestSupport
import XCTest

/// `keel deploy`, `keel call`, `keel transfer` (auto-mined) and `keel query`.
final class TransactionCommandTests: EveryBackendTestCase {
    func testTransferMinesABlockAndMovesTokens() throws {
        try onEveryBackend {
            let chain = try TestChain()
            let outcome = try chain.run(["transfer", "dev1", "500", "--from", "dev2"])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertTrue(outcome.lines[0].hasPrefix("transaction: 0x"), outcome.stdout)
            XCTAssertTrue(outcome.lines[1].hasPrefix("block: 1 (0x"), outcome.stdout)
            XCTAssertTrue(outcome.lines.contains("status: success"), outcome.stdout)
            XCTAssertTrue(outcome.lines.contains("fuel used: 6390"), outcome.stdout)
            // dev2 paid 500 and the fee (to the proposer, dev0); dev1 received 500.
            XCTAssertTrue(outcome.lines.contains("fee: 6390 (fuel used × price 1, paid to the proposer)"), outcome.stdout)
            XCTAssertEqual(try chain.run(["balance", "dev1"]).lines, ["1000000000000500"])
            XCTAssertEqual(try chain.run(["balance", "dev2"]).lines, ["\(1_000_000_000_000_000 - 500 - 6390)"])
            XCTAssertEqual(try chain.run(["nonce", "dev2"]).lines, ["1"])

            // Timestamps: the parent's + 1 by default; --timestamp sets one, never earlier.
            let (_, first) = try chain.json(["block", "1"])
            XCTAssertEqual(first["timestamp"] as? Int, 1_767_225_601)
            XCTAssertEqual(try chain.run(["transfer", "dev1", "1", "--from", "dev2", "--timestamp", "1767230000"]).status, 0)
            XCTAssertEqual(try chain.json(["block", "latest"]).1["timestamp"] as? Int, 1_767_230_000)
            let early = try chain.run(["transfer", "dev1", "1", "--from", "dev2", "--timestamp", "5"])
            XCTAssertEqual(early.status, 2)
            XCTAssertTrue(early.stderr.contains("--timestamp 5 is earlier than the parent block's 1767230000"), early.stderr)
        }
    }

    func testProposerAndFuelPrice() throws {
        try onEveryBackend {
            let chain = try TestChain(initialised: false)
            XCTAssertEqual(try chain.run(["init", "--genesis", TestChain.genesis, "--proposer", "dev3"]).status, 0)
            let (_, sent) = try chain.json(["transfer", "dev1", "1", "--from", "dev2", "--fuel-price", "3", "--fuel", "7000"])
            XCTAssertEqual(sent["fee"] as? Int, 3 * 6390)
            XCTAssertEqual(sent["fuelLimit"] as? Int, 7000)
            XCTAssertEqual(try chain.run(["balance", "dev3"]).lines, ["\(1_000_000_000_000_000 + 3 * 6390)"], "the proposer gets the fee")
            XCTAssertTrue(try chain.run(["block"]).lines.contains { $0.hasPrefix("proposer: ") && $0.hasSuffix("(dev3)") })
        }
    }

    func testCallSucceedsAndFailsWithItsReason() throws {
        try onEveryBackend {
            let chain = try TestChain()
            let dev1 = try chain.address("dev1")
            let sent = try chain.run(["call", "token", "transfer", "--input", dev1 + TestChain.u64(10), "--from", "dev0"])
            XCTAssertEqual(sent.status, 0, sent.stderr)
            XCTAssertTrue(sent.lines.contains("status: success"), sent.stdout)
            XCTAssertTrue(sent.lines.contains { $0.hasPrefix("event: topic \"transfer\" (0x7472616e73666572), data (72 bytes): 0x") && $0.hasSuffix(", from token") }, sent.stdout)
            XCTAssertTrue(sent.lines.contains { $0.hasPrefix("fuel used: ") }, sent.stdout)

            // dev2 holds no tokens: the contract aborts, the status and reason are shown, exit 1.
            let failed = try chain.run(["call", "token", "transfer", "--input", dev1 + TestChain.u64(10), "--from", "dev2"])
            XCTAssertEqual(failed.status, 1)
            XCTAssertTrue(failed.lines.contains("status: aborted: insufficient balance"), failed.stdout)
            XCTAssertTrue(failed.stderr.contains("error: transaction failed: aborted: insufficient balance"), failed.stderr)
            XCTAssertTrue(failed.lines[1].hasPrefix("block: 2 "), "a failed transaction is mined too: \(failed.stdout)")
            XCTAssertEqual(try chain.run(["nonce", "dev2"]).lines, ["1"], "and bumps the nonce")

            let (json, object) = try chain.json(["call", "token", "transfer", "--input", dev1 + TestChain.u64(10), "--from", "dev2"])
            XCTAssertEqual(json.status, 1)
            XCTAssertEqual(object["status"] as? String, "aborted")
            XCTAssertEqual(object["reason"] as? String, "insufficient balance")
            XCTAssertEqual(object["block"] as? Int, 3)
            XCTAssertEqual((object["events"] as? [Any])?.count, 0)

            // The token balance through a read-only query.
            let query = try chain.run(["query", "token", "balance_of", "--input", dev1])
            XCTAssertEqual(query.status, 0, query.stderr)
            XCTAssertTrue(query.lines.contains("return: 0x0a00000000000000 (u64 10)"), query.stdout)

            // Out of fuel: fuel used is the whole limit.
            let (_, poor) = try chain.json(["call", "counter", "increment", "--fuel", "7000", "--from", "dev1"])
            XCTAssertEqual(poor["status"] as? String, "outOfFuel")
            XCTAssertEqual(poor["fuelUsed"] as? Int, 7000)
        }
    }

    func testDeployAndCallTheNewContract() throws {
        try onEveryBackend {
            let chain = try TestChain()
            let (deploy, object) = try chain.json(["deploy", TestChain.contract("counter"), "--from", "dev1"])
            XCTAssertEqual(deploy.status, 0, deploy.stderr)
            XCTAssertEqual(object["status"] as? String, "success")
            let contract = try XCTUnwrap(object["contract"] as? String)
            XCTAssertEqual(contract.count, 66)
            XCTAssertEqual(object["returnData"] as? String, contract, "a deploy returns the new contract's address")
            for field in ["transaction", "block", "blockHash", "sender", "nonce", "fuelLimit", "fuelPrice", "fee", "reason", "trapKind",
                          "fuelUsed", "events", "logs", "writeSetHash"] {
                XCTAssertNotNil(object[field], field)
            }
            let call = try chain.run(["call", String(contract.dropFirst(2)), "increment", "--from", "dev1", "--engine", "interp"])
            XCTAssertEqual(call.status, 0, call.stderr)
            XCTAssertTrue(call.lines.contains("return: 0x0100000000000000 (u64 1)"), call.stdout)

            let (_, tx) = try chain.json(["tx", try XCTUnwrap(object["transaction"] as? String)])
            let payload = try XCTUnwrap(tx["payload"] as? [String: Any])
            XCTAssertEqual(payload["kind"] as? String, "deploy")
            XCTAssertEqual(payload["contract"] as? String, contract)

            // --value moves native tokens to the contract, on deploy and on call.
            XCTAssertEqual(try chain.run(["call", String(contract.dropFirst(2)), "increment", "--value", "100", "--from", "dev1"]).status, 0)
            XCTAssertEqual(try chain.run(["balance", String(contract.dropFirst(2))]).lines, ["100"])
            let (_, funded) = try chain.json(["deploy", TestChain.contract("counter"), "--value", "42", "--from", "dev2"])
            XCTAssertEqual(try chain.run(["balance", String(try XCTUnwrap(funded["contract"] as? String).dropFirst(2))]).lines, ["42"])

            // The same code deployed again gets another address; text output names it.
            let again = try chain.run(["deploy", TestChain.contract("counter"), "--from", "dev1"])
            XCTAssertEqual(again.status, 0, again.stderr)
            let line = try XCTUnwrap(again.lines.first { $0.hasPrefix("contract: ") })
            XCTAssertNotEqual(String(line.dropFirst(10)), contract)
            XCTAssertEqual(line.count, 10 + 66, "0x and 64 hex digits")

            // Init input, and a failing init (the token reads exactly 8 bytes).
            let token = try chain.run(["deploy", TestChain.contract("token"), "--init-input", TestChain.u64(77), "--from", "dev3"])
            XCTAssertEqual(token.status, 0, token.stderr)
            let broken = try chain.run(["deploy", TestChain.contract("token"), "--init-input", "01", "--from", "dev3"])
            XCTAssertEqual(broken.status, 1)
            XCTAssertTrue(broken.stderr.contains("error: transaction failed: "), broken.stderr)
        }
    }

    func testDeployChecksTheModuleBeforeSending() throws {
        try onEveryBackend {
            let chain = try TestChain()
            let module = try chain.scratch.write("bad.wat", "(module (func (export \"f\") (result i32) (i64.const 0)))")
            let outcome = try chain.run(["deploy", module, "--from", "dev1"])
            XCTAssertEqual(outcome.status, 1)
            XCTAssertTrue(outcome.stderr.contains("does not compile under the chain's profile"), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("in function 0 at offset 0x"), outcome.stderr)
            XCTAssertEqual(try chain.run(["nonce", "dev1"]).lines, ["0"], "nothing was sent")
            XCTAssertEqual(try chain.json(["block"]).1["height"] as? Int, 0)
        }
    }

    func testQueryCommitsNothing() throws {
        try onEveryBackend {
            let chain = try TestChain()
            let dev1 = try chain.address("dev1")
            let (_, before) = try chain.json(["block"])
            // A state-changing method, run as a query on behalf of dev0: it succeeds, commits nothing.
            let query = try chain.run(["query", "token", "transfer", "--input", dev1 + TestChain.u64(10), "--from", "dev0"])
            XCTAssertEqual(query.status, 0, query.stderr)
            XCTAssertTrue(query.lines.contains { $0.hasPrefix("event: topic \"transfer\" ") }, query.stdout)
            XCTAssertTrue(query.stdout.contains("nothing committed"), query.stdout)
            let (_, after) = try chain.json(["block"])
            XCTAssertEqual(after["height"] as? Int, before["height"] as? Int)
            XCTAssertEqual(after["stateRoot"] as? String, before["stateRoot"] as? String)
            XCTAssertTrue(try chain.run(["query", "token", "balance_of", "--input", dev1]).lines.contains("return: 0x0000000000000000 (u64 0)"))

            let (failed, object) = try chain.json(["query", "token", "transfer", "--input", dev1 + TestChain.u64(10), "--from", "dev2"])
            XCTAssertEqual(failed.status, 1)
            XCTAssertEqual(object["status"] as? String, "aborted")
            XCTAssertEqual(object["reason"] as? String, "insufficient balance")
        }
    }
}
