import Keel
import KeelHost

/// The parameters every node of a chain must agree on, fixed at genesis (docs/node.md).
public struct ConsensusParameters: Sendable, Hashable {
    /// The chain's id, which every transaction names.
    public var chainId: UInt64
    /// Whether contracts may use floating point (the contract profile's no-float option off).
    public var allowFloats: Bool
    /// The instruction cost schedule's version (`CostSchedule`).
    public var costScheduleVersion: UInt32
    /// The ABI limits' version (`ABILimits`).
    public var abiLimitsVersion: UInt32
    /// The host functions' price list version (`HostFuelSchedule`).
    public var hostFuelVersion: UInt32
    /// The intrinsic fuel schedule's version (``IntrinsicFuel``).
    public var intrinsicFuelVersion: UInt32
    /// The most fuel a block's transactions may reserve (the sum of their fuel limits).
    public var fuelPerBlock: UInt64

    /// The engine profile: only `contract` (EngineConfiguration.contract) exists.
    public static let engineProfile = "contract"

    /// Creates parameters; ``validated()`` checks the versions exist.
    public init(
        chainId: UInt64, allowFloats: Bool = true, costScheduleVersion: UInt32 = 1, abiLimitsVersion: UInt32 = 1,
        hostFuelVersion: UInt32 = 1, intrinsicFuelVersion: UInt32 = 1, fuelPerBlock: UInt64 = 100_000_000
    ) {
        self.chainId = chainId
        self.allowFloats = allowFloats
        self.costScheduleVersion = costScheduleVersion
        self.abiLimitsVersion = abiLimitsVersion
        self.hostFuelVersion = hostFuelVersion
        self.intrinsicFuelVersion = intrinsicFuelVersion
        self.fuelPerBlock = fuelPerBlock
    }

    /// Why parameters cannot run.
    public struct UnsupportedError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The parameter and its value.
        public var message: String
        public var description: String { message }
    }

    /// The intrinsic fuel schedule (valid after ``validated()``).
    public var intrinsicFuel: IntrinsicFuel { IntrinsicFuel.version(intrinsicFuelVersion) ?? .v1 }

    /// The transaction size limits (version 1, tied to ABI limits version 1).
    public var transactionLimits: TransactionLimits { .v1 }

    /// Fails unless every version names a schedule this build has.
    public func validated() throws(UnsupportedError) -> ConsensusParameters {
        func check(_ name: String, _ version: UInt32, _ known: UInt32) throws(UnsupportedError) {
            guard version == known else { throw UnsupportedError(message: "\(name) version \(version) is not supported (this build has \(known))") }
        }
        try check("cost schedule", costScheduleVersion, CostSchedule.v1.version)
        try check("ABI limits", abiLimitsVersion, 1)
        try check("host fuel schedule", hostFuelVersion, 1)
        try check("intrinsic fuel", intrinsicFuelVersion, IntrinsicFuel.v1.version)
        guard fuelPerBlock > 0 else { throw UnsupportedError(message: "fuel per block must be positive") }
        return self
    }

    /// A contract host configured by these parameters, running contracts on `backend` and
    /// resolving code from the state.
    public func makeHost(backend: Backend = .platformDefault) throws -> ContractHost {
        var configuration = EngineConfiguration.contract
        configuration.allowFloats = allowFloats
        configuration.backend = backend
        let engine = try Engine(configuration: configuration)
        return ContractHost(engine: engine, resolver: StateContractResolver(engine: engine), limits: .v1, fuelSchedule: .v1)
    }

    func encode(into writer: inout ByteWriter) {
        writer.u64(chainId)
        writer.u8(allowFloats ? 1 : 0)
        writer.u32(costScheduleVersion)
        writer.u32(abiLimitsVersion)
        writer.u32(hostFuelVersion)
        writer.u32(intrinsicFuelVersion)
        writer.u64(fuelPerBlock)
    }

    static func decode(from reader: inout ByteReader) throws(FormatError) -> ConsensusParameters {
        ConsensusParameters(
            chainId: try reader.u64("chainId"), allowFloats: try reader.flag("allowFloats"),
            costScheduleVersion: try reader.u32("costScheduleVersion"), abiLimitsVersion: try reader.u32("abiLimitsVersion"),
            hostFuelVersion: try reader.u32("hostFuelVersion"), intrinsicFuelVersion: try reader.u32("intrinsicFuelVersion"),
            fuelPerBlock: try reader.u64("fuelPerBlock"))
    }
}
