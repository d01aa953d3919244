import KeelJIT
import Testing

/// Assembles `body` for `features` and installs it.
private func install(features: CPUFeatures, _ body: (inout X64MacroAssembler) -> Void) throws -> Installed {
    var masm = X64MacroAssembler(features: features)
    body(&masm)
    let code = try masm.finish()
    let memory = try CodeMemory(capacity: code.buffer.count)
    let offset = try memory.append(code.buffer)
    try memory.makeExecutable()
    return Installed(memory: memory, code: code, offset: offset)
}

/// Float operands go in and out as bit patterns in rdi/rsi/rax.
private func floatFunction(_ body: (inout X64MacroAssembler) -> Void) throws -> Installed {
    try install { masm in
        masm.moveBits(.rdi, to: .xmm1, double: true)
        masm.moveBits(.rsi, to: .xmm2, double: true)
        body(&masm)
        masm.ret()
    }
}

@Suite("X64MacroAssembler vocabulary")
struct MacroAssemblerTests {
    static let noExtensions = CPUFeatures(sse41: true, popcnt: true, lzcnt: false, bmi1: false)
    static let all = CPUFeatures(sse41: true, popcnt: true, lzcnt: true, bmi1: true)

    @Test(arguments: [MacroAssemblerTests.noExtensions, MacroAssemblerTests.all].filter { f in
        (!f.lzcnt || CPUFeatures.host.lzcnt) && (!f.bmi1 || CPUFeatures.host.bmi1)
    })
    func bitCountsMatchSwiftWithAndWithoutLZCNTAndBMI1(features: CPUFeatures) throws {
        for width in IntWidth.allCases {
            for op in [IntUnaryOp.clz, .ctz, .popcnt] {
                let f = try install(features: features) { masm in
                    masm.move(.rdi, to: .rax, .i64)
                    masm.unary(op, .rax, width)
                    masm.ret()
                }
                for value: UInt64 in [0, 1, 2, 0x80, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000, UInt64.max, 0x0F0F_0000_0000_1000] {
                    let expected: Int
                    if width == .i32 {
                        let v = UInt32(truncatingIfNeeded: value)
                        expected = op == .clz ? v.leadingZeroBitCount : op == .ctz ? v.trailingZeroBitCount : v.nonzeroBitCount
                    } else {
                        expected = op == .clz ? value.leadingZeroBitCount : op == .ctz ? value.trailingZeroBitCount : value.nonzeroBitCount
                    }
                    #expect(f.function2(value, 0) == UInt64(expected), "\(op) \(width) of \(value) with \(features)")
                }
            }
        }
    }

    @Test func selectPicksWithoutBranching() throws {
        // rax = (rdi <s rsi) ? rsi : rdi, i.e. max.
        let f = try install { masm in
            masm.move(.rdi, to: .rax, .i64)
            masm.select(if: .ltS, .rdi, .rsi, .i64, then: .rsi, into: .rax)
            masm.ret()
        }
        #expect(f.function2(3, 9) == 9)
        #expect(f.function2(9, 3) == 9)
        #expect(f.function2(UInt64(bitPattern: -5), 1) == 1)
    }

    @Test(arguments: FloatCondition.allCases)
    func floatComparisonsFollowWebAssemblyOnNaN(cond: FloatCondition) throws {
        let f = try floatFunction { masm in masm.compare(cond, .xmm1, .xmm2, into: .rax, double: true) }
        let values: [Double] = [-1, 0, 2, .nan, .infinity]
        for a in values {
            for b in values {
                let expected: Bool =
                    switch cond {
                    case .eq: a == b
                    case .ne: a != b
                    case .lt: a < b
                    case .gt: a > b
                    case .le: a <= b
                    case .ge: a >= b
                    }
                #expect(f.function2(a.bitPattern, b.bitPattern) == (expected ? 1 : 0), "\(a) \(cond) \(b)")
            }
        }
    }

    @Test func truncatesConvertsAndRounds() throws {
        let truncate = try floatFunction { masm in masm.truncate(.xmm1, double: true, to: .rax, .i64) }
        #expect(truncate.function2((-7.9).bitPattern, 0) == UInt64(bitPattern: -7))
        #expect(truncate.function2(Double.nan.bitPattern, 0) == 0x8000_0000_0000_0000)  // the hardware's "indefinite"

        let narrow = try floatFunction { masm in
            masm.convertPrecision(.xmm1, toDouble: false, into: .xmm3)
            masm.moveBits(.xmm3, to: .rax, double: false)
        }
        #expect(narrow.function2(1.5.bitPattern, 0) == UInt64(Float(1.5).bitPattern))

        for (mode, expected) in [(RoundingMode.nearest, 2.0), (.down, 2.0), (.up, 3.0), (.towardZero, 2.0)] {
            let round = try floatFunction { masm in
                masm.round(.xmm1, mode, into: .xmm0, double: true)
                masm.moveBits(.xmm0, to: .rax, double: true)
            }
            #expect(Double(bitPattern: round.function2(2.5.bitPattern, 0)) == expected, "\(mode)")
        }

        let convert = try install { masm in
            masm.convert(signed: .rdi, .i32, to: .xmm0, double: false)
            masm.moveBits(.xmm0, to: .rax, double: false)
            masm.ret()
        }
        #expect(convert.function2(UInt64(UInt32(bitPattern: -3)), 0) == UInt64(Float(-3).bitPattern))
    }

    @Test func loadsExtendAndStoresNarrow() throws {
        let extend = try install { masm in
            masm.load(.s8, from: Address(.rdi), to: .rax, .i64, trap: nil)
            masm.load(.u16, from: Address(.rdi, 2), to: .rcx, .i32, trap: nil)
            masm.binary(.add, .rcx, into: .rax, .i64)
            masm.store(.rax, to: Address(.rdi, 8), .b8, trap: nil)
            masm.ret()
        }
        var bytes: [UInt8] = [0xFF, 0, 0x34, 0x12, 0, 0, 0, 0, 0xAA, 0xBB]
        let result = bytes.withUnsafeMutableBytes { extend.function2(UInt64(UInt(bitPattern: $0.baseAddress!)), 0) }
        #expect(result == 0x1233)  // -1 + 0x1234
        #expect(bytes[8] == 0x33 && bytes[9] == 0xBB)
    }
}
