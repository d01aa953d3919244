// A child process for the trap-handler tests. Each mode sets up the trap handler with a
// registered code region and guard reservation, then faults in one way:
//   trap       a load from the guard region at a registered trap site: exits 0 if it
//              returns the trap code through the landing pad;
//   outside    a load from the guard region in Swift code: must die by SIGSEGV;
//   unlisted   a load from the guard region in JIT code at a PC with no trap site: must
//              die by SIGSEGV;
//   chain      like `outside`, with a handler installed before ours: it must run (exit 42).
import Glibc
import KeelJIT

let mode = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : ""

let previousHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = { _, _, _ in
    _exit(42)
}

if mode == "chain" {
    var action = sigaction()
    action.__sigaction_handler.sa_sigaction = previousHandler
    action.sa_flags = SA_SIGINFO
    sigemptyset(&action.sa_mask)
    sigaction(SIGSEGV, &action, nil)
}

do {
    try TrapHandler.install()
    let reservation = try MemoryReservation(size: 1 << 20, accessible: CodeMemory.pageSize)
    let guardAddress = reservation.base + reservation.accessible + 64
    let frame = X64TrapFrame()
    var masm = X64MacroAssembler()
    frame.emitEntry(&masm)
    masm.load(.full, from: Address(.rsi), to: .rax, .i64, trap: mode == "unlisted" ? nil : 9)
    frame.emitExit(&masm)
    let pad = frame.emitLandingPad(&masm)
    let code = try masm.finish()
    let memory = try CodeMemory(capacity: code.buffer.count)
    _ = try memory.append(code.buffer)
    try memory.makeExecutable()
    let registration = CodeRegistration(
        memory: memory, sites: code.trapSites, landingPad: pad, contextRegister: frame.contextRegister,
        stackPointerOffset: frame.stackPointerOffset)
    let run = unsafeBitCast(memory.address(of: 0), to: (@convention(c) (UnsafeMutableRawPointer, UnsafeRawPointer) -> UInt64).self)
    var context: [UInt64] = [0, 0]
    // The registration and reservation must outlive every call into the code.
    let status = withExtendedLifetime((registration, reservation)) {
        context.withUnsafeMutableBytes { run($0.baseAddress!, UnsafeRawPointer(guardAddress)) }
    }
    switch mode {
    case "trap":
        exit(status == 9 ? 0 : 1)
    case "outside", "chain":
        // Not sound, on purpose: reads the guard page from Swift code, outside JIT code.
        let value = withExtendedLifetime((registration, reservation)) { UnsafeRawPointer(guardAddress).load(as: UInt64.self) }
        print("read \(value) from a guard page without faulting")
        exit(2)
    default:
        print("status \(status): the unlisted fault was swallowed")
        exit(3)
    }
} catch {
    print("probe setup failed: \(error)")
    exit(4)
}
