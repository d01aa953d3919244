/// An error from the crypto layer: malformed input, or a key or signature that cannot
/// be used. Verification of a well-formed but wrong signature is not an error: it
/// returns `false`.
public enum CryptoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An input had the wrong number of bytes.
    case invalidLength(parameter: String, expected: [Int], actual: Int)
    /// A private key was zero or not below the curve order.
    case invalidPrivateKey
    /// A public key could not be parsed (not on the curve, or a bad prefix byte).
    case invalidPublicKey
    /// A signature could not be parsed (a scalar out of range) or is not in low-S form.
    case invalidSignature
    /// A recovery id was not 0, 1, 2 or 3.
    case invalidRecoveryId(Int)
    /// No public key could be recovered from the signature and message.
    case recoveryFailed
    /// libsecp256k1 refused to sign (practically unreachable with a valid key).
    case signingFailed

    /// A one-line description for logs and error messages.
    public var description: String {
        switch self {
        case .invalidLength(let parameter, let expected, let actual):
            let choices = expected.map(String.init).joined(separator: " or ")
            return "\(parameter) has \(actual) bytes, expected \(choices)"
        case .invalidPrivateKey: return "invalid secp256k1 private key"
        case .invalidPublicKey: return "invalid public key"
        case .invalidSignature: return "invalid or high-S signature"
        case .invalidRecoveryId(let id): return "invalid recovery id \(id), expected 0...3"
        case .recoveryFailed: return "public key recovery failed"
        case .signingFailed: return "signing failed"
        }
    }

    /// Throws ``invalidLength(parameter:expected:actual:)`` unless `bytes` has one of
    /// the `expected` lengths.
    static func checkLength(_ bytes: [UInt8], _ parameter: String, _ expected: Int...) throws(CryptoError) {
        guard expected.contains(bytes.count) else {
            throw .invalidLength(parameter: parameter, expected: expected, actual: bytes.count)
        }
    }
}
