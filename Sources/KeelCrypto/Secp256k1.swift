import CSecp256k1

/// secp256k1 signatures through libsecp256k1 (Debian's `libsecp256k1-dev`, with the
/// recovery, extrakeys and schnorrsig modules).
///
/// All functions use one shared context (see `Secp256k1Context`) and are safe to call
/// from any thread. Inputs of the wrong length throw
/// ``CryptoError/invalidLength(parameter:expected:actual:)``; nothing here traps on bad
/// input.
///
/// Malleability policy: ECDSA signatures must be in **low-S** form (`s <= n/2`), the
/// rule of Bitcoin's standardness and Ethereum's transaction signatures (EIP-2).
/// ``verifyECDSA(message32:signature64:publicKey:)`` returns `false` for a high-S
/// signature (libsecp256k1's verifier accepts only normalized signatures) and
/// ``recover(message32:signature64:recoveryId:compressed:)`` throws
/// ``CryptoError/invalidSignature`` for one. Nothing is normalized silently. The signing
/// helpers always produce low-S signatures.
public enum Secp256k1 {
    /// Bytes in a private key, a message hash, an x-only key and a signature half.
    public static let scalarByteCount = 32
    /// Bytes in a compact signature (`r || s`, big-endian).
    public static let signatureByteCount = 64
    /// Bytes in a compressed public key (`0x02`/`0x03` prefix and `x`).
    public static let compressedPublicKeyByteCount = 33
    /// Bytes in an uncompressed public key (`0x04` prefix, `x` and `y`).
    public static let uncompressedPublicKeyByteCount = 65

    /// The shared context pointer.
    static var context: OpaquePointer { Secp256k1Context.shared.pointer }

    /// Parses a compressed (33-byte, prefix 2 or 3) or uncompressed (65-byte, prefix 4)
    /// public key. The "hybrid" encodings (prefix 6 or 7) libsecp256k1 also accepts are
    /// rejected, so exactly one encoding per length is valid.
    static func parsePublicKey(_ bytes: [UInt8]) throws(CryptoError) -> secp256k1_pubkey {
        try CryptoError.checkLength(bytes, "publicKey", compressedPublicKeyByteCount, uncompressedPublicKeyByteCount)
        let prefixOK = bytes.count == compressedPublicKeyByteCount
            ? (bytes[0] == 0x02 || bytes[0] == 0x03)
            : bytes[0] == 0x04
        var key = secp256k1_pubkey()
        // Sound: `bytes` holds `bytes.count` readable bytes for the call; the library
        // writes only into `key`.
        guard prefixOK, secp256k1_ec_pubkey_parse(context, &key, bytes, bytes.count) == 1 else {
            throw .invalidPublicKey
        }
        return key
    }

    /// Serializes a public key, compressed (33 bytes) or uncompressed (65 bytes).
    static func serialize(_ key: secp256k1_pubkey, compressed: Bool) -> [UInt8] {
        var key = key
        var output = [UInt8](repeating: 0, count: uncompressedPublicKeyByteCount)
        var length = output.count
        let flags = UInt32(compressed ? SECP256K1_EC_COMPRESSED : SECP256K1_EC_UNCOMPRESSED)
        // Sound: `output` has room for 65 bytes and `length` says so; the library sets
        // `length` to the bytes written. It always succeeds for a valid key.
        _ = secp256k1_ec_pubkey_serialize(context, &output, &length, &key, flags)
        return Array(output.prefix(length))
    }

    /// Checks that `privateKey` has 32 bytes and is a valid scalar (`0 < k < n`).
    static func checkPrivateKey(_ privateKey: [UInt8]) throws(CryptoError) {
        try CryptoError.checkLength(privateKey, "privateKey", scalarByteCount)
        guard secp256k1_ec_seckey_verify(context, privateKey) == 1 else {
            throw .invalidPrivateKey
        }
    }

    /// The public key of `privateKey`, compressed (33 bytes) or uncompressed (65 bytes).
    public static func publicKey(privateKey: [UInt8], compressed: Bool = true) throws(CryptoError) -> [UInt8] {
        try checkPrivateKey(privateKey)
        var key = secp256k1_pubkey()
        guard secp256k1_ec_pubkey_create(context, &key, privateKey) == 1 else {
            throw .invalidPrivateKey
        }
        return serialize(key, compressed: compressed)
    }
}
