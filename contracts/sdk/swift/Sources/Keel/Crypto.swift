// Hashes and signature checks, computed by the host.

/// Hash functions and signature verification.
///
/// The verify functions return `false` for an invalid signature and for malformed
/// inputs (wrong lengths, keys not on the curve); they never abort. Wrong lengths are
/// rejected here without calling the host (and without its fuel charge).
public enum Crypto {
  /// The SHA-256 digest (32 bytes) of `data`. Fuel: 100 + 2 per byte.
  public static func sha256(_ data: [UInt8]) -> [UInt8] {
    data.withUnsafeBytes { input in
      [UInt8](filling: 32) {
        keel_v1_sha256(input.baseAddress, Int32(truncatingIfNeeded: input.count), $0)
      }
    }
  }

  /// The Keccak-256 digest (32 bytes, Ethereum padding, not SHA3-256) of `data`.
  /// Fuel: 100 + 3 per byte.
  public static func keccak256(_ data: [UInt8]) -> [UInt8] {
    data.withUnsafeBytes { input in
      [UInt8](filling: 32) {
        keel_v1_keccak256(input.baseAddress, Int32(truncatingIfNeeded: input.count), $0)
      }
    }
  }

  /// Verifies an ECDSA secp256k1 `signature` (64-byte compact `r‖s`) of the 32-byte
  /// message `hash` by `publicKey` (33-byte compressed or 65-byte uncompressed SEC1).
  ///
  /// High-S signatures are rejected: only the lower of the two equivalent `s` values
  /// verifies. Fuel: 30000.
  public static func secp256k1Verify(
    hash: [UInt8], signature: [UInt8], publicKey: [UInt8]
  ) -> Bool {
    guard hash.count == 32, signature.count == 64,
      publicKey.count == 33 || publicKey.count == 65
    else { return false }
    return hash.withUnsafeBytes { hashBuffer in
      signature.withUnsafeBytes { signatureBuffer in
        publicKey.withUnsafeBytes { keyBuffer in
          keel_v1_secp256k1_verify(
            hashBuffer.baseAddress, signatureBuffer.baseAddress, keyBuffer.baseAddress,
            Int32(truncatingIfNeeded: keyBuffer.count))
        }
      }
    } == 1
  }

  /// Recovers the public key that made the secp256k1 `signature` (64-byte compact `r‖s`)
  /// of the 32-byte `hash`, given its `recoveryID` (0...3).
  ///
  /// Returns the key compressed (33 bytes) or uncompressed (65 bytes), or `nil` when
  /// recovery fails (bad lengths or id, high-S, no such key). Fuel: 35000.
  public static func secp256k1Recover(
    hash: [UInt8], signature: [UInt8], recoveryID: Int, compressed: Bool = true
  ) -> [UInt8]? {
    guard hash.count == 32, signature.count == 64, recoveryID >= 0, recoveryID <= 3 else {
      return nil
    }
    let keyLength = compressed ? 33 : 65
    var status: Int32 = 0
    let key = hash.withUnsafeBytes { hashBuffer in
      signature.withUnsafeBytes { signatureBuffer in
        [UInt8](filling: keyLength) {
          status = keel_v1_secp256k1_recover(
            hashBuffer.baseAddress, signatureBuffer.baseAddress, Int32(recoveryID), $0,
            Int32(keyLength))
        }
      }
    }
    return status == 1 ? key : nil
  }

  /// Verifies a BIP-340 Schnorr `signature` (64 bytes) of `message` (any length) by the
  /// 32-byte x-only `publicKey`. Fuel: 30000 + 1 per message byte.
  public static func schnorrVerify(
    message: [UInt8], signature: [UInt8], publicKey: [UInt8]
  ) -> Bool {
    guard signature.count == 64, publicKey.count == 32 else { return false }
    return message.withUnsafeBytes { messageBuffer in
      signature.withUnsafeBytes { signatureBuffer in
        publicKey.withUnsafeBytes { keyBuffer in
          keel_v1_schnorr_verify(
            messageBuffer.baseAddress, Int32(truncatingIfNeeded: messageBuffer.count),
            signatureBuffer.baseAddress, keyBuffer.baseAddress)
        }
      }
    } == 1
  }

  /// Verifies an RFC 8032 Ed25519 `signature` (64 bytes) of `message` (any length) by the
  /// 32-byte `publicKey`. Fuel: 25000 + 1 per message byte.
  public static func ed25519Verify(
    message: [UInt8], signature: [UInt8], publicKey: [UInt8]
  ) -> Bool {
    guard signature.count == 64, publicKey.count == 32 else { return false }
    return message.withUnsafeBytes { messageBuffer in
      signature.withUnsafeBytes { signatureBuffer in
        publicKey.withUnsafeBytes { keyBuffer in
          keel_v1_ed25519_verify(
            messageBuffer.baseAddress, Int32(truncatingIfNeeded: messageBuffer.count),
            signatureBuffer.baseAddress, keyBuffer.baseAddress)
        }
      }
    } == 1
  }
}
