import ArgumentParser
import Foundation
import Keel
import KeelHost
import KeelState
import WAT

/// `keel exec CONTRACT [METHOD]`: runs one call of a contract against a LevelDB state
/// directory with the contract profile, committing its writes on success.
struct ExecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a contract method against a local state directory (contract profile, ABI keel_v1).",
        discussion: """
            The contract's address is the SHA-256 of its module bytes. With --init the contract is \
            deployed first (its `init` export runs; it gets --input when no METHOD is given); then \
            METHOD runs with --input, if given. \
            Everything is committed to the state together on success and discarded on a trap or abort.
            """
    )

    @Argument(help: "The contract module: binary (.wasm) or text (.wat).")
    var contract: String

    @Argument(help: "The method (an export of type () -> ()) to call.")
    var method: String?

    @Option(name: .long, help: "Call input: hex digits (optionally 0x-prefixed), or @FILE for a file's bytes.")
    var input: String?

    @Option(name: .long, help: "The state directory (a LevelDB database, created if missing).")
    var state = ".keel/state"

    @Option(name: .long, help: "The calling address: 64 hex digits.")
    var caller: String = String(repeating: "0", count: 64)

    @Option(name: .long, help: "Fuel for the execution, deploy included.")
    var fuel: UInt64 = 100_000_000

    @Flag(name: .long, help: "Deploy the contract first, running its init export if it has one.")
    var `init` = false

    @Option(name: .long, help: "The block height contracts see.")
    var height: UInt64 = 1

    @Option(name: .long, help: "The block time contracts see (seconds since the Unix epoch).")
    var time: UInt64 = 0

    @OptionGroup var backend: BackendOption

    @Flag(name: .customLong("no-float"), help: "Reject contracts that use f32 or f64 anywhere.")
    var noFloat = false

    func validate() throws {
        if method == nil && !`init` { throw ValidationError("nothing to do: give a METHOD, --init, or both") }
        if HexBytes.parse(caller)?.count != ContractAddress.byteCount {
            throw ValidationError("--caller must be 64 hex digits (a 32-byte address), got \"\(caller)\"")
        }
    }

    func run() throws {
        var configuration = EngineConfiguration.contract
        configuration.backend = backend.engine
        configuration.allowFloats = !noFloat
        let engine: Engine
        do {
            engine = try Engine(configuration: configuration)
        } catch {
            throw Diagnostics.fail(error.description)
        }
        let code = try loadCode()
        let input = try loadInput()
        let sender = try! ContractAddress(HexBytes.parse(caller)!)
        let address = ContractCode.address(of: code)
        let database = try openState()
        let host = ContractHost(engine: engine, resolver: StateContractResolver(engine: engine))
        let block = BlockContext(height: height, time: time)
        print("contract: \(address.hex)")

        // Deploy and call share one overlay, so they are committed together or not at all.
        let pending = StateOverlay(base: database)
        var fuelLeft = fuel
        var consumed: UInt64 = 0
        if `init` {
            let outcome: ExecutionOutcome
            do {
                outcome = try host.deploy(
                    code: code, at: address, sender: sender, input: method == nil ? input : [], fuel: fuelLeft, state: pending,
                    block: block)
            } catch {
                throw Diagnostics.fail("deploy failed: \(error)")
            }
            report(outcome, step: "deploy")
            consumed += outcome.fuelConsumed
            guard outcome.status.isSuccess else { return try finish(outcome.status, consumed: consumed) }
            pending.apply(outcome.writeSet)
            fuelLeft -= outcome.fuelConsumed
        } else {
            let deployed: Bool
            do {
                deployed = try ContractCode.code(at: address, in: database) != nil
            } catch {
                throw Diagnostics.fail("cannot read state \(state): \(error)")
            }
            if !deployed { throw Diagnostics.fail("contract \(address.hex) is not deployed in \(state); run with --init first") }
        }
        if let method {
            let outcome: ExecutionOutcome
            do {
                outcome = try host.execute(
                    contract: address, method: method, input: input, sender: sender, fuel: fuelLeft, state: pending, block: block)
            } catch {
                throw Diagnostics.fail("state error: \(error)")
            }
            report(outcome, step: method)
            consumed += outcome.fuelConsumed
            guard outcome.status.isSuccess else { return try finish(outcome.status, consumed: consumed) }
            pending.apply(outcome.writeSet)
        }
        do {
            try database.write(WriteBatch(pending.writeSet()), sync: true)
        } catch {
            throw Diagnostics.fail("cannot commit to \(state): \(error)")
        }
        try finish(.success, consumed: consumed)
    }

    /// Prints one step's status, return data, events and logs.
    private func report(_ outcome: ExecutionOutcome, step: String) {
        print("\(step): \(outcome.status)")
        if !outcome.returnData.isEmpty { print("return: 0x\(Hex.encode(outcome.returnData))") }
        for event in outcome.events {
            print(ReceiptReport.eventLine(event, from: event.contract.hex))
        }
        for log in outcome.logs { print("log: \(log.message)") }
    }

    /// Prints the fuel consumed; fails with the status's message unless it succeeded.
    private func finish(_ status: CallStatus, consumed: UInt64) throws {
        // What was printed comes before the summary, also when both streams share a pipe.
        fflush(nil)  // nil flushes every output stream
        FileHandle.standardError.write(Data("fuel consumed: \(consumed)\n".utf8))
        switch status {
        case .success: return
        case .trapped(let message): throw Diagnostics.fail("trap: \(message) (nothing committed)")
        case .aborted(let message): throw Diagnostics.fail("aborted: \(message) (nothing committed)")
        }
    }

    private func loadCode() throws -> [UInt8] {
        let data: Data
        do throws(CommandFailure) { data = try InputFiles.read(contract, what: "file") } catch {
            throw Diagnostics.fail(error.description, error.code)
        }
        guard contract.lowercased().hasSuffix(".wat") else { return [UInt8](data) }
        do {
            return try wat2wasm(String(decoding: data, as: UTF8.self), features: [.referenceTypes])
        } catch {
            throw Diagnostics.fail("text format: \(error)")
        }
    }

    private func loadInput() throws -> [UInt8] {
        do throws(CommandFailure) {
            return try ByteArgument.parse(input, option: "--input")
        } catch {
            throw Diagnostics.fail(error.description, error.code)
        }
    }

    private func openState() throws -> LevelDBStore {
        do {
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
            return try LevelDBStore(path: state)
        } catch {
            throw Diagnostics.fail("cannot open state \(state): \(error)")
        }
    }
}
