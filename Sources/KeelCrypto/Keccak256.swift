/// Keccak-256 as used by Ethereum: the Keccak-f[1600] sponge with a 136-byte rate and
/// the original Keccak padding `0x01 ... 0x80`, not SHA3-256's `0x06 ... 0x80`.
///
/// `Keccak256.hash([])` is `c5d24601...5d85a470`. Use ``hash(_:)`` for one-shot hashing,
/// or ``init()``, ``update(_:)`` and ``finalize()`` to hash in pieces.
public struct Keccak256: Sendable {
    /// Bytes in a digest.
    public static let byteCount = 32
    /// Bytes absorbed per permutation: (1600 - 2 * 256) / 8.
    static let rate = 136

    /// The 25 lanes of the state, lane `x + 5y` at index `x + 5 * y`.
    private var state = [UInt64](repeating: 0, count: 25)
    /// Input not yet absorbed (fewer than `rate` bytes).
    private var pending: [UInt8] = []

    /// Creates a hasher with nothing absorbed.
    public init() {
        pending.reserveCapacity(Self.rate)
    }

    /// The Keccak-256 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = Keccak256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Absorbs `bytes`.
    public mutating func update(_ bytes: [UInt8]) {
        var index = 0
        if !pending.isEmpty {
            let take = min(Self.rate - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            index = take
            guard pending.count == Self.rate else { return }
            absorb(pending[...])
            pending.removeAll(keepingCapacity: true)
        }
        while bytes.count - index >= Self.rate {
            absorb(bytes[index..<(index + Self.rate)])
            index += Self.rate
        }
        pending.append(contentsOf: bytes[index...])
    }

    /// Pads, absorbs the last block and returns the 32-byte digest.
    public func finalize() -> [UInt8] {
        var copy = self
        var block = copy.pending
        block.append(0x01)
        block.append(contentsOf: repeatElement(0, count: Self.rate - block.count))
        block[Self.rate - 1] |= 0x80
        copy.absorb(block[...])
        var digest: [UInt8] = []
        digest.reserveCapacity(Self.byteCount)
        for lane in copy.state.prefix(Self.byteCount / 8) {
            for shift in stride(from: 0, to: 64, by: 8) {
                digest.append(UInt8(truncatingIfNeeded: lane >> UInt64(shift)))
            }
        }
        return digest
    }

    /// XORs one `rate`-byte block into the state (lanes little-endian) and permutes.
    private mutating func absorb(_ block: ArraySlice<UInt8>) {
        var offset = block.startIndex
        for lane in 0..<(Self.rate / 8) {
            var value: UInt64 = 0
            for byte in 0..<8 {
                value |= UInt64(block[offset + byte]) << UInt64(8 * byte)
            }
            state[lane] ^= value
            offset += 8
        }
        KeccakF1600.permute(&state)
    }
}
