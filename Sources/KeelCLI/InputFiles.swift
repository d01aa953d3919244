import Foundation

/// Reading the files named on the command line: a file that cannot be read is a usage error
/// (exit status 2), as a bad argument is.
enum InputFiles {
    /// The contents of `path`; `what` names it in the error (`cannot read <what> "<path>" (<why>)`).
    static func read(_ path: String, what: String) throws(CommandFailure) -> Data {
        if let data = FileManager.default.contents(atPath: path) { return data }
        throw .usage("cannot read \(what) \"\(path)\" (\(reason(path)))")
    }

    /// Why `path` cannot be read: missing, a directory, or not readable.
    static func reason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
        if isDirectory.boolValue { return "it is a directory" }
        return FileManager.default.isReadableFile(atPath: path) ? "read error" : "permission denied"
    }
}
