/// Bytewise lexicographic ordering of keys, the order of LevelDB's default comparator.
///
/// Both backends and the overlay order keys with this one function, so range iteration
/// returns the same sequence everywhere.
package enum ByteOrder {
    /// Compares two byte strings lexicographically: a proper prefix sorts first.
    ///
    /// - Returns: a negative number if `a < b`, zero if equal, a positive number if `a > b`.
    @inlinable
    package static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let count = min(a.count, b.count)
        var index = 0
        while index < count {
            let x = a[index]
            let y = b[index]
            if x != y { return x < y ? -1 : 1 }
            index += 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Whether `a` sorts strictly before `b`.
    @inlinable
    package static func less(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        compare(a, b) < 0
    }

    /// The smallest byte string greater than every string that starts with `prefix`,
    /// or `nil` when there is none (the prefix is empty or all `0xFF`).
    ///
    /// Trailing `0xFF` bytes are dropped and the last remaining byte incremented:
    /// `[0x01, 0xFF]` gives `[0x02]`.
    package static func prefixSuccessor(_ prefix: [UInt8]) -> [UInt8]? {
        var end = prefix
        while let last = end.last {
            if last == 0xFF {
                end.removeLast()
            } else {
                end[end.count - 1] = last + 1
                return end
            }
        }
        return nil
    }
}
