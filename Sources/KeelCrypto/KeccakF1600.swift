/// The Keccak-f[1600] permutation: 24 rounds of theta, rho, pi, chi and iota over 25
/// 64-bit lanes (FIPS 202, section 3).
enum KeccakF1600 {
    /// Iota's round constants.
    static let roundConstants: [UInt64] = [
        0x0000_0000_0000_0001, 0x0000_0000_0000_8082, 0x8000_0000_0000_808A, 0x8000_0000_8000_8000,
        0x0000_0000_0000_808B, 0x0000_0000_8000_0001, 0x8000_0000_8000_8081, 0x8000_0000_0000_8009,
        0x0000_0000_0000_008A, 0x0000_0000_0000_0088, 0x0000_0000_8000_8009, 0x0000_0000_8000_000A,
        0x0000_0000_8000_808B, 0x8000_0000_0000_008B, 0x8000_0000_0000_8089, 0x8000_0000_0000_8003,
        0x8000_0000_0000_8002, 0x8000_0000_0000_0080, 0x0000_0000_0000_800A, 0x8000_0000_8000_000A,
        0x8000_0000_8000_8081, 0x8000_0000_0000_8080, 0x0000_0000_8000_0001, 0x8000_0000_8000_8008,
    ]

    /// Rho's rotation offsets, in the order pi visits the lanes.
    static let rotations: [UInt64] = [
        1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
    ]

    /// Pi's lane order, starting from lane 1.
    static let piLanes: [Int] = [
        10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
    ]

    @inline(__always)
    static func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    /// Applies the 24 rounds to `state` (25 lanes).
    static func permute(_ state: inout [UInt64]) {
        var columns = [UInt64](repeating: 0, count: 5)
        for round in 0..<24 {
            // Theta: XOR each lane with the parities of two neighbouring columns.
            for x in 0..<5 {
                columns[x] = state[x] ^ state[x + 5] ^ state[x + 10] ^ state[x + 15] ^ state[x + 20]
            }
            for x in 0..<5 {
                let t = columns[(x + 4) % 5] ^ rotateLeft(columns[(x + 1) % 5], 1)
                for y in stride(from: 0, to: 25, by: 5) {
                    state[y + x] ^= t
                }
            }
            // Rho and pi: rotate each lane and move it to its new position.
            var carried = state[1]
            for step in 0..<24 {
                let lane = piLanes[step]
                let next = state[lane]
                state[lane] = rotateLeft(carried, rotations[step])
                carried = next
            }
            // Chi: the only non-linear step, row by row.
            for y in stride(from: 0, to: 25, by: 5) {
                for x in 0..<5 { columns[x] = state[y + x] }
                for x in 0..<5 {
                    state[y + x] = columns[x] ^ (~columns[(x + 1) % 5] & columns[(x + 2) % 5])
                }
            }
            // Iota.
            state[0] ^= roundConstants[round]
        }
    }
}
