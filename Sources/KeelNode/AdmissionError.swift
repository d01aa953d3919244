import KeelState

/// Why a transaction is not admitted (before a block), or is invalid inside one. Each case
/// names the field at fault.
public enum AdmissionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are not a canonical signed transaction.
    case encoding(FormatError)
    /// No sender can be recovered from the signature.
    case signature(String)
    /// The transaction is for another chain.
    case chainId(expected: UInt64, actual: UInt64)
    /// The nonce is not the sender's next one.
    case nonce(expected: UInt64, actual: UInt64)
    /// The fuel limit is below the intrinsic fuel or above the block's fuel.
    case fuelLimit(limit: UInt64, minimum: UInt64, maximum: UInt64)
    /// fuel limit × fuel price + value overflows 2^64 - 1.
    case costOverflow
    /// The sender's balance is below fuel limit × fuel price + value.
    case balance(required: UInt64, available: UInt64)
    /// A transaction with this hash is already pending or on the chain.
    case duplicate([UInt8])

    /// The transaction field the error is about.
    public var field: String {
        switch self {
        case .encoding(let error): error.field
        case .signature: "signature"
        case .chainId: "chainId"
        case .nonce: "nonce"
        case .fuelLimit: "fuelLimit"
        case .costOverflow: "fuelPrice"
        case .balance: "balance"
        case .duplicate: "hash"
        }
    }

    public var description: String {
        switch self {
        case .encoding(let error): "malformed transaction: \(error)"
        case .signature(let reason): "signature: \(reason)"
        case .chainId(let expected, let actual): "chainId: \(actual), this chain is \(expected)"
        case .nonce(let expected, let actual): "nonce: \(actual), the sender's next nonce is \(expected)"
        case .fuelLimit(let limit, let minimum, let maximum): "fuelLimit: \(limit), must be within \(minimum)...\(maximum)"
        case .costOverflow: "fuelPrice: fuel limit × fuel price + value exceeds 2^64 - 1"
        case .balance(let required, let available): "balance: the sender holds \(available), the transaction may cost \(required)"
        case .duplicate(let hash): "hash: transaction \(Hex.encode(hash)) is already known"
        }
    }
}

