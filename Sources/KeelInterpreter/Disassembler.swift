extension CompiledFunction {
    /// The internal code as text, one instruction per line (for `keel inspect --ir` and tests).
    package var disassembly: [String] {
        (0..<count).map { k in
            let i = code[k]
            var line = "\(k): \(i.op)"
            if i.x != 0 { line += " x=\(i.x)" }
            line += " a=\(i.a) b=\(i.b) c=\(Int32(bitPattern: i.c))"
            return line
        }
    }
}
