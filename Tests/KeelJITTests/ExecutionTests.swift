import KeelJIT
import Testing

/// A host function generated code calls back into.
private let timesTenPlusOne: @convention(c) (UInt64) -> UInt64 = { $0 &* 10 &+ 1 }

/// Generated code run for real through `X64MacroAssembler` and `CodeMemory`.
@Suite("Generated code runs")
struct ExecutionTests {
    @Test func addsItsTwoArguments() throws {
        let f = try install { masm in
            masm.move(.rdi, to: .rax, .i64)
            masm.binary(.add, .rsi, into: .rax, .i64)
            masm.ret()
        }
        #expect(f.function2(2, 3) == 5)
        #expect(f.function2(UInt64.max, 2) == 1)
    }

    @Test func i32OperationsZeroTheUpperHalf() throws {
        let f = try install { masm in
            masm.move(.rdi, to: .rax, .i64)
            masm.binary(.add, .rsi, into: .rax, .i32)
            masm.ret()
        }
        #expect(f.function2(0xFFFF_FFFF, 1) == 0)
        #expect(f.function2(0x1_0000_0005, 1) == 6)
    }

    @Test func loopsBackward() throws {
        // sum = 0; while n != 0 { sum += n; n -= 1 }
        let f = try install { masm in
            masm.move(constant: 0, to: .rax, .i64)
            let done = masm.makeLabel(), top = masm.makeLabel()
            masm.branch(ifZero: true, .rdi, .i64, to: done)
            masm.bind(top)
            masm.binary(.add, .rdi, into: .rax, .i64)
            masm.binary(.sub, constant: 1, into: .rdi, .i64)
            masm.branch(ifZero: false, .rdi, .i64, to: top)
            masm.bind(done)
            masm.ret()
        }
        #expect(f.function2(0, 0) == 0)
        #expect(f.function2(100, 0) == 5050)
        #expect(f.function2(1_000_000, 0) == 500_000_500_000)
    }

    @Test func forwardLabelsResolveAcrossLongDistances() throws {
        // Several forward references to one label, one of them over more than 127 bytes.
        let f = try install { masm in
            let small = masm.makeLabel(), end = masm.makeLabel()
            masm.move(constant: 2, to: .rax, .i64)
            masm.branch(if: .ltU, .rdi, .rsi, .i64, to: small)
            for _ in 0..<100 { masm.binary(.add, constant: 1, into: .rax, .i64) }
            masm.jump(to: end)
            masm.bind(small)
            masm.move(constant: 1, to: .rax, .i64)
            masm.jump(to: end)
            masm.bind(end)
            masm.ret()
        }
        #expect(f.function2(1, 2) == 1)
        #expect(f.function2(3, 2) == 102)
    }

    @Test func unboundAndOutOfReachLabelsAreErrors() {
        var masm = X64MacroAssembler()
        let never = masm.makeLabel()
        masm.jump(to: never)
        #expect(throws: AssemblerError.unboundLabel(never, referencedAt: 1)) { _ = try masm.finish() }

        var encoder = X64Encoder()
        let far = encoder.makeLabel()
        encoder.jmpShort(far)
        encoder.nop(200)
        encoder.bind(far)
        #expect(throws: AssemblerError.shortBranchOutOfRange(far, referencedAt: 1, distance: 200)) { try encoder.finish() }

        var twice = X64Encoder()
        let label = twice.makeLabel()
        twice.bind(label)
        twice.ret()
        twice.bind(label)
        #expect(throws: AssemblerError.labelBoundTwice(label, first: 0, second: 1)) { try twice.finish() }
    }

    @Test func callsBackIntoSwiftAndReturns() throws {
        let address = UInt(bitPattern: unsafeBitCast(timesTenPlusOne, to: UnsafeRawPointer.self))
        let f = try install { masm in
            masm.prologue(saving: [.rbx], frameBytes: 8)
            masm.move(.rsi, to: .rbx, .i64)  // callee-saved: survives the call
            masm.call(absolute: address)
            masm.binary(.add, .rbx, into: .rax, .i64)
            masm.epilogue(saving: [.rbx], frameBytes: 8)
            masm.ret()
        }
        #expect(f.function2(4, 1000) == 1041)
        #expect(f.function2(7, 0) == 71)
    }

    @Test func dispatchesThroughAJumpTable() throws {
        let f = try install { masm in
            let cases = (0..<5).map { _ in masm.makeLabel() }
            let fallback = masm.makeLabel()
            masm.branch(if: .geU, .rdi, constant: 5, .i64, to: fallback)
            masm.jump(table: cases, index: .rdi)
            for (i, label) in cases.enumerated() {
                masm.bind(label)
                masm.move(constant: Int64(10 * (i + 1)), to: .rax, .i64)
                masm.ret()
            }
            masm.bind(fallback)
            masm.move(constant: 99, to: .rax, .i64)
            masm.ret()
        }
        #expect((0..<7).map { f.function2($0, 0) } == [10, 20, 30, 40, 50, 99, 99])
    }

    @Test func dividesWithEitherSignedness() throws {
        let signed = try install { masm in
            masm.divide(signed: true, remainder: false, .rdi, by: .rsi, into: .rax, .i64)
            masm.ret()
        }
        let unsignedRemainder = try install { masm in
            masm.divide(signed: false, remainder: true, .rdi, by: .rsi, into: .rcx, .i32)
            masm.move(.rcx, to: .rax, .i64)
            masm.ret()
        }
        #expect(signed.function2(UInt64(bitPattern: -7), 2) == UInt64(bitPattern: -3))
        #expect(unsignedRemainder.function2(0xFFFF_FFFF, 10) == 5)
    }

    @Test func shiftsByARegisterAndCompares() throws {
        let shifted = try install { masm in
            masm.move(.rdi, to: .rax, .i64)
            masm.shift(.shl, by: .rsi, into: .rax, .i32)
            masm.ret()
        }
        let below = try install { masm in
            masm.compare(.ltS, .rdi, .rsi, into: .rax, .i32)
            masm.ret()
        }
        #expect(shifted.function2(1, 33) == 2)  // the count is taken modulo 32
        #expect(below.function2(UInt64(UInt32.max), 0) == 1)  // -1 < 0 as i32
        #expect(below.function2(5, 3) == 0)
    }

    @Test func addsDoublesThroughBitPatterns() throws {
        let f = try install { masm in
            masm.moveBits(.rdi, to: .xmm0, double: true)
            masm.moveBits(.rsi, to: .xmm9, double: true)
            masm.floatBinary(.add, .xmm9, into: .xmm0, double: true)
            masm.floatSqrt(.xmm0, into: .xmm0, double: true)
            masm.moveBits(.xmm0, to: .rax, double: true)
            masm.ret()
        }
        #expect(Double(bitPattern: f.function2(Double(7).bitPattern, Double(9).bitPattern)) == 4)
    }

    @Test func codeMemoryIsNeverWritableAndExecutable() throws {
        var masm = X64MacroAssembler()
        masm.move(constant: 42, to: .rax, .i64)
        masm.ret()
        let code = try masm.finish()
        let memory = try CodeMemory(capacity: 100)
        #expect(memory.capacity == CodeMemory.pageSize)
        let offset = try memory.append(code.buffer)
        #expect(try protection(of: memory.base) == "rw-p")
        try memory.makeExecutable()
        #expect(try protection(of: memory.base) == "r-xp")
        let f = unsafeBitCast(memory.address(of: offset), to: (@convention(c) () -> UInt64).self)
        #expect(f() == 42)
        #expect(throws: CodeMemoryError.notWritable) { try memory.patch32(at: 0, 0) }
        #expect(throws: CodeMemoryError.notWritable) { _ = try memory.append(code.buffer) }
        try memory.makeWritable()
        #expect(try protection(of: memory.base) == "rw-p")
        // Patch the immediate of `mov eax, 42` (B8 imm32) to 7, then run again.
        try memory.patch32(at: offset + 1, 7)
        #expect(throws: CodeMemoryError.outOfRange(offset: memory.used, length: 4, used: memory.used)) {
            try memory.patch32(at: memory.used, 0)
        }
        try memory.makeExecutable()
        #expect(f() == 7)
    }

    @Test func fullArenaIsAnError() throws {
        let memory = try CodeMemory(capacity: 1)
        let buffer = CodeBuffer()
        buffer.append(Array(repeating: 0x90, count: CodeMemory.pageSize + 1))
        #expect(throws: CodeMemoryError.full(needed: CodeMemory.pageSize + 1, available: CodeMemory.pageSize)) {
            _ = try memory.append(buffer)
        }
    }
}
