import KeelJIT

/// Intel-syntax spellings of operands, for the text handed to the toolchain's assembler.
enum Intel {
    static let names64 = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"]

    static func name(_ r: GPR, _ size: OperandSize) -> String {
        let n = Int(r.rawValue)
        if n >= 8 {
            switch size {
            case .b64: return "r\(n)"
            case .b32: return "r\(n)d"
            case .b16: return "r\(n)w"
            case .b8: return "r\(n)b"
            }
        }
        let base = names64[n]
        switch size {
        case .b64: return base
        case .b32: return "e" + base.dropFirst()
        case .b16: return String(base.dropFirst())
        case .b8: return ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"][n]
        }
    }

    static func name(_ x: XMM) -> String { "xmm\(x.rawValue)" }

    static func ptr(_ size: OperandSize) -> String {
        switch size {
        case .b8: "byte ptr"
        case .b16: "word ptr"
        case .b32: "dword ptr"
        case .b64: "qword ptr"
        }
    }

    static func ptr(_ p: FloatPrecision) -> String { p == .single ? "dword ptr" : "qword ptr" }

    static func memory(_ a: Address) -> String {
        var terms: [String] = []
        if a.ripRelative { terms.append("rip") }
        if let base = a.base { terms.append(name(base, .b64)) }
        if let index = a.index { terms.append("\(name(index, .b64))*\(a.scale.factor)") }
        var text = terms.joined(separator: " + ")
        if terms.isEmpty {
            text = "\(a.displacement)"
        } else if a.displacement != 0 {
            text += a.displacement < 0 ? " - \(-Int(a.displacement))" : " + \(a.displacement)"
        }
        return "[\(text)]"
    }

    static func suffix(_ p: FloatPrecision) -> String { p == .single ? "ss" : "sd" }
    static func packedSuffix(_ p: FloatPrecision) -> String { p == .single ? "ps" : "pd" }

    static func condition(_ cc: ConditionCode) -> String { "\(cc)" }
}
