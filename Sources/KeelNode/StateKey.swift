import KeelHost
import KeelState

/// A state key decoded by namespace (docs/node.md, "State layout"), for readable diffs and
/// divergence reports.
public enum StateKey: Sendable, Hashable, CustomStringConvertible {
    /// `0x01`: a contract's storage key.
    case storage(contract: ContractAddress, key: [UInt8])
    /// `0x02`: the code hash a contract address maps to.
    case codeHash(contract: ContractAddress)
    /// `0x03`: a native balance.
    case balance(ContractAddress)
    /// `0x04`: module bytes under their hash.
    case code(hash: [UInt8])
    /// `0x05`: an account nonce.
    case nonce(ContractAddress)
    /// Anything else (an unknown namespace, or a key of the wrong length for its namespace).
    case unknown([UInt8])

    /// Decodes `key`.
    public init(decoding key: [UInt8]) {
        guard let tag = key.first else {
            self = .unknown(key)
            return
        }
        let rest = Array(key.dropFirst())
        let address = rest.count >= ContractAddress.byteCount ? try? ContractAddress(Array(rest.prefix(ContractAddress.byteCount))) : nil
        let exact = rest.count == ContractAddress.byteCount ? address : nil
        switch tag {
        case ContractStorage.namespaceTag where address != nil:
            self = .storage(contract: address!, key: Array(rest.dropFirst(ContractAddress.byteCount)))
        case ContractCode.namespaceTag where exact != nil: self = .codeHash(contract: exact!)
        case NativeBalances.namespaceTag where exact != nil: self = .balance(exact!)
        case ContractCode.codeNamespaceTag where rest.count == 32: self = .code(hash: rest)
        case Nonces.namespaceTag where exact != nil: self = .nonce(exact!)
        default: self = .unknown(key)
        }
    }

    public var description: String {
        switch self {
        case .storage(let contract, let key): "storage of \(contract), key \(Self.show(key))"
        case .codeHash(let contract): "code hash of \(contract)"
        case .balance(let address): "balance of \(address)"
        case .code(let hash): "code \(Hex.encode(hash))"
        case .nonce(let address): "nonce of \(address)"
        case .unknown(let key): "key 0x\(Hex.encode(key)) (no known namespace)"
        }
    }

    /// Bytes as hex, with their text when they are all printable ASCII.
    static func show(_ bytes: [UInt8]) -> String {
        let printable = !bytes.isEmpty && bytes.allSatisfy { (0x20...0x7E).contains($0) }
        return "0x\(Hex.encode(bytes))" + (printable ? " (\"\(String(decoding: bytes, as: UTF8.self))\")" : "")
    }
}
