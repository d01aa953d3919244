/// A proof that a key has a value, or has none, in the tree with a given root
/// (docs/state-tree.md, "Proofs").
///
/// The proof is the binary path from the root toward the key's hash: the sibling hash at
/// each bit depth passed, top-down, and what the path ends in. Check it with
/// ``StateTree/verify(_:key:value:root:)``, which needs nothing but the root.
public struct StateProof: Sendable, Hashable {
    /// What the proof's path ends in.
    public enum Terminal: Sendable, Hashable {
        /// The key's own leaf: the key is present (inclusion; the value is the verifier's).
        case leaf
        /// An empty subtree: the key is absent.
        case empty
        /// The leaf of another key whose hash shares the path: the key is absent.
        case otherLeaf(keyHash: [UInt8], valueHash: [UInt8])
    }

    /// The sibling hashes, top-down: `siblings[i]` is the hash of the subtree beside the
    /// path at bit depth `i + 1` (its path is the key hash's first `i` bits, then the
    /// opposite of bit `i`). At most 256.
    public let siblings: [[UInt8]]
    /// What the path ends in, at bit depth `siblings.count`.
    public let terminal: Terminal

    /// A proof of the given siblings and terminal. Proofs come from ``StateTree/prove(key:at:)``
    /// and ``init(decoding:)``, which keep them well formed (at most 256 siblings, every hash
    /// 32 bytes); tests build malformed ones here.
    package init(siblings: [[UInt8]], terminal: Terminal) {
        self.siblings = siblings
        self.terminal = terminal
    }

    /// Whether the proof claims the key is present.
    public var isInclusion: Bool { terminal == .leaf }
}
