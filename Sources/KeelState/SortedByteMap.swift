/// A map from byte-string keys to values kept sorted by key (bytewise lexicographic),
/// with binary search for lookups. Iteration order is the key order, never a hash order.
///
/// Inserting is O(n) (array insertion); it backs the in-memory store and the
/// transaction overlay, whose sizes are bounded by a block's writes.
package struct SortedByteMap<Value> {
    /// The keys, strictly ascending.
    package private(set) var keys: [[UInt8]] = []
    /// The values, `values[i]` belonging to `keys[i]`.
    package private(set) var values: [Value] = []

    package init() {}

    /// The number of entries.
    package var count: Int { keys.count }

    /// The index of the first key not below `key` (`count` if none).
    package func lowerBound(_ key: [UInt8]) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let mid = low + (high - low) / 2
            if ByteOrder.less(keys[mid], key) {
                low = mid + 1
            } else {
                high = mid
            }
        }
        return low
    }

    /// The index of `key`, or `nil` if absent.
    package func index(of key: [UInt8]) -> Int? {
        let index = lowerBound(key)
        return index < keys.count && keys[index] == key ? index : nil
    }

    /// The value at `key`, or `nil` if absent.
    package func value(at key: [UInt8]) -> Value? {
        index(of: key).map { values[$0] }
    }

    /// Sets the value of `key`, returning the previous value if there was one.
    @discardableResult
    package mutating func set(_ key: [UInt8], _ value: Value) -> Value? {
        let index = lowerBound(key)
        if index < keys.count && keys[index] == key {
            let previous = values[index]
            values[index] = value
            return previous
        }
        keys.insert(key, at: index)
        values.insert(value, at: index)
        return nil
    }

    /// Removes `key`, returning its value if it was present.
    @discardableResult
    package mutating func remove(_ key: [UInt8]) -> Value? {
        guard let index = index(of: key) else { return nil }
        keys.remove(at: index)
        return values.remove(at: index)
    }

    /// Removes every entry.
    package mutating func removeAll() {
        keys.removeAll()
        values.removeAll()
    }

    /// The half-open index interval of the keys in `range`.
    package func indices(in range: KeyRange) -> Range<Int> {
        let lower = range.start.map(lowerBound) ?? 0
        let upper = range.end.map(lowerBound) ?? keys.count
        return lower < upper ? lower..<upper : lower..<lower
    }
}
