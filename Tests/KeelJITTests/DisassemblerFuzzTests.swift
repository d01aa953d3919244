import KeelDifferential
import KeelJIT
import Testing

/// The decoder on arbitrary bytes: it terminates, covers every byte exactly once, and where it
/// recognises an instruction, llvm-objdump decodes the same bytes the same way.
@Suite("X64Decoder on random bytes")
struct DisassemblerFuzzTests {
    /// Random bytes biased toward what the decoder knows: prefixes, REX, escapes, opcodes.
    static func sample(_ random: inout SplitMix64) -> [UInt8] {
        var bytes: [UInt8] = []
        let interesting: [UInt8] = [0x66, 0xF2, 0xF3, 0x0F, 0x3A, 0x48, 0x4C, 0x41, 0x45, 0x40, 0x44, 0x24, 0x25, 0x05, 0x84, 0x80]
        for _ in 0..<Int.random(in: 1...24, using: &random) {
            bytes.append(Bool.random(using: &random) ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random))
        }
        return bytes
    }

    @Test func randomBytesDecodeWithoutCrashingAndCoverEveryByte() {
        var random = SplitMix64(seed: 12)
        var recognised = 0, total = 0
        for _ in 0..<50_000 {
            let bytes = Self.sample(&random)
            let instructions = X64Decoder.decodeAll(bytes)
            var offset = 0
            for instruction in instructions {
                #expect(instruction.offset == offset && instruction.length >= 1 && instruction.length <= 15)
                #expect(!instruction.text().isEmpty)
                offset += instruction.length
                total += 1
                if !instruction.isUnknown { recognised += 1 }
            }
            #expect(offset == bytes.count)
            _ = X64Listing.lines(bytes)
        }
        #expect(recognised > total / 10, "only \(recognised) of \(total) instructions recognised: the bias is off")
    }

    @Test func randomJumpTablesWalkWithoutCrashingAndCoverEveryByte() {
        // `lea r11, [rip + d]; jmp r11` then random bytes: tables that point anywhere, into
        // themselves, out of the code, or end in the middle of an entry.
        var random = SplitMix64(seed: 7)
        var tables = 0
        for _ in 0..<20_000 {
            let d = Int32.random(in: -12...24, using: &random)
            var bytes: [UInt8] = [0x4C, 0x8D, 0x1D] + withUnsafeBytes(of: d.littleEndian, Array.init) + [0x41, 0xFF, 0xE3]
            while bytes.count < 7 + Int(d) && Bool.random(using: &random) || bytes.count < 7 + Int(d) - 1 { bytes.append(0x90) }
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                bytes += withUnsafeBytes(of: Int32.random(in: -20...60, using: &random).littleEndian, Array.init)
            }
            for _ in 0..<Int.random(in: 0...20, using: &random) { bytes.append(UInt8.random(in: 0...255, using: &random)) }
            let items = X64CodeWalk.items(bytes)
            var offset = 0
            for item in items {
                #expect(item.offset == offset && item.length >= 1)
                offset += item.length
                if case .tableEntry(_, _, let target) = item {
                    #expect(target >= 0 && target < bytes.count)
                    tables += 1
                }
            }
            #expect(offset == bytes.count)
            _ = X64Listing.lines(bytes)
        }
        #expect(tables > 1000, "only \(tables) table entries recognised")
    }

    @Test func recognisedRandomInstructionsMatchLLVMObjdump() throws {
        // Each sample starts at its own symbol, where llvm-objdump restarts decoding.
        var random = SplitMix64(seed: 99)
        var samples: [[UInt8]] = []
        while samples.count < 20_000 {
            let bytes = Self.sample(&random)
            if !X64Decoder.decode(bytes, at: 0).isUnknown { samples.append(bytes) }
        }
        var source = [".text"]
        var starts: [Int] = []
        var offset = 0
        for (k, bytes) in samples.enumerated() {
            starts.append(offset)
            source.append("s\(k):")
            source.append(".byte " + bytes.map { "0x" + String($0, radix: 16) }.joined(separator: ","))
            offset += bytes.count
        }
        let theirs = try Toolchain.assembleAndDisassemble(source.joined(separator: "\n") + "\n")
        var theirText: [Int: (String, Int)] = [:]
        for (k, entry) in theirs.enumerated() {
            let next = k + 1 < theirs.count ? theirs[k + 1].offset : offset
            theirText[entry.offset] = (entry.text, next - entry.offset)
        }
        var failures: [String] = []
        for (k, bytes) in samples.enumerated() {
            let ours = X64Decoder.decode(bytes, at: 0)
            let hex = bytes.prefix(ours.length).map { String($0, radix: 16) }.joined(separator: " ")
            guard let (text, length) = theirText[starts[k]] else {
                failures.append("[\(hex)]: llvm-objdump has no instruction here")
                continue
            }
            // Relative targets differ by the sample's placement; compare the rest.
            let expected = ours.branchTarget == nil ? text : String(text.split(separator: " ")[0])
            let got = ours.branchTarget == nil ? ours.text() : ours.mnemonic
            // llvm-objdump's length is to the next instruction it found, which may be in the next sample.
            if got != expected || (ours.length != length && ours.length < bytes.count) {
                failures.append("[\(hex)]: decoded '\(ours.text())' (\(ours.length) bytes), llvm-objdump '\(text)' (\(length))")
            }
        }
        #expect(failures.count == 0, "\(failures.count) of \(samples.count) differ:\n\(failures.prefix(40).joined(separator: "\n"))")
    }
}
