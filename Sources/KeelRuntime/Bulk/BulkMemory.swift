/// `memory.grow` and the bulk memory instructions, shared by every backend.
///
/// Each operation checks every range before anything is written, charges its dynamic fuel
/// (docs/determinism.md, section 1.3) after the checks pass and before any work, and reports a
/// trap as its result instead of throwing, so compiled code can call it and branch on the
/// status. Addresses and counts are the instructions' u32 operands, zero-extended.
package enum BulkMemory {
    /// `memory.grow`: the old size in pages, or -1 (as u32) when the growth is refused. Fuel per
    /// page is charged only for growth that will succeed, before it happens.
    package static func grow(_ memory: LinearMemory, by delta: UInt64, costs: DynamicCosts, fuel: inout FuelCounter) -> (result: UInt32, trap: TrapKind?) {
        if memory.canGrow(by: delta), !costs.charge(delta, times: costs.memoryGrowPerPage, to: &fuel) {
            return (0, .outOfFuel)
        }
        return (UInt32(truncatingIfNeeded: memory.grow(by: delta)), nil)
    }

    /// `memory.fill`: `count` bytes at `destination` set to `value`.
    package static func fill(_ memory: LinearMemory, destination: UInt64, value: UInt8, count: UInt64, costs: DynamicCosts, fuel: inout FuelCounter) -> TrapKind? {
        guard memory.contains(destination, count: count) else { return .outOfBoundsMemoryAccess }
        guard costs.chargeBytes(count, to: &fuel) else { return .outOfFuel }
        // Sound: the range was checked against the memory's size.
        (memory.base + Int(destination)).update(repeating: value, count: Int(count))
        return nil
    }

    /// `memory.copy`: `count` bytes from `source` in `from` to `destination` in `to` (which may
    /// be the same memory; overlapping ranges copy as if through a temporary buffer).
    package static func copy(to: LinearMemory, from: LinearMemory, destination: UInt64, source: UInt64, count: UInt64, costs: DynamicCosts, fuel: inout FuelCounter) -> TrapKind? {
        guard to.contains(destination, count: count), from.contains(source, count: count) else { return .outOfBoundsMemoryAccess }
        guard costs.chargeBytes(count, to: &fuel) else { return .outOfFuel }
        // Sound: both ranges were checked; memmove semantics handle overlap.
        UnsafeMutableRawPointer(to.base + Int(destination)).copyMemory(from: from.base + Int(source), byteCount: Int(count))
        return nil
    }

    /// `memory.init`: `count` bytes of `segment` from `source` to `destination`.
    package static func initialize(_ memory: LinearMemory, from segment: [UInt8], destination: UInt64, source: UInt64, count: UInt64, costs: DynamicCosts, fuel: inout FuelCounter) -> TrapKind? {
        guard memory.contains(destination, count: count), source <= UInt64(segment.count), count <= UInt64(segment.count) - source else {
            return .outOfBoundsMemoryAccess
        }
        guard costs.chargeBytes(count, to: &fuel) else { return .outOfFuel }
        segment.withUnsafeBufferPointer { bytes in
            guard count > 0 else { return }
            // Sound: both ranges were checked, and a non-empty segment has a base address.
            (memory.base + Int(destination)).update(from: bytes.baseAddress! + Int(source), count: Int(count))
        }
        return nil
    }
}
