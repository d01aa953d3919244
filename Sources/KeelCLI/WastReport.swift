import KeelWAST

/// The lines `keel wast` prints.
enum WastReport {
    /// `PATH: P passed, F failed` (and `, S skipped` when directives needed SIMD).
    static func fileLine(_ result: WASTFileResult) -> String {
        "\(result.path): \(result.passed) passed, \(result.failed) failed" + (result.skipped > 0 ? ", \(result.skipped) skipped" : "")
    }

    /// `  PATH:LINE: skipped: reason`.
    static func skipLine(_ skip: WASTFailure, path: String) -> String {
        "  \(path):\(skip.line): skipped: \(skip.message)"
    }

    /// `  PATH:LINE: message`, indented under its file's line.
    static func failureLine(_ failure: WASTFailure, path: String) -> String {
        "  \(path):\(failure.line): \(failure.message)"
    }

    /// The closing `N passed, M failed` line, with `, K skipped` when any directive needed a
    /// proposal outside Keel's scope.
    static func totalLine(passed: Int, failed: Int, skipped: Int = 0) -> String {
        "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}
