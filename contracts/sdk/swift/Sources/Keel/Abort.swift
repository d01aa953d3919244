// Ending a call as failed.

/// Ends the call as failed (status `aborted`) with `message`.
///
/// The call's state writes, balance transfers and events are reverted; its logs are kept.
/// The host keeps at most the first 4096 bytes of the message. Never returns.
public func abort(_ message: StaticString) -> Never {
  message.withUTF8Buffer { buffer in
    keel_v1_abort(UnsafeRawPointer(buffer.baseAddress), Int32(truncatingIfNeeded: buffer.count))
  }
  // The host never returns from `abort`; this is unreachable.
  fatalError()
}

/// Ends the call as failed (status `aborted`) with a message built at run time, such as
/// `abort(string: "bad amount \(amount)")`.
///
/// A separate label rather than an overload of `abort(_:)`: Swift would pick a `String`
/// overload for plain literals, and String's machinery adds kilobytes to the module.
public func abort(string message: String) -> Never {
  abort(bytes: Array(message.utf8))
}

/// Ends the call as failed (status `aborted`) with `message` given as UTF-8 bytes.
///
/// Invalid UTF-8 sequences are shown by the host as U+FFFD.
public func abort(bytes message: [UInt8]) -> Never {
  message.withUnsafeBytes { buffer in
    keel_v1_abort(buffer.baseAddress, Int32(truncatingIfNeeded: buffer.count))
  }
  fatalError()
}

/// Aborts with `message` unless `condition` holds.
///
/// Use it to validate inputs and permissions: `require(name.count <= 64, "invalid name")`.
@inline(__always)
public func require(_ condition: Bool, _ message: StaticString) {
  if !condition { abort(message) }
}
