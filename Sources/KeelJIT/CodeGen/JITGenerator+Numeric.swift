import KeelFrontEnd
import KeelRuntime

extension JITGenerator {
    // MARK: Values

    package mutating func drop() {
        guard failure == nil else { return }
        _ = pop()
    }

    package mutating func select(type: ValueType) {
        guard failure == nil else { return }
        let condition = pop(), second = pop(), first = height - 1
        load(.rax, first)
        load(.rcx, second)
        enc.mov(.rdx, slot(condition), .b32)
        enc.test(.rdx, .rdx, .b32)
        enc.cmov(.e, .rax, .rcx, .b64)
        store(.rax, first)
    }

    package mutating func localGet(_ index: UInt32, type: ValueType) {
        guard failure == nil else { return }
        load(.rax, Int(index))
        store(.rax, push())
    }

    package mutating func localSet(_ index: UInt32, type: ValueType) {
        guard failure == nil else { return }
        load(.rax, pop())
        store(.rax, Int(index))
    }

    package mutating func localTee(_ index: UInt32, type: ValueType) {
        guard failure == nil else { return }
        load(.rax, height - 1)
        store(.rax, Int(index))
    }

    /// rcx = the address of global `index`'s slot.
    mutating func globalAddress(_ index: UInt32) {
        enc.mov(.rcx, Address(.r14, JITContextLayout.globals), .b64)
        enc.mov(.rcx, Address(.rcx, Int32(8 * Int(index))), .b64)
    }

    package mutating func globalGet(_ index: UInt32, type: GlobalType) {
        guard failure == nil else { return }
        globalAddress(index)
        enc.mov(.rax, Address(.rcx, 0), .b64)
        store(.rax, push())
    }

    package mutating func globalSet(_ index: UInt32, type: GlobalType) {
        guard failure == nil else { return }
        globalAddress(index)
        load(.rax, pop())
        enc.mov(Address(.rcx, 0), .rax, .b64)
    }

    package mutating func constant(_ type: ValueType, bits: UInt64) {
        guard failure == nil else { return }
        let target = push()
        let value = Int64(bitPattern: bits)
        if value >= Int64(Int32.min) && value <= Int64(Int32.max) {
            enc.mov(slot(target), imm: Int32(value), .b64)
        } else {
            masm.move(constant: value, to: .rax, .i64)
            store(.rax, target)
        }
    }

    package mutating func elideCanonicalization(operand: Int) {}

    // MARK: Numeric

    package mutating func numeric(_ op: NumericOp) {
        guard failure == nil else { return }
        if let (binary, width) = Self.integerBinary(op) {
            let rhs = pop(), lhs = height - 1
            load(.rax, lhs)
            load(.rcx, rhs)
            masm.binary(binary, .rcx, into: .rax, width)
            store(.rax, lhs)
        } else if let (shift, width) = Self.shift(op) {
            let rhs = pop(), lhs = height - 1
            load(.rax, lhs)
            load(.rcx, rhs)
            masm.shift(shift, by: .rcx, into: .rax, width)
            store(.rax, lhs)
        } else if let (cond, width) = Self.comparison(op) {
            let rhs = pop(), lhs = height - 1
            load(.rax, lhs)
            load(.rcx, rhs)
            masm.compare(cond, .rax, .rcx, into: .rax, width)
            store(.rax, lhs)
        } else if let (unary, width) = Self.integerUnary(op) {
            load(.rax, height - 1)
            masm.unary(unary, .rax, width)
            store(.rax, height - 1)
        } else if let (signed, remainder, width) = Self.division(op) {
            let rhs = pop(), lhs = height - 1
            divide(signed: signed, remainder: remainder, width, lhs: lhs, rhs: rhs)
        } else {
            otherNumeric(op)
        }
    }

    /// Division and remainder with WebAssembly's traps: zero divisor, then signed MIN / -1
    /// (whose remainder is 0, not a trap).
    mutating func divide(signed: Bool, remainder: Bool, _ width: IntWidth, lhs: Int, rhs: Int) {
        let size: OperandSize = width == .i32 ? .b32 : .b64
        load(.rax, lhs)
        load(.rcx, rhs)
        enc.test(.rcx, .rcx, size)
        enc.jcc(.e, trapLabel(.integerDivideByZero))
        let done = masm.makeLabel()
        if signed {
            let ordinary = masm.makeLabel()
            enc.alu(.cmp, .rcx, imm: -1, size)
            enc.jcc(.ne, ordinary)
            if remainder {
                enc.alu(.xor, .rax, .rax, .b32)
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
        masm.divide(signed: signed, remainder: remainder, .rax, by: .rcx, into: .rax, width)
        masm.bind(done)
        store(.rax, lhs)
    }

    mutating func otherNumeric(_ op: NumericOp) {
        let top = height - 1
        switch op {
        case .i32Eqz, .i64Eqz:
            load(.rax, top)
            enc.test(.rax, .rax, op == .i32Eqz ? .b32 : .b64)
            enc.setcc(.e, .rax)
            enc.movzx(.rax, .rax, from: .b8, to: .b32)
            store(.rax, top)
        case .i32WrapI64:
            enc.mov(.rax, slot(top), .b32)
            store(.rax, top)
        case .i64ExtendI32S: extend(top, from: .b32, signed: true)
        case .i64ExtendI32U: extend(top, from: .b32, signed: false)
        case .i32Extend8S: extend(top, from: .b8, signed: true, to: .b32)
        case .i32Extend16S: extend(top, from: .b16, signed: true, to: .b32)
        case .i64Extend8S: extend(top, from: .b8, signed: true)
        case .i64Extend16S: extend(top, from: .b16, signed: true)
        case .i64Extend32S: extend(top, from: .b32, signed: true)
        case .i32ReinterpretF32, .f32ReinterpretI32, .i64ReinterpretF64, .f64ReinterpretI64:
            break  // slots hold raw bits
        case .f32Abs, .f32Neg, .f64Abs, .f64Neg:
            let double = op == .f64Abs || op == .f64Neg
            load(.rax, top)
            let sign: UInt64 = double ? 1 << 63 : 1 << 31
            enc.movabs(.r11, Int64(bitPattern: op == .f32Abs || op == .f64Abs ? ~sign : sign))
            enc.alu(op == .f32Abs || op == .f64Abs ? .and : .xor, .rax, .r11, .b64)
            if !double { enc.mov(.rax, .rax, .b32) }
            store(.rax, top)
        case .f32Copysign, .f64Copysign:
            let rhs = pop(), lhs = height - 1
            let sign: UInt64 = op == .f64Copysign ? 1 << 63 : 1 << 31
            load(.rax, lhs)
            load(.rcx, rhs)
            enc.movabs(.r11, Int64(bitPattern: sign))
            enc.alu(.and, .rcx, .r11, .b64)
            enc.unary(.not, .r11, .b64)
            enc.alu(.and, .rax, .r11, .b64)
            enc.alu(.or, .rax, .rcx, .b64)
            if op == .f32Copysign { enc.mov(.rax, .rax, .b32) }
            store(.rax, lhs)
        default:
            if let (float, double) = Self.floatBinary(op) {
                let rhs = pop(), lhs = height - 1
                enc.movs(double ? .double : .single, .xmm0, slot(lhs))
                enc.movs(double ? .double : .single, .xmm1, slot(rhs))
                masm.floatBinary(float, .xmm1, into: .xmm0, double: double)
                storeFloatResult(lhs, double: double)
            } else if op == .f32Sqrt || op == .f64Sqrt {
                let double = op == .f64Sqrt
                enc.movs(double ? .double : .single, .xmm0, slot(top))
                masm.floatSqrt(.xmm0, into: .xmm0, double: double)
                storeFloatResult(top, double: double)
            } else if let (cond, double) = Self.floatComparison(op) {
                let rhs = pop(), lhs = height - 1
                enc.movs(double ? .double : .single, .xmm0, slot(lhs))
                enc.movs(double ? .double : .single, .xmm1, slot(rhs))
                masm.compare(cond, .xmm0, .xmm1, into: .rax, double: double)
                store(.rax, lhs)
            } else if JITNumericHelper.handles(op) {
                height -= op.operands.count
                let first = push()
                enc.mov(.rdi, imm: Int64(op.rawValue) | (canonicalizeNaN ? 0x100 : 0), .b32)
                enc.lea(.rsi, slot(first))
                enc.call(Address(.r14, JITContextLayout.numericHelper))
                enc.test(.rax, .rax, .b32)
                enc.jcc(.ne, dynamicTrap)
            } else {
                unsupported(op.name)
            }
        }
    }

    /// Stores xmm0 (f32 or f64) to `index` as clean bits, canonicalizing a NaN when the engine
    /// does (x86's default NaN is negative, so this is never optional).
    mutating func storeFloatResult(_ index: Int, double: Bool) {
        masm.moveBits(.xmm0, to: .rax, double: double)
        if canonicalizeNaN {
            let ordered = masm.makeLabel()
            enc.ucomis(double ? .double : .single, .xmm0, .xmm0)
            enc.jcc(.np, ordered)
            masm.move(constant: double ? 0x7FF8_0000_0000_0000 : 0x7FC0_0000, to: .rax, .i64)
            masm.bind(ordered)
        }
        store(.rax, index)
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

    mutating func extend(_ index: Int, from: OperandSize, signed: Bool, to: OperandSize = .b64) {
        if signed {
            enc.movsx(.rax, slot(index), from: from, to: to)
        } else {
            enc.mov(.rax, slot(index), .b32)
        }
        store(.rax, index)
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
