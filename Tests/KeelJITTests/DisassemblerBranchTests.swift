import KeelJIT
import Testing

/// Relative branches and calls (the forms the encoder table leaves to execution tests) decode
/// to their targets, as llvm-objdump computes them, and the listing names targets as labels.
@Suite("X64Decoder branches and listing")
struct DisassemblerBranchTests {
    /// Short and near jumps, conditional jumps and calls, forward and backward.
    static func branchyCode() throws -> [UInt8] {
        var encoder = X64Encoder()
        let top = encoder.makeLabel(), far = encoder.makeLabel(), near = encoder.makeLabel()
        encoder.bind(top)
        encoder.alu(.add, .rax, imm: 1, .b64)
        for cc in ConditionCode.allCases {
            encoder.jcc(cc, top)  // bound: rel8 backward while in reach, then rel32
            encoder.jcc(cc, far)  // unbound: rel32 forward
        }
        for cc in ConditionCode.allCases { encoder.jccShort(cc, near) }
        encoder.jmp(top)
        encoder.jmp(far)
        encoder.jmpShort(near)
        encoder.call(top)
        encoder.call(far)
        encoder.lea(.rcx, far)
        encoder.bind(near)
        for n in 1...9 { encoder.nop(n) }  // every multi-byte no-op form
        encoder.call(offset: 0)
        encoder.align(16)
        for _ in 0..<40 { encoder.mov(.rax, imm: 0x1234_5678_9ABC, .b64) }  // push `top` out of rel8 reach
        encoder.jmp(top)
        encoder.jcc(.ne, top)
        encoder.bind(far)
        encoder.ret()
        try encoder.finish()
        return encoder.buffer.bytes
    }

    @Test func branchTargetsMatchLLVMObjdump() throws {
        let bytes = try Self.branchyCode()
        let theirs = try Toolchain.assembleAndDisassemble(EncoderToolchainTests.byteSource(bytes))
        let ours = X64Decoder.decodeAll(bytes)
        #expect(ours.count == theirs.count)
        for (a, b) in zip(ours, theirs) {
            // llvm-objdump appends "<.text+0x..>" to a branch target; the address is what matters.
            let expected = b.text.split(separator: "<")[0].trimmingCharacters(in: .whitespaces)
            #expect(a.offset == b.offset && a.text() == expected, "at \(a.offset): decoded '\(a.text())', llvm-objdump '\(b.text)'")
        }
        #expect(ours.filter { $0.branchTarget != nil }.count == 3 * ConditionCode.allCases.count + 8)
    }

    @Test func listingNamesBranchTargetsAsLabels() throws {
        var encoder = X64Encoder()
        let loop = encoder.makeLabel(), done = encoder.makeLabel()
        encoder.bind(loop)
        encoder.alu(.sub, .rdi, imm: 1, .b64)
        encoder.jcc(.e, done)
        encoder.jmp(loop)
        encoder.bind(done)
        encoder.ret()
        try encoder.finish()
        let lines = X64Listing.lines(encoder.buffer.bytes)
        #expect(lines == [
            "L0:",
            "  0000: 48 83 ef 01        sub rdi, 0x1",
            "  0004: 0f 84 02 00 00 00  je L1",
            "  000a: eb f4              jmp L0",
            "L1:",
            "  000c: c3                 ret",
        ])
    }

    @Test func unknownBytesPrintAsByteAndDecodingContinues() {
        // 0x06 is invalid in 64-bit mode; 0x66 0xC3 uses a prefix ret has no use for; the
        // truncated `movabs` and `mov eax, imm32` at the end run out of bytes.
        let bytes: [UInt8] = [0x06, 0xC3, 0x66, 0xC3, 0x90, 0x48, 0xB8, 0x01]
        let texts = X64Decoder.decodeAll(bytes).map { $0.text() }
        #expect(texts == [".byte 0x06", "ret", ".byte 0x66", "ret", "nop", ".byte 0x48", ".byte 0xb8", ".byte 0x01"])
    }

    @Test func jumpTablesListAsEntriesAndTheCodeAfterThemDecodes() throws {
        var masm = X64MacroAssembler()
        let back = masm.makeLabel(), a = masm.makeLabel(), b = masm.makeLabel()
        masm.bind(back)
        masm.move(constant: 7, to: .rax, .i32)
        masm.jump(table: [a, b, back, a], index: .rdi)
        masm.bind(a)
        masm.ret()
        masm.bind(b)
        masm.move(constant: 0x1_0000_0016, to: .rax, .i64)  // starts with bytes that look like data
        masm.ret()
        let code = try masm.finish()
        let lines = X64Listing.lines(code.buffer.bytes)
        let entries = lines.filter { $0.contains(".long") }
        #expect(entries.map { String($0.split(separator: " ", omittingEmptySubsequences: true).suffix(4).joined(separator: " ")) }
            == [".long L2 - L1", ".long L3 - L1", ".long L0 - L1", ".long L2 - L1"], "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.hasSuffix("# L1") && $0.contains("lea r11, [rip + ") })
        #expect(!lines.contains { $0.contains(".byte") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.filter { $0.hasSuffix("  ret") }.count == 2)
        let items = X64CodeWalk.items(code.buffer.bytes)
        #expect(items.reduce(0) { $0 + $1.length } == code.buffer.count)
    }
}
