#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why code memory could not be mapped, written or protected.
public enum CodeMemoryError: Error, Equatable, CustomStringConvertible {
    /// `mmap` refused `bytes` bytes (errno given).
    case mapFailed(bytes: Int, errno: Int32)
    /// `mprotect` refused to change the arena's protection (errno given).
    case protectFailed(errno: Int32)
    /// The arena has `available` bytes left, fewer than the `needed`.
    case full(needed: Int, available: Int)
    /// A write or patch was attempted while the arena is executable.
    case notWritable
    /// A patch at `offset` of `length` bytes lies outside the `used` bytes emitted.
    case outOfRange(offset: Int, length: Int, used: Int)

    public var description: String {
        switch self {
        case let .mapFailed(bytes, errno): "mmap of \(bytes) bytes of code memory failed (errno \(errno))"
        case let .protectFailed(errno): "mprotect of code memory failed (errno \(errno))"
        case let .full(needed, available): "code memory full: \(needed) bytes needed, \(available) left"
        case .notWritable: "code memory is executable; make it writable before writing or patching"
        case let .outOfRange(offset, length, used): "patch of \(length) bytes at \(offset) outside the \(used) bytes emitted"
        }
    }
}

/// W^X executable memory for one module's code: one contiguous arena, so `call rel32`
/// between its functions always reaches.
///
/// The arena is mapped read+write; code is appended and patched; `makeExecutable()` turns
/// it read+execute. It is never writable and executable at once: `makeWritable()` drops
/// execute before adding write. The mapping is released when the object is.
public final class CodeMemory {
    /// Protection of the whole arena.
    public enum Protection: Sendable {
        /// Read + write: code can be appended and patched, not run.
        case writable
        /// Read + execute: code can be run, not changed.
        case executable
    }

    /// Start of the arena (page aligned).
    public let base: UnsafeMutableRawPointer
    /// Size of the arena in bytes (a multiple of the page size).
    public private(set) var capacity: Int
    /// Bytes appended so far.
    public private(set) var used: Int = 0
    /// Current protection.
    public private(set) var protection: Protection = .writable

    /// The host's page size.
    public static let pageSize: Int = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Maps an arena of at least `capacity` bytes (rounded up to whole pages), read+write.
    /// Pages cost memory only once written: an arena may be mapped for the most a module can
    /// need and shrunk to what it used (`shrinkToFit()`).
    public init(capacity: Int) throws(CodeMemoryError) {
        let size = max(Self.pageSize, (capacity + Self.pageSize - 1) / Self.pageSize * Self.pageSize)
        let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let mapped, mapped != MAP_FAILED else { throw .mapFailed(bytes: size, errno: errno) }
        base = mapped
        self.capacity = size
    }

    deinit {
        // Sound: `base`/`capacity` are exactly the mapping made in init, unmapped once.
        munmap(base, capacity)
    }

    /// Appends `buffer`'s bytes at the next multiple of `alignment`; returns their offset.
    public func append(_ buffer: CodeBuffer, alignment: Int = 16) throws(CodeMemoryError) -> Int {
        try buffer.withUnsafeBytes { (bytes) throws(CodeMemoryError) -> Int in try append(bytes, alignment: alignment) }
    }

    /// Appends raw bytes at the next multiple of `alignment`; returns their offset.
    public func append(_ bytes: UnsafeRawBufferPointer, alignment: Int = 16) throws(CodeMemoryError) -> Int {
        guard protection == .writable else { throw .notWritable }
        let start = (used + alignment - 1) / alignment * alignment
        guard start + bytes.count <= capacity else { throw .full(needed: bytes.count, available: max(0, capacity - start)) }
        if let source = bytes.baseAddress, bytes.count > 0 {
            // Sound: [start, start + count) lies inside the mapping, which is writable now.
            (base + start).copyMemory(from: source, byteCount: bytes.count)
        }
        if start > used {
            // Padding between functions traps if ever reached (int3).
            (base + used).initializeMemory(as: UInt8.self, repeating: 0xCC, count: start - used)
        }
        used = start + bytes.count
        return start
    }

    /// Overwrites 4 bytes at `offset` (a call or jump displacement, a table entry).
    public func patch32(at offset: Int, _ value: UInt32) throws(CodeMemoryError) {
        guard protection == .writable else { throw .notWritable }
        guard offset >= 0, offset + 4 <= used else { throw .outOfRange(offset: offset, length: 4, used: used) }
        // Sound: the range was checked against the bytes emitted; unaligned store is allowed.
        (base + offset).storeBytes(of: value.littleEndian, as: UInt32.self)
    }

    /// Releases the pages past the bytes used (whole pages are kept), while writable.
    public func shrinkToFit() {
        guard protection == .writable else { return }
        let kept = max(Self.pageSize, (used + Self.pageSize - 1) / Self.pageSize * Self.pageSize)
        guard kept < capacity else { return }
        // Sound: [kept, capacity) lies inside the mapping and holds no code (past `used`).
        if munmap(base + kept, capacity - kept) == 0 { capacity = kept }
    }

    /// Turns the arena read+execute (x86-64 needs no instruction-cache flush).
    public func makeExecutable() throws(CodeMemoryError) {
        guard protection != .executable else { return }
        guard mprotect(base, capacity, PROT_READ | PROT_EXEC) == 0 else { throw .protectFailed(errno: errno) }
        protection = .executable
    }

    /// Turns the arena read+write again (execute is dropped in the same call).
    public func makeWritable() throws(CodeMemoryError) {
        guard protection != .writable else { return }
        guard mprotect(base, capacity, PROT_READ | PROT_WRITE) == 0 else { throw .protectFailed(errno: errno) }
        protection = .writable
    }

    /// The address of the code at `offset`.
    public func address(of offset: Int) -> UnsafeRawPointer {
        precondition(offset >= 0 && offset < capacity, "code offset \(offset) outside the \(capacity)-byte arena")
        return UnsafeRawPointer(base + offset)
    }

    /// Whether `address` lies inside the arena.
    public func contains(_ address: UnsafeRawPointer) -> Bool {
        let a = UInt(bitPattern: address), b = UInt(bitPattern: base)
        return a >= b && a < b + UInt(capacity)
    }
}
