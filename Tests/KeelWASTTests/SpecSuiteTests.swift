import Foundation
import Keel
import KeelTestSupport
import KeelWAST
import XCTest

/// Runs the official WebAssembly spec test suite: every top-level script plus the multi-memory
/// and extended-const proposals, on every backend this build has (the interpreter, and the JIT
/// on x86-64 Linux). Every directive of every script must pass.
final class SpecSuiteTests: EveryBackendTestCase {
    /// Directives passed across the groups run so far, printed when the class finishes.
    nonisolated(unsafe) private static var totalPassed = 0

    override class func tearDown() {
        print("spec suite: \(totalPassed) directives passed")
        super.tearDown()
    }

    func testCoreScripts() throws {
        try onEveryBackend {
            try runGroup("")
        }
    }

    /// The contract profile's semantics — fuel metering (with an unlimited budget) and NaN
    /// canonicalization — pass the whole suite too. Its resource limits would reject the
    /// suite's large modules by design, so this run keeps the standard limits.
    func testAllScriptsUnderTheContractProfile() throws {
        try onEveryBackend {
            var configuration = EngineConfiguration.contract
            configuration.limits = .standard
            for group in ["", "proposals/multi-memory", "proposals/extended-const"] {
                try runGroup(group, configuration: configuration)
            }
        }
    }

    func testMultiMemoryProposal() throws {
        try onEveryBackend {
            try runGroup("proposals/multi-memory")
        }
    }

    func testExtendedConstProposal() throws {
        try onEveryBackend {
            try runGroup("proposals/extended-const")
        }
    }

    /// The suite's root: `$KEEL_SPEC_SUITE`, or `shared/wasm-testsuite` beside the package.
    private static func suiteRoot() -> URL {
        if let override = ProcessInfo.processInfo.environment["KEEL_SPEC_SUITE"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // KeelWASTTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/wasm-testsuite")
    }

    /// Runs every `*.wast` directly inside `subdirectory` of the suite and fails for each script
    /// with a failing directive (or with no passing one), on the running test's backend.
    private func runGroup(_ subdirectory: String, configuration: EngineConfiguration = .standard, file: StaticString = #filePath, line: UInt = #line) throws {
        var configuration = configuration
        configuration.backend = backend
        let directory = subdirectory.isEmpty
            ? Self.suiteRoot() : Self.suiteRoot().appendingPathComponent(subdirectory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".wast") }
                .sorted()
        } catch {
            XCTFail("spec suite not found at \(directory.path) (set KEEL_SPEC_SUITE): \(error)", file: file, line: line)
            return
        }
        XCTAssertFalse(names.isEmpty, "no .wast files in \(directory.path)", file: file, line: line)

        let runner = WASTRunner(configuration: configuration)
        var passed = 0
        var skipped = 0
        for name in names {
            let path = directory.appendingPathComponent(name).path
            let result = runner.run(path: path)
            passed += result.passed
            let label = subdirectory.isEmpty ? name : "\(subdirectory)/\(name)"
            if result.failed > 0 {
                let shown = result.failures.prefix(50).map { "\(label):\($0.line): \($0.message)" }
                let more = result.failures.count > shown.count ? "\n... and \(result.failures.count - shown.count) more" : ""
                XCTFail(
                    "\(label): \(result.passed) passed, \(result.failed) failed\n" + shown.joined(separator: "\n") + more,
                    file: file, line: line)
            }
            XCTAssertGreaterThan(result.passed, 0, "\(label): no directive passed", file: file, line: line)
            // Only modules that need SIMD (outside Keel's scope by design) may be set aside.
            skipped += result.skipped
            for skip in result.skips {
                XCTAssertTrue(skip.message.contains("SIMD"), "\(label):\(skip.line): unexpected skip: \(skip.message)", file: file, line: line)
            }
        }
        Self.totalPassed += passed
        print("spec suite \(subdirectory.isEmpty ? "core" : subdirectory) (\(backend.rawValue)): \(names.count) files, \(passed) directives passed, \(skipped) skipped (SIMD)")
    }
}
