/// Merges an overlay's pending writes with a cursor over its base, in one direction.
///
/// When both hold a key, the overlay wins; an overlay delete (a `nil` value) hides the
/// base entry. The result is ordered exactly as if the writes had been applied to the
/// base, so iteration is deterministic whatever the backend.
struct MergeCursor: KeyValueCursor {
    private let writes: SortedByteMap<[UInt8]?>
    private let bounds: Range<Int>
    private let direction: IterationDirection
    private var position: Int
    private var base: any KeyValueCursor
    private var pendingBase: KeyValue?
    private var baseFinished = false

    init(writes: SortedByteMap<[UInt8]?>, range: KeyRange, direction: IterationDirection, base: any KeyValueCursor) {
        self.writes = writes
        self.bounds = writes.indices(in: range)
        self.direction = direction
        self.position = direction == .forward ? bounds.lowerBound : bounds.upperBound - 1
        self.base = base
    }

    mutating func next() throws(StateError) -> KeyValue? {
        while true {
            if pendingBase == nil && !baseFinished {
                pendingBase = try base.next()
                baseFinished = pendingBase == nil
            }
            guard bounds.contains(position) else {
                // Only base entries remain.
                defer { pendingBase = nil }
                return pendingBase
            }
            let (overlayKey, value) = writes.entry(at: position)
            if let baseEntry = pendingBase {
                let order = ByteOrder.compare(overlayKey, baseEntry.key)
                let baseFirst = direction == .forward ? order > 0 : order < 0
                if baseFirst {
                    pendingBase = nil
                    return baseEntry
                }
                if order == 0 {
                    // The overlay shadows the base entry with the same key.
                    pendingBase = nil
                }
            }
            position += direction == .forward ? 1 : -1
            if let value {
                return KeyValue(key: overlayKey, value: value)
            }
            // A delete: skip the key and keep merging.
        }
    }
}
