import ArgumentParser
import Foundation
import KeelNode
import KeelState

/// `keel import`: rebuilds a chain from a chain file by re-executing and verifying its blocks.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Rebuild a chain from a chain file, re-executing every block and checking it against the file.",
        discussion: "The data directory (and missing folders above it) is created; it must not hold a chain. The development keys dev0, dev1, ... of the file's genesis sign at once, as after `keel init`.")

    @Argument(help: "The chain file to read (written by `keel export`).")
    var file: String

    @OptionGroup var chainOptions: ChainOptions

    @OptionGroup var backend: BackendOption

    func run() throws {
        try Report.run(json: chainOptions.json) {
            let chainFile = try ChainSource.readFile(file)
            let directory = chainOptions.directory
            if FileManager.default.fileExists(atPath: directory.path + "/CURRENT") {
                throw CommandFailure.failure("\(directory.path) already holds a chain; import into a new directory")
            }
            let created = try OutputPaths.createDirectory(directory.path, what: "the data directory")
            let chain: Chain
            do {
                chain = try chainFile.importChain(into: try LevelDBStore(path: directory.path, createIfMissing: true), backend: backend.engine)
            } catch {
                OutputPaths.remove(created)
                throw CommandFailure.failure("import of \(file) failed: \(error)")
            }
            let head = chain.head
            var report = Report()
            report.line("imported blocks 0...\(head.height) from \(file) into \(directory.path), every block verified")
            report.line("head 0x\(Hex.encode(head.hash)), state root 0x\(Hex.encode(head.stateRoot))")
            report.fields([
                ("data", .string(directory.path)), ("height", .uint(head.height)), ("hash", .hex(head.hash)), ("stateRoot", .hex(head.stateRoot)),
            ])
            return report
        }
    }
}
