/// The fuzzer's bytes read as a stream of choices. Every read is total: once the bytes run
/// out, reads return zeros, so any input (the empty one included) names exactly one
/// generated program and small mutations of the input make small changes to it.
public struct FuzzInput {
    private let bytes: [UInt8]
    private var position = 0

    /// Reads choices from `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte has been consumed (later reads give zeros).
    public var isExhausted: Bool { position >= bytes.count }

    /// The next byte, or 0 past the end.
    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// A little-endian integer made of the next `count` bytes (at most 8).
    public mutating func bits(_ count: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(byte()) << (8 * UInt64(index)) }
        return value
    }

    /// The next 32 bits.
    public mutating func u32() -> UInt32 { UInt32(truncatingIfNeeded: bits(4)) }
    /// The next 64 bits.
    public mutating func u64() -> UInt64 { bits(8) }

    /// A value in `range` (uniform enough for fuzzing: one or two bytes, reduced modulo the width).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        let raw = width <= 256 ? UInt64(byte()) : bits(2)
        return range.lowerBound + Int(raw % width)
    }

    /// True with probability about `numerator`/256.
    public mutating func chance(_ numerator: Int) -> Bool {
        Int(byte()) < numerator
    }

    /// One of `choices` (which must not be empty).
    public mutating func pick<T>(_ choices: [T]) -> T {
        choices[int(0...(choices.count - 1))]
    }

    /// An index chosen with the given relative weights (at least one must be positive).
    public mutating func weighted(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var point = int(0...(total - 1))
        for (index, weight) in weights.enumerated() {
            if point < weight { return index }
            point -= weight
        }
        return weights.count - 1
    }
}
