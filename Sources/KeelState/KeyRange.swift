/// A half-open range of keys, `[start, end)`, in bytewise lexicographic order.
///
/// A `nil` bound is unbounded on that side. A range whose start is not below its end is
/// empty.
public struct KeyRange: Sendable, Hashable {
    /// The inclusive lower bound, or `nil` for no lower bound.
    public var start: [UInt8]?
    /// The exclusive upper bound, or `nil` for no upper bound.
    public var end: [UInt8]?

    /// Creates the range `[start, end)`.
    public init(start: [UInt8]? = nil, end: [UInt8]? = nil) {
        self.start = start
        self.end = end
    }

    /// Every key.
    public static let all = KeyRange()

    /// Every key that starts with `prefix`.
    public static func prefix(_ prefix: [UInt8]) -> KeyRange {
        KeyRange(start: prefix, end: ByteOrder.prefixSuccessor(prefix))
    }

    /// Whether `key` lies in the range.
    public func contains(_ key: [UInt8]) -> Bool {
        !isBelowStart(key) && !isAtOrAboveEnd(key)
    }

    /// Whether the range contains no key at all.
    public var isEmpty: Bool {
        guard let start, let end else { return false }
        return ByteOrder.compare(start, end) >= 0
    }

    /// Whether `key` sorts before the lower bound.
    package func isBelowStart(_ key: [UInt8]) -> Bool {
        guard let start else { return false }
        return ByteOrder.less(key, start)
    }

    /// Whether `key` sorts at or after the upper bound.
    package func isAtOrAboveEnd(_ key: [UInt8]) -> Bool {
        guard let end else { return false }
        return !ByteOrder.less(key, end)
    }
}
