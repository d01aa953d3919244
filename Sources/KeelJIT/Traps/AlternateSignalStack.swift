#if canImport(Glibc)
import Glibc
#endif

/// A signal stack for the current thread, so the trap handler can run even when the fault
/// is a native stack overflow. The main thread has one from the Swift runtime; every other
/// thread that runs JIT code installs one with `AlternateSignalStack.ensure()`.
public final class AlternateSignalStack {
    /// Bytes of usable stack (a guard page below is extra).
    public static let size = 64 * 1024
    private let mapping: UnsafeMutableRawPointer
    private let mappingSize: Int

    /// Installs a new alternate stack on the calling thread if it has none; returns it (keep
    /// it alive as long as the thread runs JIT code) or nil if one was already installed.
    public static func ensure() throws(TrapHandlerError) -> AlternateSignalStack? {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0 else { throw .alternateStackFailed(errno: errno) }
        if current.ss_flags & Int32(SS_DISABLE) == 0 { return nil }
        return try AlternateSignalStack()
    }

    /// Whether the calling thread has an alternate signal stack.
    public static var isInstalledOnCurrentThread: Bool {
        var current = stack_t()
        return sigaltstack(nil, &current) == 0 && current.ss_flags & Int32(SS_DISABLE) == 0
    }

    private init() throws(TrapHandlerError) {
        let page = CodeMemory.pageSize
        mappingSize = Self.size + page
        let mapped = mmap(nil, mappingSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let mapped, mapped != MAP_FAILED else { throw .alternateStackFailed(errno: errno) }
        mapping = mapped
        // The lowest page is a guard: a handler overflowing its stack faults instead of
        // writing over other memory.
        mprotect(mapped, page, PROT_NONE)
        var stack = stack_t(ss_sp: mapped + page, ss_flags: 0, ss_size: Self.size)
        guard sigaltstack(&stack, nil) == 0 else {
            munmap(mapped, mappingSize)
            throw .alternateStackFailed(errno: errno)
        }
    }

    deinit {
        // Disable it if it is still this thread's stack (release it on the thread that made it).
        var current = stack_t()
        if sigaltstack(nil, &current) == 0, current.ss_sp == mapping + CodeMemory.pageSize {
            var disable = stack_t(ss_sp: nil, ss_flags: Int32(SS_DISABLE), ss_size: 0)
            sigaltstack(&disable, nil)
        }
        // Sound: the mapping made in init, no longer installed on this thread.
        munmap(mapping, mappingSize)
    }
}
