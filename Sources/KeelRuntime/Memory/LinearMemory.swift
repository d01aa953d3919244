import KeelFrontEnd

/// A linear memory: a contiguous byte buffer that grows in 64 KiB pages.
///
/// The buffer is owned by this object and reallocated on growth, so code that caches
/// `base` must reload it after anything that can grow memory (the executor does so after
/// `memory.grow` and after every call).
package final class LinearMemory {
    package static let pageSize = 65536

    /// Base and size kept at a stable address for the dispatch loop, updated on growth.
    package let view: UnsafeMutablePointer<MemoryView>

    /// Start of the buffer. Always a valid allocation (at least one byte) so that a zero-sized
    /// memory still has a base pointer.
    package private(set) var base: UnsafeMutablePointer<UInt8>
    package private(set) var byteCount: Int
    package let type: MemoryType
    /// The most pages this memory may ever have: its type's maximum, bounded by the engine.
    package private(set) var maxPages: Int

    package var pageCount: Int { byteCount / LinearMemory.pageSize }

    /// Creates a zero-filled memory of `type.limits.min` pages, or nil if that exceeds `limitPages`
    /// or cannot be allocated.
    package init?(type: MemoryType, limitPages: Int) {
        let typeMax = Int(clamping: type.limits.max ?? 65536)
        self.maxPages = Swift.min(typeMax, limitPages)
        let initialPages = Int(clamping: type.limits.min)
        guard initialPages <= maxPages else { return nil }
        self.type = type
        self.byteCount = initialPages * LinearMemory.pageSize
        // Sound: calloc returns zeroed memory of the requested size or nil; we own it until deinit.
        guard let raw = calloc(Swift.max(byteCount, 1), 1) else { return nil }
        self.base = raw.assumingMemoryBound(to: UInt8.self)
        self.view = .allocate(capacity: 1)
        self.view.initialize(to: MemoryView(base: base, size: UInt64(byteCount)))
    }

    deinit {
        free(base)
        view.deallocate()
    }

    /// Frees the buffer, leaving an empty memory that cannot grow. For memories of instances
    /// that can never run again (a finished contract call), so an execution making many
    /// calls does not hold every callee's memory until it ends.
    package func release() {
        // Sound: the 1-byte allocation keeps `base` valid, and the view says 0 bytes, so no
        // access can reach it.
        guard let raw = realloc(base, 1) else { return }
        base = raw.assumingMemoryBound(to: UInt8.self)
        byteCount = 0
        maxPages = 0
        view.pointee = MemoryView(base: base, size: 0)
    }

    /// Whether growing by `delta` pages stays within the maximum.
    package func canGrow(by delta: UInt64) -> Bool { delta <= UInt64(maxPages - pageCount) }

    /// Grows by `delta` pages; returns the old page count, or -1 if the maximum would be exceeded
    /// or the allocation fails.
    package func grow(by delta: UInt64) -> Int64 {
        let old = pageCount
        guard delta <= UInt64(maxPages - old) else { return -1 }
        if delta == 0 { return Int64(old) }
        let newCount = (old + Int(delta)) * LinearMemory.pageSize
        // Sound: realloc keeps the first byteCount bytes; the new tail is zeroed before use.
        guard let raw = realloc(base, newCount) else { return -1 }
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        (bytes + byteCount).initialize(repeating: 0, count: newCount - byteCount)
        base = bytes
        byteCount = newCount
        view.pointee = MemoryView(base: base, size: UInt64(byteCount))
        return Int64(old)
    }

    /// Whether `[address, address + count)` lies inside the memory.
    @inline(__always)
    package func contains(_ address: UInt64, count: UInt64) -> Bool {
        address <= UInt64(byteCount) && count <= UInt64(byteCount) - address
    }
}

/// A memory's base and size as the dispatch loop caches them.
package struct MemoryView {
    package var base: UnsafeMutablePointer<UInt8>
    package var size: UInt64

    package init(base: UnsafeMutablePointer<UInt8>, size: UInt64) {
        self.base = base
        self.size = size
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
