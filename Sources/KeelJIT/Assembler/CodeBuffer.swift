/// A growable byte buffer that machine code is emitted into.
///
/// Appending never checks uniqueness or bounds per byte beyond one capacity test, so an
/// encoder can emit an instruction in a few nanoseconds.
public final class CodeBuffer {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes emitted so far.
    public private(set) var count: Int = 0

    /// An empty buffer with room for `capacity` bytes before it first grows.
    public init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        // Sound: freed exactly once in deinit; every access stays below `count <= capacity`.
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// Makes room for at least `bytes` more bytes (instructions reserve their maximum, 15).
    @inline(__always)
    public func reserve(_ bytes: Int) {
        if count &+ bytes > capacity { grow(to: count + bytes) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        // Sound: both regions are at least `count` bytes long and do not overlap.
        bigger.update(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        capacity = newCapacity
    }

    /// Appends one byte; the caller has reserved room.
    @inline(__always)
    func put8(_ byte: UInt8) {
        // Sound: `reserve` guaranteed `count < capacity`.
        storage[count] = byte
        count &+= 1
    }

    /// Appends a 16-bit little-endian value; the caller has reserved room.
    @inline(__always)
    func put16(_ value: UInt16) {
        // Sound: `reserve` guaranteed room; unaligned stores are done bytewise by storeBytes.
        UnsafeMutableRawPointer(storage + count).storeBytes(of: value.littleEndian, as: UInt16.self)
        count &+= 2
    }

    /// Appends a 32-bit little-endian value; the caller has reserved room.
    @inline(__always)
    func put32(_ value: UInt32) {
        // Sound: as put16.
        UnsafeMutableRawPointer(storage + count).storeBytes(of: value.littleEndian, as: UInt32.self)
        count &+= 4
    }

    /// Appends a 64-bit little-endian value; the caller has reserved room.
    @inline(__always)
    func put64(_ value: UInt64) {
        // Sound: as put16.
        UnsafeMutableRawPointer(storage + count).storeBytes(of: value.littleEndian, as: UInt64.self)
        count &+= 8
    }

    /// Appends `bytes` (growing as needed).
    public func append(_ bytes: [UInt8]) {
        reserve(bytes.count)
        for byte in bytes { put8(byte) }
    }

    /// Overwrites 4 bytes at `offset` with a little-endian value (fix-ups).
    func patch32(at offset: Int, _ value: UInt32) {
        precondition(offset >= 0 && offset + 4 <= count, "patch32 at \(offset) outside the \(count) bytes emitted")
        // Sound: the range was checked against `count` just above.
        UnsafeMutableRawPointer(storage + offset).storeBytes(of: value.littleEndian, as: UInt32.self)
    }

    /// Overwrites the byte at `offset` (rel8 fix-ups).
    func patch8(at offset: Int, _ value: UInt8) {
        precondition(offset >= 0 && offset < count, "patch8 at \(offset) outside the \(count) bytes emitted")
        storage[offset] = value
    }

    /// Reads the byte at `offset`.
    public subscript(offset: Int) -> UInt8 {
        precondition(offset >= 0 && offset < count, "byte \(offset) outside the \(count) bytes emitted")
        return storage[offset]
    }

    /// Forgets the contents, keeping the capacity (one buffer reused across functions).
    public func removeAll() { count = 0 }

    /// A copy of the emitted bytes.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    /// Calls `body` with the emitted bytes, without copying.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: storage, count: count))
    }
}
