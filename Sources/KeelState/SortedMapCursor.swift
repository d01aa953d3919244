/// A cursor over a slice of a ``SortedByteMap`` copied at creation (copy-on-write, so
/// creating it costs O(1) and later writes to the map do not affect it).
///
/// Entries whose value maps to `nil` through `transform` are skipped; the in-memory
/// store uses the identity, the overlay uses it to surface deletes as tombstones.
package struct SortedMapCursor<Value>: KeyValueCursor {
    private let map: SortedByteMap<Value>
    private let transform: (Value) -> [UInt8]?
    private var position: Int
    private let bounds: Range<Int>
    private let direction: IterationDirection

    package init(
        map: SortedByteMap<Value>,
        range: KeyRange,
        direction: IterationDirection,
        transform: @escaping (Value) -> [UInt8]?
    ) {
        self.map = map
        self.transform = transform
        self.bounds = map.indices(in: range)
        self.direction = direction
        self.position = direction == .forward ? bounds.lowerBound : bounds.upperBound - 1
    }

    package mutating func next() throws(StateError) -> KeyValue? {
        while bounds.contains(position) {
            let index = position
            position += direction == .forward ? 1 : -1
            let entry = map.entry(at: index)
            if let value = transform(entry.value) {
                return KeyValue(key: entry.key, value: value)
            }
        }
        return nil
    }
}
