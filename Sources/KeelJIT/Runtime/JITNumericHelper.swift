import KeelFrontEnd
import KeelRuntime

/// Float instructions JIT code runs through the runtime's reference semantics (`Num`), the
/// interpreter's own: operands in WebAssembly order at `operands`, the result written to
/// `operands[0]`; returns 0 or a trap code. With `canonical`, a NaN result of a NaN-producing
/// instruction becomes the canonical NaN (docs/determinism.md section 2; canonicalizing where
/// the interpreter elides is unobservable by the elision's definition). The cases were written
/// out mechanically from `NumericOp` and `Num`'s signatures, one per instruction.
enum JITNumericHelper {
    static func evaluate(_ op: NumericOp, canonical: Bool, _ operands: UnsafeMutablePointer<UInt64>) -> UInt32 {
        let canonical = canonical && op.producesArithmeticNaN
        switch op {
        case .f32Eq: operands[0] = UInt64(Num.f32Eq(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1]))))
        case .f32Ne: operands[0] = UInt64(Num.f32Ne(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1]))))
        case .f32Lt: operands[0] = UInt64(Num.f32Lt(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1]))))
        case .f32Gt: operands[0] = UInt64(Num.f32Gt(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1]))))
        case .f32Le: operands[0] = UInt64(Num.f32Le(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1]))))
        case .f32Ge: operands[0] = UInt64(Num.f32Ge(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1]))))
        case .f64Eq: operands[0] = UInt64(Num.f64Eq(Double(bitPattern: operands[0]), Double(bitPattern: operands[1])))
        case .f64Ne: operands[0] = UInt64(Num.f64Ne(Double(bitPattern: operands[0]), Double(bitPattern: operands[1])))
        case .f64Lt: operands[0] = UInt64(Num.f64Lt(Double(bitPattern: operands[0]), Double(bitPattern: operands[1])))
        case .f64Gt: operands[0] = UInt64(Num.f64Gt(Double(bitPattern: operands[0]), Double(bitPattern: operands[1])))
        case .f64Le: operands[0] = UInt64(Num.f64Le(Double(bitPattern: operands[0]), Double(bitPattern: operands[1])))
        case .f64Ge: operands[0] = UInt64(Num.f64Ge(Double(bitPattern: operands[0]), Double(bitPattern: operands[1])))
        case .f32Ceil: operands[0] = UInt64(canonical ? Num.canonical(Num.f32Ceil(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])))).bitPattern : Num.f32Ceil(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0]))).bitPattern)
        case .f32Floor: operands[0] = UInt64(canonical ? Num.canonical(Num.f32Floor(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])))).bitPattern : Num.f32Floor(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0]))).bitPattern)
        case .f32Trunc: operands[0] = UInt64(canonical ? Num.canonical(Num.f32Trunc(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])))).bitPattern : Num.f32Trunc(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0]))).bitPattern)
        case .f32Nearest: operands[0] = UInt64(canonical ? Num.canonical(Num.f32Nearest(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])))).bitPattern : Num.f32Nearest(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0]))).bitPattern)
        case .f32Sqrt: operands[0] = UInt64(canonical ? Num.canonical(Num.f32Sqrt(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])))).bitPattern : Num.f32Sqrt(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0]))).bitPattern)
        case .f32Add: operands[0] = UInt64(canonical ? Num.canonical(Num.f32Add(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1])))).bitPattern : Num.f32Add(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1]))).bitPattern)
        case .f32Sub: operands[0] = UInt64(canonical ? Num.canonical(Num.f32Sub(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1])))).bitPattern : Num.f32Sub(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1]))).bitPattern)
        case .f32Mul: operands[0] = UInt64(canonical ? Num.canonical(Num.f32Mul(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1])))).bitPattern : Num.f32Mul(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1]))).bitPattern)
        case .f32Div: operands[0] = UInt64(canonical ? Num.canonical(Num.f32Div(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1])))).bitPattern : Num.f32Div(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1]))).bitPattern)
        case .f32Min: operands[0] = UInt64(canonical ? Num.canonical(Num.f32Min(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1])))).bitPattern : Num.f32Min(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1]))).bitPattern)
        case .f32Max: operands[0] = UInt64(canonical ? Num.canonical(Num.f32Max(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1])))).bitPattern : Num.f32Max(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])), Float(bitPattern: UInt32(truncatingIfNeeded: operands[1]))).bitPattern)
        case .f64Ceil: operands[0] = (canonical ? Num.canonical(Num.f64Ceil(Double(bitPattern: operands[0]))) : Num.f64Ceil(Double(bitPattern: operands[0]))).bitPattern
        case .f64Floor: operands[0] = (canonical ? Num.canonical(Num.f64Floor(Double(bitPattern: operands[0]))) : Num.f64Floor(Double(bitPattern: operands[0]))).bitPattern
        case .f64Trunc: operands[0] = (canonical ? Num.canonical(Num.f64Trunc(Double(bitPattern: operands[0]))) : Num.f64Trunc(Double(bitPattern: operands[0]))).bitPattern
        case .f64Nearest: operands[0] = (canonical ? Num.canonical(Num.f64Nearest(Double(bitPattern: operands[0]))) : Num.f64Nearest(Double(bitPattern: operands[0]))).bitPattern
        case .f64Sqrt: operands[0] = (canonical ? Num.canonical(Num.f64Sqrt(Double(bitPattern: operands[0]))) : Num.f64Sqrt(Double(bitPattern: operands[0]))).bitPattern
        case .f64Add: operands[0] = (canonical ? Num.canonical(Num.f64Add(Double(bitPattern: operands[0]), Double(bitPattern: operands[1]))) : Num.f64Add(Double(bitPattern: operands[0]), Double(bitPattern: operands[1]))).bitPattern
        case .f64Sub: operands[0] = (canonical ? Num.canonical(Num.f64Sub(Double(bitPattern: operands[0]), Double(bitPattern: operands[1]))) : Num.f64Sub(Double(bitPattern: operands[0]), Double(bitPattern: operands[1]))).bitPattern
        case .f64Mul: operands[0] = (canonical ? Num.canonical(Num.f64Mul(Double(bitPattern: operands[0]), Double(bitPattern: operands[1]))) : Num.f64Mul(Double(bitPattern: operands[0]), Double(bitPattern: operands[1]))).bitPattern
        case .f64Div: operands[0] = (canonical ? Num.canonical(Num.f64Div(Double(bitPattern: operands[0]), Double(bitPattern: operands[1]))) : Num.f64Div(Double(bitPattern: operands[0]), Double(bitPattern: operands[1]))).bitPattern
        case .f64Min: operands[0] = (canonical ? Num.canonical(Num.f64Min(Double(bitPattern: operands[0]), Double(bitPattern: operands[1]))) : Num.f64Min(Double(bitPattern: operands[0]), Double(bitPattern: operands[1]))).bitPattern
        case .f64Max: operands[0] = (canonical ? Num.canonical(Num.f64Max(Double(bitPattern: operands[0]), Double(bitPattern: operands[1]))) : Num.f64Max(Double(bitPattern: operands[0]), Double(bitPattern: operands[1]))).bitPattern
        case .i32TruncF32S:
            let (value, trap) = Num.i32TruncF32S(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])))
            if let trap { return UInt32(trap.rawValue) }
            operands[0] = UInt64(value)
        case .i32TruncF32U:
            let (value, trap) = Num.i32TruncF32U(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])))
            if let trap { return UInt32(trap.rawValue) }
            operands[0] = UInt64(value)
        case .i32TruncF64S:
            let (value, trap) = Num.i32TruncF64S(Double(bitPattern: operands[0]))
            if let trap { return UInt32(trap.rawValue) }
            operands[0] = UInt64(value)
        case .i32TruncF64U:
            let (value, trap) = Num.i32TruncF64U(Double(bitPattern: operands[0]))
            if let trap { return UInt32(trap.rawValue) }
            operands[0] = UInt64(value)
        case .i64TruncF32S:
            let (value, trap) = Num.i64TruncF32S(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])))
            if let trap { return UInt32(trap.rawValue) }
            operands[0] = value
        case .i64TruncF32U:
            let (value, trap) = Num.i64TruncF32U(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])))
            if let trap { return UInt32(trap.rawValue) }
            operands[0] = value
        case .i64TruncF64S:
            let (value, trap) = Num.i64TruncF64S(Double(bitPattern: operands[0]))
            if let trap { return UInt32(trap.rawValue) }
            operands[0] = value
        case .i64TruncF64U:
            let (value, trap) = Num.i64TruncF64U(Double(bitPattern: operands[0]))
            if let trap { return UInt32(trap.rawValue) }
            operands[0] = value
        case .f32ConvertI32S: operands[0] = UInt64(canonical ? Num.canonical(Num.f32ConvertI32S(UInt32(truncatingIfNeeded: operands[0]))).bitPattern : Num.f32ConvertI32S(UInt32(truncatingIfNeeded: operands[0])).bitPattern)
        case .f32ConvertI32U: operands[0] = UInt64(canonical ? Num.canonical(Num.f32ConvertI32U(UInt32(truncatingIfNeeded: operands[0]))).bitPattern : Num.f32ConvertI32U(UInt32(truncatingIfNeeded: operands[0])).bitPattern)
        case .f32ConvertI64S: operands[0] = UInt64(canonical ? Num.canonical(Num.f32ConvertI64S(operands[0])).bitPattern : Num.f32ConvertI64S(operands[0]).bitPattern)
        case .f32ConvertI64U: operands[0] = UInt64(canonical ? Num.canonical(Num.f32ConvertI64U(operands[0])).bitPattern : Num.f32ConvertI64U(operands[0]).bitPattern)
        case .f32DemoteF64: operands[0] = UInt64(canonical ? Num.canonical(Num.f32DemoteF64(Double(bitPattern: operands[0]))).bitPattern : Num.f32DemoteF64(Double(bitPattern: operands[0])).bitPattern)
        case .f64ConvertI32S: operands[0] = (canonical ? Num.canonical(Num.f64ConvertI32S(UInt32(truncatingIfNeeded: operands[0]))) : Num.f64ConvertI32S(UInt32(truncatingIfNeeded: operands[0]))).bitPattern
        case .f64ConvertI32U: operands[0] = (canonical ? Num.canonical(Num.f64ConvertI32U(UInt32(truncatingIfNeeded: operands[0]))) : Num.f64ConvertI32U(UInt32(truncatingIfNeeded: operands[0]))).bitPattern
        case .f64ConvertI64S: operands[0] = (canonical ? Num.canonical(Num.f64ConvertI64S(operands[0])) : Num.f64ConvertI64S(operands[0])).bitPattern
        case .f64ConvertI64U: operands[0] = (canonical ? Num.canonical(Num.f64ConvertI64U(operands[0])) : Num.f64ConvertI64U(operands[0])).bitPattern
        case .f64PromoteF32: operands[0] = (canonical ? Num.canonical(Num.f64PromoteF32(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])))) : Num.f64PromoteF32(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])))).bitPattern
        case .i32TruncSatF32S: operands[0] = UInt64(Num.i32TruncSatF32S(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0]))))
        case .i32TruncSatF32U: operands[0] = UInt64(Num.i32TruncSatF32U(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0]))))
        case .i32TruncSatF64S: operands[0] = UInt64(Num.i32TruncSatF64S(Double(bitPattern: operands[0])))
        case .i32TruncSatF64U: operands[0] = UInt64(Num.i32TruncSatF64U(Double(bitPattern: operands[0])))
        case .i64TruncSatF32S: operands[0] = Num.i64TruncSatF32S(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])))
        case .i64TruncSatF32U: operands[0] = Num.i64TruncSatF32U(Float(bitPattern: UInt32(truncatingIfNeeded: operands[0])))
        case .i64TruncSatF64S: operands[0] = Num.i64TruncSatF64S(Double(bitPattern: operands[0]))
        case .i64TruncSatF64U: operands[0] = Num.i64TruncSatF64U(Double(bitPattern: operands[0]))
        default: return UInt32(TrapKind.unreachable.rawValue)
        }
        return 0
    }

    /// Whether `op` runs through `evaluate`.
    static func handles(_ op: NumericOp) -> Bool {
        switch op {
        case .f32Eq, .f32Ne, .f32Lt, .f32Gt, .f32Le, .f32Ge, .f64Eq, .f64Ne, .f64Lt, .f64Gt, .f64Le, .f64Ge, .f32Ceil, .f32Floor, .f32Trunc, .f32Nearest, .f32Sqrt, .f32Add, .f32Sub, .f32Mul, .f32Div, .f32Min, .f32Max, .f64Ceil, .f64Floor, .f64Trunc, .f64Nearest, .f64Sqrt, .f64Add, .f64Sub, .f64Mul, .f64Div, .f64Min, .f64Max, .i32TruncF32S, .i32TruncF32U, .i32TruncF64S, .i32TruncF64U, .i64TruncF32S, .i64TruncF32U, .i64TruncF64S, .i64TruncF64U, .f32ConvertI32S, .f32ConvertI32U, .f32ConvertI64S, .f32ConvertI64U, .f32DemoteF64, .f64ConvertI32S, .f64ConvertI32U, .f64ConvertI64S, .f64ConvertI64U, .f64PromoteF32, .i32TruncSatF32S, .i32TruncSatF32U, .i32TruncSatF64S, .i32TruncSatF64U, .i64TruncSatF32S, .i64TruncSatF32U, .i64TruncSatF64S, .i64TruncSatF64U: true
        default: false
        }
    }
}

/// `@convention(c) (op | canonical << 8, operands) -> status`, called from JIT code.
let jitNumeric: @convention(c) (UInt32, UnsafeMutablePointer<UInt64>) -> UInt32 = { selector, operands in
    guard let op = NumericOp(rawValue: UInt8(truncatingIfNeeded: selector)) else { return UInt32(TrapKind.unreachable.rawValue) }
    return JITNumericHelper.evaluate(op, canonical: selector & 0x100 != 0, operands)
}
