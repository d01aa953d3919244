import CSecp256k1

extension Secp256k1 {
    /// Verifies a compact ECDSA signature over a 32-byte message hash.
    ///
    /// - Parameters:
    ///   - message32: the 32-byte hash that was signed.
    ///   - signature64: `r || s`, 32 bytes each, big-endian.
    ///   - publicKey: 33-byte compressed or 65-byte uncompressed key.
    /// - Returns: `true` only for a valid low-S signature by `publicKey`; `false` for a
    ///   wrong or high-S signature, scalars out of range, or a key not on the curve.
    /// - Throws: ``CryptoError/invalidLength(parameter:expected:actual:)`` for inputs of
    ///   the wrong length.
    public static func verifyECDSA(message32: [UInt8], signature64: [UInt8], publicKey: [UInt8]) throws(CryptoError) -> Bool {
        try CryptoError.checkLength(message32, "message32", scalarByteCount)
        try CryptoError.checkLength(signature64, "signature64", signatureByteCount)
        try CryptoError.checkLength(publicKey, "publicKey", compressedPublicKeyByteCount, uncompressedPublicKeyByteCount)
        guard var key = try? parsePublicKey(publicKey) else { return false }
        var signature = secp256k1_ecdsa_signature()
        // Sound: every buffer has the length the function reads (checked above).
        guard secp256k1_ecdsa_signature_parse_compact(context, &signature, signature64) == 1 else {
            return false
        }
        // libsecp256k1 rejects signatures that are not in low-S form here.
        return secp256k1_ecdsa_verify(context, &signature, message32, &key) == 1
    }

    /// Signs a 32-byte message hash with RFC 6979 deterministic nonces, giving a
    /// low-S compact signature (`r || s`).
    public static func sign(message32: [UInt8], privateKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        try CryptoError.checkLength(message32, "message32", scalarByteCount)
        try checkPrivateKey(privateKey)
        var signature = secp256k1_ecdsa_signature()
        // A NULL nonce function selects RFC 6979.
        guard secp256k1_ecdsa_sign(context, &signature, message32, privateKey, nil, nil) == 1 else {
            throw .signingFailed
        }
        var output = [UInt8](repeating: 0, count: signatureByteCount)
        _ = secp256k1_ecdsa_signature_serialize_compact(context, &output, &signature)
        return output
    }
}
