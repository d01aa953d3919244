#if canImport(Glibc)
import Glibc
#endif
import KeelRuntime

/// What happens when generated code faults where no trap was expected.
///
/// JIT code checks bounds, stacks and fuel explicitly, so no fault is part of normal execution:
/// a fault inside JIT code is an engine bug, and the guest must not continue after it. Before
/// the first run on a thread, `prepareCurrentThread()` installs the trap handler (once per
/// process) and gives the thread an alternate signal stack, and every module's code is
/// registered with the handler (`JITModuleCode`). A fault whose PC lies in registered JIT code
/// and at no registered trap site is then reported on standard error as an
/// `engine fault` (signal, PC, faulting address) and handed to the previous handler (the Swift
/// runtime's crash reporter, or the default action), which ends the process. Faults elsewhere
/// go to the previous handler untouched.
package enum FaultReporting {
    /// Per thread: the alternate signal stack made for it (retained), or `threadChecked` when
    /// the thread had one already.
    nonisolated(unsafe) private static var key: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { value in
            guard let value, UInt(bitPattern: value) != FaultReporting.threadChecked else { return }
            Unmanaged<AlternateSignalStack>.fromOpaque(value).release()
        }
        precondition(created == 0, "pthread_key_create failed")
        return key
    }()
    static let threadChecked: UInt = 1

    /// Installs the trap handler if needed and an alternate signal stack on the calling thread
    /// if it has none (kept until the thread ends). Cheap after the first call on a thread.
    package static func prepareCurrentThread() throws(Trap) {
        if pthread_getspecific(key) != nil { return }
        do {
            try TrapHandler.install()
            if let stack = try AlternateSignalStack.ensure() {
                pthread_setspecific(key, Unmanaged.passRetained(stack).toOpaque())
            } else {
                pthread_setspecific(key, UnsafeRawPointer(bitPattern: threadChecked))
            }
        } catch {
            throw Trap.host("could not prepare the JIT's fault handling: \(error)")
        }
    }
}
