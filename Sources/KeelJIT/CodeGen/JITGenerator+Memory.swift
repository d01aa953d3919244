import KeelFrontEnd
import KeelRuntime

extension JITGenerator {
    /// The scratch register = the `MemoryView` pointer of memory `index` (not 0, whose base
    /// and size are pinned).
    mutating func memoryView(_ index: UInt32) {
        load64(contextField(JITContextLayout.memoryViews), to: Masm.scratch)
        load64(Masm.Address(base: Masm.scratch, displacement: Int32(8 * Int(index))), to: Masm.scratch)
    }

    /// `dst = constant + address` (`constant` unsigned, at most 2^32 + 2^32).
    mutating func addressPlus(_ constant: UInt64, _ address: Masm.Register, into dst: Masm.Register) {
        if constant <= UInt64(Int32.max) {
            masm.loadAddress(Masm.Address(base: address, displacement: Int32(constant)), to: dst)
        } else {
            masm.move(constant: Int64(constant), to: dst, .i64, .wide)
            masm.binary(.add, .register(address), into: dst, .i64)
        }
    }

    /// Pops an address and bounds-checks an access of `size` bytes at it plus `offset` against
    /// the memory's size, trapping before anything is read or written. Returns the operand of
    /// the access and the address register to release after it (if owned).
    mutating func checkedAddress(memory: UInt32, offset: UInt64, size: Int) -> (Masm.Address, IntUse) {
        let end = offset + UInt64(size)
        let scratch = Masm.scratch, second = Masm.secondScratch
        if memory == 0, case .constant(let bits) = stack[stack.count - 1].operand {
            _ = popEntry()
            let start = (bits & 0xFFFF_FFFF) + offset
            let limit = start + UInt64(size)
            if limit <= UInt64(Int32.max) {
                masm.compare(Masm.memorySize, .immediate(Int32(limit)), .i64)
            } else {
                masm.move(constant: Int64(limit), to: scratch, .i64, .wide)
                masm.compare(Masm.memorySize, .register(scratch), .i64)
            }
            masm.branch(if: .ltU, to: trapLabel(.outOfBoundsMemoryAccess))
            if start <= UInt64(Int32.max) { return (Masm.Address(base: Masm.memoryBase, displacement: Int32(start)), .imm(0)) }
            masm.move(constant: Int64(start), to: scratch, .i64, .wide)
            return (Masm.Address(base: Masm.memoryBase, index: scratch, displacement: 0), .imm(0))
        }
        let use = popRegisterUse(.i64)
        guard case .reg(let address, _) = use else { preconditionFailure() }
        let base: Masm.Register
        if memory == 0 {
            base = Masm.memoryBase
            addressPlus(end, address, into: scratch)
            masm.compare(scratch, .register(Masm.memorySize), .i64)
        } else {
            base = scratch
            addressPlus(end, address, into: second)
            memoryView(memory)
            masm.compare(second, .memory(Masm.Address(base: scratch, displacement: 8)), .i64)
            load64(Masm.Address(base: scratch, displacement: 0), to: scratch)  // loads keep the flags
        }
        masm.branch(if: .gtU, to: trapLabel(.outOfBoundsMemoryAccess))
        if offset <= UInt64(Int32.max) {
            return (Masm.Address(base: base, index: address, displacement: Int32(offset)), use)
        }
        // A large offset: base + address + offset in the second scratch register.
        addressPlus(offset, address, into: second)
        return (Masm.Address(base: base, index: second, displacement: 0), use)
    }

    package mutating func load(_ op: LoadOp, memory: UInt32, offset: UInt64) {
        guard failure == nil else { return }
        // The destination first: allocating may spill, and spills use the scratch registers,
        // which hold parts of the address once it is checked.
        if op == .f32Load || op == .f64Load {
            let double = op == .f64Load
            let x = allocateFloatRegister()
            let (address, use) = checkedAddress(memory: memory, offset: offset, size: op.size)
            masm.loadFloat(from: address, to: x, double: double, trap: nil)
            release(use)
            push(.floatRegister(x), double ? .f64 : .f32)
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
        let r = allocateRegister()
        let (address, use) = checkedAddress(memory: memory, offset: offset, size: op.size)
        masm.load(kind, from: address, to: r, width, trap: nil)
        release(use)
        push(.register(r), width == .i32 ? .i32 : .i64)
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
        var inFloatRegister = false
        if case .floatRegister = top.operand { inFloatRegister = true }
        if case .local(let i) = top.operand, case .floatRegister = homes[i] { inFloatRegister = true }
        if inFloatRegister {
            let (x, owned) = popFloatUse()
            let (address, use) = checkedAddress(memory: memory, offset: offset, size: op.size)
            masm.storeFloat(x, to: address, double: top.type == .f64, trap: nil)
            if owned { free(x) }
            release(use)
            return
        }
        // Integers, and float bits that are constants, in slots or in general registers.
        let value = popUse(width == .b64 ? .i64 : .i32, memory: false)
        let (address, use) = checkedAddress(memory: memory, offset: offset, size: op.size)
        switch value {
        case .imm(let v): masm.store(constant: v, to: address, width)
        case .reg(let r, _): masm.store(r, to: address, width, trap: nil)
        case .mem: preconditionFailure("jit: memory operand where none was allowed")
        }
        release(value)
        release(use)
    }

    package mutating func memorySize(memory: UInt32) {
        guard failure == nil else { return }
        let r = allocateRegister()
        if memory == 0 {
            masm.move(Masm.memorySize, to: r, .i64)
        } else {
            memoryView(memory)
            load64(Masm.Address(base: Masm.scratch, displacement: 8), to: r)
        }
        masm.shift(.shrU, constant: 16, into: r, .i64)
        push(.register(r), .i32)
    }

    package mutating func memoryGrow(memory: UInt32) {
        guard failure == nil else { return }
        prepareCall()
        let delta = stack.count - 1
        storeFuel()
        let a = Masm.arguments, result = Masm.result
        masm.move(Masm.context, to: a[0], .i64)
        masm.load(.u32, from: entrySlot(delta), to: a[1], .i32, trap: nil)
        masm.move(constant: Int64(memory), to: a[2], .i32, .keepingFlags)
        masm.call(memory: contextField(JITContextLayout.memoryGrowHelper))
        // result = trap code << 32 | old size in pages (or -1); the code goes to a caller-saved
        // register that is not the result.
        let code = a[2]
        masm.move(result, to: code, .i64)
        masm.shift(.shrU, constant: 32, into: code, .i64)
        let ok = masm.makeLabel()
        masm.branch(ifZero: true, justComputed: code, .i64, to: ok)
        masm.move(code, to: result, .i32)
        masm.jump(to: dynamicTrap)
        masm.bind(ok)
        loadFuel()
        masm.move(result, to: result, .i32)  // zero-extends
        store64(result, to: entrySlot(delta))
        restoreLocals()
        reloadMemory()
    }

    /// Calls the bulk helper on the top `operandCount` entries (in their slots; a result
    /// replaces them), then reloads memory 0.
    mutating func bulk(_ operation: JITBulkOperation, _ a: UInt32, _ b: UInt32, operandCount: Int, results: [ValueType] = []) {
        prepareCall()
        truncate(to: stack.count - operandCount)
        reserve(results.count)
        let arguments = Masm.arguments
        masm.move(Masm.context, to: arguments[0], .i64)
        masm.move(constant: Int64(operation.rawValue), to: arguments[1], .i32, .keepingFlags)
        masm.move(constant: Int64(a), to: arguments[2], .i32, .keepingFlags)
        masm.move(constant: Int64(b), to: arguments[3], .i32, .keepingFlags)
        masm.loadAddress(entrySlot(stack.count), to: arguments[4])
        storeFuel()
        callHelper(JITContextLayout.bulkHelper)
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
        let value = popCompareOperand(.i64, immediate: false)
        push(.compare(.eq, value, .imm(0), .i64), .i32)
    }
}
