/// The code generator's registers on x86-64 (SysV).
///
/// Operands: rax, rcx, rdx, rsi, rdi and xmm0-xmm7; local homes rbx, rbp, r8, r9 and
/// xmm8-xmm14 (unused ones join the operand pool; rbx and rbp are saved by the entry
/// trampoline). Never allocated: r11 (the macro-assembler's scratch), r10 (the result pointer
/// while returning, the end of an access to a second memory), xmm15. Pinned: r14 the
/// context, r15 memory 0's base, r12 its size, r13 the fuel. Division uses rax and rdx,
/// variable shifts count in cl.
extension X64MacroAssembler {
    public static let operandRegisters: [GPR] = [.rax, .rcx, .rdx, .rsi, .rdi]
    public static let localRegisters: [GPR] = [.rbx, .rbp, .r8, .r9]
    public static let operandFloatRegisters: [XMM] = [.xmm0, .xmm1, .xmm2, .xmm3, .xmm4, .xmm5, .xmm6, .xmm7]
    public static let localFloatRegisters: [XMM] = [.xmm8, .xmm9, .xmm10, .xmm11, .xmm12, .xmm13, .xmm14]
    public static var secondScratch: GPR { .r10 }
    public static var stackPointer: GPR { .rsp }
    public static var context: GPR { .r14 }
    public static var memoryBase: GPR { .r15 }
    public static var memorySize: GPR { .r12 }
    public static var fuel: GPR { .r13 }
    public static var result: GPR { .rax }
    public static let arguments: [GPR] = [.rdi, .rsi, .rdx, .rcx, .r8, .r9]
    public static var argumentSlots: GPR { .rsi }
    public static var entrySaved: [GPR] { X64TrapFrame.saved }
    public static var returnAddressBytes: Int { 8 }
    public static var division: DivisionRegisters<GPR>? { DivisionRegisters(dividend: .rax, quotient: .rax, remainder: .rdx) }
    public static var shiftCount: GPR? { .rcx }
}
