/// The frame convention that makes generated code trappable: an entry that saves the SysV
/// callee-saved registers and records its stack pointer in the execution context, a normal
/// exit returning status 0, and a landing pad returning the trap code.
///
/// The trap handler resumes a trapping function at the landing pad with rsp set to the
/// recorded stack pointer and rax to the trap code, so the pad unwinds exactly what the
/// entry pushed and returns that code: no Swift frame is skipped, nothing is unwound.
public struct X64TrapFrame: Sendable {
    /// The callee-saved registers the entry saves (rbp is saved as the frame pointer).
    public static let saved: [GPR] = [.rbx, .r12, .r13, .r14, .r15]
    /// The register holding the execution context in the function body.
    public let contextRegister: GPR
    /// Where in the context the entry records its stack pointer.
    public let stackPointerOffset: Int32

    /// A frame keeping the context (the first argument, rdi) in `contextRegister`.
    public init(contextRegister: GPR = .r14, stackPointerOffset: Int32 = 0) {
        precondition(Self.saved.contains(contextRegister), "the context register must be callee-saved")
        self.contextRegister = contextRegister
        self.stackPointerOffset = stackPointerOffset
    }

    /// Saves registers, moves the context into place and records the stack pointer.
    public func emitEntry(_ masm: inout X64MacroAssembler) {
        masm.prologue(saving: Self.saved, frameBytes: 0)
        masm.move(.rdi, to: contextRegister, .i64)
        masm.encoder.mov(KeelJIT.Address(contextRegister, stackPointerOffset), .rsp, .b64)
    }

    /// Returns status 0 after restoring what the entry saved.
    public func emitExit(_ masm: inout X64MacroAssembler) {
        masm.move(constant: 0, to: .rax, .i64)
        masm.epilogue(saving: Self.saved, frameBytes: 0)
        masm.ret()
    }

    /// Emits the landing pad and returns its code offset (for `CodeRegistration`).
    public func emitLandingPad(_ masm: inout X64MacroAssembler) -> Int {
        let offset = masm.offset
        // rsp is the one the entry recorded; rax holds the trap code.
        masm.epilogue(saving: Self.saved, frameBytes: 0)
        masm.ret()
        return offset
    }
}
