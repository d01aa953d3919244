import KeelCrypto

/// The binary Merkle root of a list of 32-byte hashes (a block's transaction hashes or
/// receipt hashes; docs/node.md, "Blocks"):
///
/// - the empty list's root is 32 zero bytes;
/// - each leaf is SHA-256(0x00 ‖ hash);
/// - each level pairs neighbours as SHA-256(0x01 ‖ left ‖ right); an odd last node moves up
///   unchanged; the single node left is the root.
public enum MerkleRoot {
    /// The root of `hashes`, in order.
    public static func of(_ hashes: [[UInt8]]) -> [UInt8] {
        guard !hashes.isEmpty else { return [UInt8](repeating: 0, count: 32) }
        var level = hashes.map { SHA256.hash([0x00] + $0) }
        while level.count > 1 {
            var next: [[UInt8]] = []
            next.reserveCapacity((level.count + 1) / 2)
            var k = 0
            while k + 1 < level.count {
                next.append(SHA256.hash([0x01] + level[k] + level[k + 1]))
                k += 2
            }
            if k < level.count { next.append(level[k]) }
            level = next
        }
        return level[0]
    }
}
