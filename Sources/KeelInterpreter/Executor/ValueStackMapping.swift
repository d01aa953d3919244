#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The value stack's storage: an anonymous private mapping, so the kernel supplies zeroed
/// pages on first touch. Creating an executor costs one `mmap` whatever the stack limit
/// (allocating and zeroing the 2 × 1 Mi-slot stack up front cost about 630 µs per store, most
/// of a token transfer), and the slots read before any write are zero, as they were when the
/// buffer was zero-filled.
enum ValueStackMapping {
    /// Maps `slots` zeroed 8-byte slots. Traps the process when the address space is exhausted,
    /// as `allocate` would.
    static func map(slots: Int) -> UnsafeMutablePointer<UInt64> {
        let bytes = slots * MemoryLayout<UInt64>.stride
        // Sound: a fresh anonymous private mapping of `bytes` bytes, readable and writable,
        // owned by the executor until `unmap`; MAP_NORESERVE because most of it is never touched.
        let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let raw, raw != MAP_FAILED else {
            fatalError("cannot map a value stack of \(bytes) bytes")
        }
        // Sound: page-aligned memory is aligned for UInt64, and zero pages are valid UInt64s.
        return raw.bindMemory(to: UInt64.self, capacity: slots)
    }

    /// Unmaps a stack returned by `map(slots:)` with the same `slots`.
    static func unmap(_ stack: UnsafeMutablePointer<UInt64>, slots: Int) {
        // Sound: exactly the mapping `map` made; nothing uses it after the executor's deinit.
        munmap(UnsafeMutableRawPointer(stack), slots * MemoryLayout<UInt64>.stride)
    }
}
