import Keel
import XCTest

/// The backend the running test uses.
public enum TestBackend {
    /// The backend of the current run of an ``EveryBackendTestCase`` test; nil outside one.
    @TaskLocal public static var chosen: Backend?

    /// The chosen backend, else the platform default.
    public static var current: Backend { chosen ?? .platformDefault }
}

/// An engine with `configuration` (the standard one by default) on the running test's backend.
public func makeEngine(_ configuration: EngineConfiguration = .standard) throws -> Engine {
    var configuration = configuration
    configuration.backend = TestBackend.current
    return try Engine(configuration: configuration)
}

/// A test case whose tests run their bodies in ``onEveryBackend(_:)``: once on each backend
/// this build has (the interpreter, then the JIT on x86-64 Linux), with ``TestBackend/chosen``
/// set; each failure names the backend it happened on (`[jit] ...`).
open class EveryBackendTestCase: XCTestCase {
    /// The backend of the current run.
    public var backend: Backend { TestBackend.current }

    /// Runs `body` once per available backend, in order, with ``TestBackend/chosen`` set,
    /// each run after ``setUpBackend()``. (XCTest on Linux cannot run a whole test twice: its
    /// teardown may run only once.)
    public func onEveryBackend(_ body: () throws -> Void) throws {
        for backend in Backend.available {
            try TestBackend.$chosen.withValue(backend) {
                try setUpBackend()
                try body()
            }
        }
    }

    /// Prepares each backend's run of a test (fresh scratch state): runs before every body
    /// ``onEveryBackend(_:)`` runs. Does nothing unless overridden.
    open func setUpBackend() throws {}

    override open func recordFailure(withDescription description: String, inFile filePath: String, atLine lineNumber: Int, expected: Bool) {
        super.recordFailure(withDescription: "[\(backend.rawValue)] \(description)", inFile: filePath, atLine: lineNumber, expected: expected)
    }
}

/// The interpreter's code for `wat` under `configuration`, whatever the running test's backend:
/// tests of the interpreter's translator check its forms while their values run on both.
public func interpreterDisassembly(_ wat: String, _ configuration: EngineConfiguration = .standard) throws -> [String] {
    var configuration = configuration
    configuration.backend = .interpreter
    return try Module(engine: try Engine(configuration: configuration), wat: wat).interpreterDisassembly
}
