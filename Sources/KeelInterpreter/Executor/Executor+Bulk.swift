import KeelFrontEnd

/// The dynamic fuel prices the dispatch loop charges (all zero-cost when not metering).
struct DynamicCosts {
    var metered = false
    var memoryGrowPerPage: UInt64 = 0
    var memoryBytesPerUnit: UInt64 = 0
    var tablePerElement: UInt64 = 0

    init() {}

    init(_ schedule: CostSchedule?) {
        guard let schedule else { return }
        metered = true
        memoryGrowPerPage = schedule.memoryGrowPerPage
        memoryBytesPerUnit = schedule.memoryBytesPerUnit
        tablePerElement = schedule.tablePerElement
    }
}

/// Bulk memory and table instructions. Operands arrive in consecutive slots in their
/// WebAssembly order; every range is checked before anything is written, and dynamic fuel is
/// charged after the checks pass and before the work.
extension ExecutionState {
    @inline(__always)
    func u32(_ slot: UInt64) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: slot)) }

    /// Charges `count * price` fuel when metering; false (with fuel exhausted) if it exceeds what
    /// remains. Saturating arithmetic: an unaffordable charge is never wrapped into a cheap one.
    @inline(__always)
    mutating func charge(_ count: UInt64, times price: UInt64) -> Bool {
        guard costs.metered else { return true }
        let (cost, overflow) = count.multipliedReportingOverflow(by: price)
        if overflow || cost > fuel {
            fuel = 0
            return false
        }
        fuel -= cost
        return true
    }

    /// Charges bulk memory work of `bytes` bytes (per started 8 bytes).
    @inline(__always)
    mutating func chargeBytes(_ bytes: UInt64) -> Bool {
        charge((bytes + 7) / 8, times: costs.memoryBytesPerUnit)
    }

    mutating func memoryFill(memory index: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let memory = instance.memories[Int(index)]
        let (destination, value, count) = (u32(operands[0]), UInt8(truncatingIfNeeded: operands[1]), u32(operands[2]))
        guard memory.contains(destination, count: count) else { return .outOfBoundsMemoryAccess }
        guard chargeBytes(count) else { return .outOfFuel }
        (memory.base + Int(destination)).update(repeating: value, count: Int(count))
        return nil
    }

    mutating func memoryCopy(destination: UInt16, source: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let to = instance.memories[Int(destination)]
        let from = instance.memories[Int(source)]
        let (d, s, count) = (u32(operands[0]), u32(operands[1]), u32(operands[2]))
        guard to.contains(d, count: count), from.contains(s, count: count) else { return .outOfBoundsMemoryAccess }
        guard chargeBytes(count) else { return .outOfFuel }
        // Sound: both ranges were checked; memmove semantics handle overlap.
        UnsafeMutableRawPointer(to.base + Int(d)).copyMemory(from: from.base + Int(s), byteCount: Int(count))
        return nil
    }

    mutating func memoryInit(memory index: UInt16, data: UInt32, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let memory = instance.memories[Int(index)]
        let segment = instance.dataSegments[Int(data)]
        let (d, s, count) = (u32(operands[0]), u32(operands[1]), u32(operands[2]))
        guard memory.contains(d, count: count), s <= UInt64(segment.count), count <= UInt64(segment.count) - s else {
            return .outOfBoundsMemoryAccess
        }
        guard chargeBytes(count) else { return .outOfFuel }
        segment.withUnsafeBufferPointer { bytes in
            guard count > 0 else { return }
            (memory.base + Int(d)).update(from: bytes.baseAddress! + Int(s), count: Int(count))
        }
        return nil
    }

    func tableGet(table: UInt16, index: UInt64) -> (UInt64, TrapKind?) {
        let storage = instance.tables[Int(table)]
        let position = u32(index)
        guard position < UInt64(storage.elements.count) else { return (0, .outOfBoundsTableAccess) }
        return (storage.elements[Int(position)], nil)
    }

    func tableSet(table: UInt16, index: UInt64, value: UInt64) -> TrapKind? {
        let storage = instance.tables[Int(table)]
        let position = u32(index)
        guard position < UInt64(storage.elements.count) else { return .outOfBoundsTableAccess }
        storage.elements[Int(position)] = value
        return nil
    }

    /// `table.grow`: the result replaces the first operand. Fuel per element is charged only for
    /// growth that will succeed.
    mutating func tableGrow(table: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let storage = instance.tables[Int(table)]
        let delta = u32(operands[1])
        if storage.canGrow(by: delta), !charge(delta, times: costs.tablePerElement) { return .outOfFuel }
        let result = storage.grow(by: delta, initial: operands[0])
        operands[0] = UInt64(UInt32(truncatingIfNeeded: result))
        return nil
    }

    mutating func tableFill(table: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let storage = instance.tables[Int(table)]
        let (d, value, count) = (u32(operands[0]), operands[1], u32(operands[2]))
        guard d <= UInt64(storage.elements.count), count <= UInt64(storage.elements.count) - d else { return .outOfBoundsTableAccess }
        guard charge(count, times: costs.tablePerElement) else { return .outOfFuel }
        for k in 0..<Int(count) { storage.elements[Int(d) + k] = value }
        return nil
    }

    mutating func tableCopy(destination: UInt16, source: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let to = instance.tables[Int(destination)]
        let from = instance.tables[Int(source)]
        let (d, s, count) = (u32(operands[0]), u32(operands[1]), u32(operands[2]))
        guard d <= UInt64(to.elements.count), count <= UInt64(to.elements.count) - d,
            s <= UInt64(from.elements.count), count <= UInt64(from.elements.count) - s
        else { return .outOfBoundsTableAccess }
        guard charge(count, times: costs.tablePerElement) else { return .outOfFuel }
        if count == 0 { return nil }
        let values = Array(from.elements[Int(s)..<Int(s + count)])
        to.elements.replaceSubrange(Int(d)..<Int(d + count), with: values)
        return nil
    }

    mutating func tableInit(table: UInt16, element: UInt32, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let storage = instance.tables[Int(table)]
        let segment = instance.elementSegments[Int(element)]
        let (d, s, count) = (u32(operands[0]), u32(operands[1]), u32(operands[2]))
        guard d <= UInt64(storage.elements.count), count <= UInt64(storage.elements.count) - d,
            s <= UInt64(segment.count), count <= UInt64(segment.count) - s
        else { return .outOfBoundsTableAccess }
        guard charge(count, times: costs.tablePerElement) else { return .outOfFuel }
        if count == 0 { return nil }
        storage.elements.replaceSubrange(Int(d)..<Int(d + count), with: segment[Int(s)..<Int(s + count)])
        return nil
    }
}
