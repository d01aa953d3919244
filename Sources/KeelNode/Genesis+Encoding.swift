extension Genesis {
    /// The format byte that starts every version-1 genesis encoding.
    public static let formatVersion: UInt8 = 0x01

    /// The canonical encoding (kept in the chain's store and in exports): format u8,
    /// parameters, startTime u64, developmentKeyCount u32, allocations (u32 count, each
    /// address ‖ balance u64), contracts (u32 count, each name `text` ‖ code `bytes` ‖
    /// deployer address ‖ initInput `bytes`).
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        writer.u8(Self.formatVersion)
        parameters.encode(into: &writer)
        writer.u64(startTime)
        writer.u32(UInt32(developmentKeyCount))
        writer.u32(UInt32(allocations.count))
        for allocation in allocations {
            writer.address(allocation.address)
            writer.u64(allocation.balance)
        }
        writer.u32(UInt32(contracts.count))
        for contract in contracts {
            writer.text(contract.name)
            writer.data(contract.code)
            writer.address(contract.deployer)
            writer.data(contract.initInput)
        }
        return writer.bytes
    }

    /// Decodes ``encoded``.
    public static func decode(_ bytes: [UInt8]) throws(FormatError) -> Genesis {
        var reader = ByteReader(bytes)
        let formatOffset = reader.offset
        let format = try reader.u8("genesis.format")
        guard format == formatVersion else { throw reader.error("genesis.format", .unknownTag(format), at: formatOffset) }
        let parameters = try ConsensusParameters.decode(from: &reader)
        let startTime = try reader.u64("genesis.startTime")
        let keyCount = Int(try reader.u32("genesis.developmentKeyCount"))
        var allocations: [Allocation] = []
        for _ in 0..<(try reader.count("genesis.allocations", limit: reader.remaining / 40)) {
            allocations.append(Allocation(address: try reader.address("allocation.address"), balance: try reader.u64("allocation.balance")))
        }
        var contracts: [Contract] = []
        let unbounded = Int(UInt32.max)
        for _ in 0..<(try reader.count("genesis.contracts", limit: reader.remaining / 44)) {
            contracts.append(Contract(
                name: try reader.text("contract.name", limit: unbounded), code: try reader.data("contract.code", limit: unbounded),
                deployer: try reader.address("contract.deployer"), initInput: try reader.data("contract.initInput", limit: unbounded)))
        }
        try reader.finish("genesis")
        return Genesis(parameters: parameters, startTime: startTime, developmentKeyCount: keyCount, allocations: allocations, contracts: contracts)
    }
}
