import KeelJIT
import Testing

/// The encoder checked against the toolchain: every form in `EncoderTable` is assembled from
/// its Intel-syntax text by clang's integrated assembler, and our bytes are disassembled by
/// llvm-objdump; the two disassemblies must agree instruction by instruction (text, not
/// bytes, since the assembler may pick a shorter equivalent form).
@Suite("X64Encoder against clang and llvm-objdump")
struct EncoderToolchainTests {
    @Test func everyFormDisassemblesAsItsText() throws {
        let cases = EncoderTable.all
        let (bytes, starts) = EncoderTable.encodeAll()
        let ours = try Toolchain.assembleAndDisassemble(Self.byteSource(bytes))
        let theirs = try Toolchain.assembleAndDisassemble(".intel_syntax noprefix\n" + cases.map(\.text).joined(separator: "\n") + "\n")

        #expect(theirs.count == cases.count, "the assembler produced \(theirs.count) instructions for \(cases.count) lines")
        var ourText: [Int: String] = [:]
        for (offset, text) in ours { ourText[offset] = text }
        var failures: [String] = []
        for (i, c) in cases.enumerated() where i < theirs.count {
            let end = i + 1 < starts.count ? starts[i + 1] : bytes.count
            let hex = bytes[starts[i]..<end].map { String($0, radix: 16) }.joined(separator: " ")
            guard let got = ourText[starts[i]] else {
                failures.append("#\(i) \(c.text): no instruction starts at our offset \(starts[i]) (bytes \(hex))")
                continue
            }
            if got != theirs[i].text {
                failures.append("#\(i) \(c.text): ours [\(hex)] disassembles as '\(got)', the assembler's as '\(theirs[i].text)'")
            }
        }
        let report = failures.prefix(40).joined(separator: "\n")
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) forms differ:\n\(report)")
        #expect(cases.count > 5000)
    }

    /// A `.s` file holding `bytes` as `.byte` directives.
    static func byteSource(_ bytes: [UInt8]) -> String {
        var lines = [".text"]
        var i = 0
        while i < bytes.count {
            let chunk = bytes[i..<min(i + 32, bytes.count)]
            lines.append(".byte " + chunk.map { "0x" + String($0, radix: 16) }.joined(separator: ","))
            i += 32
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
