import ArgumentParser
import Foundation

/// The options every chain command takes: the data directory and `--json`.
struct ChainOptions: ParsableArguments {
    @Option(name: .long, help: "The data directory (default: $KEEL_DATA, else .keel/chain under the current directory).")
    var data: String?

    @Flag(name: .long, help: "Print exactly one JSON object on standard output (fields: docs/node.md).")
    var json = false

    /// The data directory the options select.
    var directory: DataDirectory { DataDirectory(path: DataDirectory.path(option: data)) }
}
