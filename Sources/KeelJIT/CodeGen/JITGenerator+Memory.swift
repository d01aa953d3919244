import KeelFrontEnd
import KeelRuntime

extension JITGenerator {
    /// r11 = the `MemoryView` pointer of memory `index` (not 0, whose base and size are pinned).
    mutating func memoryView(_ index: UInt32) {
        enc.mov(.r11, Address(.r14, JITContextLayout.memoryViews), .b64)
        enc.mov(.r11, Address(.r11, Int32(8 * Int(index))), .b64)
    }

    /// Bounds-checks an access of `size` bytes at the address in slot `addressSlot` plus
    /// `offset` against the memory's size (r12 for memory 0, else r9), trapping before anything
    /// is read or written; returns the operand of the access (base + rax + displacement, the
    /// base r15 for memory 0, else r8).
    mutating func checkedAddress(_ addressSlot: Int, memory: UInt32, offset: UInt64, size: Int) -> Address {
        let base: GPR = memory == 0 ? .r15 : .r8, limit: GPR = memory == 0 ? .r12 : .r9
        if memory != 0 {
            memoryView(memory)
            enc.mov(.r8, Address(.r11, 0), .b64)
            enc.mov(.r9, Address(.r11, 8), .b64)
        }
        enc.mov(.rax, slot(addressSlot), .b32)
        let end = offset + UInt64(size)
        if end <= UInt64(Int32.max) {
            enc.lea(.rdx, Address(.rax, Int32(end)))
        } else {
            enc.movabs(.rdx, Int64(end))
            enc.alu(.add, .rdx, .rax, .b64)
        }
        enc.alu(.cmp, .rdx, limit, .b64)
        enc.jcc(.a, trapLabel(.outOfBoundsMemoryAccess))
        if offset <= UInt64(Int32.max) {
            return Address(base, index: .rax, scale: .x1, Int32(offset))
        }
        enc.movabs(.r11, Int64(offset))
        enc.alu(.add, .rax, .r11, .b64)
        return Address(base, index: .rax, scale: .x1, 0)
    }

    package mutating func load(_ op: LoadOp, memory: UInt32, offset: UInt64) {
        guard failure == nil else { return }
        let address = checkedAddress(height - 1, memory: memory, offset: offset, size: op.size)
        let (kind, width): (LoadKind, IntWidth) =
            switch op {
            case .i32Load, .f32Load: (.full, .i32)
            case .i64Load, .f64Load: (.full, .i64)
            case .i32Load8S: (.s8, .i32)
            case .i32Load8U: (.u8, .i32)
            case .i32Load16S: (.s16, .i32)
            case .i32Load16U: (.u16, .i32)
            case .i64Load8S: (.s8, .i64)
            case .i64Load8U: (.u8, .i64)
            case .i64Load16S: (.s16, .i64)
            case .i64Load16U: (.u16, .i64)
            case .i64Load32S: (.s32, .i64)
            case .i64Load32U: (.u32, .i64)
            }
        masm.load(kind, from: address, to: .rcx, width, trap: nil)
        store(.rcx, height - 1)
    }

    package mutating func store(_ op: StoreOp, memory: UInt32, offset: UInt64) {
        guard failure == nil else { return }
        let value = pop(), addressSlot = pop()
        let address = checkedAddress(addressSlot, memory: memory, offset: offset, size: op.size)
        load(.rcx, value)
        let width: StoreWidth =
            switch op.size {
            case 1: .b8
            case 2: .b16
            case 4: .b32
            default: .b64
            }
        masm.store(.rcx, to: address, width, trap: nil)
    }

    package mutating func memorySize(memory: UInt32) {
        guard failure == nil else { return }
        if memory == 0 {
            enc.mov(.rax, .r12, .b64)
        } else {
            memoryView(memory)
            enc.mov(.rax, Address(.r11, 8), .b64)
        }
        enc.shift(.shr, .rax, imm: 16, .b64)
        store(.rax, push())
    }

    package mutating func memoryGrow(memory: UInt32) {
        guard failure == nil else { return }
        let delta = height - 1
        enc.mov(.rdi, .r14, .b64)
        enc.mov(.rsi, slot(delta), .b32)
        enc.mov(.rdx, imm: Int64(memory), .b32)
        enc.call(Address(.r14, JITContextLayout.memoryGrowHelper))
        // rax = trap code << 32 | result
        enc.mov(.rdx, .rax, .b64)
        enc.shift(.shr, .rdx, imm: 32, .b64)
        let ok = masm.makeLabel()
        enc.jcc(.e, ok)
        enc.mov(.rax, .rdx, .b32)
        enc.jmp(dynamicTrap)
        masm.bind(ok)
        enc.mov(.rax, .rax, .b32)
        store(.rax, delta)
        reloadMemory()
    }

    /// Calls the bulk helper on the top `operandCount` slots (popped; a result replaces them),
    /// then reloads memory 0.
    mutating func bulk(_ operation: JITBulkOperation, _ a: UInt32, _ b: UInt32, operandCount: Int, results: Int = 0) {
        height -= operandCount
        reserve(results)
        enc.mov(.rdi, .r14, .b64)
        enc.mov(.rsi, imm: Int64(operation.rawValue), .b32)
        enc.mov(.rdx, imm: Int64(a), .b32)
        enc.mov(.rcx, imm: Int64(b), .b32)
        enc.lea(.r8, slot(height))
        enc.call(Address(.r14, JITContextLayout.bulkHelper))
        enc.test(.rax, .rax, .b32)
        enc.jcc(.ne, dynamicTrap)
        if operation == .memoryFill || operation == .memoryCopy || operation == .memoryInit { reloadMemory() }
        height += results
    }

    package mutating func memoryFill(memory: UInt32) {
        guard failure == nil else { return }
        bulk(.memoryFill, memory, 0, operandCount: 3)
    }

    package mutating func memoryCopy(destination: UInt32, source: UInt32) {
        guard failure == nil else { return }
        bulk(.memoryCopy, destination, source, operandCount: 3)
    }

    package mutating func memoryInit(data: UInt32, memory: UInt32) {
        guard failure == nil else { return }
        bulk(.memoryInit, memory, data, operandCount: 3)
    }

    package mutating func dataDrop(_ data: UInt32) {
        guard failure == nil else { return }
        bulk(.dataDrop, data, 0, operandCount: 0)
    }
    package mutating func tableGet(_ table: UInt32) { if failure == nil { bulk(.tableGet, table, 0, operandCount: 1, results: 1) } }
    package mutating func tableSet(_ table: UInt32) { if failure == nil { bulk(.tableSet, table, 0, operandCount: 2) } }
    package mutating func tableSize(_ table: UInt32) { if failure == nil { bulk(.tableSize, table, 0, operandCount: 0, results: 1) } }
    package mutating func tableGrow(_ table: UInt32) { if failure == nil { bulk(.tableGrow, table, 0, operandCount: 2, results: 1) } }
    package mutating func tableFill(_ table: UInt32) { if failure == nil { bulk(.tableFill, table, 0, operandCount: 3) } }
    package mutating func tableCopy(destination: UInt32, source: UInt32) {
        if failure == nil { bulk(.tableCopy, destination, source, operandCount: 3) }
    }
    package mutating func tableInit(element: UInt32, table: UInt32) { if failure == nil { bulk(.tableInit, table, element, operandCount: 3) } }
    package mutating func elemDrop(_ element: UInt32) { if failure == nil { bulk(.elemDrop, element, 0, operandCount: 0) } }
    package mutating func refFunc(_ function: UInt32) { if failure == nil { bulk(.refFunc, function, 0, operandCount: 0, results: 1) } }

    package mutating func refIsNull() {
        guard failure == nil else { return }
        let top = height - 1
        enc.alu(.cmp, slot(top), imm: 0, .b64)
        enc.setcc(.e, .rax)
        enc.movzx(.rax, .rax, from: .b8, to: .b32)
        store(.rax, top)
    }
}
