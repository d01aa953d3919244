import KeelJIT
import Testing

/// Label forms of the encoder, checked by running them (their targets depend on layout, so
/// the disassembly comparison leaves them out).
@Suite("X64Encoder labels and calls")
struct EncoderLabelTests {
    /// Installs encoder output and returns it as a two-argument C function.
    private func run(_ body: (inout X64Encoder) -> Void) throws -> (Installed, [UInt8]) {
        let f = try install { masm in body(&masm.encoder) }
        return (f, f.code.buffer.bytes)
    }

    @Test func shortForwardBranchesAndLocalCalls() throws {
        // rax = rdi < rsi ? helper(rdi) : rsi, with a short jcc, a call to a label and a
        // call to a fixed offset.
        var helperOffset = 0
        let (f, bytes) = try run { e in
            let helper = e.makeLabel(), skip = e.makeLabel(), start = e.makeLabel()
            e.jmp(start)
            helperOffset = e.offset
            e.bind(helper)
            e.lea(.rax, Address(.rdi, 100))
            e.ret()
            e.align(16)
            #expect(e.offset % 16 == 0)
            e.bind(start)
            e.mov(.rax, .rsi, .b64)
            e.alu(.cmp, .rdi, .rsi, .b64)
            e.jccShort(.ge, skip)
            e.push(.rbx)  // realign the stack for the calls
            e.call(helper)
            e.call(offset: helperOffset)
            e.pop(.rbx)
            e.bind(skip)
            e.ret()
            #expect(e.position(of: skip) == e.offset - 1)
        }
        #expect(f.function2(1, 5) == 101)
        #expect(f.function2(7, 5) == 5)
        #expect(bytes.contains(0x7D))  // jge rel8
        #expect(f.memory.contains(f.entry) && !f.memory.contains(UnsafeRawPointer(bitPattern: 16)!))
    }

    @Test func ripRelativeLeaReachesALabel() throws {
        // Returns the byte stored after the code, read through lea [rip + label].
        let (f, _) = try run { e in
            let data = e.makeLabel()
            e.lea(.rcx, data)
            e.movzx(.rax, Address(.rcx), from: .b8, to: .b32)
            e.ret()
            e.bind(data)
            e.emitBytes([0x5A])
        }
        #expect(f.function2(0, 0) == 0x5A)
    }
}
