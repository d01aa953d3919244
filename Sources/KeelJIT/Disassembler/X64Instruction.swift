/// One decoded x86-64 instruction: where it is, how long it is, and its Intel-syntax parts.
///
/// Bytes the decoder does not recognise decode as a one-byte `.byte` pseudo-instruction, so
/// decoding always makes progress.
public struct X64Instruction: Sendable, Equatable {
    /// Offset of the first byte in the decoded code.
    public var offset: Int
    /// Number of bytes the instruction occupies (at least 1).
    public var length: Int
    /// The mnemonic as llvm-objdump spells it in Intel syntax (`mov`, `cvttsd2si`), or `.byte`.
    public var mnemonic: String
    /// The operands, destination first.
    public var operands: [X64Operand]

    /// Whether the bytes were not recognised (the instruction is `.byte 0x..`).
    public var isUnknown: Bool { mnemonic == ".byte" }

    /// The offset a relative jump or call goes to, if it is one.
    public var branchTarget: Int? {
        for operand in operands {
            if case .target(let target) = operand { return target }
        }
        return nil
    }

    /// Intel syntax in llvm-objdump's spelling (`add dword ptr [rbx + 4*r13 + 0x10], -0x1`);
    /// branch targets named in `labels` print as the label, others as a hex offset.
    public func text(labels: [Int: String] = [:]) -> String {
        operands.isEmpty ? mnemonic : mnemonic + " " + operands.map { $0.text(labels: labels) }.joined(separator: ", ")
    }
}

/// A register as an instruction names it.
public enum X64Register: Sendable, Equatable {
    /// A general register (number 0...15) used at a width.
    case gpr(UInt8, OperandSize)
    /// ah, ch, dh or bh (byte registers 4...7 without a REX prefix).
    case highByte(UInt8)
    /// xmm0...xmm15.
    case xmm(UInt8)

    /// The register's Intel name.
    public var name: String {
        switch self {
        case .gpr(let n, let size): Self.gprName(Int(n & 15), size)
        case .highByte(let n): ["ah", "ch", "dh", "bh"][Int(n & 3)]
        case .xmm(let n): "xmm\(n & 15)"
        }
    }

    private static let legacy = ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"]

    static func gprName(_ n: Int, _ size: OperandSize) -> String {
        if n >= 8 {
            switch size {
            case .b64: return "r\(n)"
            case .b32: return "r\(n)d"
            case .b16: return "r\(n)w"
            case .b8: return "r\(n)b"
            }
        }
        switch size {
        case .b64: return "r" + legacy[n]
        case .b32: return "e" + legacy[n]
        case .b16: return legacy[n]
        case .b8: return ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"][n]
        }
    }
}

/// A memory operand `[base + scale*index + displacement]` or `[rip + displacement]`.
public struct X64MemoryOperand: Sendable, Equatable {
    /// Base register number (0...15), nil for none or RIP-relative.
    public var base: UInt8?
    /// Index register number (0...15), nil for none.
    public var index: UInt8?
    /// Whether a SIB byte names no index where it did not need to (llvm-objdump shows `riz`).
    public var rizIndex: Bool = false
    /// Index scale: 1, 2, 4 or 8.
    public var scale: Int
    /// Signed displacement (from the instruction's end when RIP-relative).
    public var displacement: Int32
    /// Whether the address is RIP-relative.
    public var ripRelative: Bool
    /// Bytes accessed, for the `ptr` annotation; nil for `lea`, which accesses none.
    public var width: Int?

    /// `qword ptr [rsp + 0x8]`.
    public var text: String {
        var terms: [String] = []
        if ripRelative { terms.append("rip") }
        if let base { terms.append(X64Register.gprName(Int(base), .b64)) }
        if let name = rizIndex ? "riz" : index.map({ X64Register.gprName(Int($0), .b64) }) {
            terms.append(scale == 1 && base != nil ? name : "\(scale)*\(name)")
        }
        var inside = terms.joined(separator: " + ")
        if terms.isEmpty {
            inside = hex(Int64(displacement))
        } else if displacement != 0 {
            inside += displacement < 0 ? " - " + hex(-Int64(displacement)) : " + " + hex(Int64(displacement))
        }
        guard let width else { return "[\(inside)]" }
        let ptr =
            switch width {
            case 1: "byte ptr "
            case 2: "word ptr "
            case 4: "dword ptr "
            case 8: "qword ptr "
            default: "xmmword ptr "
            }
        return ptr + "[\(inside)]"
    }
}

/// An instruction operand.
public enum X64Operand: Sendable, Equatable {
    /// A register.
    case register(X64Register)
    /// A memory operand (the effective address alone for `lea`).
    case memory(X64MemoryOperand)
    /// An immediate, already extended the way llvm-objdump shows it (8-bit and 64-bit-operand
    /// immediates signed, 16- and 32-bit ones as unsigned values of their width).
    case immediate(Int64)
    /// A relative branch's destination, as an offset in the decoded code.
    case target(Int)
    /// An unrecognised byte (the operand of `.byte`).
    case byte(UInt8)

    /// The operand in Intel syntax.
    public func text(labels: [Int: String] = [:]) -> String {
        switch self {
        case .register(let r): r.name
        case .memory(let m): m.text
        case .immediate(let value): hex(value)
        case .target(let target): labels[target] ?? hex(Int64(target))
        case .byte(let b): "0x" + (b < 16 ? "0" : "") + String(b, radix: 16)
        }
    }
}

/// `0x1f`, `-0x80`, as llvm-objdump prints numbers.
func hex(_ value: Int64) -> String {
    value < 0 ? "-0x" + String(value.magnitude, radix: 16) : "0x" + String(value, radix: 16)
}
