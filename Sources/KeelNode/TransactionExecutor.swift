import Keel
import KeelHost
import KeelState

/// Applies one transaction to a block's state (docs/node.md, "Execution and fees").
///
/// The transaction runs in its own overlay over the block's: its sender pays fuel limit ×
/// fuel price up front and its nonce is bumped; the payload runs in a checkpoint with the
/// fuel limit minus the intrinsic fuel; a failure reverts everything since that checkpoint.
/// Then the unused fuel is refunded to the sender and fuel used × price is credited to the
/// block's proposer. Deterministic: no clock, no randomness, no hash-ordered iteration.
struct TransactionExecutor {
    let host: ContractHost
    let parameters: ConsensusParameters
    let block: BlockContext
    let proposer: ContractAddress

    /// What one payload run produced, before fees.
    private struct Run {
        var status: ReceiptStatus
        var consumed: UInt64 = 0
        var returnData: [UInt8] = []
        var events: [ContractEvent] = []
        var logs: [ContractLog] = []
    }

    /// Applies `transaction` to `state` and returns its receipt and net write set (already
    /// applied to `state`).
    ///
    /// - Throws: only failures of the state itself (``StateError``).
    func apply(_ transaction: VerifiedTransaction, to state: StateOverlay) throws -> (Receipt, [StateChange]) {
        let overlay = StateOverlay(base: state)
        let fields = transaction.transaction
        let sender = transaction.sender
        let nonce = try Nonces.nonce(of: sender, in: overlay)
        let balance = try NativeBalances.balance(of: sender, in: overlay)
        do throws(AdmissionError) {
            _ = try Admission.check(transaction, parameters: parameters, nonce: nonce, balance: balance)
        } catch {
            return (Receipt.invalid(error.description), [])
        }
        let intrinsic = parameters.intrinsicFuel.fuel(byteCount: transaction.encoded.count)
        // Sound arithmetic: admission checked fuel limit × price + value fits and is covered.
        let prepaid = fields.fuelLimit * fields.fuelPrice
        NativeBalances.setBalance(balance - prepaid, of: sender, in: overlay)
        Nonces.setNonce(nonce + 1, of: sender, in: overlay)

        let checkpoint = overlay.checkpoint()
        let run = try execute(fields.payload, sender: sender, nonce: nonce, fuel: fields.fuelLimit - intrinsic, in: overlay)
        if run.status.isSuccess {
            try overlay.commit(checkpoint)
        } else {
            try overlay.revert(to: checkpoint)
        }
        let fuelUsed = run.status == .outOfFuel ? fields.fuelLimit : intrinsic + min(run.consumed, fields.fuelLimit - intrinsic)
        try credit((fields.fuelLimit - fuelUsed) * fields.fuelPrice, to: sender, in: overlay)
        try credit(fuelUsed * fields.fuelPrice, to: proposer, in: overlay)

        let changes = overlay.writeSet()
        state.apply(changes)
        let receipt = Receipt(
            status: run.status, fuelUsed: fuelUsed, returnData: run.returnData, events: run.events, logs: run.logs,
            writeSetHash: WriteSet.hash(changes))
        return (receipt, changes)
    }

    /// Runs the payload in `overlay` with `fuel`; a successful run's writes are in `overlay`.
    private func execute(_ payload: Payload, sender: ContractAddress, nonce: UInt64, fuel: UInt64, in overlay: StateOverlay) throws -> Run {
        switch payload {
        case .transfer(let to, let amount):
            if let failure = try NativeBalances.transfer(amount, from: sender, to: to, in: overlay) {
                return Run(status: .rejected(Self.describe(failure, to: to)))
            }
            return Run(status: .success)
        case .deploy(let code, let initInput, let value):
            let address = Account.contractAddress(deployer: sender, nonce: nonce)
            if let failure = try NativeBalances.transfer(value, from: sender, to: address, in: overlay) {
                return Run(status: .rejected(Self.describe(failure, to: address)))
            }
            let outcome: ExecutionOutcome
            do {
                outcome = try host.deploy(code: code, at: address, sender: sender, input: initInput, fuel: fuel, state: overlay, block: block)
            } catch let error as ContractHost.DeployError {
                return Run(status: .rejected(error.description))
            }
            var run = Self.run(of: outcome, in: overlay)
            if run.status.isSuccess { run.returnData = address.bytes }
            return run
        case .call(let contract, let method, let input, let value):
            if let failure = try NativeBalances.transfer(value, from: sender, to: contract, in: overlay) {
                return Run(status: .rejected(Self.describe(failure, to: contract)))
            }
            let outcome = try host.execute(
                contract: contract, method: method, input: input, sender: sender, fuel: fuel, state: overlay, block: block)
            return Self.run(of: outcome, in: overlay)
        }
    }

    /// The run an execution outcome describes; a success's writes are applied to `overlay`.
    private static func run(of outcome: ExecutionOutcome, in overlay: StateOverlay) -> Run {
        let status: ReceiptStatus = switch outcome.status {
        case .success: .success
        case .aborted(let message): .aborted(message)
        case .trapped(let message): outcome.trap == .outOfFuel ? .outOfFuel : .trapped(outcome.trap ?? .host, message)
        }
        if status.isSuccess { overlay.apply(outcome.writeSet) }
        return Run(status: status, consumed: outcome.fuelConsumed, returnData: outcome.returnData, events: outcome.events, logs: outcome.logs)
    }

    private static func describe(_ failure: NativeBalances.TransferFailure, to: ContractAddress) -> String {
        switch failure {
        case .insufficientBalance: "insufficient balance for the transferred value"
        case .overflow: "balance overflow: \(to) cannot hold more than 2^64 - 1"
        }
    }

    /// Adds `amount` to `address`'s balance. Fees move tokens that exist, so the sum fits
    /// whenever the genesis supply does; otherwise the state is corrupt.
    private func credit(_ amount: UInt64, to address: ContractAddress, in overlay: StateOverlay) throws(StateError) {
        guard amount > 0 else { return }
        let (sum, overflow) = try NativeBalances.balance(of: address, in: overlay).addingReportingOverflow(amount)
        guard !overflow else { throw .invalidValue("balance of \(address) exceeds 2^64 - 1 (total supply broken)") }
        NativeBalances.setBalance(sum, of: address, in: overlay)
    }
}
