import Crypto
import KeelCrypto

/// The hashing rules of the state tree (docs/state-tree.md, "Hashing").
///
/// Every hash is SHA-256. Leaves and branches are domain-separated by a leading tag byte,
/// and the empty subtree is the all-zero placeholder, which no SHA-256 output is known to be.
enum TreeHash {
    /// Bytes in every hash of the tree.
    static let byteCount = 32
    /// The hash of an empty subtree, and so the root of the empty tree.
    static let placeholder = [UInt8](repeating: 0, count: byteCount)
    /// First byte of a leaf's hash input.
    static let leafTag: UInt8 = 0x00
    /// First byte of a binary branch's hash input.
    static let branchTag: UInt8 = 0x01

    /// The key's path in the tree: SHA-256 of the key bytes.
    static func key(_ key: [UInt8]) -> [UInt8] { KeelCrypto.SHA256.hash(key) }

    /// The committed digest of a value: SHA-256 of the value bytes.
    static func value(_ value: [UInt8]) -> [UInt8] { KeelCrypto.SHA256.hash(value) }

    /// SHA-256(0x00 ‖ keyHash ‖ valueHash).
    static func leaf(keyHash: [UInt8], valueHash: [UInt8]) -> [UInt8] {
        tagged(leafTag, keyHash, valueHash)
    }

    /// SHA-256(0x01 ‖ left ‖ right): a binary node over two subtrees.
    static func branch(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        tagged(branchTag, left, right)
    }

    /// SHA-256(tag ‖ first ‖ second), hashed in place (no input buffer is built: this runs up
    /// to 15 times per changed internal node).
    private static func tagged(_ tag: UInt8, _ first: [UInt8], _ second: [UInt8]) -> [UInt8] {
        var hasher = Crypto.SHA256()
        // Sound: each buffer pointer is used only inside its closure, over memory the closure's
        // argument owns; the hasher copies the bytes.
        withUnsafeBytes(of: tag) { hasher.update(bufferPointer: $0) }
        first.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        second.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        // Sound: the digest's bytes are copied into the array inside the closure.
        return hasher.finalize().withUnsafeBytes { [UInt8]($0) }
    }

    /// Bit `index` of `hash` (0 is the most significant bit of byte 0).
    @inline(__always)
    static func bit(_ hash: [UInt8], _ index: Int) -> UInt8 {
        (hash[index >> 3] >> (7 - UInt8(index & 7))) & 1
    }

    /// Nibble `index` of `hash` (0 is the high nibble of byte 0).
    @inline(__always)
    static func nibble(_ hash: [UInt8], _ index: Int) -> Int {
        let byte = hash[index >> 1]
        return Int(index & 1 == 0 ? byte >> 4 : byte & 0x0F)
    }
}
