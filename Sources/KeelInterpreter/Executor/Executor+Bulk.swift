import KeelRuntime

/// Bulk memory and table instructions: operands arrive in consecutive slots in their
/// WebAssembly order and go to the runtime's shared implementations (`BulkMemory`,
/// `BulkTable`), which check ranges, charge dynamic fuel and report traps.
extension ExecutionState {
    @inline(__always)
    func u32(_ slot: UInt64) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: slot)) }

    mutating func memoryFill(memory index: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        BulkMemory.fill(
            instance.memories[Int(index)], destination: u32(operands[0]), value: UInt8(truncatingIfNeeded: operands[1]),
            count: u32(operands[2]), costs: costs, fuel: &fuel)
    }

    mutating func memoryCopy(destination: UInt16, source: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        BulkMemory.copy(
            to: instance.memories[Int(destination)], from: instance.memories[Int(source)], destination: u32(operands[0]),
            source: u32(operands[1]), count: u32(operands[2]), costs: costs, fuel: &fuel)
    }

    mutating func memoryInit(memory index: UInt16, data: UInt32, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        BulkMemory.initialize(
            instance.memories[Int(index)], from: instance.dataSegments[Int(data)], destination: u32(operands[0]),
            source: u32(operands[1]), count: u32(operands[2]), costs: costs, fuel: &fuel)
    }

    /// `memory.grow`: the result replaces the operand `delta` was read from.
    mutating func memoryGrow(memory index: UInt16, delta: UInt64) -> (UInt32, TrapKind?) {
        BulkMemory.grow(instance.memories[Int(index)], by: u32(delta), costs: costs, fuel: &fuel)
    }

    func tableGet(table: UInt16, index: UInt64) -> (UInt64, TrapKind?) {
        BulkTable.get(instance.tables[Int(table)], index: u32(index))
    }

    func tableSet(table: UInt16, index: UInt64, value: UInt64) -> TrapKind? {
        BulkTable.set(instance.tables[Int(table)], index: u32(index), value: value)
    }

    /// `table.grow`: the result replaces the first operand.
    mutating func tableGrow(table: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let (result, trap) = BulkTable.grow(
            instance.tables[Int(table)], by: u32(operands[1]), initial: operands[0], costs: costs, fuel: &fuel)
        if trap == nil { operands[0] = UInt64(result) }
        return trap
    }

    mutating func tableFill(table: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        BulkTable.fill(
            instance.tables[Int(table)], destination: u32(operands[0]), value: operands[1], count: u32(operands[2]),
            costs: costs, fuel: &fuel)
    }

    mutating func tableCopy(destination: UInt16, source: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        BulkTable.copy(
            to: instance.tables[Int(destination)], from: instance.tables[Int(source)], destination: u32(operands[0]),
            source: u32(operands[1]), count: u32(operands[2]), costs: costs, fuel: &fuel)
    }

    mutating func tableInit(table: UInt16, element: UInt32, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        BulkTable.initialize(
            instance.tables[Int(table)], from: instance.elementSegments[Int(element)], destination: u32(operands[0]),
            source: u32(operands[1]), count: u32(operands[2]), costs: costs, fuel: &fuel)
    }
}
