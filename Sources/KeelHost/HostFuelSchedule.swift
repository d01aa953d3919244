/// The fuel price of one host function: `base + perByte × bytes`, where the bytes are
/// those it reads from or writes to memory or state (docs/abi.md lists which).
public struct HostCost: Sendable, Hashable {
    /// Charged on every call, before any work.
    public var base: UInt64
    /// Charged per byte handled.
    public var perByte: UInt64

    /// Creates a price.
    public init(base: UInt64, perByte: UInt64 = 0) {
        self.base = base
        self.perByte = perByte
    }

    /// The price for `bytes` bytes, saturating instead of overflowing (a saturated price
    /// exceeds any fuel limit, so it runs out of fuel as it should).
    public func total(bytes: Int) -> UInt64 {
        let (product, overflow) = perByte.multipliedReportingOverflow(by: UInt64(max(bytes, 0)))
        if overflow { return .max }
        let (sum, sumOverflow) = base.addingReportingOverflow(product)
        return sumOverflow ? .max : sum
    }

    /// The per-byte part alone, for charges made after a lookup.
    public func bytes(_ count: Int) -> UInt64 {
        HostCost(base: 0, perByte: perByte).total(bytes: count)
    }
}

/// The fuel prices of the host functions (docs/abi.md). Integers only: prices are part of
/// consensus.
public struct HostFuelSchedule: Sendable, Hashable {
    public var inputSize = HostCost(base: 10)
    public var inputRead = HostCost(base: 10, perByte: 1)
    public var returnData = HostCost(base: 10, perByte: 1)
    public var storageGet = HostCost(base: 100, perByte: 1)
    public var storageHas = HostCost(base: 100, perByte: 1)
    public var storageSet = HostCost(base: 500, perByte: 10)
    public var storageRemove = HostCost(base: 300, perByte: 1)
    public var storageRange = HostCost(base: 200, perByte: 1)
    public var storageNext = HostCost(base: 100, perByte: 1)
    public var storageClose = HostCost(base: 10)
    public var sha256 = HostCost(base: 100, perByte: 2)
    public var keccak256 = HostCost(base: 100, perByte: 3)
    public var secp256k1Verify = HostCost(base: 30000)
    public var secp256k1Recover = HostCost(base: 35000)
    public var schnorrVerify = HostCost(base: 30000, perByte: 1)
    public var ed25519Verify = HostCost(base: 25000, perByte: 1)
    public var context = HostCost(base: 10)
    public var emitEvent = HostCost(base: 200, perByte: 2)
    public var log = HostCost(base: 50, perByte: 1)
    public var abort = HostCost(base: 10, perByte: 1)
    public var balance = HostCost(base: 200)
    public var transfer = HostCost(base: 1000)
    public var call = HostCost(base: 5000, perByte: 1)
    public var callResultSize = HostCost(base: 10)
    public var callResultRead = HostCost(base: 10, perByte: 1)
    /// Deploying: per byte of code stored, before `init` runs.
    public var deploy = HostCost(base: 10000, perByte: 10)

    /// The prices of ABI version 1.
    public static let v1 = HostFuelSchedule()
}
