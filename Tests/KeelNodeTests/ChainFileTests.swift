import Foundation
import Keel
import KeelCrypto
import KeelNode
import KeelState
import Testing

@Suite struct ChainFileTests {
    /// Importing the recorded chain (every block re-executed and verified) and exporting it
    /// again gives the same bytes, through a LevelDB data directory.
    @Test(arguments: Backend.available) func exportImportExportIsByteIdentical(backend: Backend) throws {
        let bytes = try recordedChainBytes()
        let directory = TemporaryDirectory()
        var heights: [UInt64] = []
        do {
            let chain = try ChainFile.decode(bytes).importChain(into: try LevelDBStore(path: directory.path, createIfMissing: true), backend: backend) {
                heights.append($0.height)
            }
            #expect(chain.head.height == 120 && heights.count == 120)
        }
        let reopened = try Chain.open(directory: directory.path, backend: backend)
        #expect(try ChainFile(history: reopened).encoded == bytes)
        #expect(Hex.encode(reopened.head.stateRoot) == RecordedChainPins.headStateRoot)
    }

    /// An import stops at a block that does not re-execute as the file records.
    @Test(arguments: Backend.available) func importRefusesADivergentFile(backend: Backend) throws {
        var file = try recordedChain()
        file.blocks[64].receipts[0].returnData = [1]
        #expect {
            _ = try file.importChain(into: MemoryStore(), backend: backend)
        } throws: { error in
            guard case ReplayError.divergence(let divergence) = error else { return false }
            return divergence.height == 64 && divergence.transaction?.index == 0 && divergence.fields.map(\.name) == ["returnData"]
        }
        let store = MemoryStore()
        _ = try Chain.create(store: store, genesis: try file.genesis(), backend: backend)
        #expect(throws: ChainError.alreadyInitialized) { try recordedChain().importChain(into: store, backend: backend) }
    }

    /// Each kind of damage is refused with the offset and record named.
    @Test func malformedFilesAreRejectedWithReasons() throws {
        let bytes = try recordedChainBytes()
        func error(_ damaged: [UInt8]) -> ChainFileError? {
            do {
                _ = try ChainFile.decode(damaged)
                return nil
            } catch { return error }
        }
        // Header.
        #expect(error(Array(bytes.prefix(7)))?.reason == "the file is 7 bytes, shorter than the 12-byte header")
        var magic = bytes
        magic[0] = 0x50
        #expect(error(magic) == ChainFileError(offset: 0, record: "file header", reason: "not a Keel chain file: it starts with 0x5045454c43484e0a, expected \"KEELCHN\\n\""))
        var version = bytes
        version[8] = 2
        #expect(error(version) == ChainFileError(offset: 8, record: "file header", reason: "format version 2 is not supported (this build reads version 1)"))

        // Record framing: where the genesis record's payload lies.
        let genesisLength = Int(bytes[13]) | Int(bytes[14]) << 8 | Int(bytes[15]) << 16 | Int(bytes[16]) << 24
        let firstBlock = 12 + 5 + genesisLength + 32
        let truncated = try #require(error(Array(bytes.prefix(firstBlock + 100))))
        #expect(truncated.offset == firstBlock && truncated.record == "record 1 (block 0)")
        #expect(truncated.reason.hasPrefix("truncated: the record needs"))
        #expect(error(Array(bytes.prefix(firstBlock)))?.reason == "the file ends without an end record (truncated after 0 blocks)")
        #expect(error(Array(bytes.dropLast()))?.record == "record 122 (end)")

        var flipped = bytes
        flipped[firstBlock + 40] ^= 1
        let corrupt = try #require(error(flipped))
        #expect(corrupt.record == "record 1 (block 0)" && corrupt.reason == "checksum mismatch: the record is corrupt")
        #expect(corrupt.description.hasPrefix("chain file: record 1 (block 0) at byte "))

        var kind = bytes
        kind[firstBlock] = 0x07
        #expect(error(rechecksummed(kind, at: firstBlock)) == ChainFileError(offset: firstBlock, record: "record 1", reason: "unknown record kind 0x07"))

        #expect(error(bytes + [0])?.reason == "1 bytes follow the end record")
    }

    /// Records that frame correctly but do not make a chain: blocks out of order, a payload
    /// that does not decode (field named at its file offset), a mismatched end record.
    @Test func inconsistentRecordsAreRejected() throws {
        let file = try recordedChain()
        var swapped = file
        swapped.blocks.swapAt(3, 4)
        let order = try #require(decodeError(swapped.encoded))
        #expect(order.record == "record 4 (block 3)" && order.reason == "block height 4, expected 3 (blocks are consecutive from 0)")

        // A receipt whose status tag is unknown: the offset points at that byte.
        var bytes = file.encoded
        let receipt = file.blocks[1].receipts[0].encoded
        let at = try #require(firstIndex(of: receipt, in: bytes))
        bytes[at] = 9
        let start = recordStart(containing: at, in: bytes)
        let bad = try #require(decodeError(rechecksummed(bytes, at: start)))
        #expect(bad.offset == at && bad.record == "record 2 (block 1)" && bad.reason == "status: unknown tag 0x9")

        let noBlocks = ChainFile(genesis: file.genesisRecord, blocks: [file.blocks[0]]).encoded
        var end = noBlocks
        end[end.count - 32 - 40] = 2  // the end record counts 2 blocks
        let count = try #require(decodeError(rechecksummed(end, at: end.count - 32 - 40 - 5)))
        #expect(count.reason == "the end record counts 2 blocks, the file holds 1")
    }

    private func decodeError(_ bytes: [UInt8]) -> ChainFileError? {
        do {
            _ = try ChainFile.decode(bytes)
            return nil
        } catch { return error }
    }

    /// The offset where the record holding byte `position` starts.
    private func recordStart(containing position: Int, in bytes: [UInt8]) -> Int {
        var offset = 12
        while true {
            let length = Int(bytes[offset + 1]) | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3]) << 16 | Int(bytes[offset + 4]) << 24
            if position < offset + 5 + length + 32 { return offset }
            offset += 5 + length + 32
        }
    }

    /// `bytes` with the checksum of the record at `start` recomputed (a deliberate edit).
    private func rechecksummed(_ bytes: [UInt8], at start: Int) -> [UInt8] {
        let length = Int(bytes[start + 1]) | Int(bytes[start + 2]) << 8 | Int(bytes[start + 3]) << 16 | Int(bytes[start + 4]) << 24
        var result = bytes
        let end = start + 5 + length
        result.replaceSubrange(end..<(end + 32), with: SHA256.hash(Array(bytes[start..<end])))
        return result
    }

    private func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
