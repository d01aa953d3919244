#if canImport(Glibc)
import Glibc
#endif

/// A code arena registered with the trap handler; unregistered when released.
///
/// It keeps its `CodeMemory` alive, so the code cannot be unmapped while registered.
/// Release it only when no thread runs the code.
public final class CodeRegistration {
    /// The registered code.
    public let memory: CodeMemory
    private let start: UInt

    /// Registers all of `memory` (executable) with `sites` (offsets from the arena's start).
    ///
    /// A trap resumes at `landingPad` (an arena offset) with rax = the site's trap code and
    /// rsp = the 8 bytes at `[contextRegister + stackPointerOffset]`, which the code's entry
    /// stub saved. `contextRegister` must hold the context at every trap site.
    public init(
        memory: CodeMemory, sites: [TrapSite], landingPad: Int, contextRegister: GPR, stackPointerOffset: Int32
    ) {
        self.memory = memory
        start = UInt(bitPattern: memory.base)
        let sorted = sites.sorted()
        let table = UnsafeMutablePointer<TrapSite>.allocate(capacity: max(1, sorted.count))
        // Sound: allocated for `sorted.count` entries; freed by the registry once unreachable.
        table.initialize(from: sorted, count: sorted.count)
        TrapRegistry.addRegion(
            RegionEntry(
                start: start, end: start + UInt(memory.capacity), sites: UnsafePointer(table), siteCount: sorted.count,
                landingPad: UInt(bitPattern: memory.address(of: landingPad)),
                contextGreg: TrapHandler.gregIndex(contextRegister), stackPointerOffset: Int(stackPointerOffset)))
    }

    deinit { TrapRegistry.removeRegion(start: start) }
}

/// An address-space reservation whose inaccessible part is a guard region: faults there at
/// registered trap sites become traps. Unmapped and unregistered when released.
public final class MemoryReservation {
    /// Start of the reservation.
    public let base: UnsafeMutableRawPointer
    /// Bytes reserved (whole pages).
    public let size: Int
    /// Bytes at the start that are readable and writable (whole pages).
    public private(set) var accessible: Int

    /// Reserves `size` bytes (rounded up to pages) inaccessible, then makes the first
    /// `accessible` bytes (rounded up to pages) readable and writable, and registers it.
    public init(size: Int, accessible: Int) throws(CodeMemoryError) {
        let page = CodeMemory.pageSize
        let total = (size + page - 1) / page * page
        let mapped = mmap(nil, total, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let mapped, mapped != MAP_FAILED else { throw .mapFailed(bytes: total, errno: errno) }
        base = mapped
        self.size = total
        self.accessible = 0
        do throws(CodeMemoryError) {
            try grow(to: accessible)
        } catch {
            munmap(mapped, total)
            throw error
        }
        TrapRegistry.addReservation(ReservationEntry(start: UInt(bitPattern: mapped), end: UInt(bitPattern: mapped) + UInt(total)))
    }

    /// Makes the first `bytes` (rounded up to pages, at most `size`) readable and writable.
    public func grow(to bytes: Int) throws(CodeMemoryError) {
        let page = CodeMemory.pageSize
        let target = (bytes + page - 1) / page * page
        guard target <= size else { throw .full(needed: target, available: size) }
        guard target > accessible else { return }
        guard mprotect(base + accessible, target - accessible, PROT_READ | PROT_WRITE) == 0 else {
            throw .protectFailed(errno: errno)
        }
        accessible = target
    }

    deinit {
        TrapRegistry.removeReservation(start: UInt(bitPattern: base))
        // Sound: exactly the mapping made in init, unmapped once, after unregistering.
        munmap(base, size)
    }
}
