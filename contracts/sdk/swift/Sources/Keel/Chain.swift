// The native token and calls to other contracts.

/// The outcome of `Chain.call`, as the host's status code.
public struct CallStatus: Equatable {
  /// The raw status code returned by the host.
  public let rawValue: Int32

  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// The callee returned; its writes, transfers and events are kept.
  public static let success = CallStatus(rawValue: 0)
  /// The callee trapped (including running out of fuel).
  public static let trapped = CallStatus(rawValue: 1)
  /// The callee called `abort`.
  public static let aborted = CallStatus(rawValue: 2)
  /// There is no contract at the address.
  public static let noContract = CallStatus(rawValue: 3)
  /// The call would nest deeper than 16 calls; the callee did not run.
  public static let depthExceeded = CallStatus(rawValue: 4)
}

/// The result of a cross-contract call.
public struct CallResult {
  /// How the call ended.
  public let status: CallStatus
  /// The callee's return data on success, its failure message otherwise.
  public let data: [UInt8]

  /// Whether the callee returned normally.
  public var succeeded: Bool { status == .success }
}

/// Balances of the native token and calls to other contracts.
public enum Chain {
  /// The native-token balance of the 32-byte `address` (aborts if it is not 32 bytes).
  public static func balance(of address: Address) -> UInt64 {
    requireAddress(address)
    return address.withUnsafeBytes { UInt64(bitPattern: keel_v1_balance($0.baseAddress)) }
  }

  /// This contract's native-token balance.
  public static var selfBalance: UInt64 { balance(of: Context.selfAddress) }

  /// Moves `amount` of this contract's native token to the 32-byte address `to` (aborts if
  /// it is not 32 bytes). Returns `false`, moving nothing, when the balance is
  /// insufficient. Reverted if the call later fails.
  @discardableResult
  public static func transfer(to address: Address, amount: UInt64) -> Bool {
    requireAddress(address)
    return address.withUnsafeBytes {
      keel_v1_transfer($0.baseAddress, Int64(bitPattern: amount))
    } == 0
  }

  /// Runs `method` of the contract at the 32-byte `address` with `input` and at most
  /// `fuel` (0: all that remains; never more than remains), and returns its status and
  /// result. The callee sees this contract as its caller; its effects are kept only if it
  /// succeeds. This contract keeps running either way.
  ///
  /// Method names are at most 256 bytes, inputs at most 65536 bytes (larger ones trap).
  public static func call(
    _ address: Address, method: [UInt8], input: [UInt8] = [], fuel: UInt64 = 0
  ) -> CallResult {
    requireAddress(address)
    let status = address.withUnsafeBytes { addressBuffer in
      method.withUnsafeBytes { methodBuffer in
        input.withUnsafeBytes { inputBuffer in
          keel_v1_call(
            addressBuffer.baseAddress,
            methodBuffer.baseAddress, Int32(truncatingIfNeeded: methodBuffer.count),
            inputBuffer.baseAddress, Int32(truncatingIfNeeded: inputBuffer.count),
            Int64(bitPattern: fuel))
        }
      }
    }
    let size = Int(UInt32(bitPattern: keel_v1_call_result_size()))
    let data = [UInt8](filling: size) { keel_v1_call_result_read($0) }
    return CallResult(status: CallStatus(rawValue: status), data: data)
  }

  /// Calls a method named by a string literal. See `call(_:method:input:fuel:)`.
  public static func call(
    _ address: Address, method: StaticString, input: [UInt8] = [], fuel: UInt64 = 0
  ) -> CallResult {
    call(address, method: [UInt8](utf8: method), input: input, fuel: fuel)
  }
}
