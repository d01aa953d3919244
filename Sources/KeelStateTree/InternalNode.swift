/// A child slot of an internal node: where the child is stored and its hash.
struct ChildEntry: Equatable, Sendable {
    /// The version that wrote the child; its node key is (version, parent path + slot).
    var version: UInt64
    /// The child's hash (a leaf hash or an internal node's hash).
    var hash: [UInt8]
    /// Whether the child is a leaf.
    var isLeaf: Bool
}

/// An internal node: 16 child slots, one per nibble, hashed as a binary Merkle tree of four
/// levels over the slots in which a range holding a single leaf is that leaf's hash
/// (docs/state-tree.md, "Internal nodes").
struct InternalNode: Equatable, Sendable {
    /// The 16 slots, indexed by nibble; `nil` is empty.
    var children: [ChildEntry?]

    init(children: [ChildEntry?]) {
        precondition(children.count == 16, "an internal node has 16 slots")
        self.children = children
    }

    /// The node's hash: the binary Merkle root over all 16 slots.
    var hash: [UInt8] { subtreeHash(start: 0, width: 16) }

    /// How many slots in `start..<start+width` are occupied, and the last of them.
    private func occupancy(start: Int, width: Int) -> (count: Int, last: Int) {
        var count = 0
        var last = -1
        for slot in start..<start + width where children[slot] != nil {
            count += 1
            last = slot
        }
        return (count, last)
    }

    /// The hash of the binary subtree over slots `start..<start+width` (width a power of two):
    /// the placeholder when empty, the leaf's hash when it holds one leaf alone, the child's
    /// hash at width 1, else the branch hash of its two halves.
    func subtreeHash(start: Int, width: Int) -> [UInt8] {
        let (count, last) = occupancy(start: start, width: width)
        if count == 0 { return TreeHash.placeholder }
        if count == 1, let child = children[last], child.isLeaf || width == 1 { return child.hash }
        let half = width / 2
        return TreeHash.branch(subtreeHash(start: start, width: half), subtreeHash(start: start + half, width: half))
    }

    /// Where the binary path toward slot `nibble` ends inside this node.
    enum PathEnd {
        /// An empty range: nothing below.
        case empty
        /// A range holding one leaf alone, in slot `slot` (not necessarily `nibble`).
        case leaf(slot: Int, ChildEntry)
        /// The internal child in slot `nibble`: the path continues in it.
        case descend(ChildEntry)
    }

    /// The binary path from this node toward slot `nibble`: the sibling hash at each binary
    /// level passed (top-down) and where the path ends.
    func path(toward nibble: Int) -> (siblings: [[UInt8]], end: PathEnd) {
        var siblings: [[UInt8]] = []
        var start = 0
        var width = 16
        while true {
            let (count, last) = occupancy(start: start, width: width)
            if count == 0 { return (siblings, .empty) }
            if count == 1, let child = children[last], child.isLeaf { return (siblings, .leaf(slot: last, child)) }
            if width == 1, let child = children[nibble] { return (siblings, .descend(child)) }
            let half = width / 2
            if nibble < start + half {
                siblings.append(subtreeHash(start: start + half, width: half))
            } else {
                siblings.append(subtreeHash(start: start, width: half))
                start += half
            }
            width = half
        }
    }
}
