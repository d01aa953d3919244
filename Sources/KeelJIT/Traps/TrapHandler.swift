#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Why the trap handler could not be installed.
public enum TrapHandlerError: Error, Equatable, CustomStringConvertible {
    /// `sigaction` failed for `signal` (errno given).
    case sigactionFailed(signal: Int32, errno: Int32)
    /// The alternate signal stack could not be mapped or installed (errno given).
    case alternateStackFailed(errno: Int32)

    public var description: String {
        switch self {
        case let .sigactionFailed(signal, errno): "sigaction for signal \(signal) failed (errno \(errno))"
        case let .alternateStackFailed(errno): "sigaltstack setup failed (errno \(errno))"
        }
    }
}

/// Turns faults at registered trap sites in JIT code into returns through a landing pad.
///
/// The SIGSEGV/SIGBUS/SIGILL handler (async-signal-safe: no locks, allocation or reference
/// counting) accepts a fault only when the faulting PC lies in a registered code region,
/// is listed in its trap table, and (for SIGSEGV/SIGBUS) the faulting address lies in a
/// registered reservation.
/// It then sets rip to the region's landing pad, rsp to the stack pointer saved in the
/// execution context (found through the region's context register), and rax to the trap
/// code, and returns. Every other fault goes to the handler installed before (the Swift
/// runtime's crash reporter, or the default action), untouched.
public enum TrapHandler {
    static let installed = Mutex(false)
    /// Byte offset of `uc_mcontext.gregs` in `ucontext_t`, set by `install()`.
    static let gregsOffset = Atomic<Int>(0)
    /// The signals handled: faults at memory accesses, and `ud2` at explicit trap sites.
    static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL]
    /// Address of the actions in place before ours, one per entry of `signals`; set once
    /// by `install()` and never freed. An atomic, so the handler reads it with one load
    /// (statically initialized: no lazy-initialization call inside the handler).
    static let previousActions = Atomic<UInt>(0)
    /// Address of the buffer the engine-fault message is written into (allocated by
    /// `install()`, never freed: the handler may not allocate).
    static let messageBuffer = Atomic<UInt>(0)
    static let messageCapacity = 256

    /// Index of `signal` in `signals` (no array access: called from the handler).
    @inline(__always)
    static func slot(_ signal: Int32) -> Int { signal == SIGBUS ? 1 : signal == SIGILL ? 2 : 0 }

    /// Installs the handler for SIGSEGV, SIGBUS and SIGILL once per process (later calls
    /// do nothing).
    public static func install() throws(TrapHandlerError) {
        let result: TrapHandlerError? = installed.withLock { done in
            if done { return nil }
            TrapRegistry.prepare()
            messageBuffer.store(UInt(bitPattern: UnsafeMutablePointer<UInt8>.allocate(capacity: messageCapacity)), ordering: .sequentiallyConsistent)
            gregsOffset.store(MemoryLayout<ucontext_t>.offset(of: \ucontext_t.uc_mcontext.gregs)!, ordering: .sequentiallyConsistent)
            let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: signals.count)
            previous.initialize(repeating: sigaction(), count: signals.count)
            previousActions.store(UInt(bitPattern: previous), ordering: .sequentiallyConsistent)
            for signal in signals {
                var action = sigaction()
                action.__sigaction_handler.sa_sigaction = keelTrapSignalHandler
                action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER
                sigemptyset(&action.sa_mask)
                // Sound: `previous` has one slot per entry of `signals`.
                guard sigaction(signal, &action, previous + slot(signal)) == 0 else {
                    return .sigactionFailed(signal: signal, errno: errno)
                }
            }
            done = true
            return nil
        }
        if let result { throw result }
    }

    /// Whether `install()` has run.
    public static var isInstalled: Bool { installed.withLock { $0 } }

    /// The `gregs` index holding each general-purpose register (glibc's REG_* order).
    static func gregIndex(_ r: GPR) -> Int {
        [13, 14, 12, 11, 15, 10, 9, 8, 0, 1, 2, 3, 4, 5, 6, 7][Int(r.rawValue)]
    }
    static let regRAX = 13, regRSP = 15, regRIP = 16
}

extension TrapRegistry {
    /// Address of the current `RegistrySnapshot`, or 0.
    static let current = Atomic<UInt>(0)
    /// Signal handlers currently reading a snapshot.
    static let readers = Atomic<Int>(0)
}

/// The signal handler itself. Sound: touches only the registry's immutable snapshots, the
/// fault's own ucontext and preallocated globals; it allocates nothing and takes no lock.
private func keelTrapSignalHandler(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    if let info, let context, redirectToLandingPad(signal, info, context) { return }
    if let context { reportEngineFault(signal, info, context) }
    chainToPreviousHandler(signal, info, context)
}

/// Writes an `engine fault` line to standard error when the faulting PC lies in registered JIT
/// code (a fault no trap site expects: the process ends after it, see `FaultReporting`). Only
/// `write` is called, on a preallocated buffer.
private func reportEngineFault(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer) {
    TrapRegistry.readers.add(1, ordering: .sequentiallyConsistent)
    defer { TrapRegistry.readers.subtract(1, ordering: .sequentiallyConsistent) }
    let address = TrapRegistry.current.load(ordering: .sequentiallyConsistent)
    guard let snapshot = UnsafePointer<RegistrySnapshot>(bitPattern: address)?.pointee else { return }
    let gregs = (context + TrapHandler.gregsOffset.load(ordering: .relaxed)).assumingMemoryBound(to: Int64.self)
    let pc = UInt(bitPattern: Int(gregs[TrapHandler.regRIP]))
    let after = partitionPoint(snapshot.regionCount) { snapshot.regions[$0].start <= pc }
    guard after > 0, pc < snapshot.regions[after - 1].end else { return }
    guard let buffer = UnsafeMutablePointer<UInt8>(bitPattern: TrapHandler.messageBuffer.load(ordering: .acquiring)) else { return }
    let faultAddress = info.map { UInt(bitPattern: $0.pointee._sifields._sigfault.si_addr) } ?? 0
    var message = FaultMessage(buffer: buffer)
    message.append("keel: engine fault: signal ")
    message.append(hex: UInt(signal))
    message.append(" at pc ")
    message.append(hex: pc)
    message.append(" (JIT code at +")
    message.append(hex: pc - snapshot.regions[after - 1].start)
    message.append("), address ")
    message.append(hex: faultAddress)
    message.append("; no trap expects it, so the process stops\n")
    _ = write(2, buffer, message.length)
}

/// A message built in the preallocated buffer, for the signal handler (no allocation).
private struct FaultMessage {
    let buffer: UnsafeMutablePointer<UInt8>
    var length = 0

    @inline(__always)
    mutating func append(byte: UInt8) {
        guard length < TrapHandler.messageCapacity else { return }
        buffer[length] = byte
        length += 1
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        let start = text.utf8Start
        for k in 0..<text.utf8CodeUnitCount { append(byte: start[k]) }
    }

    @inline(__always)
    mutating func append(hex value: UInt) {
        append(byte: 0x30)
        append(byte: 0x78)
        var shift = UInt.bitWidth - 4
        var started = false
        while true {
            let digit = UInt8(truncatingIfNeeded: value >> UInt(shift)) & 0xF
            if digit != 0 || started || shift == 0 {
                append(byte: digit < 10 ? 0x30 + digit : 0x57 + digit)
                started = true
            }
            if shift == 0 { break }
            shift -= 4
        }
    }
}

/// Rewrites the ucontext to resume at a landing pad if the fault is an expected trap.
@inline(__always)
private func redirectToLandingPad(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>, _ context: UnsafeMutableRawPointer
) -> Bool {
    TrapRegistry.readers.add(1, ordering: .sequentiallyConsistent)
    defer { TrapRegistry.readers.subtract(1, ordering: .sequentiallyConsistent) }
    let address = TrapRegistry.current.load(ordering: .sequentiallyConsistent)
    guard let snapshot = UnsafePointer<RegistrySnapshot>(bitPattern: address)?.pointee else { return false }
    // Sound: the kernel passes a ucontext_t; gregs is an array of 23 Int64 at this offset.
    let gregs = (context + TrapHandler.gregsOffset.load(ordering: .relaxed)).assumingMemoryBound(to: Int64.self)
    let pc = UInt(bitPattern: Int(gregs[TrapHandler.regRIP]))
    let faultAddress = UInt(bitPattern: info.pointee._sifields._sigfault.si_addr)

    // The last region starting at or before pc.
    let after = partitionPoint(snapshot.regionCount) { snapshot.regions[$0].start <= pc }
    guard after > 0 else { return false }
    let region = snapshot.regions[after - 1]
    guard pc < region.end else { return false }

    // The trap site at exactly pc.
    let offset = UInt32(truncatingIfNeeded: pc - region.start)
    let a = partitionPoint(region.siteCount) { region.sites[$0].offset < offset }
    guard a < region.siteCount, region.sites[a].offset == offset else { return false }

    // A memory fault must hit a reservation (a guard region); `ud2` sites need no address.
    if signal != SIGILL, !insideReservation(faultAddress, snapshot) { return false }

    let contextPointer
 = UInt(bitPattern: Int(gregs[region.contextGreg]))
    guard let savedStack = UnsafePointer<Int64>(bitPattern: contextPointer &+ UInt(region.stackPointerOffset)) else { return false }
    gregs[TrapHandler.regRSP] = savedStack.pointee
    gregs[TrapHandler.regRIP] = Int64(Int(bitPattern: region.landingPad))
    gregs[TrapHandler.regRAX] = Int64(region.sites[a].code)
    return true
}

/// Whether `address` lies in one of the snapshot's reservations.
@inline(__always)
private func insideReservation(_ address: UInt, _ snapshot: RegistrySnapshot) -> Bool {
    let after = partitionPoint(snapshot.reservationCount) { snapshot.reservations[$0].start <= address }
    return after > 0 && address < snapshot.reservations[after - 1].end
}

/// The first index in 0..<count for which `isBefore` is false (it must be true, then
/// false). Binary search with a non-escaping closure: nothing is allocated.
@inline(__always)
private func partitionPoint(_ count: Int, _ isBefore: (Int) -> Bool) -> Int {
    var lo = 0, hi = count
    while lo < hi {
        let mid = (lo + hi) / 2
        if isBefore(mid) { lo = mid + 1 } else { hi = mid }
    }
    return lo
}

/// Hands a fault that is not ours to the handler installed before, or to the default action.
private func chainToPreviousHandler(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    let actions = UnsafePointer<sigaction>(bitPattern: TrapHandler.previousActions.load(ordering: .acquiring))
    // Sound: set before any handler was installed; one slot per handled signal.
    guard let previous = actions?[TrapHandler.slot(signal)] else { return }
    if previous.sa_flags & SA_SIGINFO != 0, let handler = previous.__sigaction_handler.sa_sigaction {
        handler(signal, info, context)
        return
    }
    if let handler = previous.__sigaction_handler.sa_handler, unsafeBitCast(handler, to: UInt.self) > 1 {
        handler(signal)
        return
    }
    // Default (or ignored, which a fault cannot be): restore the default action; returning
    // re-executes the faulting instruction, which now kills the process with this signal.
    var action = sigaction()
    sigemptyset(&action.sa_mask)
    sigaction(signal, &action, nil)
    if let info, info.pointee.si_code <= 0 { raise(signal) }
}
