// Byte-buffer helpers shared by the SDK and handy in contracts.

/// A 32-byte Keel address, as a byte array of exactly 32 elements.
public typealias Address = [UInt8]

/// The size of a Keel address in bytes.
public let addressSize = 32

extension Array where Element == UInt8 {
  /// The UTF-8 bytes of a string literal. (For a `String`, use `Array(string.utf8)`.)
  public init(utf8 string: StaticString) {
    self = string.withUTF8Buffer { Array($0) }
  }

  /// `count` bytes copied from `pointer` (one `memory.copy`; `Array(UnsafeBufferPointer)`
  /// copies byte by byte, which costs several times the fuel).
  init(copying pointer: UnsafePointer<UInt8>, count: Int) {
    self.init(filling: count) { destination in
      destination?.copyMemory(from: UnsafeRawPointer(pointer), byteCount: count)
    }
  }

  /// A fresh array of `count` bytes filled by `body`, which must write all of them.
  init(filling count: Int, _ body: (UnsafeMutableRawPointer?) -> Void) {
    if count <= 0 {
      self = []
      return
    }
    self = Array(unsafeUninitializedCapacity: count) { buffer, initialized in
      body(UnsafeMutableRawPointer(buffer.baseAddress))
      initialized = count
    }
  }

  /// The bytes `range` of the array, or `nil` when the range is not inside the array.
  ///
  /// A bounds-checked alternative to slicing, which traps on a bad range.
  public func bytes(_ range: Range<Int>) -> [UInt8]? {
    guard range.lowerBound >= 0, range.upperBound <= count else { return nil }
    return Array(self[range])
  }

  /// The little-endian `UInt64` at `offset`, or `nil` when fewer than 8 bytes remain.
  public func readUInt64LE(at offset: Int) -> UInt64? {
    guard offset >= 0, offset <= count - 8 else { return nil }
    var value: UInt64 = 0
    for index in 0..<8 {
      value |= UInt64(self[offset + index]) << UInt64(8 * index)
    }
    return value
  }

  /// Appends `value` as 8 little-endian bytes.
  public mutating func appendUInt64LE(_ value: UInt64) {
    for index in 0..<8 {
      append(UInt8(truncatingIfNeeded: value >> UInt64(8 * index)))
    }
  }
}

/// Aborts the call unless `address` is exactly 32 bytes: the host reads a fixed 32 bytes.
@inline(__always)
func requireAddress(_ address: [UInt8]) {
  if address.count != addressSize { abort("keel: an address must be 32 bytes") }
}
