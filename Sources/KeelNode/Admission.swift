/// The checks a transaction passes before it enters a block, and again when it executes
/// (docs/node.md, "Admission").
enum Admission {
    /// Checks `transaction` against the chain's parameters and its sender's `nonce` and
    /// `balance`, in the order chain id, nonce, fuel limit, cost, balance. Returns the most
    /// it may cost (fuel limit × fuel price + value).
    static func check(
        _ transaction: VerifiedTransaction, parameters: ConsensusParameters, nonce: UInt64, balance: UInt64
    ) throws(AdmissionError) -> UInt64 {
        let fields = transaction.transaction
        guard fields.chainId == parameters.chainId else {
            throw .chainId(expected: parameters.chainId, actual: fields.chainId)
        }
        guard fields.nonce == nonce else { throw .nonce(expected: nonce, actual: fields.nonce) }
        let intrinsic = parameters.intrinsicFuel.fuel(byteCount: transaction.encoded.count)
        guard fields.fuelLimit >= intrinsic, fields.fuelLimit <= parameters.fuelPerBlock else {
            throw .fuelLimit(limit: fields.fuelLimit, minimum: intrinsic, maximum: parameters.fuelPerBlock)
        }
        let (fees, feeOverflow) = fields.fuelLimit.multipliedReportingOverflow(by: fields.fuelPrice)
        let (cost, costOverflow) = fees.addingReportingOverflow(fields.payload.value)
        guard !feeOverflow, !costOverflow else { throw .costOverflow }
        guard balance >= cost else { throw .balance(required: cost, available: balance) }
        return cost
    }
}
