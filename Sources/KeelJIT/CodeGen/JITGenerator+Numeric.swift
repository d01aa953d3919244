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
            let size: OperandSize = width == .i32 ? .b32 : .b64
            let rhs = popCompareOperand(size, immediate: true)
            let lhs = popCompareOperand(size, immediate: false)
            push(.compare(X64MacroAssembler.conditionCode(cond), lhs, rhs, size), .i32)
        } else if let (unary, width) = Self.integerUnary(op) {
            let r = popGPR()
            masm.unary(unary, r, width)
            push(.gpr(r), op.result)
        } else if let (signed, remainder, width) = Self.division(op) {
            divide(signed: signed, remainder: remainder, width)
        } else if op.operands.contains(where: \.isFloat) || op.result.isFloat {
            floatNumeric(op)
        } else {
            otherInteger(op)
        }
    }

    mutating func integerBinary(_ op: IntBinaryOp, _ width: IntWidth) {
        let size: OperandSize = width == .i32 ? .b32 : .b64
        let type: ValueType = width == .i32 ? .i32 : .i64
        let rhs = popUse(size)
        let lhs = popGPR()
        switch op {
        case .mul:
            switch rhs {
            case .reg(let r, _): enc.imul(lhs, r, size)
            case .mem(let a): enc.imul(lhs, a, size)
            case .imm(let v): enc.imul(lhs, lhs, imm: v, size)
            }
        default:
            emitALU(X64MacroAssembler.alu(op)!, lhs, rhs, size)
        }
        release(rhs)
        push(.gpr(lhs), type)
    }

    mutating func shift(_ kind: ShiftKind, _ width: IntWidth) {
        let type: ValueType = width == .i32 ? .i32 : .i64
        if case .constant(let bits) = stack[stack.count - 1].operand {
            _ = popEntry()
            let r = popGPR()
            masm.shift(kind, constant: UInt8(truncatingIfNeeded: bits), into: r, width)
            push(.gpr(r), type)
            return
        }
        let count: GPR
        if case .gpr(.rcx) = stack[stack.count - 1].operand {
            count = popGPR()
        } else {
            take(.rcx)
            let use = popRegisterUse(.b64)
            emitMove(.rcx, use, .b32)
            release(use)
            count = .rcx
        }
        let r = popGPR()
        masm.shift(kind, by: count, into: r, width)
        free(count)
        push(.gpr(r), type)
    }

    /// Division and remainder with WebAssembly's traps: zero divisor, then signed MIN / -1
    /// (whose remainder is 0, not a trap).
    mutating func divide(signed: Bool, remainder: Bool, _ width: IntWidth) {
        let size: OperandSize = width == .i32 ? .b32 : .b64
        let type: ValueType = width == .i32 ? .i32 : .i64
        var knownDivisor: Int64?
        if case .constant(let bits) = stack[stack.count - 1].operand {
            knownDivisor = width == .i32 ? Int64(Int32(truncatingIfNeeded: bits)) : Int64(bitPattern: bits)
        }
        take(.rax)
        take(.rdx)
        let divisor = popGPR()
        let dividend = popGPR()
        enc.mov(.rax, dividend, size)
        free(dividend)
        if knownDivisor == nil || knownDivisor == 0 {
            enc.test(divisor, divisor, size)
            enc.jcc(.e, trapLabel(.integerDivideByZero))
        }
        let done = masm.makeLabel()
        if signed && (knownDivisor == nil || knownDivisor == -1) {
            let ordinary = masm.makeLabel()
            enc.alu(.cmp, divisor, imm: -1, size)
            enc.jcc(.ne, ordinary)
            if remainder {
                enc.alu(.xor, .rdx, .rdx, .b32)
                enc.jmp(done)
            } else {
                if width == .i32 {
                    enc.alu(.cmp, .rax, imm: Int32.min, .b32)
                } else {
                    enc.movabs(.r11, Int64.min)
                    enc.alu(.cmp, .rax, .r11, .b64)
                }
                enc.jcc(.e, trapLabel(.integerOverflow))
            }
            masm.bind(ordinary)
        }
        if signed {
            enc.signExtendAccumulator(size)
        } else {
            enc.alu(.xor, .rdx, .rdx, .b32)
        }
        enc.unary(signed ? .idiv : .div, divisor, size)
        masm.bind(done)
        free(divisor)
        if remainder {
            free(.rax)
            push(.gpr(.rdx), type)
        } else {
            free(.rdx)
            push(.gpr(.rax), type)
        }
    }

    mutating func otherInteger(_ op: NumericOp) {
        switch op {
        case .i32Eqz, .i64Eqz:
            let size: OperandSize = op == .i32Eqz ? .b32 : .b64
            if case .compare(let cc, let lhs, let rhs, let s) = stack[stack.count - 1].operand {
                _ = popEntry()
                push(.compare(cc.inverted, lhs, rhs, s), .i32)
            } else {
                let value = popCompareOperand(size, immediate: false)
                push(.compare(.e, value, .imm(0), size), .i32)
            }
        case .i32WrapI64:
            if case .constant(let bits) = stack[stack.count - 1].operand {
                _ = popEntry()
                push(.constant(bits & 0xFFFF_FFFF), .i32)
            } else {
                let r = popGPR()
                enc.mov(r, r, .b32)
                push(.gpr(r), .i32)
            }
        case .i64ExtendI32U:
            // i32 values are kept zero-extended.
            stack[stack.count - 1].type = .i64
        case .i64ExtendI32S: signExtend(from: .b32, to: .b64, .i64)
        case .i32Extend8S: signExtend(from: .b8, to: .b32, .i32)
        case .i32Extend16S: signExtend(from: .b16, to: .b32, .i32)
        case .i64Extend8S: signExtend(from: .b8, to: .b64, .i64)
        case .i64Extend16S: signExtend(from: .b16, to: .b64, .i64)
        case .i64Extend32S: signExtend(from: .b32, to: .b64, .i64)
        default:
            unsupported(op.name)
        }
    }

    mutating func signExtend(from: OperandSize, to: OperandSize, _ type: ValueType) {
        let r = popGPR()
        enc.movsx(r, r, from: from, to: to)
        push(.gpr(r), type)
    }

    /// Calls the numeric helper on the top operands (in their slots); the result replaces them.
    mutating func numericHelper(_ op: NumericOp) {
        prepareCall()
        let first = stack.count - op.operands.count
        enc.mov(.rdi, imm: Int64(op.rawValue) | (canonicalizeNaN ? 0x100 : 0), .b32)
        enc.lea(.rsi, entrySlot(first))
        storeFuel()  // for its traps (the helper charges nothing and keeps r13)
        enc.call(Address(.r14, JITContextLayout.numericHelper))
        enc.test(.rax, .rax, .b32)
        enc.jcc(.ne, dynamicTrap)
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
