import Foundation
import KeelNode
import KeelState
import KeelTestSupport
import XCTest

/// `keel replay`, `keel export`, `keel import` on the recorded chain fixtures/chains/dev.keelchain.
final class ReplayCommandTests: EveryBackendTestCase {
    private var scratch: Scratch!

    override func setUpBackend() throws {
        scratch = try Scratch()
    }

    private var fixture: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/chains/dev.keelchain").path
    }

    private func path(_ name: String) -> String { scratch.directory.appendingPathComponent(name).path }

    func testReplayOfTheRecordedChainMatches() throws {
        try onEveryBackend {
            let outcome = try KeelProcess.run(["replay", fixture])
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            XCTAssertTrue(outcome.stdout.contains("replayed blocks 1...120 on \(backend.rawValue) (compared from 0): 120 blocks,"), outcome.stdout)
            XCTAssertTrue(outcome.stdout.contains("no divergence: head 120 "), outcome.stdout)
            XCTAssertTrue(outcome.stderr.contains("replay: block 120/120, 120 blocks, "), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("blocks/s") && outcome.stderr.contains("transactions/s"), outcome.stderr)

            let json = try KeelProcess.run(["replay", fixture, "--json", "--compare-engines", "interp,interp", "--to", "60", "--scratch", path("scratch")])
            XCTAssertEqual(json.status, 0, json.stderr)
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(object["match"] as? Bool, true)
            XCTAssertEqual(object["engines"] as? [String], ["interp#1", "interp#2"])
            XCTAssertEqual(object["to"] as? Int, 60)
            XCTAssertTrue(object["divergence"] is NSNull)
            XCTAssertFalse(FileManager.default.fileExists(atPath: path("scratch")), "the scratch databases are removed")
        }
    }

    func testDivergenceIsReportedWithExitStatusOne() throws {
        try onEveryBackend {
            var file = try ChainFile.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture))))
            let token = try file.genesis().contractAddresses[0]
            let prefix = ContractStorage.keyPrefix(for: token)
            let position = try XCTUnwrap(file.blocks[50].writeSets[1].firstIndex { $0.key.starts(with: prefix) })
            let key = file.blocks[50].writeSets[1][position].key
            file.blocks[50].writeSets[1][position] = StateChange(key: key, value: [7])
            let damaged = path("damaged.keelchain")
            try Data(file.encoded).write(to: URL(fileURLWithPath: damaged))

            let outcome = try KeelProcess.run(["replay", damaged])
            XCTAssertEqual(outcome.status, 1)
            XCTAssertTrue(outcome.stdout.contains("DIVERGENCE block 50: \(backend.rawValue) diverges from record at transaction 1 ("), outcome.stdout)
            XCTAssertTrue(outcome.stdout.contains("first differing key: storage of \(token), key 0x62"), outcome.stdout)
            XCTAssertTrue(outcome.stdout.contains("record: set to 0x07"), outcome.stdout)

            let json = try KeelProcess.run(["replay", damaged, "--json"])
            XCTAssertEqual(json.status, 1)
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(object["match"] as? Bool, false)
            let divergence = try XCTUnwrap(object["divergence"] as? [String: Any])
            XCTAssertEqual(divergence["height"] as? Int, 50)
            XCTAssertEqual((divergence["transaction"] as? [String: Any])?["index"] as? Int, 1)
            let reported = try XCTUnwrap(divergence["key"] as? [String: Any])
            XCTAssertEqual(reported["namespace"] as? String, "storage")
            XCTAssertEqual(reported["contract"] as? String, "0x" + Hex.encode(token.bytes))
            XCTAssertEqual((reported["expectedValue"] as? [String: Any])?["value"] as? String, "0x07")

            // Compared from 51 on, the damaged block is executed but not compared.
            XCTAssertEqual(try KeelProcess.run(["replay", damaged, "--from", "51"]).status, 0)
        }
    }

    func testExportImportExportIsByteIdentical() throws {
        try onEveryBackend {
            let data = path("chain")
            let imported = try KeelProcess.run(["import", fixture, "--data", data])
            XCTAssertEqual(imported.status, 0, imported.stderr)
            XCTAssertTrue(imported.stdout.contains("imported blocks 0...120"), imported.stdout)
            let again = try KeelProcess.run(["import", fixture, "--data", data])
            XCTAssertEqual(again.status, 1)
            XCTAssertTrue(again.stderr.contains("already holds a chain"), again.stderr)

            let exported = path("exported.keelchain")
            let export = try KeelProcess.run(["export", "--data", data, exported])
            XCTAssertEqual(export.status, 0, export.stderr)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: exported)), try Data(contentsOf: URL(fileURLWithPath: fixture)))

            let replay = try KeelProcess.run(["replay", "--data", data, "--from", "100"])
            XCTAssertEqual(replay.status, 0, replay.stderr)
            XCTAssertTrue(replay.stdout.contains("(compared from 100)"), replay.stdout)
        }
    }

    func testBadInputIsRefusedWithReasons() throws {
        try onEveryBackend {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture))
            let truncated = path("truncated.keelchain")
            try bytes.prefix(5000).write(to: URL(fileURLWithPath: truncated))
            let outcome = try KeelProcess.run(["replay", truncated])
            XCTAssertEqual(outcome.status, 1)
            XCTAssertTrue(outcome.stderr.contains("chain file: record "), outcome.stderr)
            XCTAssertTrue(outcome.stderr.contains("truncated"), outcome.stderr)

            let imported = try KeelProcess.run(["import", truncated, "--data", path("never")])
            XCTAssertEqual(imported.status, 1)
            XCTAssertFalse(FileManager.default.fileExists(atPath: path("never")))

            let jit = try KeelProcess.run(["replay", fixture, "--engine", "jit"])
            #if arch(x86_64) && os(Linux)
            // The recorded chain replays on the JIT, and on both backends side by side.
            XCTAssertEqual(jit.status, 0, jit.stderr)
            XCTAssertTrue(jit.stdout.contains("no divergence"), jit.stdout)
            let both = try KeelProcess.run(["replay", fixture, "--compare-engines", "interp,jit"])
            XCTAssertEqual(both.status, 0, both.stderr)
            XCTAssertTrue(both.stdout.contains("no divergence"), both.stdout)
            #else
            XCTAssertEqual(jit.status, 1)
            XCTAssertTrue(jit.stderr.contains("the jit backend is not available in this build"), jit.stderr)
            #endif
            XCTAssertEqual(try KeelProcess.run(["replay", fixture, "--compare-engines", "interp"]).status, 2)  // a usage error
            XCTAssertEqual(try KeelProcess.run(["replay", fixture, "--to", "500"]).status, 1)
            let missing = try KeelProcess.run(["replay", "--data", path("nothing")])
            XCTAssertEqual(missing.status, 1)
            XCTAssertTrue(missing.stderr.contains("no chain in \(path("nothing")): run `keel init"), missing.stderr)
        }
    }
}
