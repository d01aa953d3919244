/// Where a tree node is stored: the version that created it and its path.
///
/// Encoded as `prefix ‖ version (8 bytes, big-endian) ‖ nibble count (1 byte) ‖ packed
/// nibbles`, so one version's nodes are contiguous and later versions sort after earlier ones.
struct NodeKey: Hashable, Sendable {
    /// The version (block height) whose update wrote the node.
    var version: UInt64
    /// The node's position in the tree.
    var path: NibblePath

    /// The key without its one-byte prefix.
    var unprefixed: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(9 + path.packed.count)
        BigEndian.append(version, to: &bytes)
        bytes.append(UInt8(path.count))
        bytes.append(contentsOf: path.packed)
        return bytes
    }

    /// The store key of the node under `prefix`.
    func encoded(prefix: UInt8) -> [UInt8] {
        [prefix] + unprefixed
    }

    /// The node key in `bytes` from `offset` to the end; `nil` when malformed.
    init?(decoding bytes: [UInt8], from offset: Int) {
        guard bytes.count >= offset + 9 else { return nil }
        let count = Int(bytes[offset + 8])
        guard let path = NibblePath(count: count, packed: Array(bytes[(offset + 9)...])) else { return nil }
        self.init(version: BigEndian.read(UInt64.self, bytes, at: offset), path: path)
    }

    init(version: UInt64, path: NibblePath) {
        self.version = version
        self.path = path
    }
}

/// A stale-node record: the node at `node` is not part of any tree from version `since` on,
/// so it can be deleted once no version before `since` is kept.
///
/// Encoded as `stalePrefix ‖ since (8 bytes, big-endian) ‖ node key without its prefix`, with an
/// empty value, so the records of all versions up to some height form one key range.
struct StaleNodeKey: Hashable, Sendable {
    /// The first version whose tree no longer contains the node.
    var since: UInt64
    /// The stale node.
    var node: NodeKey

    /// The store key of the record under `prefix`.
    func encoded(prefix: UInt8) -> [UInt8] {
        var bytes: [UInt8] = [prefix]
        BigEndian.append(since, to: &bytes)
        bytes.append(contentsOf: node.unprefixed)
        return bytes
    }
}

/// A node key as plain integers, ordered exactly as its encoded bytes (version, nibble count,
/// packed nibbles zero-padded to 32 bytes), so an update's records sort without comparing or
/// copying byte arrays.
struct NodeSortKey: Comparable, Sendable {
    var version: UInt64
    var count: Int
    /// The packed nibbles as four big-endian words.
    var words: (UInt64, UInt64, UInt64, UInt64)

    init(_ key: NodeKey) {
        version = key.version
        count = key.path.count
        words = (0, 0, 0, 0)
        for (index, byte) in key.path.packed.enumerated() {
            let bits = UInt64(byte) << (56 - 8 * UInt64(index & 7))
            switch index >> 3 {
            case 0: words.0 |= bits
            case 1: words.1 |= bits
            case 2: words.2 |= bits
            default: words.3 |= bits
            }
        }
    }

    static func < (a: NodeSortKey, b: NodeSortKey) -> Bool {
        if a.version != b.version { return a.version < b.version }
        if a.count != b.count { return a.count < b.count }
        if a.words.0 != b.words.0 { return a.words.0 < b.words.0 }
        if a.words.1 != b.words.1 { return a.words.1 < b.words.1 }
        if a.words.2 != b.words.2 { return a.words.2 < b.words.2 }
        return a.words.3 < b.words.3
    }

    static func == (a: NodeSortKey, b: NodeSortKey) -> Bool {
        a.version == b.version && a.count == b.count && a.words == b.words
    }
}
