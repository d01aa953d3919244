import Crypto

/// Ed25519 signature verification (RFC 8032), computed by swift-crypto's
/// `Curve25519.Signing` (BoringSSL's implementation on Linux).
///
/// Determinism note: Ed25519 verifiers differ on edge cases (non-canonical encodings,
/// small-order points). Every node must use this same implementation; it rejects a
/// scalar `S >= L` and uses the cofactorless equation `[S]B = R + [k]A`.
public enum Ed25519 {
    /// Bytes in a public key.
    public static let publicKeyByteCount = 32
    /// Bytes in a signature.
    public static let signatureByteCount = 64

    /// Verifies `signature` over `message` by `publicKey`.
    ///
    /// - Returns: `false` for a wrong signature or a key that does not decode to a
    ///   curve point.
    /// - Throws: ``CryptoError/invalidLength(parameter:expected:actual:)`` for a
    ///   signature or key of the wrong length.
    public static func verify(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) throws(CryptoError) -> Bool {
        try CryptoError.checkLength(signature, "signature", signatureByteCount)
        try CryptoError.checkLength(publicKey, "publicKey", publicKeyByteCount)
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else {
            return false
        }
        return key.isValidSignature(signature, for: message)
    }
}
