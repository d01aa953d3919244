/// The table instructions, shared by every backend: `table.get`/`set`/`grow` and the bulk
/// `table.fill`/`copy`/`init`. As in ``BulkMemory``, ranges are checked before anything is
/// written, dynamic fuel (per element) is charged after the checks and before the work, and
/// traps are returned, never thrown. Indices and counts are the instructions' u32 operands,
/// zero-extended; elements are encoded as in value slots.
package enum BulkTable {
    /// `table.get`: the element at `index`.
    package static func get(_ table: TableStorage, index: UInt64) -> (UInt64, TrapKind?) {
        guard index < UInt64(table.elements.count) else { return (0, .outOfBoundsTableAccess) }
        return (table.elements[Int(index)], nil)
    }

    /// `table.set`: the element at `index` becomes `value`.
    package static func set(_ table: TableStorage, index: UInt64, value: UInt64) -> TrapKind? {
        guard index < UInt64(table.elements.count) else { return .outOfBoundsTableAccess }
        table.elements[Int(index)] = value
        return nil
    }

    /// `table.grow`: the old size, or -1 (as u32) when the growth is refused. Fuel per element
    /// is charged only for growth that will succeed.
    package static func grow(_ table: TableStorage, by delta: UInt64, initial: UInt64, costs: DynamicCosts, fuel: inout FuelCounter) -> (result: UInt32, trap: TrapKind?) {
        if table.canGrow(by: delta), !costs.charge(delta, times: costs.tablePerElement, to: &fuel) { return (0, .outOfFuel) }
        return (UInt32(truncatingIfNeeded: table.grow(by: delta, initial: initial)), nil)
    }

    /// `table.fill`: `count` elements from `destination` set to `value`.
    package static func fill(_ table: TableStorage, destination: UInt64, value: UInt64, count: UInt64, costs: DynamicCosts, fuel: inout FuelCounter) -> TrapKind? {
        let size = UInt64(table.elements.count)
        guard destination <= size, count <= size - destination else { return .outOfBoundsTableAccess }
        guard costs.charge(count, times: costs.tablePerElement, to: &fuel) else { return .outOfFuel }
        for k in 0..<Int(count) { table.elements[Int(destination) + k] = value }
        return nil
    }

    /// `table.copy`: `count` elements from `source` in `from` to `destination` in `to`.
    package static func copy(to: TableStorage, from: TableStorage, destination: UInt64, source: UInt64, count: UInt64, costs: DynamicCosts, fuel: inout FuelCounter) -> TrapKind? {
        guard contains(to.elements.count, destination, count), contains(from.elements.count, source, count) else {
            return .outOfBoundsTableAccess
        }
        guard costs.charge(count, times: costs.tablePerElement, to: &fuel) else { return .outOfFuel }
        if count == 0 { return nil }
        let values = Array(from.elements[Int(source)..<Int(source + count)])
        to.elements.replaceSubrange(Int(destination)..<Int(destination + count), with: values)
        return nil
    }

    /// `table.init`: `count` references of `segment` from `source` to `destination`.
    package static func initialize(_ table: TableStorage, from segment: [UInt64], destination: UInt64, source: UInt64, count: UInt64, costs: DynamicCosts, fuel: inout FuelCounter) -> TrapKind? {
        guard contains(table.elements.count, destination, count), contains(segment.count, source, count) else {
            return .outOfBoundsTableAccess
        }
        guard costs.charge(count, times: costs.tablePerElement, to: &fuel) else { return .outOfFuel }
        if count == 0 { return nil }
        table.elements.replaceSubrange(Int(destination)..<Int(destination + count), with: segment[Int(source)..<Int(source + count)])
        return nil
    }

    /// Whether `[start, start + count)` lies within `size` elements.
    static func contains(_ size: Int, _ start: UInt64, _ count: UInt64) -> Bool {
        start <= UInt64(size) && count <= UInt64(size) - start
    }
}
