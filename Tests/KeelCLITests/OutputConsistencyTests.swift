import Foundation
import XCTest

/// What the CLI prints reads one way: addresses and hashes as `0x` hex (accepted with or
/// without `0x`), events with topic and data apart, and errors that name the bad value.
final class OutputConsistencyTests: XCTestCase {
    /// 64 hex digits not preceded by `0x` (nor part of a longer run of hex digits).
    private func bareHex(_ text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: "(?<![0-9a-fA-Fx])[0-9a-f]{64}(?![0-9a-f])")
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
    }

    func testAddressesAndHashesPrintWith0x() throws {
        let chain = try TestChain(initialised: false)
        var outputs = [try chain.run(["init", "--genesis", TestChain.genesis]).stdout]
        let dev1 = try chain.address("dev1")
        let sent = try chain.run(["call", "token", "transfer", "--input", dev1 + TestChain.u64(10), "--from", "dev0"])
        let hash = try XCTUnwrap(sent.lines.first?.split(separator: " ").last.map(String.init))
        outputs.append(sent.stdout)
        for arguments in [
            ["keys", "list"], ["keys", "show", "dev0", "--private"], ["keys", "export", "dev0"], ["block"], ["tx", hash], ["receipt", hash],
            ["deploy", TestChain.contract("counter"), "--from", "dev1"], ["transfer", "dev2", "1", "--from", "dev1"],
            ["state", "token", "62" + dev1, "--prove"], ["query", "token", "balance_of", "--input", dev1],
        ] {
            let outcome = try chain.run(arguments)
            XCTAssertEqual(outcome.status, 0, "\(arguments): \(outcome.stderr)")
            outputs.append(outcome.stdout)
        }
        let file = chain.scratch.directory.appendingPathComponent("chain.keelchain").path
        outputs.append(try chain.run(["export", file]).stdout)
        outputs.append(try KeelProcess.run(["replay", file]).stdout)
        outputs.append(try KeelProcess.run(["exec", TestChain.contract("counter"), "increment", "--init", "--state", chain.scratch.directory.appendingPathComponent("state").path]).stdout)
        for output in outputs { XCTAssertEqual(bareHex(output), [], output) }

        // Input: with or without 0x, either case.
        let balance = try chain.run(["balance", "dev1"]).lines
        for spelling in ["0x" + dev1, dev1, "0X" + dev1.uppercased()] {
            XCTAssertEqual(try chain.run(["balance", spelling]).lines, balance, spelling)
        }
    }

    func testEventsShowTopicAndDataApart() throws {
        let chain = try TestChain()
        let dev1 = try chain.address("dev1")
        let sent = try chain.run(["call", "token", "transfer", "--input", dev1 + TestChain.u64(10), "--from", "dev0"])
        let dev0 = try chain.address("dev0")
        let data = "0x" + dev0 + dev1 + TestChain.u64(10)
        XCTAssertTrue(sent.lines.contains("event: topic \"transfer\" (0x7472616e73666572), data (72 bytes): \(data), from token"), sent.stdout)
        let (_, receipt) = try chain.json(["receipt", String(try XCTUnwrap(sent.lines.first).dropFirst("transaction: ".count))])
        let event = try XCTUnwrap((receipt["events"] as? [[String: Any]])?.first)
        XCTAssertEqual(event["topic"] as? String, "0x7472616e73666572")
        XCTAssertEqual(event["topicText"] as? String, "transfer")
        XCTAssertEqual(event["data"] as? String, data)
    }

    func testNegativeNumbersNameTheArgument() throws {
        let chain = try TestChain()
        for (arguments, message) in [
            (["transfer", "dev1", "-5", "--from", "dev0"], "error: AMOUNT must be a non-negative integer, got \"-5\""),
            (["transfer", "dev1", "5", "--from", "dev0", "--fuel", "-1"], "error: --fuel must be a non-negative integer, got \"-1\""),
            (["call", "counter", "increment", "--value", "-5", "--from", "dev0"], "error: --value must be a non-negative integer, got \"-5\""),
        ] {
            let outcome = try chain.run(arguments)
            XCTAssertEqual(outcome.status, 2, "\(arguments)")
            XCTAssertEqual(outcome.stderr, message + "\n")
        }
        XCTAssertEqual(try chain.json(["block"]).1["height"] as? Int, 0, "nothing was sent")
        // keel run still passes negative arguments to the function.
        let demo = TestChain.repository.appendingPathComponent("fixtures/demo/demo.wat").path
        XCTAssertEqual(try KeelProcess.run(["run", demo, "--invoke", "divide", "7", "-2"]).lines, ["-3"])
    }

    func testCompareEnginesNamesTheUnknownEngine() throws {
        let fixture = TestChain.repository.appendingPathComponent("fixtures/chains/dev.keelchain").path
        let outcome = try KeelProcess.run(["replay", fixture, "--compare-engines", "jit,foo"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertEqual(outcome.stderr, "error: --compare-engines: unknown engine \"foo\" (valid engines: interp, jit)\n")
        XCTAssertEqual(outcome.stdout, "")
        let one = try KeelProcess.run(["replay", fixture, "--compare-engines", "interp"])
        XCTAssertEqual(one.status, 2)
        XCTAssertTrue(one.stderr.contains("--compare-engines takes two engines separated by a comma"), one.stderr)
    }

    func testOddLengthHexSaysSo() throws {
        let chain = try TestChain()
        let outcome = try chain.run(["query", "token", "balance_of", "--input", "0x123"])
        XCTAssertEqual(outcome.status, 2)
        XCTAssertTrue(outcome.stderr.contains("--input \"0x123\" has an odd number of hex digits (3)"), outcome.stderr)
        XCTAssertFalse(outcome.stderr.contains("must be hex digits"), outcome.stderr)
        let notHex = try chain.run(["query", "token", "balance_of", "--input", "12zz"])
        XCTAssertTrue(notHex.stderr.contains("--input must be hex digits or @FILE, got \"12zz\": \"z\" at position 3 is not a hex digit"), notHex.stderr)
    }

    #if arch(x86_64) && os(Linux)
    func testDisassembleTakesAnExportName() throws {
        let demo = TestChain.repository.appendingPathComponent("fixtures/demo/demo.wat").path
        let byName = try KeelProcess.run(["inspect", demo, "--engine", "jit", "--disassemble", "squares"])
        XCTAssertEqual(byName.status, 0, byName.stderr)
        XCTAssertTrue(byName.lines.first?.hasPrefix("function 1 (export \"squares\"): ") ?? false, byName.stdout)
        let byIndex = try KeelProcess.run(["inspect", demo, "--engine", "jit", "--disassemble", "1"])
        XCTAssertEqual(Array(byName.lines.dropFirst()), Array(byIndex.lines.dropFirst()))
        let unknown = try KeelProcess.run(["inspect", demo, "--engine", "jit", "--disassemble", "nope"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("the module exports no function named \"nope\" (exported functions: \"fib\", \"squares\", \"hypot\", \"divide\""), unknown.stderr)
    }
    #endif
}
