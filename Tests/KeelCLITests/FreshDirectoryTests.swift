import Foundation
import XCTest

/// The commands that write a path create the folders above it: `keel init` in a directory
/// with no `.keel/`, `--data` under missing folders, `export` into a missing folder.
final class FreshDirectoryTests: XCTestCase {
    /// No `$KEEL_DATA` or `$KEEL_GENESIS` from the environment the tests run in.
    private let clean = ["KEEL_DATA": "", "KEEL_GENESIS": ""]

    func testInitWithNoArgumentsInAnEmptyDirectory() throws {
        let scratch = try Scratch()
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.directory.appendingPathComponent(".keel").path))
        // No --data, no --genesis: .keel/chain here, the genesis of the repository keel was built in.
        let initialised = try KeelProcess.run(["init"], environment: clean, in: scratch.directory)
        XCTAssertEqual(initialised.status, 0, initialised.stderr)
        XCTAssertTrue(initialised.stdout.contains("initialised chain 1337 in .keel/chain"), initialised.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.directory.appendingPathComponent(".keel/chain/keel.json").path))
        let sent = try KeelProcess.run(["transfer", "dev1", "5", "--from", "dev0"], environment: clean, in: scratch.directory)
        XCTAssertEqual(sent.status, 0, sent.stderr)
        XCTAssertEqual(try KeelProcess.run(["balance", "dev1"], environment: clean, in: scratch.directory).lines, ["1000000000000005"])
    }

    func testNestedMissingDataDirectoriesAndExportFolders() throws {
        let scratch = try Scratch()
        let initialised = try KeelProcess.run(["init", "--data", "a/b/c"], environment: clean, in: scratch.directory)
        XCTAssertEqual(initialised.status, 0, initialised.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.directory.appendingPathComponent("a/b/c/CURRENT").path))

        let absolute = scratch.directory.appendingPathComponent("x/y/z").path
        XCTAssertEqual(try KeelProcess.run(["init", "--data", absolute], environment: clean, in: scratch.directory).status, 0)

        let exported = try KeelProcess.run(["export", "out/deeper/chain.keelchain", "--data", "a/b/c"], environment: clean, in: scratch.directory)
        XCTAssertEqual(exported.status, 0, exported.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.directory.appendingPathComponent("out/deeper/chain.keelchain").path))
        let imported = try KeelProcess.run(["import", "out/deeper/chain.keelchain", "--data", "i/j/k"], environment: clean, in: scratch.directory)
        XCTAssertEqual(imported.status, 0, imported.stderr)
    }

    func testAFileInTheWayIsAClearErrorAndLeavesNothing() throws {
        let scratch = try Scratch()
        _ = try scratch.write("blocker", "not a folder")
        let initialised = try KeelProcess.run(["init", "--data", "blocker/chain"], environment: clean, in: scratch.directory)
        XCTAssertEqual(initialised.status, 1, initialised.stderr)
        XCTAssertTrue(initialised.stderr.hasPrefix("error: cannot create the folder of the data directory blocker: a file is in the way"), initialised.stderr)
        XCTAssertEqual(try String(contentsOf: scratch.directory.appendingPathComponent("blocker"), encoding: .utf8), "not a folder")

        XCTAssertEqual(try KeelProcess.run(["init", "--data", "chain"], environment: clean, in: scratch.directory).status, 0)
        let exported = try KeelProcess.run(["export", "blocker/out.keelchain", "--data", "chain"], environment: clean, in: scratch.directory)
        XCTAssertEqual(exported.status, 1, exported.stderr)
        XCTAssertTrue(exported.stderr.contains("a file is in the way"), exported.stderr)
        // A failed init into new folders removes the folders it made.
        let bad = try KeelProcess.run(["init", "--data", "new/folders/chain", "--genesis", "/no/such.json"], environment: clean, in: scratch.directory)
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.directory.appendingPathComponent("new").path))
    }
}
