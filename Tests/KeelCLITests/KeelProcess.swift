import Foundation
import KeelTestSupport
import XCTest

/// Runs the built `keel` executable and captures what it prints.
struct KeelProcess {
    /// What one run of `keel` did.
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String

        /// Standard output's lines, without the trailing empty one.
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
    }

    /// The `keel` binary: `$KEEL_BINARY`, or the first `keel` found walking up from the test
    /// bundle (the build products directory holds both).
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["KEEL_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var starts = [Bundle.main.bundleURL, Bundle(for: Marker.self).bundleURL]
        if let first = CommandLine.arguments.first {
            starts.append(URL(fileURLWithPath: first))
        }
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<6 {
                let candidate = directory.appendingPathComponent("keel")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: candidate.path)
                {
                    return candidate
                }
                directory.deleteLastPathComponent()
            }
        }
        throw BinaryNotFound(description: "keel binary not found near \(starts.map(\.path)); build it or set KEEL_BINARY")
    }

    /// The subcommands that take `--engine`.
    static let engineCommands: Set<String> = ["run", "wast", "inspect", "exec", "init", "deploy", "call", "query", "replay", "import"]

    /// Runs `keel` with `arguments` (and `environment` added to this process's), output going
    /// to temporary files (no pipe can fill up). In a test of an ``EveryBackendTestCase``, a
    /// subcommand that takes `--engine` and is given none (nor `--compare-engines`) runs on
    /// the test's backend (`--engine` right after the subcommand). `directory` is the
    /// current directory it runs in (by default this process's); `executable` runs instead of
    /// the built `keel` (an installed copy, a script).
    static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil, executable: URL? = nil
    ) throws -> Outcome {
        var arguments = arguments
        if let backend = TestBackend.chosen, let command = arguments.first, engineCommands.contains(command),
            !arguments.contains("--engine"), !arguments.contains("--compare-engines")
        {
            arguments.insert(contentsOf: ["--engine", backend.rawValue], at: 1)
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("keel-cli-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let stdoutURL = output.appendingPathComponent("stdout")
        let stderrURL = output.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = try executable ?? binary()
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        return Outcome(
            status: process.terminationStatus,
            stdout: try String(contentsOf: stdoutURL, encoding: .utf8),
            stderr: try String(contentsOf: stderrURL, encoding: .utf8))
    }

    private final class Marker {}

    struct BinaryNotFound: Error, CustomStringConvertible {
        let description: String
    }
}

/// A temporary directory for the files a test hands to `keel`.
final class Scratch {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("keel-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `text` to `name` and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// Writes `bytes` to `name` and returns its path.
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}
