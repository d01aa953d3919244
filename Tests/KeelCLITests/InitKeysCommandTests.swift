import Foundation
import KeelTestSupport
import XCTest

/// `keel init` and `keel keys`.
final class InitKeysCommandTests: EveryBackendTestCase {
    func testInitPrintsAccountsKeysAndContracts() throws {
        try onEveryBackend {
            let chain = try TestChain(initialised: false)
            let outcome = try chain.run(["init", "--genesis", TestChain.genesis])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertTrue(outcome.stdout.contains("initialised chain 1337 in \(chain.data)"), outcome.stdout)
            for index in 0..<4 { XCTAssertTrue(outcome.stdout.contains("  dev\(index)  "), outcome.stdout) }
            XCTAssertTrue(outcome.stdout.contains("balance 1000000000000000"), outcome.stdout)
            XCTAssertTrue(outcome.stdout.contains("these keys are public test keys"), outcome.stdout)
            XCTAssertTrue(outcome.stdout.contains("never use them for value"), outcome.stdout)
            // dev0's published private key (docs/node.md) and the genesis contracts by name.
            XCTAssertTrue(outcome.stdout.contains("b0edcb39c55d4612795fb06a18f1d69178aa17ff24766486261beef5d47e33cb"), outcome.stdout)
            for name in ["token", "counter", "registry", "relay", "multisig"] {
                XCTAssertTrue(outcome.lines.contains { $0.hasPrefix("  \(name)  ") && $0.count > 60 }, "\(name): \(outcome.stdout)")
            }
            // Development key files exist with mode 0600.
            let attributes = try FileManager.default.attributesOfItem(atPath: chain.data + "/keys/dev0.json")
            XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        }
    }

    func testInitRefusesAnExistingChainUnlessForced() throws {
        try onEveryBackend {
            let chain = try TestChain()
            XCTAssertEqual(try chain.run(["transfer", "dev1", "5", "--from", "dev0"]).status, 0)
            XCTAssertEqual(try chain.json(["block"]).1["height"] as? Int, 1)
            let again = try chain.run(["init", "--genesis", TestChain.genesis])
            XCTAssertEqual(again.status, 1)
            XCTAssertTrue(again.stderr.contains("a chain already exists in \(chain.data); pass --force"), again.stderr)
            XCTAssertEqual(try chain.json(["block"]).1["height"] as? Int, 1, "the refused init changed nothing")

            XCTAssertEqual(try chain.run(["keys", "new", "alice"]).status, 0)
            let forced = try chain.run(["init", "--genesis", TestChain.genesis, "--force"])
            XCTAssertEqual(forced.status, 0, forced.stderr)
            XCTAssertEqual(try chain.json(["block"]).1["height"] as? Int, 0, "a new chain")
            XCTAssertEqual(try chain.run(["keys", "show", "alice"]).status, 0, "named keys survive --force")
        }
    }

    func testInitRefusesADirectoryThatIsNotAChain() throws {
        try onEveryBackend {
            let chain = try TestChain(initialised: false)
            try FileManager.default.createDirectory(atPath: chain.data, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: chain.data + "/precious.txt", contents: Data("keep".utf8))
            let outcome = try chain.run(["init", "--genesis", TestChain.genesis, "--force"])
            XCTAssertEqual(outcome.status, 2)
            XCTAssertTrue(outcome.stderr.contains("is not a keel data directory"), outcome.stderr)
            XCTAssertTrue(FileManager.default.fileExists(atPath: chain.data + "/precious.txt"))
        }
    }

    func testInitJSONAndBadGenesis() throws {
        try onEveryBackend {
            let chain = try TestChain(initialised: false)
            let (outcome, object) = try chain.json(["init", "--genesis", TestChain.genesis])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertEqual(object["chainId"] as? Int, 1337)
            XCTAssertEqual(object["height"] as? Int, 0)
            let accounts = try XCTUnwrap(object["accounts"] as? [[String: Any]])
            XCTAssertEqual(accounts.map { $0["name"] as? String }, ["dev0", "dev1", "dev2", "dev3"])
            XCTAssertNotNil(accounts[0]["privateKey"] as? String)
            let contracts = try XCTUnwrap(object["contracts"] as? [[String: Any]])
            XCTAssertEqual(contracts.first?["name"] as? String, "token")
            XCTAssertEqual((contracts.first?["address"] as? String)?.count, 66)
            XCTAssertNotNil(object["warning"] as? String)

            let other = try TestChain(initialised: false)
            let missing = try other.run(["init", "--genesis", other.scratch.directory.path + "/none.json"])
            XCTAssertEqual(missing.status, 2, "an unreadable input")
            XCTAssertTrue(missing.stderr.contains("cannot read the genesis file \"\(other.scratch.directory.path)/none.json\" (no such file)"), missing.stderr)

            let badProposer = try other.run(["init", "--genesis", TestChain.genesis, "--proposer", "dev9"])
            XCTAssertEqual(badProposer.status, 2)
            XCTAssertTrue(badProposer.stderr.contains("--proposer \"dev9\" is not a development key of the genesis (dev0...dev3)"), badProposer.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: other.data), "nothing created")

            // Code paths are relative to the directory above the genesis file's, or to --root.
            let copy = try other.scratch.write("dev.json", [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestChain.genesis))))
            let unresolved = try other.run(["init", "--genesis", copy])
            XCTAssertEqual(unresolved.status, 1)
            XCTAssertTrue(unresolved.stderr.contains("contracts[0] (token): cannot read code file"), unresolved.stderr)
            let rooted = try other.run(["init", "--genesis", copy, "--root", TestChain.repository.path])
            XCTAssertEqual(rooted.status, 0, rooted.stderr)
        }
    }

    func testDataDirectoryFromTheEnvironment() throws {
        try onEveryBackend {
            let chain = try TestChain(initialised: false)
            let environment = ["KEEL_DATA": chain.data]
            XCTAssertEqual(try KeelProcess.run(["init", "--genesis", TestChain.genesis], environment: environment).status, 0)
            XCTAssertTrue(FileManager.default.fileExists(atPath: chain.data + "/keel.json"))
            XCTAssertEqual(try KeelProcess.run(["balance", "dev0"], environment: environment).lines, ["1000000000000000"])
            // --data wins over $KEEL_DATA.
            let elsewhere = chain.scratch.directory.appendingPathComponent("none").path
            let outcome = try KeelProcess.run(["balance", "dev0", "--data", elsewhere], environment: environment)
            XCTAssertEqual(outcome.status, 1)
            XCTAssertTrue(outcome.stderr.contains("no chain in \(elsewhere)"), outcome.stderr)
        }
    }

    func testKeys() throws {
        try onEveryBackend {
            let chain = try TestChain()
            let created = try chain.run(["keys", "new", "alice"])
            XCTAssertEqual(created.status, 0, created.stderr)
            XCTAssertTrue(created.stdout.hasPrefix("created key alice: "), created.stdout)
            let attributes = try FileManager.default.attributesOfItem(atPath: chain.data + "/keys/alice.json")
            XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)

            let list = try chain.run(["keys", "list"])
            XCTAssertEqual(list.lines.map { String($0.prefix(while: { $0 != " " })) }, ["alice", "dev0", "dev1", "dev2", "dev3"])
            XCTAssertTrue(list.lines[1].contains("development key, public"), list.stdout)
            let (_, listed) = try chain.json(["keys", "list"])
            XCTAssertEqual((listed["keys"] as? [[String: Any]])?.count, 5)

            let show = try chain.run(["keys", "show", "alice"])
            XCTAssertTrue(show.lines.contains { $0.hasPrefix("address: ") }, show.stdout)
            XCTAssertFalse(show.stdout.contains("private key"), "private key only with --private")
            let (_, shown) = try chain.json(["keys", "show", "alice", "--private"])
            XCTAssertEqual((shown["privateKey"] as? String)?.count, 66)
            XCTAssertEqual(shown["development"] as? Bool, false)

            // The new key is usable at once as an address.
            XCTAssertEqual(try chain.run(["transfer", "alice", "1000000", "--from", "dev0"]).status, 0)
            XCTAssertEqual(try chain.run(["balance", "alice"]).lines, ["1000000"])

            let duplicate = try chain.run(["keys", "new", "alice"])
            XCTAssertEqual(duplicate.status, 2)
            XCTAssertTrue(duplicate.stderr.contains("a key named alice already exists"), duplicate.stderr)
            let invalid = try chain.run(["keys", "new", "../evil"])
            XCTAssertEqual(invalid.status, 2)
            XCTAssertTrue(invalid.stderr.contains("is not a valid key name"), invalid.stderr)
            let contractName = try chain.run(["keys", "new", "token"])
            XCTAssertEqual(contractName.status, 2)
            XCTAssertTrue(contractName.stderr.contains("names a genesis contract"), contractName.stderr)
            let unknown = try chain.run(["keys", "show", "bob"])
            XCTAssertEqual(unknown.status, 2)
            XCTAssertTrue(unknown.stderr.contains("unknown key name \"bob\""), unknown.stderr)
        }
    }
}
