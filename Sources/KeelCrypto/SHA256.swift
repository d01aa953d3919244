import Crypto

/// SHA-256 (FIPS 180-4), computed by swift-crypto.
public enum SHA256 {
    /// Bytes in a digest.
    public static let byteCount = 32

    /// The SHA-256 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: bytes))
    }
}
