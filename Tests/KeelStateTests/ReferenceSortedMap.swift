import KeelState

/// The original sorted-array map (one array of keys, one of values, O(n) inserts), kept as
/// the model `SortedByteMap` is tested against.
struct ReferenceSortedMap<Value> {
    /// The keys, strictly ascending.
    private(set) var keys: [[UInt8]] = []
    /// The values, `values[i]` belonging to `keys[i]`.
    private(set) var values: [Value] = []

    init() {}

    /// The number of entries.
    var count: Int { keys.count }

    /// The index of the first key not below `key` (`count` if none).
    func lowerBound(_ key: [UInt8]) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let mid = low + (high - low) / 2
            if keys[mid].lexicographicallyPrecedes(key) {
                low = mid + 1
            } else {
                high = mid
            }
        }
        return low
    }

    /// The index of `key`, or `nil` if absent.
    func index(of key: [UInt8]) -> Int? {
        let index = lowerBound(key)
        return index < keys.count && keys[index] == key ? index : nil
    }

    /// The value at `key`, or `nil` if absent.
    func value(at key: [UInt8]) -> Value? {
        index(of: key).map { values[$0] }
    }

    /// Sets the value of `key`, returning the previous value if there was one.
    @discardableResult
    mutating func set(_ key: [UInt8], _ value: Value) -> Value? {
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
    mutating func remove(_ key: [UInt8]) -> Value? {
        guard let index = index(of: key) else { return nil }
        keys.remove(at: index)
        return values.remove(at: index)
    }

    /// Removes every entry.
    mutating func removeAll() {
        keys.removeAll()
        values.removeAll()
    }

    /// The half-open index interval of the keys in `range`.
    func indices(in range: KeyRange) -> Range<Int> {
        let lower = range.start.map(lowerBound) ?? 0
        let upper = range.end.map(lowerBound) ?? keys.count
        return lower < upper ? lower..<upper : lower..<lower
    }
}
