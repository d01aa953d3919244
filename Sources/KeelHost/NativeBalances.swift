import KeelState

/// Native token balances kept in the state: namespace tag `0x03` followed by the address,
/// holding the amount as 8 bytes, little-endian. An absent key is a zero balance.
public enum NativeBalances {
    /// The namespace tag of balances in the global key space.
    public static let namespaceTag: UInt8 = 0x03

    /// The state key of `address`'s balance.
    public static func key(for address: ContractAddress) -> [UInt8] {
        [namespaceTag] + address.bytes
    }

    /// `address`'s balance in `state`.
    ///
    /// - Throws: ``StateError`` from the store, or when the stored value is not 8 bytes.
    public static func balance(of address: ContractAddress, in state: any KeyValueReader) throws(StateError) -> UInt64 {
        guard let bytes = try state.get(key(for: address)) else { return 0 }
        guard bytes.count == 8 else {
            throw .invalidValue("balance of \(address) is \(bytes.count) bytes, expected 8")
        }
        return bytes.reversed().reduce(0) { ($0 << 8) | UInt64($1) }
    }

    /// Sets `address`'s balance in `overlay` (a zero balance deletes the key).
    public static func setBalance(_ amount: UInt64, of address: ContractAddress, in overlay: StateOverlay) {
        if amount == 0 {
            overlay.delete(key(for: address))
        } else {
            overlay.set(key(for: address), (0..<8).map { UInt8(truncatingIfNeeded: amount >> (8 * $0)) })
        }
    }

    /// Why a transfer did not happen.
    public enum TransferFailure: Error, Sendable, Hashable {
        /// The sender holds less than the amount.
        case insufficientBalance
        /// The recipient's balance would exceed 2^64 - 1.
        case overflow
    }

    /// Moves `amount` from `from` to `to` in `overlay`, or changes nothing and reports why not.
    public static func transfer(
        _ amount: UInt64, from: ContractAddress, to: ContractAddress, in overlay: StateOverlay
    ) throws(StateError) -> TransferFailure? {
        let source = try balance(of: from, in: overlay)
        guard source >= amount else { return .insufficientBalance }
        if from == to || amount == 0 { return nil }
        let target = try balance(of: to, in: overlay)
        let (sum, overflow) = target.addingReportingOverflow(amount)
        if overflow { return .overflow }
        setBalance(source - amount, of: from, in: overlay)
        setBalance(sum, of: to, in: overlay)
        return nil
    }
}
