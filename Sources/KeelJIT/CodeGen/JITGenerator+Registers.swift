import KeelFrontEnd

/// The virtual operand stack: pushing, popping, register allocation and spilling.
extension JITGenerator {
    // MARK: Pushing and popping

    /// Pushes an entry; its registers become the entry's.
    mutating func push(_ operand: Operand, _ type: ValueType, pendingNaN: Bool = false) {
        let k = stack.count
        stack.append(StackEntry(operand: operand, type: type, pendingNaN: pendingNaN))
        if localCount + stack.count > maxHeight { maxHeight = localCount + stack.count }
        attach(k)
    }

    /// Pushes `types` as values already in their slots, onto a stack that is all in its slots
    /// (after a join, a call or a helper), so no entry needs spilling or settling.
    mutating func pushSlots(_ types: [ValueType]) {
        for type in types { push(.slot, type) }
        spilledBelow = stack.count
        lazyFloor = stack.count
    }

    /// Records the holder of entry `k`'s registers and counts its lazy local reads.
    mutating func attach(_ k: Int) {
        switch stack[k].operand {
        case .gpr(let r): gprHolder[Int(r.rawValue)] = k
        case .local(let i): lazyCount[i] += 1
        case .compare(_, let lhs, let rhs, _):
            attach(lhs, k)
            attach(rhs, k)
        default: break
        }
    }

    mutating func attach(_ side: CompareOperand, _ k: Int) {
        switch side {
        case .gpr(let r): gprHolder[Int(r.rawValue)] = k
        case .local(let i): lazyCount[i] += 1
        case .imm: break
        }
    }

    /// Forgets entry `operand`'s lazy local reads (its registers stay allocated).
    mutating func detach(_ operand: Operand) {
        switch operand {
        case .local(let i): lazyCount[i] -= 1
        case .compare(_, let lhs, let rhs, _):
            if case .local(let i) = lhs { lazyCount[i] -= 1 }
            if case .local(let i) = rhs { lazyCount[i] -= 1 }
        default: break
        }
    }

    /// Removes the top entry; its registers are the caller's to use and release.
    mutating func popEntry() -> StackEntry {
        let entry = stack.removeLast()
        if stack.count < spilledBelow { spilledBelow = stack.count }
        if stack.count < lazyFloor { lazyFloor = stack.count }
        detach(entry.operand)
        return entry
    }

    /// Drops entries down to `height`, releasing their registers.
    mutating func truncate(to height: Int) {
        while stack.count > height { release(popEntry().operand) }
    }

    // MARK: Registers

    mutating func free(_ r: GPR) { freeGPRs.insert(r.rawValue) }
    mutating func free(_ x: XMM) { freeXMMs.insert(x.rawValue) }

    /// Releases the registers an operand owns.
    mutating func release(_ operand: Operand) {
        switch operand {
        case .gpr(let r): free(r)
        case .xmm(let x): free(x)
        case .compare(_, let lhs, let rhs, _):
            if case .gpr(let r) = lhs { free(r) }
            if case .gpr(let r) = rhs { free(r) }
        default: break
        }
    }

    mutating func release(_ use: IntUse) {
        if case .reg(let r, true) = use { free(r) }
    }

    /// A free general-purpose register, spilling the oldest entries if none is.
    mutating func allocateGPR() -> GPR {
        if freeGPRs.isEmpty { spillUntilFree(xmm: false) }
        let n = freeGPRs.first!
        freeGPRs.remove(n)
        return GPR(rawValue: n)!
    }

    mutating func allocateXMM() -> XMM {
        if freeXMMs.isEmpty { spillUntilFree(xmm: true) }
        let n = freeXMMs.first!
        freeXMMs.remove(n)
        return XMM(rawValue: n)!
    }

    /// Spills entries from the bottom until a register of the kind is free.
    mutating func spillUntilFree(xmm: Bool) {
        while spilledBelow < stack.count {
            spill(spilledBelow)
            spilledBelow += 1
            if xmm ? !freeXMMs.isEmpty : !freeGPRs.isEmpty { return }
        }
        preconditionFailure("jit: every register is held by the instruction being compiled")
    }

    /// Takes `r` for a fixed use (division, shift counts), moving out the entry holding it.
    mutating func take(_ r: GPR) {
        if freeGPRs.contains(r.rawValue) {
            freeGPRs.remove(r.rawValue)
            return
        }
        let k = gprHolder[Int(r.rawValue)]
        precondition(k >= 0 && k < stack.count, "jit: register \(r) is neither free nor on the stack")
        spill(k)
        freeGPRs.remove(r.rawValue)
    }

    // MARK: Spilling

    /// Stores entry `k` in its slot and releases its registers.
    mutating func spill(_ k: Int) {
        let entry = stack[k]
        if case .slot = entry.operand { return }
        emitObservedStore(entry, position: k, to: entrySlot(k))
        detach(entry.operand)
        release(entry.operand)
        stack[k] = StackEntry(operand: .slot, type: entry.type)
    }

    /// Stores every entry in its slot (before a label, a branch's join or a call).
    mutating func spillAll() {
        for k in spilledBelow..<stack.count { spill(k) }
        spilledBelow = stack.count
        lazyFloor = stack.count
    }

    /// Before local `index` is written: stores every lazy read of it (and of any local above the
    /// last such sweep, keeping the sweeps linear overall).
    mutating func settleReads(of index: Int) {
        guard lazyCount[index] > 0 else { return }
        for k in lazyFloor..<stack.count {
            if readsLocal(stack[k].operand) { spill(k) }
        }
        lazyFloor = stack.count
    }

    func readsLocal(_ operand: Operand) -> Bool {
        switch operand {
        case .local: return true
        case .compare(_, let lhs, let rhs, _):
            if case .local = lhs { return true }
            if case .local = rhs { return true }
            return false
        default: return false
        }
    }

    /// The frame address of local `index`'s slot.
    func home(_ index: Int) -> Address { slot(index) }

    /// Emits a store of `entry` (at stack position `position`) to `address`, changing no
    /// allocation (r11 is the only register it may use).
    mutating func emitStore(_ entry: StackEntry, position: Int, to address: Address) {
        switch entry.operand {
        case .constant(let bits):
            let value = Int64(bitPattern: bits)
            if value >= Int64(Int32.min) && value <= Int64(Int32.max) {
                enc.mov(address, imm: Int32(value), .b64)
            } else {
                enc.movabs(.r11, value)
                enc.mov(address, .r11, .b64)
            }
        case .gpr(let r): enc.mov(address, r, .b64)
        case .xmm(let x): storeFloat(x, double: entry.type == .f64, to: address)
        case .local(let i):
            switch homes[i] {
            case .gpr(let r): enc.mov(address, r, .b64)
            case .xmm(let x): storeFloat(x, double: localTypes[i] == .f64, to: address)
            case .slot:
                enc.mov(.r11, home(i), .b64)
                enc.mov(address, .r11, .b64)
            }
        case .slot:
            let source = entrySlot(position)
            guard source != address else { return }
            enc.mov(.r11, source, .b64)
            enc.mov(address, .r11, .b64)
        case .compare:
            evaluate(entry.operand, into: .r11)
            enc.mov(address, .r11, .b64)
        }
    }

    /// Emits a store of `entry` that leaves the stack as it is, canonicalizing a pending NaN in
    /// place first (the value stays valid: a canonical NaN is as good as any NaN until observed).
    mutating func emitObservedStore(_ entry: StackEntry, position: Int, to address: Address) {
        if entry.pendingNaN, case .xmm(let x) = entry.operand { canonicalize(x, double: entry.type == .f64) }
        var entry = entry
        entry.pendingNaN = false
        emitStore(entry, position: position, to: address)
    }

    /// Stores a float so that the slot's bits are the value's (an f32's upper half zero).
    mutating func storeFloat(_ x: XMM, double: Bool, to address: Address) {
        if double {
            enc.movs(.double, address, x)
        } else {
            enc.movs(.single, address, x)
            var upper = address
            upper.displacement += 4
            enc.mov(upper, imm: 0, .b32)
        }
    }

    // MARK: Comparisons

    /// The register a comparison operand reads.
    func register(of side: CompareOperand) -> GPR? {
        switch side {
        case .gpr(let r): r
        case .local(let i): if case .gpr(let r) = homes[i] { r } else { nil }
        case .imm: nil
        }
    }

    /// Sets the flags for a deferred comparison.
    mutating func emitFlags(_ lhs: CompareOperand, _ rhs: CompareOperand, _ size: OperandSize) {
        let left = register(of: lhs)!
        switch rhs {
        case .imm(0): enc.test(left, left, size)
        case .imm(let v): enc.alu(.cmp, left, imm: v, size)
        default: enc.alu(.cmp, left, register(of: rhs)!, size)
        }
    }

    /// Evaluates a deferred comparison to 0 or 1 in `dst` (which may be one of its operands).
    mutating func evaluate(_ operand: Operand, into dst: GPR) {
        guard case .compare(let cc, let lhs, let rhs, let size) = operand else { preconditionFailure() }
        emitFlags(lhs, rhs, size)
        enc.setcc(cc, dst)
        enc.movzx(dst, dst, from: .b8, to: .b32)
    }

    // MARK: Integer operands

    /// Pops the top entry into a register the caller owns.
    mutating func popGPR() -> GPR {
        let entry = popEntry()
        return ownedGPR(entry, position: stack.count)
    }

    /// Moves a popped entry (at `position`) into a register the caller owns.
    mutating func ownedGPR(_ entry: StackEntry, position: Int) -> GPR {
        switch entry.operand {
        case .gpr(let r):
            return r
        case .constant(let bits):
            let r = allocateGPR()
            masm.move(constant: Int64(bitPattern: bits), to: r, .i64)
            return r
        case .local(let i):
            let r = allocateGPR()
            switch homes[i] {
            case .gpr(let h): enc.mov(r, h, .b64)
            case .xmm(let x): enc.movd(r, x, localTypes[i] == .f64 ? .b64 : .b32)
            case .slot: enc.mov(r, home(i), .b64)
            }
            return r
        case .slot:
            let r = allocateGPR()
            enc.mov(r, entrySlot(position), .b64)
            return r
        case .xmm(let x):
            let double = entry.type == .f64
            if entry.pendingNaN { canonicalize(x, double: double) }
            let r = allocateGPR()
            enc.movd(r, x, double ? .b64 : .b32)
            free(x)
            return r
        case .compare(_, let lhs, let rhs, _):
            let dst: GPR
            if case .gpr(let r) = lhs {
                dst = r
                if case .gpr(let other) = rhs { free(other) }
            } else if case .gpr(let r) = rhs {
                dst = r
            } else {
                dst = allocateGPR()
            }
            evaluate(entry.operand, into: dst)
            return dst
        }
    }

    /// Pops the top entry for reading at `size`: an immediate or memory operand where allowed,
    /// a local's own register, or an owned register.
    mutating func popUse(_ size: OperandSize, immediate: Bool = true, memory: Bool = true) -> IntUse {
        let entry = popEntry()
        switch entry.operand {
        case .constant(let bits) where immediate:
            if size == .b32 { return .imm(Int32(truncatingIfNeeded: bits)) }
            let value = Int64(bitPattern: bits)
            if value >= Int64(Int32.min) && value <= Int64(Int32.max) { return .imm(Int32(value)) }
        case .local(let i):
            if case .gpr(let r) = homes[i] { return .reg(r, owned: false) }
            if memory, homes[i] == .slot { return .mem(home(i)) }
        case .slot where memory:
            return .mem(entrySlot(stack.count))
        default: break
        }
        return .reg(ownedGPR(entry, position: stack.count), owned: true)
    }

    /// Pops the top entry into a register for reading (a local's own register, or owned).
    mutating func popRegisterUse(_ size: OperandSize) -> IntUse { popUse(size, immediate: false, memory: false) }

    /// Pops the top entry as a comparison operand (no memory: its slot may be reused).
    mutating func popCompareOperand(_ size: OperandSize, immediate: Bool) -> CompareOperand {
        if case .local(let i) = stack[stack.count - 1].operand, case .gpr = homes[i] {
            _ = popEntry()
            return .local(i)
        }
        switch popUse(size, immediate: immediate, memory: false) {
        case .imm(let v): return .imm(v)
        case .reg(let r, _): return .gpr(r)
        case .mem: preconditionFailure("jit: memory operand where none was allowed")
        }
    }

    /// Emits `op dst, use`.
    mutating func emitALU(_ op: ALUOp, _ dst: GPR, _ use: IntUse, _ size: OperandSize) {
        switch use {
        case .reg(let r, _): enc.alu(op, dst, r, size)
        case .imm(let v): enc.alu(op, dst, imm: v, size)
        case .mem(let a): enc.alu(op, dst, a, size)
        }
    }

    /// Emits `mov dst, use`.
    mutating func emitMove(_ dst: GPR, _ use: IntUse, _ size: OperandSize) {
        switch use {
        case .reg(let r, _): if r != dst { enc.mov(dst, r, size) }
        case .imm(let v): masm.move(constant: Int64(v), to: dst, size == .b32 ? .i32 : .i64)
        case .mem(let a): enc.mov(dst, a, size)
        }
    }

    // MARK: Float operands

    /// Emits the out-of-line canonicalization of a NaN in `x`.
    mutating func canonicalize(_ x: XMM, double: Bool) {
        let fixup = masm.makeLabel(), back = masm.makeLabel()
        enc.ucomis(double ? .double : .single, x, x)
        enc.jcc(.p, fixup)
        masm.bind(back)
        nanFixups.append((fixup, back, x, double))
    }

    /// Pops the top entry into an SSE register the caller owns (canonicalized unless elided).
    mutating func popXMM() -> XMM {
        let entry = popEntry()
        return ownedXMM(entry, position: stack.count)
    }

    mutating func ownedXMM(_ entry: StackEntry, position: Int) -> XMM {
        let double = entry.type == .f64
        let p: FloatPrecision = double ? .double : .single
        switch entry.operand {
        case .xmm(let x):
            if entry.pendingNaN { canonicalize(x, double: double) }
            return x
        case .constant(let bits):
            let x = allocateXMM()
            if bits == 0 {
                enc.packed(.xor, .single, x, x)
            } else {
                masm.move(constant: Int64(bitPattern: bits), to: .r11, .i64)
                enc.movd(x, .r11, double ? .b64 : .b32)
            }
            return x
        case .local(let i):
            let x = allocateXMM()
            switch homes[i] {
            case .xmm(let h): enc.movap(.single, x, h)
            case .gpr(let r): enc.movd(x, r, double ? .b64 : .b32)
            case .slot: enc.movs(p, x, home(i))
            }
            return x
        case .slot:
            let x = allocateXMM()
            enc.movs(p, x, entrySlot(position))
            return x
        case .gpr(let r):
            let x = allocateXMM()
            enc.movd(x, r, double ? .b64 : .b32)
            free(r)
            return x
        case .compare:
            preconditionFailure("jit: a comparison is not a float")
        }
    }

    /// Pops the top entry for reading as a float: a local's own register or an owned one.
    mutating func popXMMUse() -> (XMM, owned: Bool) {
        if case .local(let i) = stack[stack.count - 1].operand, case .xmm(let h) = homes[i] {
            _ = popEntry()
            return (h, false)
        }
        return (popXMM(), true)
    }
}
