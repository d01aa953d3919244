#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The calling thread's native stack, for bounding WebAssembly runs that nest on it (a host
/// function calling back into WebAssembly runs the interpreter on the host thread's stack).
package enum NativeStack {
    /// Per thread: the lowest usable address of its stack plus one (0: not known yet).
    nonisolated(unsafe) private static var key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    /// Bytes of the calling thread's stack below the caller's frame, or nil when the thread's
    /// stack cannot be found. The stack's bounds are read once per thread.
    package static func remaining() -> Int? {
        var marker: UInt8 = 0
        let position = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        var low = UInt(bitPattern: pthread_getspecific(key))
        if low == 0 {
            guard let found = lowestAddress() else { return nil }
            low = found + 1
            pthread_setspecific(key, UnsafeRawPointer(bitPattern: low))
        }
        let bottom = low - 1
        return position > bottom ? Int(position - bottom) : 0
    }

    /// The lowest address of the calling thread's stack.
    private static func lowestAddress() -> UInt? {
        #if canImport(Glibc)
        var attributes = pthread_attr_t()
        guard keelPthreadGetattrNP(pthread_self(), &attributes) == 0 else { return nil }
        defer { pthread_attr_destroy(&attributes) }
        var address: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attributes, &address, &size) == 0, let address else { return nil }
        return UInt(bitPattern: address)
        #elseif canImport(Darwin)
        let top = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        return top - UInt(pthread_get_stacksize_np(pthread_self()))
        #else
        return nil
        #endif
    }
}

#if canImport(Glibc)
/// glibc's `pthread_getattr_np` (declared only under `_GNU_SOURCE`, so not imported by the
/// Glibc module). Sound: the same C signature, `int (pthread_t, pthread_attr_t *)`.
@_silgen_name("pthread_getattr_np")
private func keelPthreadGetattrNP(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>) -> Int32
#endif
