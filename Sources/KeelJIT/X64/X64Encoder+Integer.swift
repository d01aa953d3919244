/// The eight classic two-operand ALU operations, numbered as in their opcodes' /digit.
public enum ALUOp: UInt8, CaseIterable, Sendable {
    case add = 0, or, adc, sbb, and, sub, xor, cmp
}

/// The one-operand group-3 operations (`F7 /digit`).
public enum UnaryOp: UInt8, CaseIterable, Sendable {
    /// Bitwise complement.
    case not = 2
    /// Two's-complement negation.
    case neg = 3
    /// Unsigned widening multiply of the accumulator: rdx:rax = rax * operand.
    case mul = 4
    /// Signed widening multiply of the accumulator.
    case imul = 5
    /// Unsigned divide of rdx:rax; quotient in rax, remainder in rdx.
    case div = 6
    /// Signed divide of rdx:rax.
    case idiv = 7
}

/// Rotates and shifts, numbered as their opcodes' /digit.
public enum ShiftOp: UInt8, CaseIterable, Sendable {
    case rol = 0, ror = 1, shl = 4, shr = 5, sar = 7
}

/// Bit-counting instructions sharing one form: `op r, r/m` (32 or 64 bits).
public enum BitCountOp: CaseIterable, Sendable {
    /// Leading zeros (needs LZCNT; runs as `bsr` without it).
    case lzcnt
    /// Trailing zeros (needs BMI1; runs as `bsf` without it).
    case tzcnt
    /// Set bits (needs POPCNT).
    case popcnt
    /// Index of the highest set bit; destination undefined and ZF set for zero.
    case bsr
    /// Index of the lowest set bit; destination undefined and ZF set for zero.
    case bsf

    var prefix: UInt8 { self == .bsr || self == .bsf ? 0 : 0xF3 }
    var opcode: UInt8 {
        switch self {
        case .lzcnt, .bsr: 0xBD
        case .tzcnt, .bsf: 0xBC
        case .popcnt: 0xB8
        }
    }
}

extension X64Encoder {
    /// Opcode for a byte form (`op8`) or a 16/32/64-bit form (`op8 + 1`).
    @inline(__always)
    static func sized(_ op8: UInt8, _ size: OperandSize) -> UInt8 { size == .b8 ? op8 : op8 + 1 }

    // MARK: ALU

    /// `op dst, src` on registers.
    public mutating func alu(_ op: ALUOp, _ dst: GPR, _ src: GPR, _ size: OperandSize) {
        emitRR(
            size16: size == .b16, w: size == .b64, Self.sized(op.rawValue << 3, size), reg: src.rawValue, rm: dst.rawValue,
            forceREX: size == .b8 && (Self.byteNeedsREX(src) || Self.byteNeedsREX(dst)))
    }

    /// `op dst, [mem]`.
    public mutating func alu(_ op: ALUOp, _ dst: GPR, _ src: Address, _ size: OperandSize) {
        emitRM(
            size16: size == .b16, w: size == .b64, Self.sized((op.rawValue << 3) | 2, size), reg: dst.rawValue, mem: src,
            forceREX: size == .b8 && Self.byteNeedsREX(dst))
    }

    /// `op [mem], src`.
    public mutating func alu(_ op: ALUOp, _ dst: Address, _ src: GPR, _ size: OperandSize) {
        emitRM(
            size16: size == .b16, w: size == .b64, Self.sized(op.rawValue << 3, size), reg: src.rawValue, mem: dst,
            forceREX: size == .b8 && Self.byteNeedsREX(src))
    }

    /// `op dst, imm` (sign-extended; 8-bit immediates when they fit).
    public mutating func alu(_ op: ALUOp, _ dst: GPR, imm: Int32, _ size: OperandSize) {
        let (opcode, bytes) = Self.aluImmediateForm(imm, size)
        emitRR(
            size16: size == .b16, w: size == .b64, opcode, reg: op.rawValue, rm: dst.rawValue,
            forceREX: size == .b8 && Self.byteNeedsREX(dst))
        immediate(imm, bytes: bytes)
    }

    /// `op [mem], imm`.
    public mutating func alu(_ op: ALUOp, _ dst: Address, imm: Int32, _ size: OperandSize) {
        let (opcode, bytes) = Self.aluImmediateForm(imm, size)
        emitRM(size16: size == .b16, w: size == .b64, opcode, reg: op.rawValue, mem: dst)
        immediate(imm, bytes: bytes)
    }

    @inline(__always)
    static func aluImmediateForm(_ imm: Int32, _ size: OperandSize) -> (UInt8, Int) {
        switch size {
        case .b8:
            precondition(fitsInt8(imm) || (0...255).contains(imm), "immediate \(imm) does not fit 8 bits")
            return (0x80, 1)
        case .b16: return fitsInt8(imm) ? (0x83, 1) : (0x81, 2)
        default: return fitsInt8(imm) ? (0x83, 1) : (0x81, 4)
        }
    }

    /// `test a, b`.
    public mutating func test(_ a: GPR, _ b: GPR, _ size: OperandSize) {
        emitRR(
            size16: size == .b16, w: size == .b64, Self.sized(0x84, size), reg: b.rawValue, rm: a.rawValue,
            forceREX: size == .b8 && (Self.byteNeedsREX(a) || Self.byteNeedsREX(b)))
    }

    /// `test [mem], r`.
    public mutating func test(_ a: Address, _ b: GPR, _ size: OperandSize) {
        emitRM(
            size16: size == .b16, w: size == .b64, Self.sized(0x84, size), reg: b.rawValue, mem: a,
            forceREX: size == .b8 && Self.byteNeedsREX(b))
    }

    /// `test r, imm`.
    public mutating func test(_ a: GPR, imm: Int32, _ size: OperandSize) {
        emitRR(
            size16: size == .b16, w: size == .b64, Self.sized(0xF6, size), reg: 0, rm: a.rawValue,
            forceREX: size == .b8 && Self.byteNeedsREX(a))
        immediate(imm, bytes: min(Int(size.rawValue), 4))
    }

    /// `test [mem], imm`.
    public mutating func test(_ a: Address, imm: Int32, _ size: OperandSize) {
        emitRM(size16: size == .b16, w: size == .b64, Self.sized(0xF6, size), reg: 0, mem: a)
        immediate(imm, bytes: min(Int(size.rawValue), 4))
    }

    // MARK: Moves

    /// `mov dst, src` on registers.
    public mutating func mov(_ dst: GPR, _ src: GPR, _ size: OperandSize) {
        emitRR(
            size16: size == .b16, w: size == .b64, Self.sized(0x88, size), reg: src.rawValue, rm: dst.rawValue,
            forceREX: size == .b8 && (Self.byteNeedsREX(src) || Self.byteNeedsREX(dst)))
    }

    /// `mov dst, [mem]` (a 32-bit load zero-extends into the full register).
    public mutating func mov(_ dst: GPR, _ src: Address, _ size: OperandSize) {
        emitRM(
            size16: size == .b16, w: size == .b64, Self.sized(0x8A, size), reg: dst.rawValue, mem: src,
            forceREX: size == .b8 && Self.byteNeedsREX(dst))
    }

    /// `mov [mem], src`.
    public mutating func mov(_ dst: Address, _ src: GPR, _ size: OperandSize) {
        emitRM(
            size16: size == .b16, w: size == .b64, Self.sized(0x88, size), reg: src.rawValue, mem: dst,
            forceREX: size == .b8 && Self.byteNeedsREX(src))
    }

    /// `mov dst, imm`: for 64 bits a sign-extended imm32 when it fits, else `movabs`.
    /// (A value that fits 32 unsigned bits is shorter as a 32-bit move, which zero-extends.)
    public mutating func mov(_ dst: GPR, imm: Int64, _ size: OperandSize) {
        switch size {
        case .b64 where Int64(Int32(truncatingIfNeeded: imm)) == imm:
            emitRR(w: true, 0xC7, reg: 0, rm: dst.rawValue)
            buffer.put32(UInt32(truncatingIfNeeded: imm))
        case .b64:
            movabs(dst, imm)
        default:
            buffer.reserve(16)
            header(
                size16: size == .b16, prefix: 0, w: false, r: 0, x: 0, b: dst.high,
                forceREX: size == .b8 && Self.byteNeedsREX(dst), map: .primary, opcode: (size == .b8 ? 0xB0 : 0xB8) | dst.low)
            immediate(Int32(truncatingIfNeeded: imm), bytes: Int(size.rawValue))
        }
    }

    /// `movabs dst, imm64` (always the 10-byte form).
    public mutating func movabs(_ dst: GPR, _ imm: Int64) {
        buffer.reserve(16)
        header(size16: false, prefix: 0, w: true, r: 0, x: 0, b: dst.high, forceREX: false, map: .primary, opcode: 0xB8 | dst.low)
        buffer.put64(UInt64(bitPattern: imm))
    }

    /// `mov [mem], imm` (sign-extended to 64 bits for 64-bit stores).
    public mutating func mov(_ dst: Address, imm: Int32, _ size: OperandSize) {
        emitRM(size16: size == .b16, w: size == .b64, Self.sized(0xC6, size), reg: 0, mem: dst)
        immediate(imm, bytes: min(Int(size.rawValue), 4))
    }

    /// `movzx dst, src` from 8 or 16 bits into a 32- or 64-bit register.
    public mutating func movzx(_ dst: GPR, _ src: GPR, from: OperandSize, to: OperandSize) {
        precondition(from == .b8 || from == .b16, "movzx extends 8 or 16 bits, not \(from.bits)")
        emitRR(
            size16: to == .b16, w: to == .b64, map: .x0F, from == .b8 ? 0xB6 : 0xB7, reg: dst.rawValue, rm: src.rawValue,
            forceREX: from == .b8 && Self.byteNeedsREX(src))
    }

    /// `movzx dst, [mem]` from 8 or 16 bits.
    public mutating func movzx(_ dst: GPR, _ src: Address, from: OperandSize, to: OperandSize) {
        precondition(from == .b8 || from == .b16, "movzx extends 8 or 16 bits, not \(from.bits)")
        emitRM(size16: to == .b16, w: to == .b64, map: .x0F, from == .b8 ? 0xB6 : 0xB7, reg: dst.rawValue, mem: src)
    }

    /// `movsx`/`movsxd dst, src` from 8, 16 or 32 bits.
    public mutating func movsx(_ dst: GPR, _ src: GPR, from: OperandSize, to: OperandSize) {
        if from == .b32 {
            precondition(to == .b64, "movsxd extends 32 bits into 64")
            emitRR(w: true, 0x63, reg: dst.rawValue, rm: src.rawValue)
        } else {
            emitRR(
                size16: to == .b16, w: to == .b64, map: .x0F, from == .b8 ? 0xBE : 0xBF, reg: dst.rawValue, rm: src.rawValue,
                forceREX: from == .b8 && Self.byteNeedsREX(src))
        }
    }

    /// `movsx`/`movsxd dst, [mem]` from 8, 16 or 32 bits.
    public mutating func movsx(_ dst: GPR, _ src: Address, from: OperandSize, to: OperandSize) {
        if from == .b32 {
            precondition(to == .b64, "movsxd extends 32 bits into 64")
            emitRM(w: true, 0x63, reg: dst.rawValue, mem: src)
        } else {
            emitRM(size16: to == .b16, w: to == .b64, map: .x0F, from == .b8 ? 0xBE : 0xBF, reg: dst.rawValue, mem: src)
        }
    }

    /// `lea dst, [mem]`.
    public mutating func lea(_ dst: GPR, _ src: Address, _ size: OperandSize = .b64) {
        emitRM(w: size == .b64, 0x8D, reg: dst.rawValue, mem: src)
    }

    /// `lea dst, [rip + label]`: the address of a label (a jump table, a constant pool).
    public mutating func lea(_ dst: GPR, _ label: Label) {
        emitRM(w: true, 0x8D, reg: dst.rawValue, mem: .rip(0))
        // The displacement is the instruction's last 4 bytes and counts from its end.
        labels.refer(label, at: offset - 4, origin: offset, width: 4)
    }

    // MARK: Multiply, divide, unary

    /// `imul dst, src` (truncating two-operand multiply, 16/32/64 bits).
    public mutating func imul(_ dst: GPR, _ src: GPR, _ size: OperandSize) {
        emitRR(size16: size == .b16, w: size == .b64, map: .x0F, 0xAF, reg: dst.rawValue, rm: src.rawValue)
    }

    /// `imul dst, [mem]`.
    public mutating func imul(_ dst: GPR, _ src: Address, _ size: OperandSize) {
        emitRM(size16: size == .b16, w: size == .b64, map: .x0F, 0xAF, reg: dst.rawValue, mem: src)
    }

    /// `imul dst, src, imm`.
    public mutating func imul(_ dst: GPR, _ src: GPR, imm: Int32, _ size: OperandSize) {
        let short = Self.fitsInt8(imm)
        emitRR(size16: size == .b16, w: size == .b64, short ? 0x6B : 0x69, reg: dst.rawValue, rm: src.rawValue)
        immediate(imm, bytes: short ? 1 : (size == .b16 ? 2 : 4))
    }

    /// A group-3 operation (`not`, `neg`, `mul`, one-operand `imul`, `div`, `idiv`) on a register.
    public mutating func unary(_ op: UnaryOp, _ operand: GPR, _ size: OperandSize) {
        emitRR(
            size16: size == .b16, w: size == .b64, Self.sized(0xF6, size), reg: op.rawValue, rm: operand.rawValue,
            forceREX: size == .b8 && Self.byteNeedsREX(operand))
    }

    /// A group-3 operation on memory.
    public mutating func unary(_ op: UnaryOp, _ operand: Address, _ size: OperandSize) {
        emitRM(size16: size == .b16, w: size == .b64, Self.sized(0xF6, size), reg: op.rawValue, mem: operand)
    }

    /// `cdq` (32 bits) or `cqo` (64 bits): sign-extend rax into rdx before `idiv`.
    public mutating func signExtendAccumulator(_ size: OperandSize) {
        precondition(size == .b32 || size == .b64, "cdq/cqo take 32 or 64 bits")
        buffer.reserve(2)
        if size == .b64 { buffer.put8(0x48) }
        buffer.put8(0x99)
    }

    // MARK: Shifts

    /// `op dst, cl`.
    public mutating func shift(_ op: ShiftOp, _ dst: GPR, _ size: OperandSize) {
        emitRR(
            size16: size == .b16, w: size == .b64, Self.sized(0xD2, size), reg: op.rawValue, rm: dst.rawValue,
            forceREX: size == .b8 && Self.byteNeedsREX(dst))
    }

    /// `op dst, imm` (the one-byte-shorter `D1` form for a count of 1).
    public mutating func shift(_ op: ShiftOp, _ dst: GPR, imm: UInt8, _ size: OperandSize) {
        let byRegister = size == .b8 && Self.byteNeedsREX(dst)
        if imm == 1 {
            emitRR(size16: size == .b16, w: size == .b64, Self.sized(0xD0, size), reg: op.rawValue, rm: dst.rawValue, forceREX: byRegister)
        } else {
            emitRR(size16: size == .b16, w: size == .b64, Self.sized(0xC0, size), reg: op.rawValue, rm: dst.rawValue, forceREX: byRegister)
            buffer.put8(imm)
        }
    }

    // MARK: Conditions

    /// `setcc dst` (writes the low byte only).
    public mutating func setcc(_ cc: ConditionCode, _ dst: GPR) {
        emitRR(w: false, map: .x0F, 0x90 | cc.rawValue, reg: 0, rm: dst.rawValue, forceREX: Self.byteNeedsREX(dst))
    }

    /// `cmovcc dst, src` (32 or 64 bits).
    public mutating func cmov(_ cc: ConditionCode, _ dst: GPR, _ src: GPR, _ size: OperandSize) {
        emitRR(size16: size == .b16, w: size == .b64, map: .x0F, 0x40 | cc.rawValue, reg: dst.rawValue, rm: src.rawValue)
    }

    /// `cmovcc dst, [mem]`.
    public mutating func cmov(_ cc: ConditionCode, _ dst: GPR, _ src: Address, _ size: OperandSize) {
        emitRM(size16: size == .b16, w: size == .b64, map: .x0F, 0x40 | cc.rawValue, reg: dst.rawValue, mem: src)
    }

    // MARK: Bits

    /// `lzcnt`/`tzcnt`/`popcnt`/`bsr`/`bsf dst, src`.
    public mutating func bitCount(_ op: BitCountOp, _ dst: GPR, _ src: GPR, _ size: OperandSize) {
        emitRR(size16: size == .b16, prefix: op.prefix, w: size == .b64, map: .x0F, op.opcode, reg: dst.rawValue, rm: src.rawValue)
    }

    /// `lzcnt`/`tzcnt`/`popcnt`/`bsr`/`bsf dst, [mem]`.
    public mutating func bitCount(_ op: BitCountOp, _ dst: GPR, _ src: Address, _ size: OperandSize) {
        emitRM(size16: size == .b16, prefix: op.prefix, w: size == .b64, map: .x0F, op.opcode, reg: dst.rawValue, mem: src)
    }

    /// `bswap r` (32 or 64 bits).
    public mutating func bswap(_ r: GPR, _ size: OperandSize) {
        precondition(size == .b32 || size == .b64, "bswap takes 32 or 64 bits")
        buffer.reserve(4)
        header(size16: false, prefix: 0, w: size == .b64, r: 0, x: 0, b: r.high, forceREX: false, map: .x0F, opcode: 0xC8 | r.low)
    }
}
