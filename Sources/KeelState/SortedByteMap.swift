/// A map from byte-string keys to values kept sorted by key (bytewise lexicographic).
/// Iteration order is the key order, never a hash order.
///
/// The entries live in a sorted sequence of sorted chunks of at most ``chunkCapacity``
/// entries each (every key of a chunk sorts before every key of the next), so an insert or
/// remove moves at most one chunk's entries plus one integer per chunk, never the whole map,
/// and a lookup is a binary search over chunks then within one. Entries also have positions
/// `0..<count` in key order, for cursors. A value type: copies share chunks until written,
/// and a write after a copy duplicates only the chunk list and the chunk it changes.
package struct SortedByteMap<Value> {
    /// Most entries in one chunk; a chunk that grows past it splits in two halves.
    package static var chunkCapacity: Int { 512 }

    private struct Chunk {
        /// Strictly ascending.
        var keys: [[UInt8]]
        var values: [Value]
    }

    /// Never empty chunks, in key order.
    private var chunks: [Chunk] = []
    /// `ends[c]`: the number of entries in chunks `0...c` (so chunk `c` holds the positions
    /// `ends[c - 1]..<ends[c]`).
    private var ends: [Int] = []

    package init() {}

    /// The number of entries.
    package var count: Int { ends.last ?? 0 }

    /// The first position of chunk `chunk`.
    private func start(of chunk: Int) -> Int { chunk == 0 ? 0 : ends[chunk - 1] }

    /// The first chunk whose last key is not below `key` (`chunks.count` if none).
    private func chunk(for key: [UInt8]) -> Int {
        var low = 0
        var high = chunks.count
        while low < high {
            let mid = low + (high - low) / 2
            let keys = chunks[mid].keys
            if ByteOrder.less(keys[keys.count - 1], key) {
                low = mid + 1
            } else {
                high = mid
            }
        }
        return low
    }

    /// The first offset in `keys` whose key is not below `key`.
    private static func lowerBound(_ key: [UInt8], in keys: [[UInt8]]) -> Int {
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

    /// Where `key` is or would go: its chunk, its offset there, and whether it is present.
    /// For a key above every key, the chunk is `chunks.count` (offset 0).
    private func locate(_ key: [UInt8]) -> (chunk: Int, offset: Int, found: Bool) {
        let chunk = chunk(for: key)
        guard chunk < chunks.count else { return (chunk, 0, false) }
        let keys = chunks[chunk].keys
        let offset = Self.lowerBound(key, in: keys)
        return (chunk, offset, keys[offset] == key)
    }

    /// The position of the first key not below `key` (`count` if none).
    package func lowerBound(_ key: [UInt8]) -> Int {
        let (chunk, offset, _) = locate(key)
        return chunk < chunks.count ? start(of: chunk) + offset : count
    }

    /// The position of `key`, or `nil` if absent.
    package func index(of key: [UInt8]) -> Int? {
        let (chunk, offset, found) = locate(key)
        return found ? start(of: chunk) + offset : nil
    }

    /// The value at `key`, or `nil` if absent.
    package func value(at key: [UInt8]) -> Value? {
        let (chunk, offset, found) = locate(key)
        return found ? chunks[chunk].values[offset] : nil
    }

    /// The chunk holding `position` (in `0..<count`) and the offset there.
    private func chunk(holding position: Int) -> (chunk: Int, offset: Int) {
        var low = 0
        var high = ends.count - 1
        while low < high {
            let mid = low + (high - low) / 2
            if ends[mid] <= position {
                low = mid + 1
            } else {
                high = mid
            }
        }
        return (low, position - start(of: low))
    }

    /// The key and value at `position`, in `0..<count`.
    package func entry(at position: Int) -> (key: [UInt8], value: Value) {
        precondition(position >= 0 && position < count, "position \(position) outside 0..<\(count)")
        let (chunk, offset) = chunk(holding: position)
        return (chunks[chunk].keys[offset], chunks[chunk].values[offset])
    }

    /// Calls `body` with every entry, in key order.
    package func forEach(_ body: ([UInt8], Value) throws -> Void) rethrows {
        for chunk in chunks {
            for offset in chunk.keys.indices {
                try body(chunk.keys[offset], chunk.values[offset])
            }
        }
    }

    /// Sets the value of `key`, returning the previous value if there was one.
    @discardableResult
    package mutating func set(_ key: [UInt8], _ value: Value) -> Value? {
        var (chunk, offset, found) = locate(key)
        if found {
            let previous = chunks[chunk].values[offset]
            chunks[chunk].values[offset] = value
            return previous
        }
        if chunk == chunks.count {
            // Above every key: append to the last chunk, or start the first one.
            guard chunk > 0 else {
                chunks.append(Chunk(keys: [key], values: [value]))
                ends.append(1)
                return nil
            }
            chunk -= 1
            offset = chunks[chunk].keys.count
        }
        chunks[chunk].keys.insert(key, at: offset)
        chunks[chunk].values.insert(value, at: offset)
        for later in chunk..<ends.count { ends[later] += 1 }
        if chunks[chunk].keys.count > Self.chunkCapacity { split(chunk) }
        return nil
    }

    /// Splits chunk `chunk` into two halves.
    private mutating func split(_ chunk: Int) {
        let half = chunks[chunk].keys.count / 2
        let upper = Chunk(keys: Array(chunks[chunk].keys[half...]), values: Array(chunks[chunk].values[half...]))
        chunks[chunk].keys.removeSubrange(half...)
        chunks[chunk].values.removeSubrange(half...)
        chunks.insert(upper, at: chunk + 1)
        ends.insert(ends[chunk], at: chunk + 1)
        ends[chunk] -= upper.keys.count
    }

    /// Removes `key`, returning its value if it was present.
    @discardableResult
    package mutating func remove(_ key: [UInt8]) -> Value? {
        let (chunk, offset, found) = locate(key)
        guard found else { return nil }
        chunks[chunk].keys.remove(at: offset)
        let value = chunks[chunk].values.remove(at: offset)
        for later in chunk..<ends.count { ends[later] -= 1 }
        if chunks[chunk].keys.isEmpty {
            chunks.remove(at: chunk)
            ends.remove(at: chunk)
        }
        return value
    }

    /// Removes every entry.
    package mutating func removeAll() {
        chunks.removeAll()
        ends.removeAll()
    }

    /// The half-open position interval of the keys in `range`.
    package func indices(in range: KeyRange) -> Range<Int> {
        let lower = range.start.map(lowerBound) ?? 0
        let upper = range.end.map(lowerBound) ?? count
        return lower < upper ? lower..<upper : lower..<lower
    }
}
