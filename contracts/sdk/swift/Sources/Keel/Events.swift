// Events (part of the receipt) and debug logs.

/// Events and debug logs.
public enum Events {
  /// Records an event with `topic` (at most 256 bytes) and `data` (at most 8192 bytes);
  /// larger ones trap with `event too large`. At most 256 events per call (more traps with
  /// `too many events`). Events are part of the receipt and reverted if the call fails.
  public static func emit(topic: [UInt8], data: [UInt8] = []) {
    topic.withUnsafeBytes { topicBuffer in
      data.withUnsafeBytes { dataBuffer in
        keel_v1_emit_event(
          topicBuffer.baseAddress, Int32(truncatingIfNeeded: topicBuffer.count),
          dataBuffer.baseAddress, Int32(truncatingIfNeeded: dataBuffer.count))
      }
    }
  }

  /// Records an event whose topic is a string literal. See `emit(topic:data:)`.
  public static func emit(topic: StaticString, data: [UInt8] = []) {
    topic.withUTF8Buffer { topicBuffer in
      data.withUnsafeBytes { dataBuffer in
        keel_v1_emit_event(
          UnsafeRawPointer(topicBuffer.baseAddress),
          Int32(truncatingIfNeeded: topicBuffer.count),
          dataBuffer.baseAddress, Int32(truncatingIfNeeded: dataBuffer.count))
      }
    }
  }

  /// Writes a debug message (at most 4096 bytes, else trap `log message too large`).
  /// Logs are kept even when the call fails; they are not part of consensus state.
  public static func log(_ message: StaticString) {
    message.withUTF8Buffer { buffer in
      keel_v1_log(UnsafeRawPointer(buffer.baseAddress), Int32(truncatingIfNeeded: buffer.count))
    }
  }

  /// Writes a debug message built at run time. See `log(_: StaticString)` and
  /// `abort(string:)` for why this is not an overload of `log(_:)`.
  public static func log(string message: String) {
    log(bytes: Array(message.utf8))
  }

  /// Writes a debug message given as UTF-8 bytes (invalid sequences show as U+FFFD).
  public static func log(bytes message: [UInt8]) {
    message.withUnsafeBytes { buffer in
      keel_v1_log(buffer.baseAddress, Int32(truncatingIfNeeded: buffer.count))
    }
  }
}
