import KeelFrontEnd

/// Bulk memory and table instructions. Operands arrive in consecutive slots in their
/// WebAssembly order; every range is checked before anything is written.
extension Executor {
    @inline(__always)
    func u32(_ slot: UInt64) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: slot)) }

    func memoryFill(_ instance: InstanceRuntime, memory index: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let memory = instance.memories[Int(index)]
        let (destination, value, count) = (u32(operands[0]), UInt8(truncatingIfNeeded: operands[1]), u32(operands[2]))
        guard memory.contains(destination, count: count) else { return .outOfBoundsMemoryAccess }
        (memory.base + Int(destination)).update(repeating: value, count: Int(count))
        return nil
    }

    func memoryCopy(_ instance: InstanceRuntime, destination: UInt16, source: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let to = instance.memories[Int(destination)]
        let from = instance.memories[Int(source)]
        let (d, s, count) = (u32(operands[0]), u32(operands[1]), u32(operands[2]))
        guard to.contains(d, count: count), from.contains(s, count: count) else { return .outOfBoundsMemoryAccess }
        // Sound: both ranges were checked; memmove semantics handle overlap.
        UnsafeMutableRawPointer(to.base + Int(d)).copyMemory(from: from.base + Int(s), byteCount: Int(count))
        return nil
    }

    func memoryInit(_ instance: InstanceRuntime, memory index: UInt16, data: UInt32, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let memory = instance.memories[Int(index)]
        let segment = instance.dataSegments[Int(data)]
        let (d, s, count) = (u32(operands[0]), u32(operands[1]), u32(operands[2]))
        guard memory.contains(d, count: count), s <= UInt64(segment.count), count <= UInt64(segment.count) - s else {
            return .outOfBoundsMemoryAccess
        }
        segment.withUnsafeBufferPointer { bytes in
            guard count > 0 else { return }
            (memory.base + Int(d)).update(from: bytes.baseAddress! + Int(s), count: Int(count))
        }
        return nil
    }

    func tableGet(_ instance: InstanceRuntime, table: UInt16, index: UInt64) -> (UInt64, TrapKind?) {
        let storage = instance.tables[Int(table)]
        let position = u32(index)
        guard position < UInt64(storage.elements.count) else { return (0, .outOfBoundsTableAccess) }
        return (storage.elements[Int(position)], nil)
    }

    func tableSet(_ instance: InstanceRuntime, table: UInt16, index: UInt64, value: UInt64) -> TrapKind? {
        let storage = instance.tables[Int(table)]
        let position = u32(index)
        guard position < UInt64(storage.elements.count) else { return .outOfBoundsTableAccess }
        storage.elements[Int(position)] = value
        return nil
    }

    func tableGrow(_ instance: InstanceRuntime, table: UInt16, operands: UnsafeMutablePointer<UInt64>) {
        let result = instance.tables[Int(table)].grow(by: u32(operands[1]), initial: operands[0])
        operands[0] = UInt64(UInt32(truncatingIfNeeded: result))
    }

    func tableFill(_ instance: InstanceRuntime, table: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let storage = instance.tables[Int(table)]
        let (d, value, count) = (u32(operands[0]), operands[1], u32(operands[2]))
        guard d <= UInt64(storage.elements.count), count <= UInt64(storage.elements.count) - d else { return .outOfBoundsTableAccess }
        for k in 0..<Int(count) { storage.elements[Int(d) + k] = value }
        return nil
    }

    func tableCopy(_ instance: InstanceRuntime, destination: UInt16, source: UInt16, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let to = instance.tables[Int(destination)]
        let from = instance.tables[Int(source)]
        let (d, s, count) = (u32(operands[0]), u32(operands[1]), u32(operands[2]))
        guard d <= UInt64(to.elements.count), count <= UInt64(to.elements.count) - d,
            s <= UInt64(from.elements.count), count <= UInt64(from.elements.count) - s
        else { return .outOfBoundsTableAccess }
        if count == 0 { return nil }
        let values = Array(from.elements[Int(s)..<Int(s + count)])
        to.elements.replaceSubrange(Int(d)..<Int(d + count), with: values)
        return nil
    }

    func tableInit(_ instance: InstanceRuntime, table: UInt16, element: UInt32, operands: UnsafeMutablePointer<UInt64>) -> TrapKind? {
        let storage = instance.tables[Int(table)]
        let segment = instance.elementSegments[Int(element)]
        let (d, s, count) = (u32(operands[0]), u32(operands[1]), u32(operands[2]))
        guard d <= UInt64(storage.elements.count), count <= UInt64(storage.elements.count) - d,
            s <= UInt64(segment.count), count <= UInt64(segment.count) - s
        else { return .outOfBoundsTableAccess }
        if count == 0 { return nil }
        storage.elements.replaceSubrange(Int(d)..<Int(d + count), with: segment[Int(s)..<Int(s + count)])
        return nil
    }
}
