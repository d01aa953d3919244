import KeelFrontEnd

/// The virtual operand stack: pushing, popping, register allocation and spilling.
extension JITGenerator {
    // MARK: Pushing and popping

    /// Pushes an entry; its registers become the entry's.
    @inline(__always)
    mutating func push(_ operand: Operand, _ type: ValueType, pendingNaN: Bool = false) {
        let k = stack.count
        stack.append(StackEntry(operand: operand, type: type, pendingNaN: pendingNaN))
        if localCount + k + 1 > maxHeight { maxHeight = localCount + k + 1 }
        switch operand {
        case .slot, .constant, .floatRegister: break
        default: attach(operand, at: k)
        }
    }

    /// Pushes `types` as values already in their slots, onto a stack that is all in its slots
    /// (after a join, a call or a helper), so no entry needs spilling or settling.
    mutating func pushSlots(_ types: [ValueType]) {
        for type in types { push(.slot, type) }
        spilledBelow = stack.count
        lazyFloor = stack.count
    }

    /// Records the holder of entry `k`'s registers and counts its lazy local reads.
    mutating func attach(_ k: Int) { attach(stack[k].operand, at: k) }

    /// Records `operand` (entry `k`'s) as the holder of its registers and counts its lazy
    /// local reads.
    mutating func attach(_ operand: Operand, at k: Int) {
        switch operand {
        case .register(let r): registerHolder[Int(r.number)] = k
        case .local(let i): lazyCount[i] += 1
        case .compare(_, let lhs, let rhs, _):
            attach(lhs, k)
            attach(rhs, k)
        default: break
        }
    }

    mutating func attach(_ side: CompareOperand, _ k: Int) {
        switch side {
        case .register(let r): registerHolder[Int(r.number)] = k
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
    @inline(__always)
    mutating func popEntry() -> StackEntry {
        let entry = stack.removeLast()
        let height = stack.count
        if height < spilledBelow { spilledBelow = height }
        if height < lazyFloor { lazyFloor = height }
        switch entry.operand {
        case .local, .compare: detach(entry.operand)
        default: break
        }
        return entry
    }

    /// Drops entries down to `height`, releasing their registers.
    mutating func truncate(to height: Int) {
        while stack.count > height { release(popEntry().operand) }
    }

    // MARK: Registers

    mutating func free(_ r: Masm.Register) { freeRegisters.insert(r.number) }
    mutating func free(_ x: Masm.FloatRegister) { freeFloatRegisters.insert(x.number) }

    /// Releases the registers an operand owns.
    mutating func release(_ operand: Operand) {
        switch operand {
        case .register(let r): free(r)
        case .floatRegister(let x): free(x)
        case .compare(_, let lhs, let rhs, _):
            if case .register(let r) = lhs { free(r) }
            if case .register(let r) = rhs { free(r) }
        default: break
        }
    }

    mutating func release(_ use: IntUse) {
        if case .reg(let r, true) = use { free(r) }
    }

    /// A free integer register, spilling the oldest entries if none is.
    mutating func allocateRegister() -> Masm.Register {
        if freeRegisters.isEmpty { spillUntilFree(float: false) }
        let n = freeRegisters.first!
        freeRegisters.remove(n)
        return Masm.Register(number: n)!
    }

    /// A free float register, spilling the oldest entries if none is.
    mutating func allocateFloatRegister() -> Masm.FloatRegister {
        if freeFloatRegisters.isEmpty { spillUntilFree(float: true) }
        let n = freeFloatRegisters.first!
        freeFloatRegisters.remove(n)
        return Masm.FloatRegister(number: n)!
    }

    /// Spills entries from the bottom until a register of the kind is free.
    mutating func spillUntilFree(float: Bool) {
        while spilledBelow < stack.count {
            spill(spilledBelow)
            spilledBelow += 1
            if float ? !freeFloatRegisters.isEmpty : !freeRegisters.isEmpty { return }
        }
        preconditionFailure("jit: every register is held by the instruction being compiled")
    }

    /// Takes `r` for a fixed use (division, shift counts), moving out the entry holding it.
    mutating func take(_ r: Masm.Register) {
        if freeRegisters.contains(r.number) {
            freeRegisters.remove(r.number)
            return
        }
        let k = registerHolder[Int(r.number)]
        precondition(k >= 0 && k < stack.count, "jit: register \(r) is neither free nor on the stack")
        spill(k)
        freeRegisters.remove(r.number)
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
    func home(_ index: Int) -> Masm.Address { slot(index) }

    /// `dst = [address]`, 64 bits.
    mutating func load64(_ address: Masm.Address, to dst: Masm.Register) {
        masm.load(.full, from: address, to: dst, .i64, trap: nil)
    }

    /// `[address] = src`, 64 bits.
    mutating func store64(_ src: Masm.Register, to address: Masm.Address) {
        masm.store(src, to: address, .b64, trap: nil)
    }

    /// Copies 64 bits from `source` to `destination` through the scratch register.
    mutating func copy64(from source: Masm.Address, to destination: Masm.Address) {
        load64(source, to: Masm.scratch)
        store64(Masm.scratch, to: destination)
    }

    /// Emits a store of `entry` (at stack position `position`) to `address`, changing no
    /// allocation (the scratch register is the only one it may use).
    mutating func emitStore(_ entry: StackEntry, position: Int, to address: Masm.Address) {
        switch entry.operand {
        case .constant(let bits):
            let value = Int64(bitPattern: bits)
            if value >= Int64(Int32.min) && value <= Int64(Int32.max) {
                masm.store(constant: Int32(value), to: address, .b64)
            } else {
                masm.move(constant: value, to: Masm.scratch, .i64, .wide)
                store64(Masm.scratch, to: address)
            }
        case .register(let r): store64(r, to: address)
        case .floatRegister(let x): storeFloat(x, double: entry.type == .f64, to: address)
        case .local(let i):
            switch homes[i] {
            case .register(let r): store64(r, to: address)
            case .floatRegister(let x): storeFloat(x, double: localTypes[i] == .f64, to: address)
            case .slot: copy64(from: home(i), to: address)
            }
        case .slot:
            let source = entrySlot(position)
            guard source != address else { return }
            copy64(from: source, to: address)
        case .compare:
            evaluate(entry.operand, into: Masm.scratch)
            store64(Masm.scratch, to: address)
        }
    }

    /// Emits a store of `entry` that leaves the stack as it is, canonicalizing a pending NaN in
    /// place first (the value stays valid: a canonical NaN is as good as any NaN until observed).
    mutating func emitObservedStore(_ entry: StackEntry, position: Int, to address: Masm.Address) {
        if entry.pendingNaN, case .floatRegister(let x) = entry.operand { canonicalize(x, double: entry.type == .f64) }
        var entry = entry
        entry.pendingNaN = false
        emitStore(entry, position: position, to: address)
    }

    /// Stores a float so that the slot's bits are the value's (an f32's upper half zero).
    mutating func storeFloat(_ x: Masm.FloatRegister, double: Bool, to address: Masm.Address) {
        masm.storeFloat(x, to: address, double: double, trap: nil)
        if !double {
            var upper = address
            upper.displacement += 4
            masm.store(constant: 0, to: upper, .b32)
        }
    }

    // MARK: Comparisons

    /// The register a comparison operand reads.
    func register(of side: CompareOperand) -> Masm.Register? {
        switch side {
        case .register(let r): r
        case .local(let i): if case .register(let r) = homes[i] { r } else { nil }
        case .imm: nil
        }
    }

    /// Sets the flags for a deferred comparison.
    mutating func emitFlags(_ lhs: CompareOperand, _ rhs: CompareOperand, _ width: IntWidth) {
        let left = register(of: lhs)!
        switch rhs {
        case .imm(0): masm.compareToZero(left, width)
        case .imm(let v): masm.compare(left, .immediate(v), width)
        default: masm.compare(left, .register(register(of: rhs)!), width)
        }
    }

    /// Evaluates a deferred comparison to 0 or 1 in `dst` (which may be one of its operands).
    mutating func evaluate(_ operand: Operand, into dst: Masm.Register) {
        guard case .compare(let cond, let lhs, let rhs, let width) = operand else { preconditionFailure() }
        emitFlags(lhs, rhs, width)
        masm.set(cond, into: dst)
    }

    // MARK: Integer operands

    /// Pops the top entry into a register the caller owns.
    mutating func popRegister() -> Masm.Register {
        let entry = popEntry()
        return ownedRegister(entry, position: stack.count)
    }

    /// Moves a popped entry (at `position`) into a register the caller owns.
    mutating func ownedRegister(_ entry: StackEntry, position: Int) -> Masm.Register {
        switch entry.operand {
        case .register(let r):
            return r
        case .constant(let bits):
            let r = allocateRegister()
            masm.move(constant: Int64(bitPattern: bits), to: r, .i64)
            return r
        case .local(let i):
            let r = allocateRegister()
            switch homes[i] {
            case .register(let h): masm.move(h, to: r, .i64)
            case .floatRegister(let x): masm.moveBits(x, to: r, double: localTypes[i] == .f64)
            case .slot: load64(home(i), to: r)
            }
            return r
        case .slot:
            let r = allocateRegister()
            load64(entrySlot(position), to: r)
            return r
        case .floatRegister(let x):
            let double = entry.type == .f64
            if entry.pendingNaN { canonicalize(x, double: double) }
            let r = allocateRegister()
            masm.moveBits(x, to: r, double: double)
            free(x)
            return r
        case .compare(_, let lhs, let rhs, _):
            let dst: Masm.Register
            if case .register(let r) = lhs {
                dst = r
                if case .register(let other) = rhs { free(other) }
            } else if case .register(let r) = rhs {
                dst = r
            } else {
                dst = allocateRegister()
            }
            evaluate(entry.operand, into: dst)
            return dst
        }
    }

    /// Pops the top entry for reading at `width`: an immediate or memory operand where allowed,
    /// a local's own register, or an owned register.
    mutating func popUse(_ width: IntWidth, immediate: Bool = true, memory: Bool = true) -> IntUse {
        let entry = popEntry()
        switch entry.operand {
        case .constant(let bits) where immediate:
            if width == .i32 { return .imm(Int32(truncatingIfNeeded: bits)) }
            let value = Int64(bitPattern: bits)
            if value >= Int64(Int32.min) && value <= Int64(Int32.max) { return .imm(Int32(value)) }
        case .local(let i):
            if case .register(let r) = homes[i] { return .reg(r, owned: false) }
            if memory, homes[i].isSlot { return .mem(home(i)) }
        case .slot where memory:
            return .mem(entrySlot(stack.count))
        default: break
        }
        return .reg(ownedRegister(entry, position: stack.count), owned: true)
    }

    /// Pops the top entry into a register for reading (a local's own register, or owned).
    mutating func popRegisterUse(_ width: IntWidth) -> IntUse { popUse(width, immediate: false, memory: false) }

    /// Pops the top entry as a comparison operand (no memory: its slot may be reused).
    mutating func popCompareOperand(_ width: IntWidth, immediate: Bool) -> CompareOperand {
        if case .local(let i) = stack[stack.count - 1].operand, case .register = homes[i] {
            _ = popEntry()
            return .local(i)
        }
        switch popUse(width, immediate: immediate, memory: false) {
        case .imm(let v): return .imm(v)
        case .reg(let r, _): return .register(r)
        case .mem: preconditionFailure("jit: memory operand where none was allowed")
        }
    }

    /// Emits `dst = use`.
    mutating func emitMove(_ dst: Masm.Register, _ use: IntUse, _ width: IntWidth) {
        switch use {
        case .reg(let r, _): if r != dst { masm.move(r, to: dst, width) }
        case .imm(let v): masm.move(constant: Int64(v), to: dst, width)
        case .mem(let a): masm.load(.full, from: a, to: dst, width, trap: nil)
        }
    }

    // MARK: Float operands

    /// Emits the out-of-line canonicalization of a NaN in `x`.
    mutating func canonicalize(_ x: Masm.FloatRegister, double: Bool) {
        let fixup = masm.makeLabel(), back = masm.makeLabel()
        masm.branch(ifNaN: x, double: double, to: fixup)
        masm.bind(back)
        nanFixups.append((fixup, back, x, double))
    }

    /// Pops the top entry into a float register the caller owns (canonicalized unless elided).
    mutating func popFloat() -> Masm.FloatRegister {
        let entry = popEntry()
        return ownedFloat(entry, position: stack.count)
    }

    mutating func ownedFloat(_ entry: StackEntry, position: Int) -> Masm.FloatRegister {
        let double = entry.type == .f64
        switch entry.operand {
        case .floatRegister(let x):
            if entry.pendingNaN { canonicalize(x, double: double) }
            return x
        case .constant(let bits):
            let x = allocateFloatRegister()
            masm.move(floatBits: bits, to: x, double: double)
            return x
        case .local(let i):
            let x = allocateFloatRegister()
            switch homes[i] {
            case .floatRegister(let h): masm.move(h, to: x)
            case .register(let r): masm.moveBits(r, to: x, double: double)
            case .slot: masm.loadFloat(from: home(i), to: x, double: double, trap: nil)
            }
            return x
        case .slot:
            let x = allocateFloatRegister()
            masm.loadFloat(from: entrySlot(position), to: x, double: double, trap: nil)
            return x
        case .register(let r):
            let x = allocateFloatRegister()
            masm.moveBits(r, to: x, double: double)
            free(r)
            return x
        case .compare:
            preconditionFailure("jit: a comparison is not a float")
        }
    }

    /// Pops the top entry for reading as a float: a local's own register or an owned one.
    mutating func popFloatUse() -> (Masm.FloatRegister, owned: Bool) {
        if case .local(let i) = stack[stack.count - 1].operand, case .floatRegister(let h) = homes[i] {
            _ = popEntry()
            return (h, false)
        }
        return (popFloat(), true)
    }
}
