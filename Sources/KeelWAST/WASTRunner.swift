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
            let engine = try Engine(configuration: configuration)
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
                if let failure = session.run(directive) {
                    fail(line: location.computeLineAndColumn().line, failure.description)
                } else {
                    result.passed += 1
                }
            }
        }
        return result
    }
}
