import KeelCrypto
import KeelState

extension ChainFile {
    /// Decodes a chain file, checking its magic, version, every record's checksum and
    /// decoding, that the genesis comes first, that blocks are consecutive from height 0,
    /// and that the end record names the last block.
    ///
    /// - Throws: ``ChainFileError`` naming the byte offset, the record and what is wrong.
    public static func decode(_ bytes: [UInt8]) throws(ChainFileError) -> ChainFile {
        let headerSize = magic.count + 4
        guard bytes.count >= headerSize else {
            throw ChainFileError(offset: bytes.count, record: "file header", reason: "the file is \(bytes.count) bytes, shorter than the \(headerSize)-byte header")
        }
        guard Array(bytes[0..<magic.count]) == magic else {
            throw ChainFileError(
                offset: 0, record: "file header",
                reason: "not a Keel chain file: it starts with 0x\(Hex.encode(Array(bytes[0..<magic.count]))), expected \"KEELCHN\\n\"")
        }
        let version = Self.u32(bytes, at: magic.count)
        guard version == formatVersion else {
            throw ChainFileError(
                offset: magic.count, record: "file header",
                reason: "format version \(version) is not supported (this build reads version \(formatVersion))")
        }
        var offset = headerSize, index = 0
        var genesis: Genesis?, blocks: [RecordedBlock] = [], ended = false
        while offset < bytes.count {
            var name = "record \(index)"
            guard !ended else { throw ChainFileError(offset: offset, record: name, reason: "\(bytes.count - offset) bytes follow the end record") }
            guard bytes.count - offset >= 5 else {
                throw ChainFileError(offset: offset, record: name, reason: "truncated: the record's kind and length need 5 bytes, \(bytes.count - offset) remain")
            }
            let kindByte = bytes[offset], length = Int(Self.u32(bytes, at: offset + 1))
            let kind = Kind(rawValue: kindByte)
            let suffix: String = switch kind {
            case .genesis: " (genesis)"
            case .block: " (block \(blocks.count))"
            case .end: " (end)"
            case nil: ""
            }
            name += suffix
            let payloadStart = offset + 5
            let needed = 5 + length + 32
            guard bytes.count - offset >= needed else {
                throw ChainFileError(
                    offset: offset, record: name, reason: "truncated: the record needs \(needed) bytes, \(bytes.count - offset) remain")
            }
            let checksum = Array(bytes[(payloadStart + length)..<(offset + needed)])
            guard SHA256.hash(Array(bytes[offset..<(payloadStart + length)])) == checksum else {
                throw ChainFileError(offset: payloadStart + length, record: name, reason: "checksum mismatch: the record is corrupt")
            }
            let payload = Array(bytes[payloadStart..<(payloadStart + length)])
            func fail(_ reason: String, at position: Int = payloadStart) -> ChainFileError {
                ChainFileError(offset: position, record: name, reason: reason)
            }
            switch kind {
            case nil: throw fail("unknown record kind 0x\(Hex.encode([kindByte]))", at: offset)
            case .genesis:
                guard genesis == nil else { throw fail("a second genesis record", at: offset) }
                genesis = try decoded(payloadStart, name) { () throws(FormatError) in try Genesis.decode(payload) }
            case .block:
                guard let genesis else { throw fail("a block before the genesis record", at: offset) }
                let recorded = try blockRecord(payload, at: payloadStart, name: name, limits: genesis.parameters.transactionLimits)
                let height = recorded.block.header.height
                guard height == UInt64(blocks.count) else {
                    throw fail("block height \(height), expected \(blocks.count) (blocks are consecutive from 0)")
                }
                blocks.append(recorded)
            case .end:
                guard genesis != nil, !blocks.isEmpty else { throw fail("the end record comes before the genesis and its block", at: offset) }
                guard length == 40 else { throw fail("the end record's payload is \(length) bytes, expected 40") }
                let count = Self.u64(payload, at: 0)
                guard count == UInt64(blocks.count) else { throw fail("the end record counts \(count) blocks, the file holds \(blocks.count)") }
                guard Array(payload[8...]) == blocks[blocks.count - 1].block.hash else {
                    throw fail("the end record's head hash is not the last block's", at: payloadStart + 8)
                }
                ended = true
            }
            offset += needed
            index += 1
        }
        guard ended, let genesis else {
            throw ChainFileError(
                offset: bytes.count, record: "record \(index)",
                reason: "the file ends without an end record (truncated after \(blocks.count) blocks)")
        }
        return ChainFile(genesis: genesis, blocks: blocks)
    }

    /// A block record: `bytes` block ‖ `bytes` receipts ‖ `bytes` write sets.
    private static func blockRecord(_ payload: [UInt8], at start: Int, name: String, limits: TransactionLimits) throws(ChainFileError) -> RecordedBlock {
        var reader = ByteReader(payload)
        func part(_ field: String) throws(ChainFileError) -> (bytes: [UInt8], offset: Int) {
            let offset = start + reader.offset + 4
            let bytes = try decoded(start, name) { () throws(FormatError) in try reader.data(field, limit: reader.remaining) }
            return (bytes, offset)
        }
        let (blockBytes, blockOffset) = try part("block")
        let (receiptBytes, receiptOffset) = try part("receipts")
        let (writeSetBytes, writeSetOffset) = try part("writeSets")
        try decoded(start, name) { () throws(FormatError) in try reader.finish("block record") }
        return RecordedBlock(
            block: try decoded(blockOffset, name) { () throws(FormatError) in try Block.decode(blockBytes, limits: limits) },
            receipts: try receipts(receiptBytes, at: receiptOffset, name: name),
            writeSets: try decoded(writeSetOffset, name) { () throws(FormatError) in try ChainRecords.decodeWriteSets(writeSetBytes) })
    }

    /// The receipts part (`u32` count, each receipt as `bytes`), decoded so that an error
    /// names the offset of the bad byte in the file.
    private static func receipts(_ bytes: [UInt8], at start: Int, name: String) throws(ChainFileError) -> [Receipt] {
        var reader = ByteReader(bytes)
        let count = try decoded(start, name) { () throws(FormatError) in try reader.count("receipts", limit: reader.remaining / 4) }
        var receipts: [Receipt] = []
        for _ in 0..<count {
            let offset = start + reader.offset + 4
            let encoding = try decoded(start, name) { () throws(FormatError) in try reader.data("receipt", limit: reader.remaining) }
            receipts.append(try decoded(offset, name) { () throws(FormatError) in try Receipt.decode(encoding) })
        }
        try decoded(start, name) { () throws(FormatError) in try reader.finish("receipts") }
        return receipts
    }

    /// Runs a decoder over bytes that start at `base` in the file, turning its error into a
    /// ``ChainFileError`` at the file offset.
    private static func decoded<T>(_ base: Int, _ name: String, _ decode: () throws(FormatError) -> T) throws(ChainFileError) -> T {
        do { return try decode() } catch {
            let prefix = "\(error.field) at byte \(error.offset): "
            let what = error.description.hasPrefix(prefix) ? String(error.description.dropFirst(prefix.count)) : error.description
            throw ChainFileError(offset: base + error.offset, record: name, reason: "\(error.field): \(what)")
        }
    }

    private static func u32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func u64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        bytes[offset..<(offset + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
}
