import KeelFrontEnd
import KeelRuntime

extension JITGenerator {
    /// f32 and f64 instructions: arithmetic, comparisons, sign operations and conversions in
    /// float registers; the rest (min/max, truncations, unsigned 64-bit conversions) through
    /// the numeric helper.
    mutating func floatNumeric(_ op: NumericOp) {
        let nan = canonicalizeNaN && op.producesArithmeticNaN
        if let (float, double) = Self.floatBinary(op) {
            let (rhs, owned) = popFloatUse()
            let lhs = popFloat()
            masm.floatBinary(float, rhs, into: lhs, double: double)
            if owned { free(rhs) }
            push(.floatRegister(lhs), op.result, pendingNaN: nan)
            return
        }
        if let (cond, double) = Self.floatComparison(op) {
            let (rhs, ownedRHS) = popFloatUse()
            let (lhs, ownedLHS) = popFloatUse()
            let r = allocateRegister()
            masm.compare(cond, lhs, rhs, into: r, double: double)
            if ownedRHS { free(rhs) }
            if ownedLHS { free(lhs) }
            push(.register(r), .i32)
            return
        }
        switch op {
        case .f32Sqrt, .f64Sqrt:
            let x = popFloat()
            masm.floatSqrt(x, into: x, double: op == .f64Sqrt)
            push(.floatRegister(x), op.result, pendingNaN: nan)
        case .f32Ceil, .f32Floor, .f32Trunc, .f32Nearest, .f64Ceil, .f64Floor, .f64Trunc, .f64Nearest:
            let double = op.result == .f64
            let mode: RoundingMode =
                switch op {
                case .f32Ceil, .f64Ceil: .up
                case .f32Floor, .f64Floor: .down
                case .f32Trunc, .f64Trunc: .towardZero
                default: .nearest
                }
            let x = popFloat()
            masm.round(x, mode, into: x, double: double)
            push(.floatRegister(x), op.result, pendingNaN: nan)
        case .f32Abs, .f32Neg, .f64Abs, .f64Neg, .f32Copysign, .f64Copysign:
            signOperation(op)
        case .i32ReinterpretF32, .i64ReinterpretF64, .f32ReinterpretI32, .f64ReinterpretI64:
            reinterpret(op)
        case .f32ConvertI32S, .f64ConvertI32S, .f32ConvertI64S, .f64ConvertI64S, .f32ConvertI32U, .f64ConvertI32U:
            // An i32 is zero-extended, so its unsigned conversion is the 64-bit signed one.
            let width: IntWidth = op == .f32ConvertI32S || op == .f64ConvertI32S ? .i32 : .i64
            let use = popRegisterUse(.i64)
            guard case .reg(let r, _) = use else { preconditionFailure() }
            let x = allocateFloatRegister()
            masm.convert(signed: r, width, to: x, double: op.result == .f64)
            release(use)
            push(.floatRegister(x), op.result)
        case .f64PromoteF32, .f32DemoteF64:
            let x = popFloat()
            masm.convertPrecision(x, toDouble: op == .f64PromoteF32, into: x)
            push(.floatRegister(x), op.result, pendingNaN: nan)
        default:
            if JITNumericHelper.handles(op) {
                numericHelper(op)
            } else {
                unsupported(op.name)
            }
        }
    }

    /// abs, neg and copysign act on the sign bit alone, in an integer register (a 64-bit mask
    /// through the scratch register).
    mutating func signOperation(_ op: NumericOp) {
        let double = op.result == .f64
        let width: IntWidth = double ? .i64 : .i32
        let sign: UInt64 = double ? 1 << 63 : 1 << 31
        switch op {
        case .f32Copysign, .f64Copysign:
            let signSource = popRegister()
            let r = popRegister()
            if double {
                masm.move(constant: Int64(bitPattern: sign), to: Masm.scratch, .i64, .wide)
                masm.binary(.and, .register(Masm.scratch), into: signSource, .i64)
                masm.unary(.not, Masm.scratch, .i64)
                masm.binary(.and, .register(Masm.scratch), into: r, .i64)
            } else {
                masm.binary(.and, .immediate(Int32(bitPattern: UInt32(sign))), into: signSource, .i32)
                masm.binary(.and, .immediate(Int32(bitPattern: UInt32(~sign & 0xFFFF_FFFF))), into: r, .i32)
            }
            masm.binary(.or, .register(signSource), into: r, width)
            free(signSource)
            push(.register(r), op.result)
        default:
            let r = popRegister()
            let abs = op == .f32Abs || op == .f64Abs
            if double {
                masm.move(constant: Int64(bitPattern: abs ? ~sign : sign), to: Masm.scratch, .i64, .wide)
                masm.binary(abs ? .and : .xor, .register(Masm.scratch), into: r, .i64)
            } else {
                masm.binary(abs ? .and : .xor, .immediate(Int32(bitPattern: UInt32(abs ? ~sign & 0xFFFF_FFFF : sign))), into: r, .i32)
            }
            push(.register(r), op.result)
        }
    }

    /// Reinterpretations keep the bits: a value in a slot or a constant only changes type.
    mutating func reinterpret(_ op: NumericOp) {
        let top = stack.count - 1
        switch stack[top].operand {
        case .slot, .constant:
            stack[top].type = op.result
            return
        default: break
        }
        // Float bits may live in an integer register, so both directions land there.
        let r = popRegister()
        push(.register(r), op.result)
    }

    static func floatBinary(_ op: NumericOp) -> (FloatBinaryOp, Bool)? {
        switch op {
        case .f32Add: (.add, false)
        case .f32Sub: (.sub, false)
        case .f32Mul: (.mul, false)
        case .f32Div: (.div, false)
        case .f64Add: (.add, true)
        case .f64Sub: (.sub, true)
        case .f64Mul: (.mul, true)
        case .f64Div: (.div, true)
        default: nil
        }
    }

    static func floatComparison(_ op: NumericOp) -> (FloatCondition, Bool)? {
        switch op {
        case .f32Eq: (.eq, false)
        case .f32Ne: (.ne, false)
        case .f32Lt: (.lt, false)
        case .f32Gt: (.gt, false)
        case .f32Le: (.le, false)
        case .f32Ge: (.ge, false)
        case .f64Eq: (.eq, true)
        case .f64Ne: (.ne, true)
        case .f64Lt: (.lt, true)
        case .f64Gt: (.gt, true)
        case .f64Le: (.le, true)
        case .f64Ge: (.ge, true)
        default: nil
        }
    }
}
