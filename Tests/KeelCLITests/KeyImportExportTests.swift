import Foundation
import XCTest

/// The development keys resolve without key files (an imported chain signs with dev0), and
/// `keel keys import` / `keys export` move keys between data directories.
final class KeyImportExportTests: XCTestCase {
    /// `keel keys export NAME`'s one line.
    private func exportedKey(_ chain: TestChain, _ name: String) throws -> String {
        let exported = try chain.run(["keys", "export", name])
        XCTAssertEqual(exported.status, 0, exported.stderr)
        return try XCTUnwrap(exported.lines.first)
    }

    func testAnImportedChainSignsWithTheDevelopmentKeys() throws {
        let original = try TestChain()
        XCTAssertEqual(try original.run(["transfer", "dev2", "7", "--from", "dev1"]).status, 0)
        let file = original.scratch.directory.appendingPathComponent("chain.keelchain").path
        XCTAssertEqual(try original.run(["export", file]).status, 0)

        let imported = try TestChain(initialised: false)
        XCTAssertEqual(try imported.run(["import", file]).status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: imported.data + "/keys"), "import writes no key files")
        let sent = try imported.run(["transfer", "dev1", "1000", "--from", "dev0"])
        XCTAssertEqual(sent.status, 0, sent.stderr)
        XCTAssertEqual(try imported.run(["balance", "dev1"]).lines, ["999999999994603"])  // 10^15 - 7 - its fee 6390 + 1000
        let list = try imported.run(["keys", "list"])
        XCTAssertEqual(list.lines.map { String($0.prefix(while: { $0 != " " })) }, ["dev0", "dev1", "dev2", "dev3"])
        let (_, shown) = try imported.json(["keys", "show", "dev0"])
        XCTAssertEqual(shown["development"] as? Bool, true)
        XCTAssertEqual(try exportedKey(imported, "dev0"), try exportedKey(original, "dev0"))
    }

    func testImportExportRoundTrip() throws {
        let chain = try TestChain()
        let dev1 = try exportedKey(chain, "dev1")
        XCTAssertTrue(dev1.hasPrefix("0x") && dev1.count == 66, dev1)

        let imported = try chain.run(["keys", "import", "carol", "--private-key", dev1])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertEqual(try exportedKey(chain, "carol"), dev1)
        XCTAssertEqual(try chain.address("carol"), try chain.address("dev1"))
        let attributes = try FileManager.default.attributesOfItem(atPath: chain.data + "/keys/carol.json")
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)

        // Without 0x, upper case, and from a file as `keys export` prints it (newline included).
        let dev2 = try exportedKey(chain, "dev2")
        XCTAssertEqual(try chain.run(["keys", "import", "dave", "--private-key", String(dev2.dropFirst(2)).uppercased()]).status, 0)
        XCTAssertEqual(try exportedKey(chain, "dave"), dev2)
        let file = try chain.scratch.write("key.hex", dev2 + "\n")
        XCTAssertEqual(try chain.run(["keys", "import", "erin", "--private-key", "@" + file]).status, 0)
        XCTAssertEqual(try exportedKey(chain, "erin"), dev2)
        let (_, json) = try chain.json(["keys", "export", "erin"])
        XCTAssertEqual(json["privateKey"] as? String, dev2)

        // The imported key signs.
        XCTAssertEqual(try chain.run(["transfer", "dev3", "1", "--from", "erin"]).status, 0)

        // An existing name is kept unless --force; --force replaces it.
        let again = try chain.run(["keys", "import", "carol", "--private-key", dev2])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("a key named carol already exists") && again.stderr.contains("--force"), again.stderr)
        XCTAssertEqual(try exportedKey(chain, "carol"), dev1, "unchanged")
        XCTAssertEqual(try chain.run(["keys", "import", "carol", "--private-key", dev2, "--force"]).status, 0)
        XCTAssertEqual(try exportedKey(chain, "carol"), dev2)
    }

    func testBadKeysAndNames() throws {
        let chain = try TestChain()
        let secret = String(repeating: "ab", count: 31)
        func refused(_ arguments: [String], _ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
            let outcome = try chain.run(arguments)
            XCTAssertEqual(outcome.status, 2, outcome.stderr, file: file, line: line)
            XCTAssertTrue(outcome.stderr.hasPrefix("error: ") && outcome.stderr.contains(text), outcome.stderr, file: file, line: line)
            XCTAssertFalse(outcome.stderr.contains(secret), "errors never repeat the key", file: file, line: line)
        }
        try refused(["keys", "import", "x", "--private-key", secret], "is 31 bytes (62 hex digits); a secp256k1 private key is 32 bytes")
        try refused(["keys", "import", "x", "--private-key", secret + "abc"], "it has an odd number of hex digits (65)")
        try refused(["keys", "import", "x", "--private-key", "zz" + secret], "\"z\" at position 1 is not a hex digit")
        try refused(["keys", "import", "x", "--private-key", String(repeating: "0", count: 64)], "is not a valid secp256k1 private key")
        try refused(["keys", "import", "x", "--private-key", "@/no/such/key"], "cannot read the private key file \"/no/such/key\" (no such file)")
        try refused(["keys", "import", "dev0", "--private-key", secret + "ab"], "\"dev0\" is a development key of this chain's genesis")
        try refused(["keys", "import", "token", "--private-key", secret + "ab"], "names a genesis contract")
        try refused(["keys", "export", "nobody"], "unknown key name \"nobody\"")
        XCTAssertFalse(FileManager.default.fileExists(atPath: chain.data + "/keys/x.json"))
    }
}
