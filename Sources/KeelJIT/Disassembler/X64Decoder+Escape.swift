extension DecodeCursor {
    /// The two-byte opcode map (`0F xx`): integer forms, then the SSE ones.
    mutating func escape0F(_ opcode: UInt8) -> (String, [X64Operand])? {
        switch opcode {
        case 0x0B: return ("ud2", [])
        case 0xA2: return ("cpuid", [])
        case 0x1F:
            let size = operandSize()
            guard let m = modRM(width: Int(size.rawValue)), m.reg & 7 == 0 else { return nil }
            return ("nop", [rmOperand(m, size)])
        case 0x40...0x4F:
            let size = operandSize()
            guard let m = modRM(width: Int(size.rawValue)) else { return nil }
            return ("cmov" + conditionNames[Int(opcode & 15)], [gpr(m.reg, size), rmOperand(m, size)])
        case 0x80...0x8F:
            guard let target = relative(4) else { return nil }
            return ("j" + conditionNames[Int(opcode & 15)], [target])
        case 0x90...0x9F:
            guard let m = modRM(width: 1) else { return nil }
            return ("set" + conditionNames[Int(opcode & 15)], [rmOperand(m, .b8)])
        case 0xAF:
            let size = operandSize()
            guard let m = modRM(width: Int(size.rawValue)) else { return nil }
            return ("imul", [gpr(m.reg, size), rmOperand(m, size)])
        case 0xB6, 0xB7, 0xBE, 0xBF:
            let size = operandSize(), from: OperandSize = opcode & 1 == 0 ? .b8 : .b16
            guard let m = modRM(width: Int(from.rawValue)) else { return nil }
            return (opcode < 0xBE ? "movzx" : "movsx", [gpr(m.reg, size), rmOperand(m, from)])
        case 0xB8, 0xBC, 0xBD:
            return bitCount(opcode)
        case 0xC8...0xCF:
            return ("bswap", [.register(.gpr((opcode & 7) | (rex.b << 3), rex.w ? .b64 : .b32))])
        default:
            return sse(opcode)
        }
    }

    /// `popcnt`/`tzcnt`/`lzcnt` (with 0xF3) and `bsf`/`bsr` (without).
    mutating func bitCount(_ opcode: UInt8) -> (String, [X64Operand])? {
        let counting = repPrefix == 0xF3
        if counting { repPrefixUsed = true }
        let name: String
        switch opcode {
        case 0xB8:
            guard counting else { return nil }
            name = "popcnt"
        case 0xBC: name = counting ? "tzcnt" : "bsf"
        default: name = counting ? "lzcnt" : "bsr"
        }
        let size = operandSize()
        guard let m = modRM(width: Int(size.rawValue)) else { return nil }
        return (name, [gpr(m.reg, size), rmOperand(m, size)])
    }

    /// Scalar and packed SSE/SSE2 forms, selected by their mandatory prefix.
    mutating func sse(_ opcode: UInt8) -> (String, [X64Operand])? {
        let prefix = mandatoryPrefix()
        let scalar = prefix == 0xF3 ? "ss" : prefix == 0xF2 ? "sd" : nil
        let packed = prefix == 0 ? "ps" : prefix == 0x66 ? "pd" : nil
        let scalarWidth = prefix == 0xF3 ? 4 : 8
        switch opcode {
        case 0x10, 0x11:
            let name = scalar.map { "mov" + $0 } ?? "movu" + packed!
            guard let m = modRM(width: scalar == nil ? 16 : scalarWidth) else { return nil }
            let r = X64Operand.register(.xmm(m.reg)), rm = rmXMM(m)
            return (name, opcode == 0x10 ? [r, rm] : [rm, r])
        case 0x28, 0x29:
            guard let packed, let m = modRM(width: 16) else { return nil }
            let r = X64Operand.register(.xmm(m.reg)), rm = rmXMM(m)
            return ("mova" + packed, opcode == 0x28 ? [r, rm] : [rm, r])
        case 0x2A:
            guard let scalar else { return nil }
            let size: OperandSize = rex.w ? .b64 : .b32
            guard let m = modRM(width: Int(size.rawValue)) else { return nil }
            return ("cvtsi2" + scalar, [.register(.xmm(m.reg)), rmOperand(m, size)])
        case 0x2C, 0x2D:
            guard let scalar else { return nil }
            let size: OperandSize = rex.w ? .b64 : .b32
            guard let m = modRM(width: scalarWidth) else { return nil }
            return ((opcode == 0x2C ? "cvtt" : "cvt") + scalar + "2si", [gpr(m.reg, size), rmXMM(m)])
        case 0x2E, 0x2F:
            guard let packed, let m = modRM(width: packed == "ps" ? 4 : 8) else { return nil }
            return ((opcode == 0x2E ? "ucomi" : "comi") + (packed == "ps" ? "ss" : "sd"), [.register(.xmm(m.reg)), rmXMM(m)])
        case 0x51, 0x58, 0x59, 0x5C, 0x5D, 0x5E, 0x5F:
            let name =
                switch opcode {
                case 0x51: "sqrt"
                case 0x58: "add"
                case 0x59: "mul"
                case 0x5C: "sub"
                case 0x5D: "min"
                case 0x5E: "div"
                default: "max"
                }
            guard let m = modRM(width: scalar == nil ? 16 : scalarWidth) else { return nil }
            return (name + (scalar ?? packed!), [.register(.xmm(m.reg)), rmXMM(m)])
        case 0x54, 0x55, 0x56, 0x57:
            guard let packed, let m = modRM(width: 16) else { return nil }
            return (["and", "andn", "or", "xor"][Int(opcode - 0x54)] + packed, [.register(.xmm(m.reg)), rmXMM(m)])
        case 0x5A:
            guard let scalar, let m = modRM(width: scalarWidth) else { return nil }
            return (scalar == "ss" ? "cvtss2sd" : "cvtsd2ss", [.register(.xmm(m.reg)), rmXMM(m)])
        case 0x6E, 0x7E:
            guard prefix == 0x66 else { return nil }
            let size: OperandSize = rex.w ? .b64 : .b32
            guard let m = modRM(width: Int(size.rawValue)) else { return nil }
            let x = X64Operand.register(.xmm(m.reg)), r = rmOperand(m, size)
            return (rex.w ? "movq" : "movd", opcode == 0x6E ? [x, r] : [r, x])
        default:
            return nil
        }
    }

    /// The `0F 3A` map: SSE4.1 `roundss`/`roundsd`.
    mutating func escape3A(_ opcode: UInt8) -> (String, [X64Operand])? {
        guard opcode == 0x0A || opcode == 0x0B, mandatoryPrefix() == 0x66 else { return nil }
        guard let m = modRM(width: opcode == 0x0A ? 4 : 8), let imm = signed(1) else { return nil }
        return (opcode == 0x0A ? "roundss" : "roundsd", [.register(.xmm(m.reg)), rmXMM(m), .immediate(imm & 0xFF)])
    }
}
