import ArgumentParser
import Foundation

/// Writing `error: ...` lines and choosing exit codes.
enum Diagnostics {
    /// Exit status for a run that failed (trap, compile, link or I/O error, failed assertions).
    static let failure = ExitCode(1)
    /// Exit status for a command line that does not fit the module (bad arguments).
    static let usage = ExitCode(2)

    /// Writes `error: <message>` to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// Writes `error: <message>` and returns `code` for the caller to throw.
    static func fail(_ message: String, _ code: ExitCode = failure) -> ExitCode {
        error(message)
        return code
    }
}
