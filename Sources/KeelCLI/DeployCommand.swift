import ArgumentParser
import Foundation
import Keel
import KeelNode
import KeelState
import WAT

/// `keel deploy WASM --from KEY`: deploys a contract in a transaction of its own block.
struct DeployCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Deploy a contract: sign, admit and mine a block with the deploy transaction.",
        discussion: """
            The module must compile under the chain's profile; that is checked before anything \
            is sent. The contract's address is derived from the sender and the transaction's \
            nonce (docs/node.md) and printed as `contract:`.
            """
    )

    @OptionGroup var chainOptions: ChainOptions
    @OptionGroup var options: TransactionOptions

    @Argument(help: "The contract module: binary (.wasm) or text (.wat).")
    var wasm: String

    @Option(name: .customLong("init-input"), help: "The init input: hex digits or @FILE.")
    var initInput: String?

    @Option(name: .long, help: "Native tokens moved to the contract before its init runs.")
    var value: UInt64 = 0

    @OptionGroup var backend: BackendOption

    func run() throws {
        try Report.run(json: chainOptions.json) {
            let input = try ByteArgument.parse(initInput, option: "--init-input")
            let code = try Self.load(wasm)
            let submission = try Submission(chainOptions: chainOptions, options: options, backend: backend.engine)
            do throws(CompileError) {
                _ = try Module(engine: submission.chain.host.engine, bytes: code)
            } catch {
                let floats = submission.chain.parameters.allowFloats ? "floats allowed" : "no floats"
                throw CommandFailure.failure("\(wasm) does not compile under the chain's profile (contract, \(floats)): \(error); nothing was sent")
            }
            let address = Account.contractAddress(deployer: submission.key.address, nonce: submission.nonce)
            var (report, receipt) = try submission.send(.deploy(code: code, initInput: input, value: value))
            if receipt.status.isSuccess { report.line("contract: \(address.hex)") }
            report.field("contract", .hex(address.bytes))
            return report
        }
    }

    /// The module's bytes (`.wat` files are converted to binary).
    static func load(_ path: String) throws(CommandFailure) -> [UInt8] {
        let data = try InputFiles.read(path, what: "file")
        guard path.lowercased().hasSuffix(".wat") else { return [UInt8](data) }
        do { return try wat2wasm(String(decoding: data, as: UTF8.self), features: [.referenceTypes]) } catch {
            throw .failure("\(path): text format: \(error)")
        }
    }
}
