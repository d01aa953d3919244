/// SplitMix64: a small, fixed pseudo-random sequence, so a seed names the same module on
/// every machine (never the system generator). Tests that want reproducible random input use
/// it too (it is a `RandomNumberGenerator`).
package struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` bytes of the sequence.
    package mutating func bytes(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count + 8)
        while out.count < count {
            let word = next()
            for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: word >> (8 * k))) }
        }
        return Array(out.prefix(count))
    }
}
