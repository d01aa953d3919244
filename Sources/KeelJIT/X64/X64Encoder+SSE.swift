/// Scalar floating-point precision: `ss` (f32) or `sd` (f64) forms.
public enum FloatPrecision: Sendable, CaseIterable {
    case single, double

    /// The mandatory prefix of the scalar forms.
    var scalarPrefix: UInt8 { self == .single ? 0xF3 : 0xF2 }
    /// The operand-size prefix selecting the packed-double forms (`ps` has none).
    var packedPrefix: UInt8 { self == .single ? 0 : 0x66 }
}

/// Scalar SSE arithmetic sharing the `prefix 0F op` form.
public enum ScalarFloatOp: UInt8, CaseIterable, Sendable {
    case sqrt = 0x51, add = 0x58, mul = 0x59, sub = 0x5C, min = 0x5D, div = 0x5E, max = 0x5F
}

/// Packed bitwise SSE operations (`ps`/`pd` forms), used for abs, neg, copysign and zeroing.
public enum PackedFloatOp: UInt8, CaseIterable, Sendable {
    case and = 0x54, andn = 0x55, or = 0x56, xor = 0x57
}

/// SSE4.1 rounding modes for `roundss`/`roundsd` (with the precision exception suppressed).
public enum RoundingMode: UInt8, Sendable, CaseIterable {
    case nearest = 0x08, down = 0x09, up = 0x0A, towardZero = 0x0B
}

extension X64Encoder {
    /// `movss`/`movsd dst, src` (merges the low lane).
    public mutating func movs(_ p: FloatPrecision, _ dst: XMM, _ src: XMM) {
        emitRR(prefix: p.scalarPrefix, w: false, map: .x0F, 0x10, reg: dst.rawValue, rm: src.rawValue)
    }

    /// `movss`/`movsd dst, [mem]` (zeroes the upper lanes).
    public mutating func movs(_ p: FloatPrecision, _ dst: XMM, _ src: Address) {
        emitRM(prefix: p.scalarPrefix, w: false, map: .x0F, 0x10, reg: dst.rawValue, mem: src)
    }

    /// `movss`/`movsd [mem], src`.
    public mutating func movs(_ p: FloatPrecision, _ dst: Address, _ src: XMM) {
        emitRM(prefix: p.scalarPrefix, w: false, map: .x0F, 0x11, reg: src.rawValue, mem: dst)
    }

    /// `movd`/`movq xmm, r` (32 or 64 bits of a general register into the low lane).
    public mutating func movd(_ dst: XMM, _ src: GPR, _ size: OperandSize) {
        emitRR(prefix: 0x66, w: size == .b64, map: .x0F, 0x6E, reg: dst.rawValue, rm: src.rawValue)
    }

    /// `movd`/`movq r, xmm`.
    public mutating func movd(_ dst: GPR, _ src: XMM, _ size: OperandSize) {
        emitRR(prefix: 0x66, w: size == .b64, map: .x0F, 0x7E, reg: src.rawValue, rm: dst.rawValue)
    }

    /// Scalar arithmetic `op{ss,sd} dst, src`.
    public mutating func scalar(_ op: ScalarFloatOp, _ p: FloatPrecision, _ dst: XMM, _ src: XMM) {
        emitRR(prefix: p.scalarPrefix, w: false, map: .x0F, op.rawValue, reg: dst.rawValue, rm: src.rawValue)
    }

    /// Scalar arithmetic `op{ss,sd} dst, [mem]`.
    public mutating func scalar(_ op: ScalarFloatOp, _ p: FloatPrecision, _ dst: XMM, _ src: Address) {
        emitRM(prefix: p.scalarPrefix, w: false, map: .x0F, op.rawValue, reg: dst.rawValue, mem: src)
    }

    /// `ucomiss`/`ucomisd a, b`: ZF, PF, CF as an unsigned compare; PF set when unordered.
    public mutating func ucomis(_ p: FloatPrecision, _ a: XMM, _ b: XMM) {
        emitRR(prefix: p.packedPrefix, w: false, map: .x0F, 0x2E, reg: a.rawValue, rm: b.rawValue)
    }

    /// `ucomiss`/`ucomisd a, [mem]`.
    public mutating func ucomis(_ p: FloatPrecision, _ a: XMM, _ b: Address) {
        emitRM(prefix: p.packedPrefix, w: false, map: .x0F, 0x2E, reg: a.rawValue, mem: b)
    }

    /// `cvtsi2ss`/`cvtsi2sd dst, src` from a signed 32- or 64-bit integer.
    public mutating func cvtsi2s(_ p: FloatPrecision, _ dst: XMM, _ src: GPR, _ size: OperandSize) {
        emitRR(prefix: p.scalarPrefix, w: size == .b64, map: .x0F, 0x2A, reg: dst.rawValue, rm: src.rawValue)
    }

    /// `cvtsi2ss`/`cvtsi2sd dst, [mem]`.
    public mutating func cvtsi2s(_ p: FloatPrecision, _ dst: XMM, _ src: Address, _ size: OperandSize) {
        emitRM(prefix: p.scalarPrefix, w: size == .b64, map: .x0F, 0x2A, reg: dst.rawValue, mem: src)
    }

    /// `cvttss2si`/`cvttsd2si dst, src`: truncating, 0x80...0 on NaN or overflow (no fault).
    public mutating func cvtts2si(_ p: FloatPrecision, _ dst: GPR, _ src: XMM, _ size: OperandSize) {
        emitRR(prefix: p.scalarPrefix, w: size == .b64, map: .x0F, 0x2C, reg: dst.rawValue, rm: src.rawValue)
    }

    /// `cvtss2si`/`cvtsd2si dst, src`: rounding as MXCSR says (to nearest, ties to even, by
    /// default), 0x80...0 on NaN or overflow (no fault).
    public mutating func cvts2si(_ p: FloatPrecision, _ dst: GPR, _ src: XMM, _ size: OperandSize) {
        emitRR(prefix: p.scalarPrefix, w: size == .b64, map: .x0F, 0x2D, reg: dst.rawValue, rm: src.rawValue)
    }

    /// `cvtss2sd` (`to: .double`) or `cvtsd2ss` (`to: .single`).
    public mutating func cvtPrecision(to: FloatPrecision, _ dst: XMM, _ src: XMM) {
        // cvtss2sd has the single-precision prefix: the prefix names the source.
        let prefix: UInt8 = to == .double ? 0xF3 : 0xF2
        emitRR(prefix: prefix, w: false, map: .x0F, 0x5A, reg: dst.rawValue, rm: src.rawValue)
    }

    /// SSE4.1 `roundss`/`roundsd dst, src, mode`.
    public mutating func round(_ p: FloatPrecision, _ dst: XMM, _ src: XMM, _ mode: RoundingMode) {
        emitRR(prefix: 0x66, w: false, map: .x0F3A, p == .single ? 0x0A : 0x0B, reg: dst.rawValue, rm: src.rawValue)
        buffer.put8(mode.rawValue)
    }

    /// Packed bitwise `op{ps,pd} dst, src`.
    public mutating func packed(_ op: PackedFloatOp, _ p: FloatPrecision, _ dst: XMM, _ src: XMM) {
        emitRR(prefix: p.packedPrefix, w: false, map: .x0F, op.rawValue, reg: dst.rawValue, rm: src.rawValue)
    }

    /// Packed bitwise `op{ps,pd} dst, [mem]` (the address must be 16-byte aligned).
    public mutating func packed(_ op: PackedFloatOp, _ p: FloatPrecision, _ dst: XMM, _ src: Address) {
        emitRM(prefix: p.packedPrefix, w: false, map: .x0F, op.rawValue, reg: dst.rawValue, mem: src)
    }

    /// `movaps`/`movapd dst, src` (whole-register copy).
    public mutating func movap(_ p: FloatPrecision, _ dst: XMM, _ src: XMM) {
        emitRR(prefix: p.packedPrefix, w: false, map: .x0F, 0x28, reg: dst.rawValue, rm: src.rawValue)
    }

    /// `movaps`/`movapd dst, [mem]` (16-byte aligned).
    public mutating func movap(_ p: FloatPrecision, _ dst: XMM, _ src: Address) {
        emitRM(prefix: p.packedPrefix, w: false, map: .x0F, 0x28, reg: dst.rawValue, mem: src)
    }

    /// `movaps`/`movapd [mem], src` (16-byte aligned).
    public mutating func movap(_ p: FloatPrecision, _ dst: Address, _ src: XMM) {
        emitRM(prefix: p.packedPrefix, w: false, map: .x0F, 0x29, reg: src.rawValue, mem: dst)
    }
}
