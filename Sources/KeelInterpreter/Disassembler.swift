extension CompiledFunction {
    /// The internal code as text, one instruction per line (for `keel run --dump-ir` and tests).
    /// The extension word after an `...Imm64` instruction shows as its 64-bit constant.
    package var disassembly: [String] {
        (0..<count).map { k in
            let i = code[k]
            if k > 0, code[k - 1].op.hasExtensionWord {
                return "\(k):   (64-bit immediate \(Int64(bitPattern: i.b64)))"
            }
            var line = "\(k): \(i.op)"
            if i.x != 0 { line += " x=\(i.x)" }
            line += " a=\(i.a) b=\(i.b) c=\(Int32(bitPattern: i.c))"
            return line
        }
    }
}
