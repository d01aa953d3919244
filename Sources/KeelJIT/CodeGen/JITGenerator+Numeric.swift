import KeelFrontEnd
import KeelRuntime

extension JITGenerator {
    // MARK: Numeric

    package mutating func numeric(_ op: NumericOp) {
        guard failure == nil else { return }
        if let (binary, width) = Self.integerBinary(op) {
            integerBinary(binary, width)
        } else if let (shift, width) = Self.shift(op) {
            self.shift(shift, width)
        } else if let (cond, width) = Self.comparison(op) {
            let rhs = popCompareOperand(width, immediate: true)
            let lhs = popCompareOperand(width, immediate: false)
            push(.compare(cond, lhs, rhs, width), .i32)
        } else if let (unary, width) = Self.integerUnary(op) {
            let r = popRegister()
            masm.unary(unary, r, width)
            push(.register(r), op.result)
        } else if let (signed, remainder, width) = Self.division(op) {
            divide(signed: signed, remainder: remainder, width)
        } else if op.operands.contains(where: \.isFloat) || op.result.isFloat {
            floatNumeric(op)
        } else {
            otherInteger(op)
        }
    }

    mutating func integerBinary(_ op: IntBinaryOp, _ width: IntWidth) {
        let type: ValueType = width == .i32 ? .i32 : .i64
        let rhs = popUse(width)
        let lhs = popRegister()
        masm.binary(op, rhs.operand, into: lhs, width)
        release(rhs)
        push(.register(lhs), type)
    }

    mutating func shift(_ kind: ShiftKind, _ width: IntWidth) {
        let type: ValueType = width == .i32 ? .i32 : .i64
        if case .constant(let bits) = stack[stack.count - 1].operand {
            _ = popEntry()
            let r = popRegister()
            masm.shift(kind, constant: UInt8(truncatingIfNeeded: bits), into: r, width)
            push(.register(r), type)
            return
        }
        // The count in the target's fixed count register, if it has one.
        let count: Masm.Register
        var ownedCount = true
        if let fixed = Masm.shiftCount {
            if case .register(fixed) = stack[stack.count - 1].operand {
                count = popRegister()
            } else {
                take(fixed)
                let use = popRegisterUse(.i64)
                emitMove(fixed, use, .i32)
                release(use)
                count = fixed
            }
        } else {
            guard case .reg(let r, let owned) = popRegisterUse(.i64) else { preconditionFailure() }
            count = r
            ownedCount = owned
        }
        let r = popRegister()
        masm.shift(kind, by: count, into: r, width)
        if ownedCount { free(count) }
        push(.register(r), type)
    }

    /// Division and remainder with WebAssembly's traps: zero divisor, then signed MIN / -1
    /// (whose remainder is 0, not a trap). A target with fixed division registers gets the
    /// dividend in its register and the result from its quotient or remainder register.
    mutating func divide(signed: Bool, remainder: Bool, _ width: IntWidth) {
        let type: ValueType = width == .i32 ? .i32 : .i64
        var knownDivisor: Int64?
        if case .constant(let bits) = stack[stack.count - 1].operand {
            knownDivisor = width == .i32 ? Int64(Int32(truncatingIfNeeded: bits)) : Int64(bitPattern: bits)
        }
        let fixed = Masm.division
        for r in fixed?.all ?? [] { take(r) }
        let divisor = popRegister()
        let dividend = popRegister()
        let lhs: Masm.Register, result: Masm.Register
        if let fixed {
            masm.move(dividend, to: fixed.dividend, width)
            free(dividend)
            lhs = fixed.dividend
            result = remainder ? fixed.remainder : fixed.quotient
        } else {
            lhs = dividend
            result = dividend
        }
        if knownDivisor == nil || knownDivisor == 0 {
            masm.branch(ifZero: true, divisor, width, to: trapLabel(.integerDivideByZero))
        }
        let done = masm.makeLabel()
        if signed && (knownDivisor == nil || knownDivisor == -1) {
            let ordinary = masm.makeLabel()
            masm.compare(divisor, .immediate(-1), width)
            masm.branch(if: .ne, to: ordinary)
            if remainder {
                masm.move(constant: 0, to: result, .i32)
                masm.jump(to: done)
            } else {
                if width == .i32 {
                    masm.compare(lhs, .immediate(Int32.min), .i32)
                } else {
                    masm.move(constant: Int64.min, to: Masm.scratch, .i64, .wide)
                    masm.compare(lhs, .register(Masm.scratch), .i64)
                }
                masm.branch(if: .eq, to: trapLabel(.integerOverflow))
            }
            masm.bind(ordinary)
        }
        masm.divide(signed: signed, remainder: remainder, lhs, by: divisor, into: result, width)
        masm.bind(done)
        free(divisor)
        for r in fixed?.all ?? [] where r != result { free(r) }
        push(.register(result), type)
    }

    mutating func otherInteger(_ op: NumericOp) {
        switch op {
        case .i32Eqz, .i64Eqz:
            let width: IntWidth = op == .i32Eqz ? .i32 : .i64
            if case .compare(let cond, let lhs, let rhs, let w) = stack[stack.count - 1].operand {
                _ = popEntry()
                push(.compare(cond.inverted, lhs, rhs, w), .i32)
            } else {
                let value = popCompareOperand(width, immediate: false)
                push(.compare(.eq, value, .imm(0), width), .i32)
            }
        case .i32WrapI64:
            if case .constant(let bits) = stack[stack.count - 1].operand {
                _ = popEntry()
                push(.constant(bits & 0xFFFF_FFFF), .i32)
            } else {
                let r = popRegister()
                masm.move(r, to: r, .i32)  // zero-extends
                push(.register(r), .i32)
            }
        case .i64ExtendI32U:
            // i32 values are kept zero-extended.
            stack[stack.count - 1].type = .i64
        case .i64ExtendI32S: signExtend(from: .b32, to: .i64)
        case .i32Extend8S: signExtend(from: .b8, to: .i32)
        case .i32Extend16S: signExtend(from: .b16, to: .i32)
        case .i64Extend8S: signExtend(from: .b8, to: .i64)
        case .i64Extend16S: signExtend(from: .b16, to: .i64)
        case .i64Extend32S: signExtend(from: .b32, to: .i64)
        default:
            unsupported(op.name)
        }
    }

    mutating func signExtend(from: StoreWidth, to width: IntWidth) {
        let r = popRegister()
        masm.signExtend(r, from: from, to: width)
        push(.register(r), width == .i32 ? .i32 : .i64)
    }

    /// Calls the numeric helper on the top operands (in their slots); the result replaces them.
    mutating func numericHelper(_ op: NumericOp) {
        prepareCall()
        let first = stack.count - op.operands.count
        masm.move(constant: Int64(op.rawValue) | (canonicalizeNaN ? 0x100 : 0), to: Masm.arguments[0], .i32, .keepingFlags)
        masm.loadAddress(entrySlot(first), to: Masm.arguments[1])
        storeFuel()  // for its traps (the helper charges nothing and keeps the fuel register)
        callHelper(JITContextLayout.numericHelper)
        restoreLocals()
        truncate(to: first)
        pushSlots([op.result])
    }

    static func integerBinary(_ op: NumericOp) -> (IntBinaryOp, IntWidth)? {
        switch op {
        case .i32Add: (.add, .i32)
        case .i32Sub: (.sub, .i32)
        case .i32Mul: (.mul, .i32)
        case .i32And: (.and, .i32)
        case .i32Or: (.or, .i32)
        case .i32Xor: (.xor, .i32)
        case .i64Add: (.add, .i64)
        case .i64Sub: (.sub, .i64)
        case .i64Mul: (.mul, .i64)
        case .i64And: (.and, .i64)
        case .i64Or: (.or, .i64)
        case .i64Xor: (.xor, .i64)
        default: nil
        }
    }

    static func shift(_ op: NumericOp) -> (ShiftKind, IntWidth)? {
        switch op {
        case .i32Shl: (.shl, .i32)
        case .i32ShrS: (.shrS, .i32)
        case .i32ShrU: (.shrU, .i32)
        case .i32Rotl: (.rotl, .i32)
        case .i32Rotr: (.rotr, .i32)
        case .i64Shl: (.shl, .i64)
        case .i64ShrS: (.shrS, .i64)
        case .i64ShrU: (.shrU, .i64)
        case .i64Rotl: (.rotl, .i64)
        case .i64Rotr: (.rotr, .i64)
        default: nil
        }
    }

    static func comparison(_ op: NumericOp) -> (IntCondition, IntWidth)? {
        switch op {
        case .i32Eq: (.eq, .i32)
        case .i32Ne: (.ne, .i32)
        case .i32LtS: (.ltS, .i32)
        case .i32LtU: (.ltU, .i32)
        case .i32GtS: (.gtS, .i32)
        case .i32GtU: (.gtU, .i32)
        case .i32LeS: (.leS, .i32)
        case .i32LeU: (.leU, .i32)
        case .i32GeS: (.geS, .i32)
        case .i32GeU: (.geU, .i32)
        case .i64Eq: (.eq, .i64)
        case .i64Ne: (.ne, .i64)
        case .i64LtS: (.ltS, .i64)
        case .i64LtU: (.ltU, .i64)
        case .i64GtS: (.gtS, .i64)
        case .i64GtU: (.gtU, .i64)
        case .i64LeS: (.leS, .i64)
        case .i64LeU: (.leU, .i64)
        case .i64GeS: (.geS, .i64)
        case .i64GeU: (.geU, .i64)
        default: nil
        }
    }

    static func integerUnary(_ op: NumericOp) -> (IntUnaryOp, IntWidth)? {
        switch op {
        case .i32Clz: (.clz, .i32)
        case .i32Ctz: (.ctz, .i32)
        case .i32Popcnt: (.popcnt, .i32)
        case .i64Clz: (.clz, .i64)
        case .i64Ctz: (.ctz, .i64)
        case .i64Popcnt: (.popcnt, .i64)
        default: nil
        }
    }

    static func division(_ op: NumericOp) -> (signed: Bool, remainder: Bool, IntWidth)? {
        switch op {
        case .i32DivS: (true, false, .i32)
        case .i32DivU: (false, false, .i32)
        case .i32RemS: (true, true, .i32)
        case .i32RemU: (false, true, .i32)
        case .i64DivS: (true, false, .i64)
        case .i64DivU: (false, false, .i64)
        case .i64RemS: (true, true, .i64)
        case .i64RemU: (false, true, .i64)
        default: nil
        }
    }
}
