import KeelFrontEnd

extension JITGenerator {
    // MARK: Locals

    package mutating func localGet(_ index: UInt32, type: ValueType) {
        guard failure == nil else { return }
        push(.local(Int(index)), type)
    }

    package mutating func localSet(_ index: UInt32, type: ValueType) {
        guard failure == nil else { return }
        let i = Int(index)
        if case .local(i) = stack[stack.count - 1].operand {
            _ = popEntry()  // local.set of its own value
            return
        }
        settleReads(of: i)
        let entry = popEntry()
        let position = stack.count
        switch homes[i] {
        case .gpr(let h):
            switch entry.operand {
            case .constant(let bits): masm.move(constant: Int64(bitPattern: bits), to: h, .i64)
            case .gpr(let r):
                enc.mov(h, r, .b64)
                free(r)
            case .local(let j):
                switch homes[j] {
                case .gpr(let r): enc.mov(h, r, .b64)
                case .xmm: preconditionFailure("jit: an integer local read from a float local")
                case .slot: enc.mov(h, home(j), .b64)
                }
            case .slot: enc.mov(h, entrySlot(position), .b64)
            case .compare:
                evaluate(entry.operand, into: h)
                release(entry.operand)
            case .xmm:
                let r = ownedGPR(entry, position: position)
                enc.mov(h, r, .b64)
                free(r)
            }
            dirty[i] = true
        case .xmm(let h):
            let x = ownedXMM(entry, position: position)
            enc.movap(.single, h, x)
            free(x)
            dirty[i] = true
        case .slot:
            emitObservedStore(entry, position: position, to: home(i))
            release(entry.operand)
        }
    }

    package mutating func localTee(_ index: UInt32, type: ValueType) {
        guard failure == nil else { return }
        localSet(index, type: type)
        push(.local(Int(index)), type)
    }

    /// Saves the register locals written since their last save (before a call).
    mutating func saveLocals() {
        for i in registerLocals where dirty[i] {
            switch homes[i] {
            case .gpr(let r): enc.mov(home(i), r, .b64)
            case .xmm(let x): enc.movs(localTypes[i] == .f64 ? .double : .single, home(i), x)
            case .slot: break
            }
            dirty[i] = false
        }
    }

    /// Reloads the register locals after a call (which may change every register).
    mutating func restoreLocals() {
        for i in registerLocals {
            switch homes[i] {
            case .gpr(let r): enc.mov(r, home(i), .b64)
            case .xmm(let x): enc.movs(localTypes[i] == .f64 ? .double : .single, x, home(i))
            case .slot: break
            }
        }
    }

    /// At a label several paths join: which saves are current is no longer known.
    mutating func forgetSaves() {
        for i in registerLocals { dirty[i] = true }
    }

    /// Everything a call needs: the operand stack in its slots and the locals saved.
    mutating func prepareCall() {
        spillAll()
        saveLocals()
    }

    /// Before a helper that may charge fuel: the context's fuel from the register.
    mutating func storeFuel() { enc.mov(Address(.r14, JITContextLayout.fuel), RegisterPlan.fuel, .b64) }
    /// After it: the register from the context.
    mutating func loadFuel() { enc.mov(RegisterPlan.fuel, Address(.r14, JITContextLayout.fuel), .b64) }

    // MARK: Globals

    /// r11 = the address of global `index`'s slot.
    mutating func globalAddress(_ index: UInt32) {
        enc.mov(.r11, Address(.r14, JITContextLayout.globals), .b64)
        enc.mov(.r11, Address(.r11, Int32(8 * Int(index))), .b64)
    }

    package mutating func globalGet(_ index: UInt32, type: GlobalType) {
        guard failure == nil else { return }
        let valueType = type.valueType
        if valueType.isFloat {
            let x = allocateXMM()
            globalAddress(index)
            enc.movs(valueType == .f64 ? .double : .single, x, Address(.r11, 0))
            push(.xmm(x), valueType)
        } else {
            let r = allocateGPR()
            globalAddress(index)
            enc.mov(r, Address(.r11, 0), .b64)
            push(.gpr(r), valueType)
        }
    }

    package mutating func globalSet(_ index: UInt32, type: GlobalType) {
        guard failure == nil else { return }
        let valueType = type.valueType
        if valueType.isFloat {
            let x = popXMM()
            globalAddress(index)
            storeFloat(x, double: valueType == .f64, to: Address(.r11, 0))
            free(x)
        } else {
            let use = popRegisterUse(.b64)
            guard case .reg(let r, _) = use else { preconditionFailure() }
            globalAddress(index)
            enc.mov(Address(.r11, 0), r, .b64)
            release(use)
        }
    }

    // MARK: Values

    package mutating func constant(_ type: ValueType, bits: UInt64) {
        guard failure == nil else { return }
        push(.constant(bits), type)
    }

    package mutating func drop() {
        guard failure == nil else { return }
        release(popEntry().operand)
    }

    package mutating func elideCanonicalization(operand: Int) {
        guard failure == nil else { return }
        let k = stack.count - 1 - operand
        if k >= 0 { stack[k].pendingNaN = false }
    }

    package mutating func select(type: ValueType) {
        guard failure == nil else { return }
        let condition = popEntry(), conditionPosition = stack.count
        if type.isFloat {
            let (second, ownedSecond) = popXMMUse()
            let first = popXMM()
            let keep = masm.makeLabel()
            jump(on: condition, position: conditionPosition, ifTrue: true, to: keep)
            enc.movap(.single, first, second)
            masm.bind(keep)
            if ownedSecond { free(second) }
            push(.xmm(first), type)
        } else {
            let second = popUse(.b64, immediate: false)
            let first = popGPR()
            let cc = flags(for: condition, position: conditionPosition)
            switch second {
            case .reg(let r, _): enc.cmov(cc.inverted, first, r, .b64)
            case .mem(let a): enc.cmov(cc.inverted, first, a, .b64)
            case .imm: preconditionFailure()
            }
            release(second)
            push(.gpr(first), type)
        }
    }

    /// Sets the flags from a popped condition (at `position`) and returns the condition code
    /// that holds when it is true (non-zero); releases its registers.
    mutating func flags(for condition: StackEntry, position: Int) -> ConditionCode {
        switch condition.operand {
        case .compare(let cc, let lhs, let rhs, let size):
            emitFlags(lhs, rhs, size)
            release(condition.operand)
            return cc
        case .constant(let bits):
            // A constant condition: compare a register with itself to get a fixed outcome.
            enc.alu(.cmp, .r11, .r11, .b64)
            return UInt32(truncatingIfNeeded: bits) != 0 ? .e : .ne
        case .local(let i) where homes[i] == .slot:
            enc.alu(.cmp, home(i), imm: 0, .b32)
            return .ne
        case .slot:
            enc.alu(.cmp, entrySlot(position), imm: 0, .b32)
            return .ne
        default:
            let r: GPR
            var owned = true
            if case .local(let i) = condition.operand, case .gpr(let h) = homes[i] {
                r = h
                owned = false
            } else {
                r = ownedGPR(condition, position: position)
            }
            enc.test(r, r, .b32)
            if owned { free(r) }
            return .ne
        }
    }

    /// Jumps to `label` when the popped condition is true (`ifTrue`) or false.
    mutating func jump(on condition: StackEntry, position: Int, ifTrue: Bool, to label: Label) {
        if case .constant(let bits) = condition.operand {
            if (UInt32(truncatingIfNeeded: bits) != 0) == ifTrue { enc.jmp(label) }
            return
        }
        let cc = flags(for: condition, position: position)
        enc.jcc(ifTrue ? cc : cc.inverted, label)
    }
}
