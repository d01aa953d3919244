import KeelFrontEnd

/// Bulk memory and table instructions. Operands arrive in consecutive slots in their
/// WebAssembly order; every range is checked before anything is written.
extension Executor {
    @inline(__always)
    func u32(_ slot: UInt64) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: slot)) }

    func memoryFill(_ instance: InstanceRuntime, memory index: UInt16, operands: UnsafeMutablePointer<UInt64>) throws(Trap) {
        let memory = instance.memories[Int(index)]
        let (destination, value, count) = (u32(operands[0]), UInt8(truncatingIfNeeded: operands[1]), u32(operands[2]))
        guard memory.contains(destination, count: count) else { throw Trap(.outOfBoundsMemoryAccess) }
        (memory.base + Int(destination)).update(repeating: value, count: Int(count))
    }

    func memoryCopy(_ instance: InstanceRuntime, destination: UInt16, source: UInt16, operands: UnsafeMutablePointer<UInt64>) throws(Trap) {
        let to = instance.memories[Int(destination)]
        let from = instance.memories[Int(source)]
        let (d, s, count) = (u32(operands[0]), u32(operands[1]), u32(operands[2]))
        guard to.contains(d, count: count), from.contains(s, count: count) else { throw Trap(.outOfBoundsMemoryAccess) }
        // Sound: both ranges were checked; memmove semantics handle overlap.
        UnsafeMutableRawPointer(to.base + Int(d)).copyMemory(from: from.base + Int(s), byteCount: Int(count))
    }

    func memoryInit(_ instance: InstanceRuntime, memory index: UInt16, data: UInt32, operands: UnsafeMutablePointer<UInt64>) throws(Trap) {
        let memory = instance.memories[Int(index)]
        let segment = instance.dataSegments[Int(data)]
        let (d, s, count) = (u32(operands[0]), u32(operands[1]), u32(operands[2]))
        guard memory.contains(d, count: count), s <= UInt64(segment.count), count <= UInt64(segment.count) - s else {
            throw Trap(.outOfBoundsMemoryAccess)
        }
        segment.withUnsafeBufferPointer { bytes in
            guard count > 0 else { return }
            (memory.base + Int(d)).update(from: bytes.baseAddress! + Int(s), count: Int(count))
        }
    }

    func tableGet(_ instance: InstanceRuntime, table: UInt16, index: UInt64) throws(Trap) -> UInt64 {
        let storage = instance.tables[Int(table)]
        let position = u32(index)
        guard position < UInt64(storage.elements.count) else { throw Trap(.outOfBoundsTableAccess) }
        return storage.elements[Int(position)]
    }

    func tableSet(_ instance: InstanceRuntime, table: UInt16, index: UInt64, value: UInt64) throws(Trap) {
        let storage = instance.tables[Int(table)]
        let position = u32(index)
        guard position < UInt64(storage.elements.count) else { throw Trap(.outOfBoundsTableAccess) }
        storage.elements[Int(position)] = value
    }

    func tableFill(_ instance: InstanceRuntime, table: UInt16, operands: UnsafeMutablePointer<UInt64>) throws(Trap) {
        let storage = instance.tables[Int(table)]
        let (d, value, count) = (u32(operands[0]), operands[1], u32(operands[2]))
        guard d <= UInt64(storage.elements.count), count <= UInt64(storage.elements.count) - d else { throw Trap(.outOfBoundsTableAccess) }
        for k in 0..<Int(count) { storage.elements[Int(d) + k] = value }
    }

    func tableCopy(_ instance: InstanceRuntime, destination: UInt16, source: UInt16, operands: UnsafeMutablePointer<UInt64>) throws(Trap) {
        let to = instance.tables[Int(destination)]
        let from = instance.tables[Int(source)]
        let (d, s, count) = (u32(operands[0]), u32(operands[1]), u32(operands[2]))
        guard d <= UInt64(to.elements.count), count <= UInt64(to.elements.count) - d,
            s <= UInt64(from.elements.count), count <= UInt64(from.elements.count) - s
        else { throw Trap(.outOfBoundsTableAccess) }
        if count == 0 { return }
        let values = Array(from.elements[Int(s)..<Int(s + count)])
        to.elements.replaceSubrange(Int(d)..<Int(d + count), with: values)
    }

    func tableInit(_ instance: InstanceRuntime, table: UInt16, element: UInt32, operands: UnsafeMutablePointer<UInt64>) throws(Trap) {
        let storage = instance.tables[Int(table)]
        let segment = instance.elementSegments[Int(element)]
        let (d, s, count) = (u32(operands[0]), u32(operands[1]), u32(operands[2]))
        guard d <= UInt64(storage.elements.count), count <= UInt64(storage.elements.count) - d,
            s <= UInt64(segment.count), count <= UInt64(segment.count) - s
        else { throw Trap(.outOfBoundsTableAccess) }
        if count == 0 { return }
        storage.elements.replaceSubrange(Int(d)..<Int(d + count), with: segment[Int(s)..<Int(s + count)])
    }
}
