import KeelFrontEnd

/// A table of references. Elements are encoded as in value slots: 0 is null; a function
/// reference is its store address + 1; an external reference is its host value + 1.
package final class TableStorage {
    package var elements: [UInt64]
    package let type: TableType
    /// The most elements this table may ever have: its type's maximum, bounded by the engine.
    package let maxSize: UInt64

    package init?(type: TableType, initial: UInt64, limitSize: UInt64) {
        self.type = type
        self.maxSize = Swift.min(type.limits.max ?? UInt64(UInt32.max), limitSize)
        guard type.limits.min <= maxSize else { return nil }
        self.elements = Array(repeating: initial, count: Int(type.limits.min))
    }

    /// Whether growing by `delta` elements stays within the maximum.
    package func canGrow(by delta: UInt64) -> Bool { delta <= maxSize - UInt64(elements.count) }

    /// Grows by `delta` elements set to `initial`; returns the old size or -1.
    package func grow(by delta: UInt64, initial: UInt64) -> Int64 {
        let old = UInt64(elements.count)
        guard delta <= maxSize - old else { return -1 }
        elements.append(contentsOf: repeatElement(initial, count: Int(delta)))
        return Int64(old)
    }
}
