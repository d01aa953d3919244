import Foundation
import KeelTestSupport
import XCTest

/// `keel balance/nonce/block/tx/receipt/state`.
final class ReadCommandTests: EveryBackendTestCase {
    func testBlockTxAndReceipt() throws {
        try onEveryBackend {
            let chain = try TestChain()
            let dev1 = try chain.address("dev1")
            let (_, sent) = try chain.json(["call", "token", "transfer", "--input", dev1 + TestChain.u64(3), "--from", "dev0"])
            let hash = try XCTUnwrap(sent["transaction"] as? String)

            let block = try chain.run(["block", "latest"])
            XCTAssertEqual(block.status, 0, block.stderr)
            XCTAssertTrue(block.lines.contains("height: 1"), block.stdout)
            XCTAssertTrue(block.lines.contains("  0: \(hash) success"), block.stdout)
            XCTAssertTrue(block.lines.contains { $0.hasPrefix("proposer: ") && $0.hasSuffix("(dev0)") }, block.stdout)
            let (_, header) = try chain.json(["block", "1"])
            for field in ["height", "hash", "chainId", "parentHash", "timestamp", "proposer", "transactionsRoot", "receiptsRoot", "stateRoot"] {
                XCTAssertNotNil(header[field], field)
            }
            XCTAssertEqual(header["hash"] as? String, sent["blockHash"] as? String)
            XCTAssertEqual((header["transactions"] as? [[String: Any]])?.first?["hash"] as? String, hash)
            let (_, genesis) = try chain.json(["block", "0"])
            XCTAssertEqual(genesis["hash"] as? String, header["parentHash"] as? String)
            let missing = try chain.run(["block", "9"])
            XCTAssertEqual(missing.status, 1)
            XCTAssertTrue(missing.stderr.contains("no block at height 9 (the head is at 1)"), missing.stderr)
            XCTAssertEqual(try chain.run(["block", "tip"]).status, 2)

            let tx = try chain.run(["tx", hash])
            XCTAssertEqual(tx.status, 0, tx.stderr)
            XCTAssertTrue(tx.lines.contains("block: 1, index 0"), tx.stdout)
            XCTAssertTrue(tx.lines.contains { $0.hasPrefix("sender: ") && $0.hasSuffix("(dev0)") }, tx.stdout)
            XCTAssertTrue(tx.lines.contains { $0.hasPrefix("call: ") && $0.contains("(token) transfer input 0x\(dev1)") }, tx.stdout)
            let (_, txObject) = try chain.json(["tx", hash])
            XCTAssertEqual(txObject["nonce"] as? Int, 5)
            let payload = try XCTUnwrap(txObject["payload"] as? [String: Any])
            XCTAssertEqual(payload["kind"] as? String, "call")
            XCTAssertEqual(payload["method"] as? String, "transfer")

            let receipt = try chain.run(["receipt", String(hash.dropFirst(2))])
            XCTAssertEqual(receipt.status, 0, receipt.stderr)
            XCTAssertTrue(receipt.lines.contains("status: success"), receipt.stdout)
            XCTAssertTrue(receipt.lines.contains { $0.hasPrefix("event: topic \"transfer\" ") }, receipt.stdout)
            let (_, receiptObject) = try chain.json(["receipt", hash])
            XCTAssertEqual(receiptObject["fuelUsed"] as? Int, sent["fuelUsed"] as? Int)
            XCTAssertEqual(receiptObject["writeSetHash"] as? String, sent["writeSetHash"] as? String)
            XCTAssertEqual(((receiptObject["events"] as? [[String: Any]])?.first)?["topicText"] as? String, "transfer")

            let unknown = try chain.run(["receipt", String(repeating: "ab", count: 32)])
            XCTAssertEqual(unknown.status, 1)
            XCTAssertTrue(unknown.stderr.contains("no transaction 0xabab"), unknown.stderr)
            let malformed = try chain.run(["tx", "12345"])
            XCTAssertEqual(malformed.status, 2)
            XCTAssertTrue(malformed.stderr.contains("HASH must be 64 hex digits"), malformed.stderr)
        }
    }

    func testBalanceNonceByNameAndAddress() throws {
        try onEveryBackend {
            let chain = try TestChain()
            let dev3 = try chain.address("dev3")
            XCTAssertEqual(try chain.run(["balance", dev3]).lines, ["1000000000000000"])
            XCTAssertEqual(try chain.run(["balance", "0x" + dev3]).lines, ["1000000000000000"])
            XCTAssertEqual(try chain.run(["balance", "token"]).lines, ["0"])
            XCTAssertEqual(try chain.run(["nonce", "dev0"]).lines, ["5"], "dev0 deployed the five genesis contracts")
            let (_, object) = try chain.json(["balance", "dev3"])
            XCTAssertEqual(object["address"] as? String, "0x" + dev3)
            XCTAssertEqual(object["balance"] as? Int, 1_000_000_000_000_000)
            XCTAssertEqual(try chain.json(["nonce", "dev3"]).1["nonce"] as? Int, 0)
        }
    }

    func testStateWithProofs() throws {
        try onEveryBackend {
            let chain = try TestChain()
            let dev0 = try chain.address("dev0")
            // The token stores balances under 'b' ‖ address; dev0 holds the supply of 10^9.
            let key = "62" + dev0
            let plain = try chain.run(["state", "token", key])
            XCTAssertEqual(plain.lines, ["value: 0x00ca9a3b00000000 (u64 1000000000)"])
            let proved = try chain.run(["state", "token", key, "--prove"])
            XCTAssertEqual(proved.status, 0, proved.stderr)
            XCTAssertTrue(proved.lines.contains("verified: yes"), proved.stdout)
            XCTAssertTrue(proved.lines.contains { $0.hasPrefix("proof: inclusion, ") }, proved.stdout)
            let (_, head) = try chain.json(["block"])
            let root = try XCTUnwrap(head["stateRoot"] as? String)
            XCTAssertTrue(proved.lines.contains("state root: \(root) (height 0)"), proved.stdout)

            let (_, absent) = try chain.json(["state", "token", "62" + String(repeating: "00", count: 32), "--prove"])
            XCTAssertTrue(absent["value"] is NSNull)
            XCTAssertEqual(absent["inclusion"] as? Bool, false)
            XCTAssertEqual(absent["verified"] as? Bool, true)
            XCTAssertEqual(absent["stateRoot"] as? String, root)
            XCTAssertGreaterThan((absent["proof"] as? String)?.count ?? 0, 2)
            XCTAssertEqual(try chain.run(["state", "token", "xyz"]).status, 2)
        }
    }
}
