import Foundation
import Keel
import WAT

/// Runs `.wast` scripts (the WebAssembly spec test format) against Keel.
///
/// Each ``run(path:)`` uses a fresh engine and store with its own `spectest` host module, runs
/// every directive in order and records which behaved as asserted. A failing directive never
/// stops the script: later directives that use a module which failed to load fail too.
public struct WASTRunner: Sendable {
    /// The engine configuration every script runs with.
    public let configuration: EngineConfiguration
    /// Receives what `spectest`'s print functions print; nil to discard it.
    public let log: (@Sendable (String) -> Void)?

    /// Creates a runner. `log`, when given, receives the output of `spectest.print*`.
    public init(configuration: EngineConfiguration, log: (@Sendable (String) -> Void)? = nil) {
        self.configuration = configuration
        self.log = log
    }

    /// The configuration a script runs with: scripts of the WebAssembly 2.0 core suite (a
    /// directory that also holds `proposals/`) check that a second memory is invalid, so they
    /// run with multi-memory off; every other script runs with the given configuration.
    static func configuration(_ base: EngineConfiguration, forScriptAt path: String) -> EngineConfiguration {
        var configuration = base
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("proposals").path, isDirectory: &isDirectory), isDirectory.boolValue {
            configuration.multiMemory = false
        }
        return configuration
    }

    /// Runs the script at `path`. Problems with the whole file (unreadable, no engine) are
    /// reported as one failure on line 0.
    public func run(path: String) -> WASTFileResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            return WASTFileResult(path: path, failed: 1, failures: [WASTFailure(line: 0, message: "cannot read \(path)")])
        }
        return run(source: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Runs script text; `path` only labels the result.
    public func run(source: String, path: String) -> WASTFileResult {
        var result = WASTFileResult(path: path)
        func fail(line: Int, _ message: String) {
            result.failed += 1
            result.failures.append(WASTFailure(line: line, message: message))
        }

        let session: WASTSession
        do {
            let engine = try Engine(configuration: Self.configuration(configuration, forScriptAt: path))
            session = try WASTSession(engine: engine, log: log)
        } catch {
            fail(line: 0, "cannot start: \(error)")
            return result
        }

        var script: WAST
        do {
            script = try parseWAST(source, features: ModuleLoading.features)
        } catch {
            fail(line: 0, "cannot parse script: \(error)")
            return result
        }

        while let (parsed, location) = script.nextDirectiveResult() {
            // Computing a line scans the script up to the directive, so only failures do it.
            switch parsed {
            case .failure(let error):
                if let module = error.module {
                    session.forgetModule(id: module.id, isDefinition: module.isDefinition)
                }
                fail(line: location.computeLineAndColumn().line, "cannot parse directive: \(error.error)")
            case .success(let directive):
                let outcome = session.run(directive)
                if let failure = outcome, failure.isOutOfScope {
                    result.skipped += 1
                    result.skips.append(WASTFailure(line: location.computeLineAndColumn().line, message: failure.description))
                } else if let failure = outcome {
                    fail(line: location.computeLineAndColumn().line, failure.description)
                } else {
                    result.passed += 1
                }
            }
        }
        return result
    }
}
