/// A path from the root to a node of the 16-ary tree: the first `count` nibbles of a key hash.
///
/// Stored packed, two nibbles a byte, high nibble first; a trailing unused low nibble is zero,
/// so equal paths have equal bytes.
struct NibblePath: Hashable, Sendable {
    /// The packed nibbles, `(count + 1) / 2` bytes.
    private(set) var packed: [UInt8]
    /// The number of nibbles, 0 (the root) to 64.
    private(set) var count: Int

    /// The root's path.
    static let root = NibblePath(packed: [], count: 0)

    private init(packed: [UInt8], count: Int) {
        self.packed = packed
        self.count = count
    }

    /// The path decoded from its node-key form; `nil` when `count` exceeds 64, `packed` has the
    /// wrong length or an unused low nibble is set.
    init?(count: Int, packed: [UInt8]) {
        guard count <= 64, packed.count == (count + 1) / 2 else { return nil }
        if count & 1 == 1, packed[packed.count - 1] & 0x0F != 0 { return nil }
        self.init(packed: packed, count: count)
    }

    /// The path one level down, through child slot `nibble` (0...15).
    func appending(_ nibble: Int) -> NibblePath {
        var next = self
        if count & 1 == 0 {
            next.packed.append(UInt8(nibble) << 4)
        } else {
            next.packed[packed.count - 1] |= UInt8(nibble)
        }
        next.count += 1
        return next
    }
}
