import KeelState

/// The node's own records in the store, under key prefixes `0xF0` and above, which no state
/// namespace uses (state tags are `0x01`...`0x05`; docs/node.md, "Storage"):
///
/// | key | value |
/// | --- | --- |
/// | `F0 01` | head: height u64 LE ‖ block hash[32] |
/// | `F0 02` | consensus parameters |
/// | `F0 03` | the genesis (``Genesis/encoded``) |
/// | `F1 ‖ height u64 BE` | the block's encoding |
/// | `F2 ‖ height u64 BE` | the block's receipts: count u32, each u32 length + encoding |
/// | `F3 ‖ tx hash[32]` | where the transaction is: height u64 LE ‖ index u32 LE |
/// | `F4 ‖ block hash[32]` | the block's height, u64 LE ‖ 0 u32 |
/// | `F5 ‖ height u64 BE` | the block's per-transaction write sets: count u32, each a ``WriteSet`` encoding |
/// | `F8 ‖ …`, `F9 ‖ …` | state tree nodes and stale-node records (``StateCommitment``) |
enum ChainRecords {
    static let headKey: [UInt8] = [0xF0, 0x01]
    static let parametersKey: [UInt8] = [0xF0, 0x02]
    static let genesisKey: [UInt8] = [0xF0, 0x03]
    static let blockTag: UInt8 = 0xF1
    static let receiptsTag: UInt8 = 0xF2
    static let transactionTag: UInt8 = 0xF3
    static let blockHashTag: UInt8 = 0xF4
    static let writeSetsTag: UInt8 = 0xF5

    /// Big-endian, so blocks iterate in height order.
    static func heightKey(_ tag: UInt8, _ height: UInt64) -> [UInt8] {
        [tag] + (0..<8).reversed().map { UInt8(truncatingIfNeeded: height >> (8 * $0)) }
    }

    static func blockKey(_ height: UInt64) -> [UInt8] { heightKey(blockTag, height) }
    static func receiptsKey(_ height: UInt64) -> [UInt8] { heightKey(receiptsTag, height) }
    static func transactionKey(_ hash: [UInt8]) -> [UInt8] { [transactionTag] + hash }
    static func blockHashKey(_ hash: [UInt8]) -> [UInt8] { [blockHashTag] + hash }
    static func writeSetsKey(_ height: UInt64) -> [UInt8] { heightKey(writeSetsTag, height) }

    static func encodeWriteSets(_ writeSets: [[StateChange]]) -> [UInt8] {
        var writer = ByteWriter()
        writer.u32(UInt32(writeSets.count))
        for changes in writeSets { WriteSet.encode(changes, into: &writer) }
        return writer.bytes
    }

    static func decodeWriteSets(_ bytes: [UInt8]) throws(FormatError) -> [[StateChange]] {
        var reader = ByteReader(bytes)
        var writeSets: [[StateChange]] = []
        for _ in 0..<(try reader.count("writeSets", limit: reader.remaining / 4)) {
            writeSets.append(try WriteSet.decode(from: &reader))
        }
        try reader.finish("writeSets")
        return writeSets
    }

    static func encodeHead(height: UInt64, hash: [UInt8]) -> [UInt8] {
        var writer = ByteWriter()
        writer.u64(height)
        writer.fixed(hash)
        return writer.bytes
    }

    static func decodeHead(_ bytes: [UInt8]) throws(FormatError) -> (height: UInt64, hash: [UInt8]) {
        var reader = ByteReader(bytes)
        let head = (try reader.u64("head.height"), try reader.fixed(32, "head.hash"))
        try reader.finish("head")
        return head
    }

    static func encodeReceipts(_ receipts: [Receipt]) -> [UInt8] {
        var writer = ByteWriter()
        writer.u32(UInt32(receipts.count))
        for receipt in receipts { writer.data(receipt.encoded) }
        return writer.bytes
    }

    static func decodeReceipts(_ bytes: [UInt8]) throws(FormatError) -> [Receipt] {
        var reader = ByteReader(bytes)
        var receipts: [Receipt] = []
        for _ in 0..<(try reader.count("receipts", limit: reader.remaining / 4)) {
            receipts.append(try Receipt.decode(try reader.data("receipt", limit: reader.remaining)))
        }
        try reader.finish("receipts")
        return receipts
    }

    static func encodeLocation(height: UInt64, index: Int) -> [UInt8] {
        var writer = ByteWriter()
        writer.u64(height)
        writer.u32(UInt32(index))
        return writer.bytes
    }

    static func decodeLocation(_ bytes: [UInt8]) throws(FormatError) -> (height: UInt64, index: Int) {
        var reader = ByteReader(bytes)
        let location = (try reader.u64("location.height"), Int(try reader.u32("location.index")))
        try reader.finish("location")
        return location
    }
}
