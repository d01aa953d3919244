import Crypto

/// SHA-256 (FIPS 180-4), computed by swift-crypto.
public enum SHA256 {
    /// Bytes in a digest.
    public static let byteCount = 32

    /// The SHA-256 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        // The digest's bytes copied at once (converting it as a `Sequence` goes byte by byte
        // through its iterator, which cost more than hashing a short input).
        Crypto.SHA256.hash(data: bytes).withUnsafeBytes { Array($0) }
    }
}
