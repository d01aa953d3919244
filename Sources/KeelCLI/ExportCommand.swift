import ArgumentParser
import Foundation
import KeelNode
import KeelState

/// `keel export`: writes the chain in a data directory to one chain file.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a chain (genesis, blocks, receipts, write sets, roots) to one versioned chain file.",
        discussion: "The file format is documented in docs/node.md (\"Chain files\"); `keel import` and `keel replay FILE` read it.")

    @Option(name: .long, help: "The data directory (default: $KEEL_DATA, else .keel/chain).")
    var data: String?

    @Flag(name: .long, help: "Print one JSON object on standard output.")
    var json = false

    @Argument(help: "The chain file to write.")
    var file: String

    func run() throws {
        let directory = ChainSource.dataDirectory(data)
        do {
            let chain = try ChainSource.openChain(directory)
            let bytes = try ChainFile(history: chain).encoded
            guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else {
                throw Diagnostics.fail("cannot write \(file)")
            }
            let head = chain.head
            if json {
                print(JSONValue.object([
                    ("file", .string(file)), ("bytes", .uint(UInt64(bytes.count))), ("height", .uint(head.height)),
                    ("hash", .hex(head.hash)), ("stateRoot", .hex(head.stateRoot)),
                ]).text)
            } else {
                print("exported blocks 0...\(head.height) of \(directory) to \(file) (\(bytes.count) bytes)")
                print("head \(Hex.encode(head.hash)), state root \(Hex.encode(head.stateRoot))")
            }
        } catch let code as ExitCode {
            throw code
        } catch {
            throw Diagnostics.fail("\(error)")
        }
    }
}
