import Keel

extension BodyGenerator {
    /// An address for an access of `width` bytes, biased towards the end of memory: in
    /// bounds, just at or over the initial end, at the current end (`memory.size` after any
    /// growth), an edge constant, or anything.
    func address(width: Int) {
        let end = context.layout.memoryBytes
        switch input.int(0...5) {
        case 0:
            code.byte(0x41)
            code.signed(Int64(input.int(0...max(0, min(end, 65536) - width))))
        case 1, 2:
            code.byte(0x41)
            code.signed(Int64(Int32(truncatingIfNeeded: end - input.int(0...16))))
        case 3:
            code.append([0x3F, 0x00, 0x41, 0x10, 0x74, 0x41])
            code.signed(Int64(input.int(0...16)))
            code.byte(0x6B)
        case 4:
            code.byte(0x41)
            code.signed(Int64(Int32(bitPattern: input.pick(EdgeValues.i32))))
        default:
            expression(.i32)
        }
    }

    /// A memarg: an alignment up to the natural one, an offset mostly zero or small,
    /// sometimes at a page boundary or the top of the address space.
    private func memarg(natural: Int) {
        code.unsigned(input.int(0...natural))
        let offset: UInt64
        switch input.int(0...7) {
        case 0...3: offset = 0
        case 4, 5: offset = UInt64(input.int(0...64))
        default: offset = input.pick([65535, 65536, 65532, 0xFFFF_FFFF, 0x8000_0000, UInt64(context.layout.memoryBytes)])
        }
        code.unsigned(offset)
    }

    /// A load yielding `type` (a narrow one sometimes).
    func load(_ type: ValueType) {
        let loads = NumericOps.loads.filter { $0.result == type }
        guard let load = loads.isEmpty ? nil : input.pick(loads) else { return constant(type) }
        address(width: 1 << load.alignment)
        code.byte(load.code)
        memarg(natural: load.alignment)
    }

    /// A store of some type (a narrow one sometimes).
    func store() {
        let stores = NumericOps.stores.filter { context.options.allowFloats || ($0.operand != .f32 && $0.operand != .f64) }
        let store = input.pick(stores)
        address(width: 1 << store.alignment)
        expression(store.operand)
        code.byte(store.code)
        memarg(natural: store.alignment)
    }

    /// A length for a bulk operation: zero, small, a page, or anything.
    private func length() {
        code.byte(0x41)
        switch input.int(0...4) {
        case 0: code.signed(0)
        case 1, 2: code.signed(Int64(input.int(1...64)))
        case 3: code.signed(Int64(input.pick([65536, 65535, 65537, 131072])))
        default:
            code.signed(0)
            expression(.i32)
            code.byte(0x6A)
        }
    }

    /// `memory.fill`, `memory.copy` (overlapping sometimes), `memory.init` or `data.drop`.
    func bulkMemory() {
        switch input.int(0...3) {
        case 0:
            address(width: 1)
            expression(.i32)
            length()
            code.append([0xFC, 0x0B, 0x00])
        case 1:
            address(width: 1)
            address(width: 1)
            length()
            code.append([0xFC, 0x0A, 0x00, 0x00])
        case 2:
            address(width: 1)
            code.byte(0x41)
            code.signed(Int64(input.int(0...(context.layout.passiveData.count + 2))))
            length()
            code.append([0xFC, 0x08, 0x00, 0x00])
        default:
            code.append([0xFC, 0x09, 0x00])
        }
    }

    /// A table instruction that leaves nothing: `table.set`, `table.fill`, `table.copy`,
    /// `table.init`, `elem.drop`, or `table.grow` dropped.
    func tableOperation() {
        let functions = context.layout.functionTypes.count
        func reference() {
            if input.chance(80) {
                code.append([0xD0, 0x70])
            } else {
                code.byte(0xD2)
                code.unsigned(input.int(0...(functions - 1)))
            }
        }
        switch input.int(0...5) {
        case 0:
            tableIndex()
            if input.chance(100) {
                tableIndex()
                code.append([0x25, 0x00])
            } else {
                reference()
            }
            code.append([0x26, 0x00])
        case 1:
            tableIndex()
            reference()
            tableIndex()
            code.append([0xFC, 0x11, 0x00])
        case 2:
            tableIndex()
            tableIndex()
            tableIndex()
            code.append([0xFC, 0x0E, 0x00, 0x00])
        case 3:
            tableIndex()
            code.byte(0x41)
            code.signed(Int64(input.int(0...(context.layout.passiveElements.count + 1))))
            tableIndex()
            code.append([0xFC, 0x0C, 0x00, 0x00])
        case 4:
            code.append([0xFC, 0x0D, 0x00])
        default:
            reference()
            growOperand()
            code.append([0xFC, 0x0F, 0x00, 0x1A])
        }
    }
}
