import KeelJIT
import Testing

/// The decoder checked against llvm-objdump: every form in `EncoderTable` is encoded, and our
/// decoding of those bytes must match llvm-objdump's, instruction by instruction, in length
/// and text (Intel syntax, whitespace normalized, RIP-relative target comments dropped).
@Suite("X64Decoder against llvm-objdump")
struct DisassemblerToolchainTests {
    @Test func everyEncoderFormDecodesAsLLVMObjdumpDoes() throws {
        let cases = EncoderTable.all
        let (bytes, starts) = EncoderTable.encodeAll()
        let theirs = try Toolchain.assembleAndDisassemble(EncoderToolchainTests.byteSource(bytes))
        var theirText: [Int: String] = [:]
        for (offset, text) in theirs { theirText[offset] = text }
        var ours: [Int: X64Instruction] = [:]
        for instruction in X64Decoder.decodeAll(bytes) { ours[instruction.offset] = instruction }

        var lengthOrMnemonic: [String] = [], operands: [String] = []
        for (i, c) in cases.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1] : bytes.count
            let hex = bytes[starts[i]..<end].map { String($0, radix: 16) }.joined(separator: " ")
            guard let got = ours[starts[i]], let expected = theirText[starts[i]] else {
                lengthOrMnemonic.append("#\(i) \(c.text) [\(hex)]: no instruction starts at \(starts[i])")
                continue
            }
            let expectedMnemonic = expected.split(separator: " ").first.map(String.init) ?? ""
            if got.length != end - starts[i] || got.mnemonic != expectedMnemonic {
                lengthOrMnemonic.append("#\(i) \(c.text) [\(hex)]: decoded '\(got.text())' (\(got.length) bytes), llvm-objdump '\(expected)'")
            } else if got.text() != expected {
                operands.append("#\(i) \(c.text) [\(hex)]: decoded '\(got.text())', llvm-objdump '\(expected)'")
            }
        }
        #expect(lengthOrMnemonic.count == 0, "\(lengthOrMnemonic.count) of \(cases.count) forms differ in length or mnemonic:\n\(lengthOrMnemonic.prefix(40).joined(separator: "\n"))")
        #expect(operands.count == 0, "\(operands.count) of \(cases.count) forms differ in operands:\n\(operands.prefix(40).joined(separator: "\n"))")
        #expect(cases.count > 5000)
    }
}
