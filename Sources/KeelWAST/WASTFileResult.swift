/// The outcome of running one `.wast` script.
public struct WASTFileResult: Sendable {
    /// The script's path, as given to ``WASTRunner/run(path:)``.
    public var path: String
    /// How many directives behaved as the script asserts.
    public var passed: Int
    /// How many directives did not (including ones that could not be parsed).
    public var failed: Int
    /// One entry per failed directive, in script order.
    public var failures: [WASTFailure]
    /// Directives that need a proposal outside Keel's scope (SIMD), counted apart and never as
    /// passed; each names the proposal.
    public var skipped = 0
    public var skips: [WASTFailure] = []

    /// Creates a result.
    public init(path: String, passed: Int = 0, failed: Int = 0, failures: [WASTFailure] = []) {
        self.path = path
        self.passed = passed
        self.failed = failed
        self.failures = failures
    }
}

/// A directive that did not behave as its script asserts.
public struct WASTFailure: Sendable, Equatable {
    /// The 1-based line the directive starts on (0 when the failure concerns the whole file).
    public var line: Int
    /// What differed: expected versus actual values, an expected trap versus a result, and so on.
    public var message: String

    /// Creates a failure record.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}
