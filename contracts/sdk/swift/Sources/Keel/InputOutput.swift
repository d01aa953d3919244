// A method's input and return data.

/// The input of the running call: the call's input for a method, the deploy input for
/// `init`. At most 65536 bytes.
public enum Input {
  /// The length of the input in bytes.
  public static var size: Int {
    Int(UInt32(bitPattern: keel_v1_input_size()))
  }

  /// The whole input. Each call copies it again (10 + 1 fuel per byte): read it once.
  public static func read() -> [UInt8] {
    let size = Input.size
    return [UInt8](filling: size) { keel_v1_input_read($0) }
  }
}

/// The return data of the running call.
public enum Output {
  /// Sets the call's return data to `bytes`, replacing any set before.
  ///
  /// This does not end the method: the data is returned when the method returns (and is
  /// discarded if the call later fails). At most 65536 bytes; more traps with
  /// `return data too large`.
  public static func `return`(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { buffer in
      keel_v1_return_data(buffer.baseAddress, Int32(truncatingIfNeeded: buffer.count))
    }
  }

  /// Sets the call's return data to the UTF-8 bytes of `string`.
  public static func `return`(_ string: StaticString) {
    string.withUTF8Buffer { buffer in
      keel_v1_return_data(
        UnsafeRawPointer(buffer.baseAddress), Int32(truncatingIfNeeded: buffer.count))
    }
  }
}
