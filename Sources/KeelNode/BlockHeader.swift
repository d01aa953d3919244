import KeelCrypto
import KeelState

/// A block's header (docs/node.md, "Blocks"); its ``hash`` names the block.
public struct BlockHeader: Sendable, Hashable {
    /// The format byte that starts every version-1 header encoding.
    public static let formatVersion: UInt8 = 0x01

    /// The chain's id.
    public var chainId: UInt64
    /// 0 for genesis, the parent's height + 1 otherwise.
    public var height: UInt64
    /// The parent block's hash (32 zero bytes for genesis).
    public var parentHash: [UInt8]
    /// Seconds since the Unix epoch, chosen by the producer, never below the parent's.
    public var timestamp: UInt64
    /// ``MerkleRoot`` of the transaction hashes.
    public var transactionsRoot: [UInt8]
    /// ``MerkleRoot`` of the receipt hashes.
    public var receiptsRoot: [UInt8]
    /// The state root after the block.
    public var stateRoot: [UInt8]
    /// Who produced the block and receives its fees.
    public var proposer: ContractAddress

    /// Creates a header.
    public init(
        chainId: UInt64, height: UInt64, parentHash: [UInt8], timestamp: UInt64, transactionsRoot: [UInt8],
        receiptsRoot: [UInt8], stateRoot: [UInt8], proposer: ContractAddress
    ) {
        self.chainId = chainId
        self.height = height
        self.parentHash = parentHash
        self.timestamp = timestamp
        self.transactionsRoot = transactionsRoot
        self.receiptsRoot = receiptsRoot
        self.stateRoot = stateRoot
        self.proposer = proposer
    }

    /// The canonical encoding: format u8, chainId u64, height u64, parentHash[32],
    /// timestamp u64, transactionsRoot[32], receiptsRoot[32], stateRoot[32], proposer[32].
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        encode(into: &writer)
        return writer.bytes
    }

    /// The block hash: SHA-256 of ``encoded``.
    public var hash: [UInt8] { SHA256.hash(encoded) }

    func encode(into writer: inout ByteWriter) {
        writer.u8(Self.formatVersion)
        writer.u64(chainId)
        writer.u64(height)
        writer.fixed(parentHash)
        writer.u64(timestamp)
        writer.fixed(transactionsRoot)
        writer.fixed(receiptsRoot)
        writer.fixed(stateRoot)
        writer.address(proposer)
    }

    static func decode(from reader: inout ByteReader) throws(FormatError) -> BlockHeader {
        let formatOffset = reader.offset
        let format = try reader.u8("header.format")
        guard format == formatVersion else { throw reader.error("header.format", .unknownTag(format), at: formatOffset) }
        return BlockHeader(
            chainId: try reader.u64("header.chainId"), height: try reader.u64("header.height"),
            parentHash: try reader.fixed(32, "header.parentHash"), timestamp: try reader.u64("header.timestamp"),
            transactionsRoot: try reader.fixed(32, "header.transactionsRoot"), receiptsRoot: try reader.fixed(32, "header.receiptsRoot"),
            stateRoot: try reader.fixed(32, "header.stateRoot"), proposer: try reader.address("header.proposer"))
    }
}

/// A block: its header and its transactions' signed encodings, in execution order.
public struct Block: Sendable, Hashable {
    /// The header.
    public var header: BlockHeader
    /// The signed transaction encodings.
    public var transactions: [[UInt8]]

    /// Creates a block.
    public init(header: BlockHeader, transactions: [[UInt8]]) {
        self.header = header
        self.transactions = transactions
    }

    /// The block hash (the header's).
    public var hash: [UInt8] { header.hash }

    /// The canonical encoding: the header, then count u32 and each transaction (u32 length + bytes).
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        header.encode(into: &writer)
        writer.u32(UInt32(transactions.count))
        for transaction in transactions { writer.data(transaction) }
        return writer.bytes
    }

    /// Decodes ``encoded`` (transactions are kept as bytes; they are decoded when executed).
    public static func decode(_ bytes: [UInt8], limits: TransactionLimits = .v1) throws(FormatError) -> Block {
        var reader = ByteReader(bytes)
        let header = try BlockHeader.decode(from: &reader)
        var transactions: [[UInt8]] = []
        for _ in 0..<(try reader.count("transactions", limit: reader.remaining / 4)) {
            transactions.append(try reader.data("transaction", limit: limits.encodedSize))
        }
        try reader.finish("block")
        return Block(header: header, transactions: transactions)
    }
}
