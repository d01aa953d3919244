import KeelFrontEnd

/// Memory and table instructions. Bulk instructions take their operands from consecutive
/// home slots, so those are materialized first.
extension InterpreterGenerator {
    package mutating func load(_ op: LoadOp, memory: UInt32, offset: UInt64) {
        if memory == 0, case .sum(let base, let constant, let shift) = stack[stack.count - 1] {
            if offset == 0, shift == 0 {
                pop()
                emitProducing(Inst(Op(load: op, addingConstant: ()), a: home(stack.count), b: base, c: constant))
                return
            }
            if constant == 0, shift != 0 {
                pop()
                emitProducing(Inst(Op(load: op, scaled: ()), x: UInt16(shift), a: home(stack.count), b: base, c: UInt32(offset)))
                return
            }
        }
        if memory == 0, case .constant(let bits) = stack[stack.count - 1], bits + offset <= UInt64(UInt32.max) {
            pop()
            emitProducing(Inst(Op(load: op, absolute: ()), a: home(stack.count), c: UInt32(bits + offset)))
            return
        }
        let address = popSlot()
        emitProducing(Inst(Op(load: op, anyMemory: memory != 0), x: UInt16(memory), a: home(stack.count), b: address, c: UInt32(offset)))
    }

    package mutating func store(_ op: StoreOp, memory: UInt32, offset: UInt64) {
        if memory == 0, case .constant(let bits) = stack[stack.count - 1], Int64(bitPattern: bits) == Int64(Int32(truncatingIfNeeded: bits)) || bits <= UInt64(UInt32.max) && op.size <= 4 {
            // The value fits a sign-extended 32-bit immediate (or is only stored in 32 bits).
            pop()
            if offset == 0, case .sum(let base, let constant, 0) = stack[stack.count - 1] {
                pop()
                emit(Inst(Op(store: op, immediateAddingConstant: ()), a: base, b: UInt32(truncatingIfNeeded: bits), c: constant))
                return
            }
            let address = popSlot()
            emit(Inst(Op(store: op, anyMemory: false, immediate: true), a: address, b: UInt32(truncatingIfNeeded: bits), c: UInt32(offset)))
            return
        }
        if memory == 0, case .constant(let bits) = stack[stack.count - 2], bits + offset <= UInt64(UInt32.max) {
            let value = slot(of: stack.count - 1)
            pop()
            pop()
            emit(Inst(Op(store: op, absolute: ()), b: value, c: UInt32(bits + offset)))
            return
        }
        if memory == 0, case .sum(let base, let constant, let shift) = stack[stack.count - 2], offset == 0 && shift == 0 || constant == 0 && shift != 0 {
            let value = slot(of: stack.count - 1)
            pop()
            pop()
            if shift == 0 {
                emit(Inst(Op(store: op, addingConstant: ()), a: base, b: value, c: constant))
            } else {
                emit(Inst(Op(store: op, scaled: ()), x: UInt16(shift), a: base, b: value, c: UInt32(offset)))
            }
            return
        }
        let value = slot(of: stack.count - 1)
        let address = slot(of: stack.count - 2)
        pop()
        pop()
        emit(Inst(Op(store: op, anyMemory: memory != 0, immediate: false), x: UInt16(memory), a: address, b: value, c: UInt32(offset)))
    }

    package mutating func memorySize(memory: UInt32) {
        emitProducing(Inst(.memorySize, x: UInt16(memory), a: home(stack.count)))
    }

    package mutating func memoryGrow(memory: UInt32) {
        let delta = popSlot()
        emit(Inst(.memoryGrow, x: UInt16(memory), a: home(stack.count), b: delta))
        push(.slot)
    }

    /// Materializes and pops the top `count` operands; returns the first one's home slot.
    mutating func popOperands(_ count: Int) -> UInt32 {
        materializeTop(count)
        let base = home(stack.count - count)
        for _ in 0..<count { pop() }
        return base
    }

    package mutating func memoryFill(memory: UInt32) {
        emit(Inst(.memoryFill, x: UInt16(memory), a: popOperands(3)))
    }

    package mutating func memoryCopy(destination: UInt32, source: UInt32) {
        emit(Inst(.memoryCopy, x: UInt16(destination), a: popOperands(3), c: source))
    }

    package mutating func memoryInit(data: UInt32, memory: UInt32) {
        emit(Inst(.memoryInit, x: UInt16(memory), a: popOperands(3), b: data))
    }

    package mutating func dataDrop(_ data: UInt32) {
        emit(Inst(.dataDrop, a: data))
    }

    package mutating func tableGet(_ table: UInt32) {
        let index = popSlot()
        emitProducing(Inst(.tableGet, x: UInt16(table), a: home(stack.count), b: index))
    }

    package mutating func tableSet(_ table: UInt32) {
        let value = slot(of: stack.count - 1)
        let index = slot(of: stack.count - 2)
        pop()
        pop()
        emit(Inst(.tableSet, x: UInt16(table), a: index, b: value))
    }

    package mutating func tableSize(_ table: UInt32) {
        emitProducing(Inst(.tableSize, x: UInt16(table), a: home(stack.count)))
    }

    package mutating func tableGrow(_ table: UInt32) {
        emit(Inst(.tableGrow, x: UInt16(table), a: popOperands(2)))
        push(.slot)
    }

    package mutating func tableFill(_ table: UInt32) {
        emit(Inst(.tableFill, x: UInt16(table), a: popOperands(3)))
    }

    package mutating func tableCopy(destination: UInt32, source: UInt32) {
        emit(Inst(.tableCopy, x: UInt16(destination), a: popOperands(3), c: source))
    }

    package mutating func tableInit(element: UInt32, table: UInt32) {
        emit(Inst(.tableInit, x: UInt16(table), a: popOperands(3), b: element))
    }

    package mutating func elemDrop(_ element: UInt32) {
        emit(Inst(.elemDrop, a: element))
    }
}
