#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        if count > 0 {
            let order = a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    // Sound: both buffers hold at least `count` > 0 bytes, so both base
                    // addresses exist and `count` bytes are readable from each.
                    memcmp(x.baseAddress!, y.baseAddress!, count)
                }
            }
            if order != 0 { return order < 0 ? -1 : 1 }
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
