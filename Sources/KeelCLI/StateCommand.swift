import ArgumentParser
import KeelHost
import KeelNode
import KeelState
import KeelStateTree

/// `keel state CONTRACT KEY [--prove]`: a contract storage value at the head, optionally
/// with its proof checked against the head's state root.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Print a contract's storage value at the head; with --prove, its inclusion or absence proof, checked against the head's state root."
    )

    @OptionGroup var chainOptions: ChainOptions

    @Argument(help: "The contract: a genesis contract name (token), a key name or 64 hex digits.")
    var contract: String

    @Argument(help: "The storage key: hex digits or @FILE.")
    var key: String

    @Flag(name: .long, help: "Prove the value (or its absence) against the head's state root and check the proof.")
    var prove = false

    func run() throws {
        try Report.run(json: chainOptions.json) {
            let storageKey = try ByteArgument.parse(key, option: "KEY")
            let directory = chainOptions.directory
            let chain = try directory.openChain()
            let address = try AddressBook(directory: directory, chain: chain).address(contract, what: "CONTRACT")
            let stateKey = ContractStorage.keyPrefix(for: address) + storageKey
            var report = Report()
            report.fields([("contract", .hex(address.bytes)), ("key", .hex(storageKey)), ("height", .uint(chain.head.height))])
            do {
                guard prove else {
                    let value = try chain.storage(of: address, key: storageKey)
                    report.line(value.map { "value: \(ReceiptReport.describe($0))" } ?? "value: absent")
                    report.field("value", value.map(JSONValue.hex) ?? .null)
                    return report
                }
                let (value, proof) = try chain.prove(key: stateKey)
                let root = chain.head.stateRoot
                let verified = StateRoot(bytes: root).map { StateTree.verify(proof, key: stateKey, value: value, root: $0) } ?? false
                report.line(value.map { "value: \(ReceiptReport.describe($0))" } ?? "value: absent")
                report.line("state root: 0x\(Hex.encode(root)) (height \(chain.head.height))")
                report.line("proof: \(proof.isInclusion ? "inclusion" : "absence"), \(proof.siblings.count) siblings, \(proof.encoded.count) bytes: 0x\(Hex.encode(proof.encoded))")
                report.line("verified: \(verified ? "yes" : "NO")")
                report.fields([
                    ("value", value.map(JSONValue.hex) ?? .null), ("stateRoot", .hex(root)),
                    ("proof", .hex(proof.encoded)), ("inclusion", .bool(proof.isInclusion)), ("verified", .bool(verified)),
                ])
                if !verified { report.failure = "the proof does not verify against the head's state root" }
                return report
            } catch {
                throw directory.describe(error)
            }
        }
    }
}
