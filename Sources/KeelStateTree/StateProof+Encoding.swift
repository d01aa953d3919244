extension StateProof {
    /// Largest number of siblings: one per bit of a key hash.
    static let maxSiblings = 256

    /// The proof's canonical encoding (docs/state-tree.md, "Proof encoding"):
    /// `kind (1) ‖ sibling count (u16, big-endian) ‖ presence bitmap ‖ present siblings ‖
    /// other leaf`, where the bitmap has one bit per sibling (most significant bit first, 1 =
    /// a hash follows, 0 = the placeholder), and the other leaf (key hash ‖ value hash) only
    /// for kind 2.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        let kind: UInt8
        switch terminal {
        case .leaf: kind = 0
        case .empty: kind = 1
        case .otherLeaf: kind = 2
        }
        bytes.append(kind)
        BigEndian.append(UInt16(siblings.count), to: &bytes)
        var bitmap = [UInt8](repeating: 0, count: (siblings.count + 7) / 8)
        for (index, sibling) in siblings.enumerated() where sibling != TreeHash.placeholder {
            bitmap[index >> 3] |= 0x80 >> UInt8(index & 7)
        }
        bytes.append(contentsOf: bitmap)
        for sibling in siblings where sibling != TreeHash.placeholder {
            bytes.append(contentsOf: sibling)
        }
        if case .otherLeaf(let keyHash, let valueHash) = terminal {
            bytes.append(contentsOf: keyHash)
            bytes.append(contentsOf: valueHash)
        }
        return bytes
    }

    /// Decodes a canonical encoding; anything else (truncated, trailing bytes, an unknown
    /// kind, more than 256 siblings, set padding bits, an explicit placeholder) is an error
    /// naming the byte offset and the reason.
    public init(decoding bytes: [UInt8]) throws(StateTreeError) {
        var reader = ProofReader(bytes: bytes)
        let kind = try reader.byte("proof kind")
        guard kind <= 2 else { throw .malformedProof(offset: 0, reason: "unknown proof kind \(kind)") }
        let countOffset = reader.offset
        let count = Int(try reader.integer(UInt16.self, "sibling count"))
        guard count <= Self.maxSiblings else {
            throw .malformedProof(offset: countOffset, reason: "\(count) siblings, at most \(Self.maxSiblings)")
        }
        let bitmapOffset = reader.offset
        let bitmap = try reader.bytes((count + 7) / 8, "presence bitmap")
        if count & 7 != 0, bitmap[bitmap.count - 1] & (0xFF >> UInt8(count & 7)) != 0 {
            throw .malformedProof(offset: bitmapOffset + bitmap.count - 1, reason: "presence bitmap padding bits are set")
        }
        var siblings: [[UInt8]] = []
        siblings.reserveCapacity(count)
        for index in 0..<count {
            guard bitmap[index >> 3] & (0x80 >> UInt8(index & 7)) != 0 else {
                siblings.append(TreeHash.placeholder)
                continue
            }
            let offset = reader.offset
            let sibling = try reader.bytes(TreeHash.byteCount, "sibling \(index)")
            guard sibling != TreeHash.placeholder else {
                throw .malformedProof(offset: offset, reason: "sibling \(index) is the placeholder, which the bitmap encodes")
            }
            siblings.append(sibling)
        }
        let terminal: Terminal
        switch kind {
        case 0: terminal = .leaf
        case 1: terminal = .empty
        default:
            terminal = .otherLeaf(
                keyHash: try reader.bytes(TreeHash.byteCount, "other leaf's key hash"),
                valueHash: try reader.bytes(TreeHash.byteCount, "other leaf's value hash"))
        }
        guard reader.offset == bytes.count else {
            throw .malformedProof(offset: reader.offset, reason: "\(bytes.count - reader.offset) trailing bytes")
        }
        self.init(siblings: siblings, terminal: terminal)
    }
}

/// Reads a proof's fields in order, with errors naming the field and its offset.
private struct ProofReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func bytes(_ count: Int, _ field: String) throws(StateTreeError) -> [UInt8] {
        guard bytes.count - offset >= count else {
            throw .malformedProof(offset: offset, reason: "truncated in the \(field) (\(count) bytes needed, \(bytes.count - offset) left)")
        }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func byte(_ field: String) throws(StateTreeError) -> UInt8 {
        try bytes(1, field)[0]
    }

    mutating func integer<T: FixedWidthInteger>(_ type: T.Type, _ field: String) throws(StateTreeError) -> T {
        let start = offset
        _ = try bytes(T.bitWidth / 8, field)
        return BigEndian.read(T.self, bytes, at: start)
    }
}
