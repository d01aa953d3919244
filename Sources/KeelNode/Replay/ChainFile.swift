import KeelCrypto
import KeelState

/// A whole chain in one versioned, self-checking file (docs/node.md, "Chain files"): the
/// genesis (parameters and contract code included), then every block from height 0 with its
/// receipts and per-transaction write sets, then an end record naming the head.
/// `keel export` writes one, `keel import` and `keel replay CHAIN-FILE` read it.
///
/// Layout: magic `KEELCHN\n` (8 bytes) ‖ format version u32 LE, then records, each kind u8
/// ‖ payload length u32 LE ‖ payload ‖ SHA-256(kind ‖ length ‖ payload).
public struct ChainFile: Sendable, Hashable, ChainHistory {
    /// The eight bytes every chain file starts with.
    public static let magic: [UInt8] = Array("KEELCHN\n".utf8)
    /// The format version this build writes and reads.
    public static let formatVersion: UInt32 = 1

    /// Record kinds.
    enum Kind: UInt8 {
        case genesis = 0x01
        case block = 0x02
        case end = 0xFF
    }

    /// The genesis.
    public var genesisRecord: Genesis
    /// The blocks from height 0 (the genesis block) to the head, in order.
    public var blocks: [RecordedBlock]

    /// Creates a chain file from its parts; `blocks` must start at height 0 and be consecutive.
    ///
    /// - Precondition: `blocks` is not empty.
    public init(genesis: Genesis, blocks: [RecordedBlock]) {
        precondition(!blocks.isEmpty, "a chain file holds at least the genesis block")
        self.genesisRecord = genesis
        self.blocks = blocks
    }

    /// Reads everything `history` records, from its genesis to its head.
    ///
    /// - Throws: as the history's lookups; ``ReplayError/missingRecord(height:what:)``.
    public init(history: some ChainHistory) throws {
        let genesis = try history.genesis()
        var blocks: [RecordedBlock] = []
        for height in 0...history.head.height { blocks.append(try history.recordedBlock(at: height)) }
        self.init(genesis: genesis, blocks: blocks)
    }

    // MARK: ChainHistory

    /// The genesis.
    public func genesis() throws -> Genesis { genesisRecord }
    /// The last block's header.
    public var head: BlockHeader { blocks[blocks.count - 1].block.header }
    /// The block at `height`, or nil above the head.
    public func block(at height: UInt64) -> Block? { record(at: height)?.block }
    /// The receipts of the block at `height`, or nil above the head.
    public func receipts(at height: UInt64) -> [Receipt]? { record(at: height)?.receipts }
    /// The write sets of the block at `height`, or nil above the head.
    public func writeSets(at height: UInt64) -> [[StateChange]]? { record(at: height)?.writeSets }

    private func record(at height: UInt64) -> RecordedBlock? {
        height < UInt64(blocks.count) ? blocks[Int(height)] : nil
    }

    // MARK: Encoding

    /// The file's bytes.
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        writer.fixed(Self.magic)
        writer.u32(Self.formatVersion)
        Self.record(.genesis, genesisRecord.encoded, into: &writer)
        for recorded in blocks { Self.record(.block, Self.payload(of: recorded), into: &writer) }
        var end = ByteWriter()
        end.u64(UInt64(blocks.count))
        end.fixed(head.hash)
        Self.record(.end, end.bytes, into: &writer)
        return writer.bytes
    }

    /// A block record's payload: the block, its receipts and its write sets, each as `bytes`
    /// holding the encoding the chain's store uses (docs/node.md, "Storage").
    static func payload(of recorded: RecordedBlock) -> [UInt8] {
        var writer = ByteWriter()
        writer.data(recorded.block.encoded)
        writer.data(ChainRecords.encodeReceipts(recorded.receipts))
        writer.data(ChainRecords.encodeWriteSets(recorded.writeSets))
        return writer.bytes
    }

    static func record(_ kind: Kind, _ payload: [UInt8], into writer: inout ByteWriter) {
        let start = writer.bytes.count
        writer.u8(kind.rawValue)
        writer.data(payload)
        writer.fixed(SHA256.hash(Array(writer.bytes[start...])))
    }
}
