/// The one entry from Swift into JIT code, shared by every module: saves the SysV
/// callee-saved registers, records rsp in the context (trap exits restore it), optionally
/// switches to the execution's native stack, loads memory 0's registers and the fuel register
/// (r13, written back on a normal return) and calls the function.
///
/// `(context, entry, slots, stackTop) -> status`: `slots` holds the arguments and receives
/// the results; `stackTop` is 0 to stay on the current stack (a nested run); the status is 0
/// or a `TrapKind` code.
enum JITEntryTrampoline {
    typealias Signature = @convention(c) (UnsafeMutableRawPointer, UnsafeRawPointer, UnsafeMutablePointer<UInt64>, UnsafeMutableRawPointer?) -> UInt32

    /// The trampoline's code; never released (one page for the process).
    nonisolated(unsafe) private static let memory: CodeMemory = {
        var masm = X64MacroAssembler()
        masm.prologue(saving: X64TrapFrame.saved, frameBytes: 0)
        masm.move(.rdi, to: .r14, .i64)
        masm.encoder.mov(Address(.r14, JITContextLayout.savedStackPointer), .rsp, .b64)
        let sameStack = masm.makeLabel()
        masm.encoder.test(.rcx, .rcx, .b64)
        masm.encoder.jcc(.e, sameStack)
        masm.move(.rcx, to: .rsp, .i64)
        masm.bind(sameStack)
        masm.encoder.mov(.r11, Address(.r14, JITContextLayout.memory0View), .b64)
        masm.encoder.mov(.r15, Address(.r11, 0), .b64)
        masm.encoder.mov(.r12, Address(.r11, 8), .b64)
        // Fuel stays in r13 while JIT code runs (X64MacroAssembler.fuel, pinned by JITGenerator).
        masm.encoder.mov(.r13, Address(.r14, JITContextLayout.fuel), .b64)
        masm.move(.rsi, to: .rax, .i64)
        masm.move(.rdx, to: .rsi, .i64)
        masm.call(register: .rax)
        masm.encoder.mov(Address(.r14, JITContextLayout.fuel), .r13, .b64)
        masm.move(constant: 0, to: .rax, .i32)
        masm.encoder.mov(.rsp, Address(.r14, JITContextLayout.savedStackPointer), .b64)
        masm.epilogue(saving: X64TrapFrame.saved, frameBytes: 0)
        masm.ret()
        do {
            let code = try masm.finish()
            let memory = try CodeMemory(capacity: code.buffer.count)
            _ = try memory.append(code.buffer)
            try memory.makeExecutable()
            return memory
        } catch {
            fatalError("the JIT entry trampoline could not be built: \(error)")
        }
    }()

    nonisolated(unsafe) static let entry: Signature = unsafeBitCast(memory.address(of: 0), to: Signature.self)
}
