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
        case .register(let h):
            switch entry.operand {
            case .constant(let bits): masm.move(constant: Int64(bitPattern: bits), to: h, .i64)
            case .register(let r):
                masm.move(r, to: h, .i64)
                free(r)
            case .local(let j):
                switch homes[j] {
                case .register(let r): masm.move(r, to: h, .i64)
                case .floatRegister: preconditionFailure("jit: an integer local read from a float local")
                case .slot: load64(home(j), to: h)
                }
            case .slot: load64(entrySlot(position), to: h)
            case .compare:
                evaluate(entry.operand, into: h)
                release(entry.operand)
            case .floatRegister:
                let r = ownedRegister(entry, position: position)
                masm.move(r, to: h, .i64)
                free(r)
            }
            dirty[i] = true
        case .floatRegister(let h):
            let x = ownedFloat(entry, position: position)
            masm.move(x, to: h)
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
            case .register(let r): store64(r, to: home(i))
            case .floatRegister(let x): masm.storeFloat(x, to: home(i), double: localTypes[i] == .f64, trap: nil)
            case .slot: break
            }
            dirty[i] = false
        }
    }

    /// Reloads the register locals after a call (which may change every register).
    mutating func restoreLocals() {
        for i in registerLocals {
            switch homes[i] {
            case .register(let r): load64(home(i), to: r)
            case .floatRegister(let x): masm.loadFloat(from: home(i), to: x, double: localTypes[i] == .f64, trap: nil)
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
    mutating func storeFuel() { store64(Masm.fuel, to: contextField(JITContextLayout.fuel)) }
    /// After it: the register from the context.
    mutating func loadFuel() { load64(contextField(JITContextLayout.fuel), to: Masm.fuel) }

    // MARK: Globals

    /// The scratch register = the address of global `index`'s slot; returns that slot.
    mutating func globalAddress(_ index: UInt32) -> Masm.Address {
        load64(contextField(JITContextLayout.globals), to: Masm.scratch)
        load64(Masm.Address(base: Masm.scratch, displacement: Int32(8 * Int(index))), to: Masm.scratch)
        return Masm.Address(base: Masm.scratch, displacement: 0)
    }

    package mutating func globalGet(_ index: UInt32, type: GlobalType) {
        guard failure == nil else { return }
        let valueType = type.valueType
        if valueType.isFloat {
            let x = allocateFloatRegister()
            let global = globalAddress(index)
            masm.loadFloat(from: global, to: x, double: valueType == .f64, trap: nil)
            push(.floatRegister(x), valueType)
        } else {
            let r = allocateRegister()
            load64(globalAddress(index), to: r)
            push(.register(r), valueType)
        }
    }

    package mutating func globalSet(_ index: UInt32, type: GlobalType) {
        guard failure == nil else { return }
        let valueType = type.valueType
        if valueType.isFloat {
            let x = popFloat()
            storeFloat(x, double: valueType == .f64, to: globalAddress(index))
            free(x)
        } else {
            let use = popRegisterUse(.i64)
            guard case .reg(let r, _) = use else { preconditionFailure() }
            store64(r, to: globalAddress(index))
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
            let (second, ownedSecond) = popFloatUse()
            let first = popFloat()
            let keep = masm.makeLabel()
            jump(on: condition, position: conditionPosition, ifTrue: true, to: keep)
            masm.move(second, to: first)
            masm.bind(keep)
            if ownedSecond { free(second) }
            push(.floatRegister(first), type)
        } else {
            let second = popUse(.i64, immediate: false)
            let first = popRegister()
            let cond = flags(for: condition, position: conditionPosition)
            masm.select(if: cond.inverted, second.operand, into: first, .i64)
            release(second)
            push(.register(first), type)
        }
    }

    /// Sets the flags from a popped condition (at `position`) and returns the condition that
    /// holds when it is true (non-zero); releases its registers.
    mutating func flags(for condition: StackEntry, position: Int) -> IntCondition {
        switch condition.operand {
        case .compare(let cond, let lhs, let rhs, let width):
            emitFlags(lhs, rhs, width)
            release(condition.operand)
            return cond
        case .constant(let bits):
            // A constant condition: compare a register with itself to get a fixed outcome.
            masm.compare(Masm.scratch, .register(Masm.scratch), .i64)
            return UInt32(truncatingIfNeeded: bits) != 0 ? .eq : .ne
        case .local(let i) where homes[i].isSlot:
            masm.compare(home(i), constant: 0, .i32)
            return .ne
        case .slot:
            masm.compare(entrySlot(position), constant: 0, .i32)
            return .ne
        default:
            let r: Masm.Register
            var owned = true
            if case .local(let i) = condition.operand, case .register(let h) = homes[i] {
                r = h
                owned = false
            } else {
                r = ownedRegister(condition, position: position)
            }
            masm.compareToZero(r, .i32)
            if owned { free(r) }
            return .ne
        }
    }

    /// Jumps to `label` when the popped condition is true (`ifTrue`) or false.
    mutating func jump(on condition: StackEntry, position: Int, ifTrue: Bool, to label: Label) {
        if case .constant(let bits) = condition.operand {
            if (UInt32(truncatingIfNeeded: bits) != 0) == ifTrue { masm.jump(to: label) }
            return
        }
        let cond = flags(for: condition, position: position)
        masm.branch(if: ifTrue ? cond : cond.inverted, to: label)
    }
}
