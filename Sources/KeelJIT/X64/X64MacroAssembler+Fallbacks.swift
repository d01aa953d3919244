/// The sequences `X64MacroAssembler` emits when the CPU lacks POPCNT or SSE4.1 (the LZCNT and
/// BMI1 fallbacks are two instructions each and live in `unary`). Each gives exactly the
/// result of the instruction it replaces, for every input. The 64-bit popcount and the
/// rounding move rsp down for a moment (a push, a 16-byte slot) and restore it: code must keep
/// nothing below rsp, which the fixed-frame generator never does.
extension X64MacroAssembler {
    /// `dst = popcount(dst)` by the SWAR bit trick: pair, nibble and byte sums, then a
    /// multiply that adds the bytes into the top one. Clobbers only the scratch register
    /// (a 64-bit count saves and restores one more register around the sequence).
    mutating func populationCountFallback(_ dst: GPR, _ size: OperandSize) {
        let s = Self.scratch
        if size != .b64 {
            encoder.mov(s, dst, .b32)
            encoder.shift(.shr, s, imm: 1, .b32)
            encoder.alu(.and, s, imm: 0x5555_5555, .b32)
            encoder.alu(.sub, dst, s, .b32)
            encoder.mov(s, dst, .b32)
            encoder.shift(.shr, s, imm: 2, .b32)
            encoder.alu(.and, s, imm: 0x3333_3333, .b32)
            encoder.alu(.and, dst, imm: 0x3333_3333, .b32)
            encoder.alu(.add, dst, s, .b32)
            encoder.mov(s, dst, .b32)
            encoder.shift(.shr, s, imm: 4, .b32)
            encoder.alu(.add, dst, s, .b32)
            encoder.alu(.and, dst, imm: 0x0F0F_0F0F, .b32)
            encoder.imul(dst, dst, imm: 0x0101_0101, .b32)
            encoder.shift(.shr, dst, imm: 24, .b32)
            return
        }
        // The 64-bit masks need a register: borrow one (no call or trap in between, so the
        // push and pop need no alignment or frame bookkeeping).
        let mask: GPR = dst == .rcx ? .rdx : .rcx
        encoder.push(mask)
        encoder.mov(s, dst, .b64)
        encoder.shift(.shr, s, imm: 1, .b64)
        encoder.movabs(mask, 0x5555_5555_5555_5555)
        encoder.alu(.and, s, mask, .b64)
        encoder.alu(.sub, dst, s, .b64)
        encoder.movabs(mask, 0x3333_3333_3333_3333)
        encoder.mov(s, dst, .b64)
        encoder.shift(.shr, s, imm: 2, .b64)
        encoder.alu(.and, s, mask, .b64)
        encoder.alu(.and, dst, mask, .b64)
        encoder.alu(.add, dst, s, .b64)
        encoder.mov(s, dst, .b64)
        encoder.shift(.shr, s, imm: 4, .b64)
        encoder.alu(.add, dst, s, .b64)
        encoder.movabs(mask, 0x0F0F_0F0F_0F0F_0F0F)
        encoder.alu(.and, dst, mask, .b64)
        encoder.movabs(mask, 0x0101_0101_0101_0101)
        encoder.imul(dst, mask, .b64)
        encoder.shift(.shr, dst, imm: 56, .b64)
        encoder.pop(mask)
    }

    /// `dst = round(src)` without SSE4.1, with `roundss`/`roundsd`'s results for every input:
    /// - |x| ≥ 2^52 (2^23 for f32), infinities and NaNs are already integral: the result is
    ///   x, a NaN quieted as `round` quiets it (x + x keeps sign and payload);
    /// - otherwise the integer part fits a 64-bit (32-bit) integer: `cvttsd2si` truncates,
    ///   `cvtsd2si` rounds to nearest, ties to even (MXCSR's default, which every float
    ///   operation in JIT code relies on), floor and ceil step the truncation by one when it
    ///   lies on the wrong side of x, and the integer converts back exactly;
    /// - a zero result takes x's sign (`floor(0.5)` is +0, `ceil(-0.5)` and `trunc(-0.0)` -0):
    ///   rounding never changes the sign of a nonzero result.
    /// x is kept in a 16-byte stack slot (no call or trap in between), so `dst` may be `src`;
    /// clobbers only the scratch register.
    mutating func roundFallback(_ src: XMM, _ mode: RoundingMode, into dst: XMM, _ p: FloatPrecision) {
        let s = Self.scratch, size: OperandSize = p == .double ? .b64 : .b32
        let mantissaBits = p == .double ? 52 : 23, exponentBias = p == .double ? 1023 : 127
        let integral = encoder.makeLabel(), zero = encoder.makeLabel(), restore = encoder.makeLabel(), done = encoder.makeLabel()
        // The biased exponent: drop the sign, then the mantissa.
        encoder.movd(s, src, size)
        encoder.shift(.shl, s, imm: 1, size)
        encoder.shift(.shr, s, imm: UInt8(mantissaBits + 1), size)
        encoder.alu(.cmp, s, imm: Int32(exponentBias + mantissaBits), .b32)
        encoder.jcc(.ae, integral)

        let x = Address(.rsp)
        encoder.alu(.sub, .rsp, imm: 16, .b64)
        encoder.movs(p, x, src)
        if mode == .nearest {
            encoder.cvts2si(p, s, src, size)
        } else {
            encoder.cvtts2si(p, s, src, size)
        }
        if mode == .down || mode == .up {
            let onTheRightSide = encoder.makeLabel()
            encoder.packed(.xor, .single, dst, dst)
            encoder.cvtsi2s(p, dst, s, size)
            encoder.ucomis(p, dst, x)
            encoder.jcc(mode == .down ? .be : .ae, onTheRightSide)
            encoder.alu(mode == .down ? .sub : .add, s, imm: 1, size)
            encoder.bind(onTheRightSide)
        }
        encoder.test(s, s, size)
        encoder.jcc(.e, zero)
        encoder.packed(.xor, .single, dst, dst)
        encoder.cvtsi2s(p, dst, s, size)
        encoder.jmp(restore)
        encoder.bind(zero)
        encoder.mov(s, x, size)
        encoder.shift(.shr, s, imm: UInt8(size.bits - 1), size)
        encoder.shift(.shl, s, imm: UInt8(size.bits - 1), size)
        encoder.movd(dst, s, size)
        encoder.bind(restore)
        encoder.alu(.add, .rsp, imm: 16, .b64)
        encoder.jmp(done)

        encoder.bind(integral)
        if dst != src { encoder.movap(.single, dst, src) }
        encoder.ucomis(p, dst, dst)
        encoder.jcc(.np, done)
        encoder.scalar(.add, p, dst, dst)
        encoder.bind(done)
    }
}
