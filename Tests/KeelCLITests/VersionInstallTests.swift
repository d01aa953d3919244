import Foundation
import Keel
import XCTest

/// `keel --version`, and `scripts/install.sh` (with a stand-in `swift` that hands it the
/// binary these tests run, so no release build is needed): the installed binary reports the
/// commit it was installed from and runs `keel init` from any directory.
final class VersionInstallTests: XCTestCase {
    func testVersionOfABuildTreeBinary() throws {
        let outcome = try KeelProcess.run(["--version"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertEqual(outcome.lines.count, 4, outcome.stdout)
        XCTAssertEqual(outcome.lines.first, "keel 0.9.0-dev")
        // A build tree has no record of its commit: said so, not guessed.
        XCTAssertTrue(line(outcome, 1).hasPrefix("commit: unknown (not installed by scripts/install.sh"), outcome.stdout)
        XCTAssertEqual(line(outcome, 2), "default engine: \(Backend.platformDefault.rawValue) (available: \(Backend.available.map(\.rawValue).joined(separator: ", ")))")
        XCTAssertEqual(line(outcome, 3), "contract ABI: keel_v1 (fuel cost schedule v1)")
    }

    func testInstallScript() throws {
        let scratch = try Scratch()
        let tools = scratch.directory.appendingPathComponent("tools")
        let products = scratch.directory.appendingPathComponent("products")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: products, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try KeelProcess.binary(), to: products.appendingPathComponent("keel"))
        let swift = tools.appendingPathComponent("swift")
        try Data("""
            #!/bin/sh
            # Stands in for `swift build -c release --product keel [--show-bin-path]`.
            case "$*" in *--show-bin-path*) echo "\(products.path)" ;; esac
            """.utf8).write(to: swift)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: swift.path)

        let prefix = scratch.directory.appendingPathComponent("prefix with space")
        let installed = try run(
            TestChain.repository.appendingPathComponent("scripts/install.sh").path, ["--prefix", prefix.path],
            environment: ["PATH": tools.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")])
        XCTAssertEqual(installed.status, 0, installed.stderr + installed.stdout)
        let keel = prefix.appendingPathComponent("bin/keel")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: keel.path))

        let head = try run("/usr/bin/env", ["git", "-C", TestChain.repository.path, "rev-parse", "HEAD"])
        let version = try KeelProcess.run(["--version"], executable: keel)
        XCTAssertEqual(version.status, 0, version.stderr)
        if head.status == 0 {
            let commit = head.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertTrue(line(version, 1).hasPrefix("commit: \(commit)"), version.stdout)
        } else {
            XCTAssertTrue(line(version, 1).hasPrefix("commit: unknown (built from a source tree without git history)"), version.stdout)
        }

        // From an empty directory, with no --genesis: the genesis installed beside the binary.
        let elsewhere = try Scratch()
        let initialised = try KeelProcess.run(["init"], environment: ["KEEL_DATA": "", "KEEL_GENESIS": ""], in: elsewhere.directory, executable: keel)
        XCTAssertEqual(initialised.status, 0, initialised.stderr)
        XCTAssertTrue(initialised.stdout.contains("from \(prefix.path)/share/keel/genesis/dev.json"), initialised.stdout)

        // Another binary in its place: the recorded commit is not its own, so it is not claimed.
        let handle = try FileHandle(forWritingTo: keel)
        handle.seekToEndOfFile()
        handle.write(Data([0]))
        try handle.close()
        let replaced = try KeelProcess.run(["--version"], executable: keel)
        XCTAssertTrue(line(replaced, 1).hasPrefix("commit: unknown ("), replaced.stdout)
        XCTAssertTrue(line(replaced, 1).contains("describes another binary"), replaced.stdout)
    }

    /// Line `index` of standard output, or "" (a failure, not a crash) when there are fewer.
    private func line(_ outcome: KeelProcess.Outcome, _ index: Int) -> String {
        outcome.lines.dropFirst(index).first ?? ""
    }

    /// Runs `executable` with `arguments` (and `environment` added), collecting its output.
    private func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> KeelProcess.Outcome {
        try KeelProcess.run(arguments, environment: environment, executable: URL(fileURLWithPath: executable))
    }
}
