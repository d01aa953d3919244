import KeelFrontEnd
import KeelRuntime

extension JITGenerator {
    /// r11 = the `MemoryView` pointer of memory `index` (not 0, whose base and size are pinned).
    mutating func memoryView(_ index: UInt32) {
        enc.mov(.r11, Address(.r14, JITContextLayout.memoryViews), .b64)
        enc.mov(.r11, Address(.r11, Int32(8 * Int(index))), .b64)
    }

    /// Pops an address and bounds-checks an access of `size` bytes at it plus `offset` against
    /// the memory's size, trapping before anything is read or written. Returns the operand of
    /// the access and the address register to release after it (if owned).
    mutating func checkedAddress(memory: UInt32, offset: UInt64, size: Int) -> (Address, IntUse) {
        let end = offset + UInt64(size)
        if memory == 0, case .constant(let bits) = stack[stack.count - 1].operand {
            _ = popEntry()
            let start = (bits & 0xFFFF_FFFF) + offset
            let limit = start + UInt64(size)
            if limit <= UInt64(Int32.max) {
                enc.alu(.cmp, .r12, imm: Int32(limit), .b64)
            } else {
                enc.movabs(.r11, Int64(limit))
                enc.alu(.cmp, .r12, .r11, .b64)
            }
            enc.jcc(.b, trapLabel(.outOfBoundsMemoryAccess))
            if start <= UInt64(Int32.max) { return (Address(.r15, Int32(start)), .imm(0)) }
            enc.movabs(.r11, Int64(start))
            return (Address(.r15, index: .r11, scale: .x1, 0), .imm(0))
        }
        let use = popRegisterUse(.b64)
        guard case .reg(let address, _) = use else { preconditionFailure() }
        let base: GPR
        if memory == 0 {
            base = .r15
            if end <= UInt64(Int32.max) {
                enc.lea(.r11, Address(address, Int32(end)))
            } else {
                enc.movabs(.r11, Int64(end))
                enc.alu(.add, .r11, address, .b64)
            }
            enc.alu(.cmp, .r11, .r12, .b64)
        } else {
            base = .r11
            if end <= UInt64(Int32.max) {
                enc.lea(RegisterPlan.scratch2, Address(address, Int32(end)))
            } else {
                enc.movabs(RegisterPlan.scratch2, Int64(end))
                enc.alu(.add, RegisterPlan.scratch2, address, .b64)
            }
            memoryView(memory)
            enc.alu(.cmp, RegisterPlan.scratch2, Address(.r11, 8), .b64)
            enc.mov(.r11, Address(.r11, 0), .b64)  // mov keeps the flags
        }
        enc.jcc(.a, trapLabel(.outOfBoundsMemoryAccess))
        if offset <= UInt64(Int32.max) {
            return (Address(base, index: address, scale: .x1, Int32(offset)), use)
        }
        // A large offset: base + address + offset in the second scratch register.
        enc.movabs(RegisterPlan.scratch2, Int64(offset))
        enc.alu(.add, RegisterPlan.scratch2, address, .b64)
        return (Address(base, index: RegisterPlan.scratch2, scale: .x1, 0), use)
    }

    package mutating func load(_ op: LoadOp, memory: UInt32, offset: UInt64) {
        guard failure == nil else { return }
        // The destination first: allocating may spill, and spills use r11 and r10, which hold
        // parts of the address once it is checked.
        if op == .f32Load || op == .f64Load {
            let double = op == .f64Load
            let x = allocateXMM()
            let (address, use) = checkedAddress(memory: memory, offset: offset, size: op.size)
            enc.movs(double ? .double : .single, x, address)
            release(use)
            push(.xmm(x), double ? .f64 : .f32)
            return
        }
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
        let r = allocateGPR()
        let (address, use) = checkedAddress(memory: memory, offset: offset, size: op.size)
        masm.load(kind, from: address, to: r, width, trap: nil)
        release(use)
        push(.gpr(r), width == .i32 ? .i32 : .i64)
    }

    package mutating func store(_ op: StoreOp, memory: UInt32, offset: UInt64) {
        guard failure == nil else { return }
        let width: StoreWidth =
            switch op.size {
            case 1: .b8
            case 2: .b16
            case 4: .b32
            default: .b64
            }
        let top = stack[stack.count - 1]
        var inSSE = false
        if case .xmm = top.operand { inSSE = true }
        if case .local(let i) = top.operand, case .xmm = homes[i] { inSSE = true }
        if inSSE {
            let (x, owned) = popXMMUse()
            let (address, use) = checkedAddress(memory: memory, offset: offset, size: op.size)
            enc.movs(top.type == .f64 ? .double : .single, address, x)
            if owned { free(x) }
            release(use)
            return
        }
        // Integers, and float bits that are constants, in slots or in general registers.
        let value = popUse(width == .b64 ? .b64 : .b32, memory: false)
        let (address, use) = checkedAddress(memory: memory, offset: offset, size: op.size)
        switch value {
        case .imm(let v): enc.mov(address, imm: v, Self.operandSize(width))
        case .reg(let r, _): masm.store(r, to: address, width, trap: nil)
        case .mem: preconditionFailure("jit: memory operand where none was allowed")
        }
        release(value)
        release(use)
    }

    static func operandSize(_ width: StoreWidth) -> OperandSize {
        switch width {
        case .b8: .b8
        case .b16: .b16
        case .b32: .b32
        case .b64: .b64
        }
    }

    package mutating func memorySize(memory: UInt32) {
        guard failure == nil else { return }
        let r = allocateGPR()
        if memory == 0 {
            enc.mov(r, .r12, .b64)
        } else {
            memoryView(memory)
            enc.mov(r, Address(.r11, 8), .b64)
        }
        enc.shift(.shr, r, imm: 16, .b64)
        push(.gpr(r), .i32)
    }

    package mutating func memoryGrow(memory: UInt32) {
        guard failure == nil else { return }
        prepareCall()
        let delta = stack.count - 1
        storeFuel()
        enc.mov(.rdi, .r14, .b64)
        enc.mov(.rsi, entrySlot(delta), .b32)
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
        loadFuel()
        enc.mov(.rax, .rax, .b32)
        enc.mov(entrySlot(delta), .rax, .b64)
        restoreLocals()
        reloadMemory()
    }

    /// Calls the bulk helper on the top `operandCount` entries (in their slots; a result
    /// replaces them), then reloads memory 0.
    mutating func bulk(_ operation: JITBulkOperation, _ a: UInt32, _ b: UInt32, operandCount: Int, results: [ValueType] = []) {
        prepareCall()
        truncate(to: stack.count - operandCount)
        reserve(results.count)
        enc.mov(.rdi, .r14, .b64)
        enc.mov(.rsi, imm: Int64(operation.rawValue), .b32)
        enc.mov(.rdx, imm: Int64(a), .b32)
        enc.mov(.rcx, imm: Int64(b), .b32)
        enc.lea(.r8, entrySlot(stack.count))
        storeFuel()
        enc.call(Address(.r14, JITContextLayout.bulkHelper))
        enc.test(.rax, .rax, .b32)
        enc.jcc(.ne, dynamicTrap)
        loadFuel()
        restoreLocals()
        if operation == .memoryFill || operation == .memoryCopy || operation == .memoryInit { reloadMemory() }
        pushSlots(results)
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
    package mutating func tableGet(_ table: UInt32) { if failure == nil { bulk(.tableGet, table, 0, operandCount: 1, results: [.funcref]) } }
    package mutating func tableSet(_ table: UInt32) { if failure == nil { bulk(.tableSet, table, 0, operandCount: 2) } }
    package mutating func tableSize(_ table: UInt32) { if failure == nil { bulk(.tableSize, table, 0, operandCount: 0, results: [.i32]) } }
    package mutating func tableGrow(_ table: UInt32) { if failure == nil { bulk(.tableGrow, table, 0, operandCount: 2, results: [.i32]) } }
    package mutating func tableFill(_ table: UInt32) { if failure == nil { bulk(.tableFill, table, 0, operandCount: 3) } }
    package mutating func tableCopy(destination: UInt32, source: UInt32) {
        if failure == nil { bulk(.tableCopy, destination, source, operandCount: 3) }
    }
    package mutating func tableInit(element: UInt32, table: UInt32) { if failure == nil { bulk(.tableInit, table, element, operandCount: 3) } }
    package mutating func elemDrop(_ element: UInt32) { if failure == nil { bulk(.elemDrop, element, 0, operandCount: 0) } }
    package mutating func refFunc(_ function: UInt32) { if failure == nil { bulk(.refFunc, function, 0, operandCount: 0, results: [.funcref]) } }

    package mutating func refIsNull() {
        guard failure == nil else { return }
        let value = popCompareOperand(.b64, immediate: false)
        push(.compare(.e, value, .imm(0), .b64), .i32)
    }
}
