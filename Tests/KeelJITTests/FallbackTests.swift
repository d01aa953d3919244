import KeelJIT
import Testing

/// The macro-assembler's sequences for CPUs without POPCNT, LZCNT, BMI1 or SSE4.1 give the
/// instructions' results on edge-case inputs, keep every register but the scratch one, and
/// emit none of those instructions.
@Suite("X64MacroAssembler fallbacks")
struct FallbackTests {
    static let none = CPUFeatures(sse41: false, popcnt: false, lzcnt: false, bmi1: false)

    /// Assembles `body` without the optional instructions, checking that none was emitted.
    static func installWithout(_ body: (inout X64MacroAssembler) -> Void) throws -> Installed {
        var masm = X64MacroAssembler(features: none)
        body(&masm)
        let code = try masm.finish()
        let mnemonics = X64Decoder.decodeAll(code.buffer.bytes).map(\.mnemonic)
        let optional = ["popcnt", "lzcnt", "tzcnt", "roundss", "roundsd", ".byte"]
        #expect(!mnemonics.contains { optional.contains($0) }, "\(mnemonics)")
        let memory = try CodeMemory(capacity: code.buffer.count)
        let offset = try memory.append(code.buffer)
        try memory.makeExecutable()
        return Installed(memory: memory, code: code, offset: offset)
    }

    static let integers: [UInt64] = [
        0, 1, 2, 3, 0x80, 0xFF, 0x8000_0000, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x1_0000_0000, 0x8000_0000_0000_0000,
        0x7FFF_FFFF_FFFF_FFFF, UInt64.max, 0x0F0F_0000_0000_1000, 0x5555_5555_5555_5555, 0xAAAA_AAAA_AAAA_AAAA, 0x1234_5678_9ABC_DEF0,
    ]

    static func expected(_ op: IntUnaryOp, _ value: UInt64, _ width: IntWidth) -> UInt64 {
        let v32 = UInt32(truncatingIfNeeded: value)
        switch (op, width) {
        case (.popcnt, .i32): return UInt64(v32.nonzeroBitCount)
        case (.popcnt, .i64): return UInt64(value.nonzeroBitCount)
        case (.clz, .i32): return UInt64(v32.leadingZeroBitCount)
        case (.clz, .i64): return UInt64(value.leadingZeroBitCount)
        case (.ctz, .i32): return UInt64(v32.trailingZeroBitCount)
        default: return UInt64(value.trailingZeroBitCount)
        }
    }

    @Test(arguments: [IntUnaryOp.popcnt, .clz, .ctz])
    func bitCountsWithoutExtensions(op: IntUnaryOp) throws {
        // Destinations: rax, rcx and rdx (whichever the 64-bit popcount borrows), a high register.
        for dst in [GPR.rax, .rcx, .rdx, .r9] {
            let other: GPR = dst == .rcx ? .rdx : .rcx
            for width in IntWidth.allCases {
                let f = try Self.installWithout { masm in
                    masm.encoder.push(.r9)
                    masm.move(.rdi, to: dst, .i64)
                    masm.move(constant: 0x1111, to: other, .i64)
                    masm.unary(op, dst, width)
                    // rax = other << 8 + result (results fit 7 bits): `other` must survive.
                    masm.move(dst, to: .r11, .i64)
                    masm.move(other, to: .rax, .i64)
                    masm.shift(.shl, constant: 8, into: .rax, .i64)
                    masm.binary(.add, .r11, into: .rax, .i64)
                    masm.encoder.pop(.r9)
                    masm.ret()
                }
                for value in Self.integers {
                    #expect(f.function2(value, 0) == 0x1111 << 8 + Self.expected(op, value, width), "\(op) \(width) \(dst) of \(value)")
                }
            }
        }
    }

    static let doubles: [Double] = [
        0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 0.3, -0.3, 0.7, -0.7, 1, -1,
        4503599627370495.5, -4503599627370495.5, 4503599627370496, 4503599627370497, 9007199254740993, 1e300, -1e300,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity,
        123456.75, -123456.25, 0x1p62, -0x1p62, 0x1p63,
    ]
    static let doubleNaNs: [UInt64] = [0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000, 0x7FF0_0000_0000_0001, 0xFFF4_0000_0000_0abc]

    static let floats: [Float] = [
        0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999997, -0.49999997, 0.3, -0.3, 8388607.5, -8388607.5, 8388608, 8388609,
        16777217, 1e30, -1e30, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity,
        1234.75, -1234.25, 0x1p31, -0x1p31,
    ]
    static let floatNaNs: [UInt32] = [0x7FC0_0000, 0xFFC0_0000, 0x7F80_0001, 0xFFA0_0abc]

    static func rule(_ mode: RoundingMode) -> FloatingPointRoundingRule {
        switch mode {
        case .nearest: .toNearestOrEven
        case .down: .down
        case .up: .up
        case .towardZero: .towardZero
        }
    }

    /// `round` of the bits in rdi into rax; writes rcx and rsp's change to `[rsi]`, `[rsi + 8]`.
    static func roundFunction(_ features: CPUFeatures?, _ mode: RoundingMode, double: Bool, dst: XMM, src: XMM) throws -> Installed {
        let body = { (masm: inout X64MacroAssembler) in
            masm.moveBits(.rdi, to: src, double: double)
            masm.move(constant: 0x7777, to: .rcx, .i64)
            masm.move(.rsp, to: .rdx, .i64)
            masm.round(src, mode, into: dst, double: double)
            masm.moveBits(dst, to: .rax, double: double)
            masm.encoder.mov(Address(.rsi), .rcx, .b64)
            masm.encoder.alu(.sub, .rdx, .rsp, .b64)
            masm.encoder.mov(Address(.rsi, 8), .rdx, .b64)
            masm.ret()
        }
        if features == nil { return try installWithout(body) }
        return try install(body)
    }

    @Test(arguments: RoundingMode.allCases)
    func roundingWithoutSSE41(mode: RoundingMode) throws {
        let sse41 = CPUFeatures.host.sse41
        for double in [true, false] {
            let inputs = double ? Self.doubles.map(\.bitPattern) + Self.doubleNaNs : Self.floats.map { UInt64($0.bitPattern) } + Self.floatNaNs.map(UInt64.init)
            for (dst, src) in [(XMM.xmm0, XMM.xmm1), (.xmm1, .xmm1), (.xmm9, .xmm14)] {
                let fallback = try Self.roundFunction(nil, mode, double: double, dst: dst, src: src)
                let instruction = sse41 ? try Self.roundFunction(.host, mode, double: double, dst: dst, src: src) : nil
                for bits in inputs {
                    var registers: [UInt64] = [0, 0]
                    let got = registers.withUnsafeMutableBytes { fallback.function2(bits, UInt64(UInt(bitPattern: $0.baseAddress!))) }
                    #expect(registers == [0x7777, 0], "rcx and rsp survive")
                    let expected: UInt64
                    if double {
                        let x = Double(bitPattern: bits)
                        expected = x.isNaN ? bits | 0x0008_0000_0000_0000 : x.rounded(Self.rule(mode)).bitPattern
                    } else {
                        let x = Float(bitPattern: UInt32(bits))
                        expected = UInt64(x.isNaN ? UInt32(bits) | 0x0040_0000 : x.rounded(Self.rule(mode)).bitPattern)
                    }
                    #expect(got == expected, "\(mode) \(double ? "f64" : "f32") of \(String(bits, radix: 16)) into \(dst) from \(src)")
                    if let instruction {
                        var ignored: [UInt64] = [0, 0]
                        let hardware = ignored.withUnsafeMutableBytes { instruction.function2(bits, UInt64(UInt(bitPattern: $0.baseAddress!))) }
                        #expect(got == hardware, "\(mode) of \(String(bits, radix: 16)): the fallback matches round\(double ? "sd" : "ss")")
                    }
                }
            }
        }
    }
}
