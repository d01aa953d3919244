import ArgumentParser
import KeelHost
import Keel
import KeelNode
import KeelState

/// `keel query CONTRACT METHOD`: a read-only call against the head state; commits nothing.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run a contract method read-only against the head state (nothing is committed, no fee is paid)."
    )

    @OptionGroup var chainOptions: ChainOptions

    @Argument(help: "The contract: a genesis contract name (token), a key name or 64 hex digits.")
    var contract: String

    @Argument(help: "The method (an export of type () -> ()).")
    var method: String

    @Option(name: .long, help: "The call input: hex digits or @FILE.")
    var input: String?

    @Option(name: .long, help: "The caller the contract sees: a key name, a contract name or 64 hex digits (default: the zero address).")
    var from: String?

    @Option(name: .long, help: "Fuel for the call (default 10000000).")
    var fuel: UInt64 = Submission.defaultFuelLimit

    @OptionGroup var backend: BackendOption

    func run() throws {
        try Report.run(json: chainOptions.json) {
            let bytes = try ByteArgument.parse(input, option: "--input")
            let directory = chainOptions.directory
            let chain = try directory.openChain(backend: backend.engine)
            let names = try AddressBook(directory: directory, chain: chain)
            let address = try names.address(contract, what: "CONTRACT")
            let sender = try from.map { text throws(CommandFailure) in try names.address(text, what: "--from") }
                ?? ContractAddress(zeroes: ())
            let outcome: ExecutionOutcome
            do {
                outcome = try chain.query(contract: address, method: method, input: bytes, sender: sender, fuel: fuel)
            } catch {
                throw directory.describe(error)
            }
            var report = Report()
            report.line("status: \(outcome.status)")
            report.line("fuel consumed: \(outcome.fuelConsumed)")
            if !outcome.returnData.isEmpty { report.line("return: \(ReceiptReport.describe(outcome.returnData))") }
            ReceiptReport.addEvents(outcome.events, logs: outcome.logs, names: names, to: &report)
            report.line("(read-only at height \(chain.head.height): nothing committed)")
            var reason: JSONValue = .null
            switch outcome.status {
            case .success: break
            case .trapped(let message), .aborted(let message): reason = .string(message)
            }
            report.fields([
                ("height", .uint(chain.head.height)), ("status", .string(Self.statusName(outcome))), ("reason", reason),
                ("trapKind", outcome.trap.map { .string("\($0)") } ?? .null), ("fuelUsed", .uint(outcome.fuelConsumed)),
                ("returnData", .hex(outcome.returnData)),
            ])
            report.fields(ReceiptReport.eventMembers(outcome.events, logs: outcome.logs))
            if !outcome.status.isSuccess { report.failure = "query failed: \(outcome.status)" }
            return report
        }
    }

    /// The receipt status names: a query that runs out of fuel reads `outOfFuel`.
    static func statusName(_ outcome: ExecutionOutcome) -> String {
        switch outcome.status {
        case .success: "success"
        case .aborted: "aborted"
        case .trapped: outcome.trap == .outOfFuel ? "outOfFuel" : "trapped"
        }
    }
}

extension ContractAddress {
    /// The all-zero address.
    init(zeroes: ()) {
        // Sound: 32 bytes.
        try! self.init([UInt8](repeating: 0, count: ContractAddress.byteCount))
    }
}
