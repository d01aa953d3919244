import Foundation
import KeelNode
import KeelState

/// Where the replay commands find a chain: a data directory (`--data`, else `$KEEL_DATA`,
/// else `.keel/chain`, as every chain command) or a chain file (docs/node.md, "Chain files").
enum ChainSource {
    /// The data directory `--data` names, else `$KEEL_DATA`, else `.keel/chain`.
    static func dataDirectory(_ option: String?) -> String { DataDirectory.path(option: option) }

    /// The chain in the data directory `path`, or a one-sentence reason it cannot be opened.
    static func openChain(_ path: String) throws(ChainSourceError) -> Chain {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ChainSourceError(message: "no chain at \(path) (not initialised; run `keel init` or give --data)")
        }
        do { return try Chain.open(directory: path) } catch {
            throw ChainSourceError(message: "cannot open the chain at \(path): \(error)")
        }
    }

    /// The chain file at `path`, decoded and checked.
    static func readFile(_ path: String) throws(ChainSourceError) -> ChainFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ChainSourceError(message: "cannot read the chain file \(path)")
        }
        do { return try ChainFile.decode([UInt8](data)) } catch {
            throw ChainSourceError(message: "\(path): \(error)")
        }
    }
}

/// A chain that cannot be read, as one sentence.
struct ChainSourceError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
