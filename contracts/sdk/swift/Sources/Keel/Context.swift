// The environment of the running call.

/// Who is calling, which contract is running, and the block being executed.
public enum Context {
  /// The 32-byte address that called this contract: the transaction sender, or the
  /// calling contract for a cross-contract call.
  public static var caller: Address {
    [UInt8](filling: addressSize) { keel_v1_caller($0) }
  }

  /// This contract's 32-byte address.
  public static var selfAddress: Address {
    [UInt8](filling: addressSize) { keel_v1_self_address($0) }
  }

  /// The height of the block being executed.
  public static var blockHeight: UInt64 {
    UInt64(bitPattern: keel_v1_block_height())
  }

  /// The block's timestamp in seconds since the Unix epoch (from the block, not a clock).
  public static var blockTime: UInt64 {
    UInt64(bitPattern: keel_v1_block_time())
  }

  /// The fuel left to this call (after the charge for asking).
  public static var fuelRemaining: UInt64 {
    UInt64(bitPattern: keel_v1_fuel_remaining())
  }
}
