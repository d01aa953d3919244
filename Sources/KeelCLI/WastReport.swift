import KeelWAST

/// The lines `keel wast` prints.
enum WastReport {
    /// `PATH: P passed, F failed`.
    static func fileLine(_ result: WASTFileResult) -> String {
        "\(result.path): \(result.passed) passed, \(result.failed) failed"
    }

    /// `  PATH:LINE: message`, indented under its file's line.
    static func failureLine(_ failure: WASTFailure, path: String) -> String {
        "  \(path):\(failure.line): \(failure.message)"
    }

    /// The closing `N passed, M failed` line.
    static func totalLine(passed: Int, failed: Int) -> String {
        "\(passed) passed, \(failed) failed"
    }
}
