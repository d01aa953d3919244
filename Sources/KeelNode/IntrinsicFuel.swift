/// The fuel every transaction uses before anything runs: `base + perByte × signed
/// encoding length`, so a plain transfer pays too. Versioned: a consensus parameter.
public struct IntrinsicFuel: Sendable, Hashable {
    /// The schedule's version, recorded in the chain's parameters.
    public let version: UInt32
    /// Fuel per transaction.
    public let base: UInt64
    /// Fuel per byte of the signed encoding.
    public let perByte: UInt64

    /// Version 1: 5000 + 10 per byte (a native transfer, 139 bytes, uses 6390).
    public static let v1 = IntrinsicFuel(version: 1, base: 5000, perByte: 10)

    /// The schedule of `version`, or nil for an unknown version.
    public static func version(_ version: UInt32) -> IntrinsicFuel? {
        version == 1 ? .v1 : nil
    }

    /// The intrinsic fuel of a transaction whose signed encoding has `byteCount` bytes
    /// (saturating: a saturated value exceeds every fuel limit).
    public func fuel(byteCount: Int) -> UInt64 {
        let (product, overflow) = perByte.multipliedReportingOverflow(by: UInt64(byteCount))
        let (sum, sumOverflow) = base.addingReportingOverflow(product)
        return overflow || sumOverflow ? .max : sum
    }
}
