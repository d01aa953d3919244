import CSecp256k1

extension Secp256k1 {
    /// Verifies a BIP-340 Schnorr signature.
    ///
    /// - Parameters:
    ///   - message: the signed message, of any length (BIP-340 allows variable-length
    ///     messages; usually a 32-byte hash).
    ///   - signature64: the 64-byte signature.
    ///   - xOnlyPublicKey32: the 32-byte x-only public key.
    /// - Returns: `false` for a wrong signature, a key not on the curve or scalars out
    ///   of range.
    /// - Throws: ``CryptoError/invalidLength(parameter:expected:actual:)`` for a
    ///   signature or key of the wrong length.
    public static func verifySchnorr(message: [UInt8], signature64: [UInt8], xOnlyPublicKey32: [UInt8]) throws(CryptoError) -> Bool {
        try CryptoError.checkLength(signature64, "signature64", signatureByteCount)
        try CryptoError.checkLength(xOnlyPublicKey32, "xOnlyPublicKey32", scalarByteCount)
        var key = secp256k1_xonly_pubkey()
        guard secp256k1_xonly_pubkey_parse(context, &key, xOnlyPublicKey32) == 1 else {
            return false
        }
        // Sound: an empty message may have no storage; libsecp256k1 permits a NULL
        // message only with length 0, and reads exactly `message.count` bytes otherwise.
        return message.withUnsafeBufferPointer { buffer in
            secp256k1_schnorrsig_verify(context, signature64, buffer.baseAddress, buffer.count, &key) == 1
        }
    }

    /// The 32-byte x-only public key of `privateKey` (BIP-340).
    public static func xOnlyPublicKey(privateKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        var keypair = try makeKeypair(privateKey)
        var key = secp256k1_xonly_pubkey()
        guard secp256k1_keypair_xonly_pub(context, &key, nil, &keypair) == 1 else {
            throw .invalidPrivateKey
        }
        var output = [UInt8](repeating: 0, count: scalarByteCount)
        _ = secp256k1_xonly_pubkey_serialize(context, &output, &key)
        return output
    }

    /// Signs a 32-byte message with BIP-340 Schnorr, using the given 32 bytes of
    /// auxiliary randomness (fixed in tests, so signatures are reproducible).
    public static func signSchnorr(message32: [UInt8], privateKey: [UInt8], auxiliaryRandom32: [UInt8]) throws(CryptoError) -> [UInt8] {
        try CryptoError.checkLength(message32, "message32", scalarByteCount)
        try CryptoError.checkLength(auxiliaryRandom32, "auxiliaryRandom32", scalarByteCount)
        var keypair = try makeKeypair(privateKey)
        var output = [UInt8](repeating: 0, count: signatureByteCount)
        guard secp256k1_schnorrsig_sign32(context, &output, message32, &keypair, auxiliaryRandom32) == 1 else {
            throw .signingFailed
        }
        return output
    }

    /// A libsecp256k1 keypair for a valid private key.
    private static func makeKeypair(_ privateKey: [UInt8]) throws(CryptoError) -> secp256k1_keypair {
        try checkPrivateKey(privateKey)
        var keypair = secp256k1_keypair()
        guard secp256k1_keypair_create(context, &keypair, privateKey) == 1 else {
            throw .invalidPrivateKey
        }
        return keypair
    }
}
