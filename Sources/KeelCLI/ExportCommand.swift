import ArgumentParser
import Foundation
import KeelNode
import KeelState

/// `keel export`: writes the chain in a data directory to one chain file.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a chain (genesis, blocks, receipts, write sets, roots) to one versioned chain file.",
        discussion: "The file format is documented in docs/node.md (\"Chain files\"); `keel import` and `keel replay FILE` read it. Missing folders above FILE are created.")

    @OptionGroup var chainOptions: ChainOptions

    @Argument(help: "The chain file to write.")
    var file: String

    func run() throws {
        try Report.run(json: chainOptions.json) {
            let directory = chainOptions.directory
            let chain = try directory.openChain()
            let bytes: [UInt8]
            do { bytes = try ChainFile(history: chain).encoded } catch { throw directory.describe(error) }
            let created = try OutputPaths.createParents(of: file, what: "the chain file")
            guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else {
                OutputPaths.remove(created)
                var isDirectory: ObjCBool = false
                let directoryInTheWay = FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) && isDirectory.boolValue
                throw CommandFailure.failure("cannot write the chain file \(file) (\(directoryInTheWay ? "it is a directory" : "not writable"))")
            }
            let head = chain.head
            var report = Report()
            report.line("exported blocks 0...\(head.height) of \(directory.path) to \(file) (\(bytes.count) bytes)")
            report.line("head 0x\(Hex.encode(head.hash)), state root 0x\(Hex.encode(head.stateRoot))")
            report.fields([
                ("file", .string(file)), ("bytes", .uint(UInt64(bytes.count))), ("height", .uint(head.height)),
                ("hash", .hex(head.hash)), ("stateRoot", .hex(head.stateRoot)),
            ])
            return report
        }
    }
}
