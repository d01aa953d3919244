// The contract's key-value storage.

/// The calling contract's own key-value storage.
///
/// Keys are 0...256 bytes and values 0...65536 bytes (larger ones trap with
/// `key too large` / `value too large`). Keys compare as unsigned bytes, a shorter prefix
/// first; iteration follows that order. Writes are visible at once to the running call and
/// committed only if the call succeeds.
public enum Storage {
  /// The largest key, in bytes.
  public static let maxKeySize = 256
  /// The largest value, in bytes.
  public static let maxValueSize = 65536

  /// The value stored at `key`, or `nil` when the key is absent.
  public static func get(_ key: [UInt8]) -> [UInt8]? {
    let scratch = keel_rt_scratch()
    let length = key.withUnsafeBytes { keyBuffer in
      keel_v1_storage_get(
        keyBuffer.baseAddress, Int32(truncatingIfNeeded: keyBuffer.count),
        UnsafeMutableRawPointer(scratch), Int32(truncatingIfNeeded: keelScratchSize))
    }
    if length < 0 { return nil }
    if Int(length) > keelScratchSize { abort("keel: storage value larger than the ABI limit") }
    return [UInt8](copying: scratch, count: Int(length))
  }

  /// Whether `key` is present (cheaper than `get`: nothing is copied).
  public static func has(_ key: [UInt8]) -> Bool {
    key.withUnsafeBytes { keyBuffer in
      keel_v1_storage_has(keyBuffer.baseAddress, Int32(truncatingIfNeeded: keyBuffer.count))
    } == 1
  }

  /// Stores `value` at `key`, replacing any earlier value. An empty value is a value: the
  /// key is present afterwards (use `remove` to delete it).
  public static func set(_ key: [UInt8], _ value: [UInt8]) {
    key.withUnsafeBytes { keyBuffer in
      value.withUnsafeBytes { valueBuffer in
        keel_v1_storage_set(
          keyBuffer.baseAddress, Int32(truncatingIfNeeded: keyBuffer.count),
          valueBuffer.baseAddress, Int32(truncatingIfNeeded: valueBuffer.count))
      }
    }
  }

  /// Deletes `key`. Returns whether it was present.
  @discardableResult
  public static func remove(_ key: [UInt8]) -> Bool {
    key.withUnsafeBytes { keyBuffer in
      keel_v1_storage_remove(keyBuffer.baseAddress, Int32(truncatingIfNeeded: keyBuffer.count))
    } == 1
  }

  /// Iterates over the keys `start <= key < end` (no upper bound when `end` is `nil`),
  /// ascending or, with `reverse`, descending.
  ///
  /// The iterator opens now and sees the state as of now; later writes do not show up in
  /// it. With `values: false` the values are not copied (cheaper) and every element's
  /// `value` is empty. At most 32 iterators may be open at once per call (more traps with
  /// `too many open iterators`); an iterator closes when it is exhausted, when `close()`
  /// is called, or when it is released.
  ///
  ///     for (key, value) in Storage.range(from: [0x01], to: [0x02]) { ... }
  public static func range(
    from start: [UInt8] = [], to end: [UInt8]? = nil, reverse: Bool = false,
    values: Bool = true
  ) -> StorageIterator {
    let handle = start.withUnsafeBytes { startBuffer -> Int32 in
      let startLength = Int32(truncatingIfNeeded: startBuffer.count)
      let reverseFlag: Int32 = reverse ? 1 : 0
      guard let end = end else {
        return keel_v1_storage_range(startBuffer.baseAddress, startLength, nil, -1, reverseFlag)
      }
      return end.withUnsafeBytes { endBuffer in
        keel_v1_storage_range(
          startBuffer.baseAddress, startLength,
          endBuffer.baseAddress, Int32(truncatingIfNeeded: endBuffer.count), reverseFlag)
      }
    }
    return StorageIterator(handle: handle, values: values)
  }

  /// Iterates over the keys that start with `prefix` (all keys when it is empty), ascending
  /// or, with `reverse`, descending. See `range(from:to:reverse:values:)`.
  public static func range(
    prefix: [UInt8], reverse: Bool = false, values: Bool = true
  ) -> StorageIterator {
    range(from: prefix, to: prefixEnd(prefix), reverse: reverse, values: values)
  }

  /// The smallest key greater than every key starting with `prefix`, or `nil` when there
  /// is none (the prefix is empty or all 0xFF).
  public static func prefixEnd(_ prefix: [UInt8]) -> [UInt8]? {
    var end = prefix
    while let last = end.last {
      if last < 0xFF {
        end[end.count - 1] = last + 1
        return end
      }
      end.removeLast()
    }
    return nil
  }
}

/// An open storage iterator (see `Storage.range`). Single pass: it is its own iterator.
public final class StorageIterator: Sequence, IteratorProtocol {
  /// A key and its value (empty when the iterator was opened with `values: false`).
  public typealias Element = (key: [UInt8], value: [UInt8])

  private var handle: Int32  // -1 once closed
  private let values: Bool

  init(handle: Int32, values: Bool) {
    self.handle = handle
    self.values = values
  }

  deinit { close() }

  /// The next key and value in order, or `nil` when the range is exhausted (the iterator
  /// is then closed).
  public func next() -> Element? {
    if handle < 0 { return nil }
    let keyBuffer = keel_rt_scratch()
    let valueBuffer = keyBuffer + Storage.maxKeySize
    let valueCapacity = values ? keelScratchSize - Storage.maxKeySize : 0
    let result = keel_v1_storage_next(
      handle, UnsafeMutableRawPointer(keyBuffer), Int32(truncatingIfNeeded: Storage.maxKeySize),
      UnsafeMutableRawPointer(valueBuffer), Int32(truncatingIfNeeded: valueCapacity))
    if result < 0 {
      close()
      return nil
    }
    let keyLength = Int(UInt32(truncatingIfNeeded: UInt64(bitPattern: result) >> 32))
    let valueLength = Int(UInt32(truncatingIfNeeded: result))
    if keyLength > Storage.maxKeySize || valueLength > Storage.maxValueSize {
      abort("keel: storage entry larger than the ABI limit")
    }
    let key = [UInt8](copying: keyBuffer, count: keyLength)
    let value = values ? [UInt8](copying: valueBuffer, count: valueLength) : []
    return (key: key, value: value)
  }

  /// Closes the iterator now (frees its slot among the 32 allowed); `next()` then
  /// returns `nil`. Closing twice does nothing.
  public func close() {
    if handle >= 0 {
      keel_v1_storage_close(handle)
      handle = -1
    }
  }
}
