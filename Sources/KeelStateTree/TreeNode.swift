/// A stored tree node, and its record format (docs/state-tree.md, "Storage").
///
/// - empty (only at the root of an empty tree): `0x00`
/// - internal: `0x01 ‖ occupied bitmap (u16) ‖ leaf bitmap (u16) ‖ per occupied slot in
///   nibble order: version (u64) ‖ hash (32)`; bit `i` of a bitmap (value `1 << i`) is slot `i`
/// - leaf: `0x02 ‖ key hash (32) ‖ value hash (32) ‖ value`
enum TreeNode: Equatable, Sendable {
    case empty
    case `internal`(InternalNode)
    case leaf(LeafNode)

    static let emptyTag: UInt8 = 0x00
    static let internalTag: UInt8 = 0x01
    static let leafTag: UInt8 = 0x02

    /// The node's hash.
    var hash: [UInt8] {
        switch self {
        case .empty: TreeHash.placeholder
        case .internal(let node): node.hash
        case .leaf(let leaf): leaf.hash
        }
    }

    /// The node's record bytes.
    var encoded: [UInt8] {
        switch self {
        case .empty:
            return [Self.emptyTag]
        case .internal(let node):
            var occupied: UInt16 = 0
            var leaves: UInt16 = 0
            for (slot, child) in node.children.enumerated() {
                guard let child else { continue }
                occupied |= 1 << slot
                if child.isLeaf { leaves |= 1 << slot }
            }
            var bytes: [UInt8] = [Self.internalTag]
            bytes.reserveCapacity(5 + occupied.nonzeroBitCount * 40)
            BigEndian.append(occupied, to: &bytes)
            BigEndian.append(leaves, to: &bytes)
            for child in node.children {
                guard let child else { continue }
                BigEndian.append(child.version, to: &bytes)
                bytes.append(contentsOf: child.hash)
            }
            return bytes
        case .leaf(let leaf):
            var bytes: [UInt8] = [Self.leafTag]
            bytes.reserveCapacity(65 + leaf.value.count)
            bytes.append(contentsOf: leaf.keyHash)
            bytes.append(contentsOf: leaf.valueHash)
            bytes.append(contentsOf: leaf.value)
            return bytes
        }
    }

    /// Decodes a node record; the error names what is wrong.
    init(decoding bytes: [UInt8]) throws(NodeDecodingError) {
        guard let tag = bytes.first else { throw NodeDecodingError("empty record") }
        switch tag {
        case Self.emptyTag:
            guard bytes.count == 1 else { throw NodeDecodingError("empty node with \(bytes.count - 1) trailing bytes") }
            self = .empty
        case Self.internalTag:
            guard bytes.count >= 5 else { throw NodeDecodingError("internal node truncated in its bitmaps") }
            let occupied = BigEndian.read(UInt16.self, bytes, at: 1)
            let leaves = BigEndian.read(UInt16.self, bytes, at: 3)
            guard leaves & ~occupied == 0 else { throw NodeDecodingError("leaf bitmap marks empty slots") }
            guard occupied != 0 else { throw NodeDecodingError("internal node without children") }
            let expected = 5 + occupied.nonzeroBitCount * 40
            guard bytes.count == expected else {
                throw NodeDecodingError("internal node has \(bytes.count) bytes, its bitmap needs \(expected)")
            }
            var children = [ChildEntry?](repeating: nil, count: 16)
            var offset = 5
            for slot in 0..<16 where occupied & (1 << slot) != 0 {
                children[slot] = ChildEntry(
                    version: BigEndian.read(UInt64.self, bytes, at: offset),
                    hash: Array(bytes[(offset + 8)..<(offset + 40)]),
                    isLeaf: leaves & (1 << slot) != 0)
                offset += 40
            }
            self = .internal(InternalNode(children: children))
        case Self.leafTag:
            guard bytes.count >= 65 else { throw NodeDecodingError("leaf truncated: \(bytes.count) bytes, at least 65") }
            self = .leaf(LeafNode(
                keyHash: Array(bytes[1..<33]), valueHash: Array(bytes[33..<65]), value: Array(bytes[65...])))
        default:
            throw NodeDecodingError("unknown node tag \(tag)")
        }
    }
}

/// Why a node record could not be decoded.
struct NodeDecodingError: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
