import CSecp256k1

extension Secp256k1 {
    /// Recovers the public key that produced a recoverable ECDSA signature (Ethereum's
    /// `ecrecover`, before hashing the key into an address).
    ///
    /// - Parameters:
    ///   - message32: the 32-byte hash that was signed.
    ///   - signature64: `r || s`, 32 bytes each, big-endian; must be low-S.
    ///   - recoveryId: 0...3 (Ethereum's `v - 27` for legacy signatures).
    ///   - compressed: return the 33-byte compressed key instead of the 65-byte one.
    /// - Throws: ``CryptoError/invalidLength(parameter:expected:actual:)``,
    ///   ``CryptoError/invalidRecoveryId(_:)``, ``CryptoError/invalidSignature`` (scalars
    ///   out of range or high-S), ``CryptoError/recoveryFailed`` (no such key).
    public static func recover(
        message32: [UInt8],
        signature64: [UInt8],
        recoveryId: Int,
        compressed: Bool = false
    ) throws(CryptoError) -> [UInt8] {
        try CryptoError.checkLength(message32, "message32", scalarByteCount)
        try CryptoError.checkLength(signature64, "signature64", signatureByteCount)
        // Checked here: libsecp256k1 treats an id outside 0...3 as an illegal argument.
        guard (0...3).contains(recoveryId) else { throw .invalidRecoveryId(recoveryId) }
        var recoverable = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_recoverable_signature_parse_compact(context, &recoverable, signature64, Int32(recoveryId)) == 1 else {
            throw .invalidSignature
        }
        // Reject high-S, as verification does: normalize reports whether `s` was high.
        var plain = secp256k1_ecdsa_signature()
        _ = secp256k1_ecdsa_recoverable_signature_convert(context, &plain, &recoverable)
        guard secp256k1_ecdsa_signature_normalize(context, nil, &plain) == 0 else {
            throw .invalidSignature
        }
        var key = secp256k1_pubkey()
        guard secp256k1_ecdsa_recover(context, &key, &recoverable, message32) == 1 else {
            throw .recoveryFailed
        }
        return serialize(key, compressed: compressed)
    }

    /// Signs a 32-byte message hash (RFC 6979 nonces, low-S) and returns the compact
    /// signature with its recovery id (0...3).
    public static func signRecoverable(
        message32: [UInt8],
        privateKey: [UInt8]
    ) throws(CryptoError) -> (signature64: [UInt8], recoveryId: Int) {
        try CryptoError.checkLength(message32, "message32", scalarByteCount)
        try checkPrivateKey(privateKey)
        var recoverable = secp256k1_ecdsa_recoverable_signature()
        guard secp256k1_ecdsa_sign_recoverable(context, &recoverable, message32, privateKey, nil, nil) == 1 else {
            throw .signingFailed
        }
        var output = [UInt8](repeating: 0, count: signatureByteCount)
        var recoveryId: Int32 = 0
        _ = secp256k1_ecdsa_recoverable_signature_serialize_compact(context, &output, &recoveryId, &recoverable)
        return (output, Int(recoveryId))
    }
}
