import Foundation
import KeelNode

/// Chain files (docs/node.md, "Chain files") named on the command line, for `keel replay FILE`
/// and `keel import FILE`.
enum ChainSource {
    /// The chain file at `path`, decoded and checked. A file that cannot be read is a usage
    /// error (exit status 2); one that does not decode a failure (exit status 1).
    static func readFile(_ path: String) throws(CommandFailure) -> ChainFile {
        let data = try InputFiles.read(path, what: "the chain file")
        do { return try ChainFile.decode([UInt8](data)) } catch {
            throw .failure("\(path): \(error)")
        }
    }
}
