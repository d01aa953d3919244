import ArgumentParser
import Foundation
import KeelNode
import KeelState

/// `keel import`: rebuilds a chain from a chain file by re-executing and verifying its blocks.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Rebuild a chain from a chain file, re-executing every block and checking it against the file.")

    @Argument(help: "The chain file to read (written by `keel export`).")
    var file: String

    @Option(name: .long, help: "The data directory to create (default: $KEEL_DATA, else .keel/chain); it must not hold a chain.")
    var data: String?

    @OptionGroup var backend: BackendOption

    @Flag(name: .long, help: "Print one JSON object on standard output.")
    var json = false

    func run() throws {
        let directory = ChainSource.dataDirectory(data)
        let chainFile: ChainFile
        do { chainFile = try ChainSource.readFile(file) } catch { throw Diagnostics.fail("\(error)") }
        let existed = FileManager.default.fileExists(atPath: directory)
        if existed, FileManager.default.fileExists(atPath: directory + "/CURRENT") {
            throw Diagnostics.fail("\(directory) already holds a chain; import into a new directory")
        }
        let chain: Chain
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            chain = try chainFile.importChain(into: try LevelDBStore(path: directory, createIfMissing: true), backend: backend.engine)
        } catch {
            if !existed { try? FileManager.default.removeItem(atPath: directory) }
            throw Diagnostics.fail("import of \(file) failed: \(error)")
        }
        let head = chain.head
        if json {
            print(JSONValue.object([
                ("data", .string(directory)), ("height", .uint(head.height)), ("hash", .hex(head.hash)), ("stateRoot", .hex(head.stateRoot)),
            ]).text)
        } else {
            print("imported blocks 0...\(head.height) from \(file) into \(directory), every block verified")
            print("head \(Hex.encode(head.hash)), state root \(Hex.encode(head.stateRoot))")
        }
    }
}
