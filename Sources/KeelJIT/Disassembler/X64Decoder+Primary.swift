/// Condition-code suffixes in encoding order, as in `jcc`/`setcc`/`cmovcc`.
let conditionNames = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"]

extension DecodeCursor {
    static let aluNames = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"]
    static let shiftNames: [String?] = ["rol", "ror", "rcl", "rcr", "shl", "shr", nil, "sar"]
    static let group3Names: [String?] = ["test", nil, "not", "neg", "mul", "imul", "div", "idiv"]

    /// The one-byte opcode map.
    mutating func primary(_ opcode: UInt8) -> (String, [X64Operand])? {
        switch opcode {
        case 0x00...0x3F where opcode & 7 < 6:
            return alu(Self.aluNames[Int(opcode >> 3)], form: opcode & 7)
        case 0x50...0x57: return ("push", [.register(.gpr((opcode & 7) | (rex.b << 3), .b64))])
        case 0x58...0x5F: return ("pop", [.register(.gpr((opcode & 7) | (rex.b << 3), .b64))])
        case 0x63:
            let size = operandSize()
            guard let m = modRM(width: 4) else { return nil }
            return ("movsxd", [gpr(m.reg, size), rmOperand(m, .b32)])
        case 0x69, 0x6B:
            let size = operandSize()
            guard let m = modRM(width: Int(size.rawValue)), let imm = immediate(size, byteImmediate: opcode == 0x6B) else { return nil }
            return ("imul", [gpr(m.reg, size), rmOperand(m, size), imm])
        case 0x70...0x7F:
            guard let target = relative(1) else { return nil }
            return ("j" + conditionNames[Int(opcode & 15)], [target])
        case 0x80, 0x81, 0x83:
            let size = operandSize(byteForm: opcode == 0x80)
            guard let m = modRM(width: Int(size.rawValue)), let imm = immediate(size, byteImmediate: opcode == 0x83) else { return nil }
            return (Self.aluNames[Int(m.reg & 7)], [rmOperand(m, size), imm])
        case 0x84, 0x85:
            let size = operandSize(byteForm: opcode == 0x84)
            guard let m = modRM(width: Int(size.rawValue)) else { return nil }
            return ("test", [rmOperand(m, size), gpr(m.reg, size)])
        case 0x88...0x8B:
            let size = operandSize(byteForm: opcode & 1 == 0)
            guard let m = modRM(width: Int(size.rawValue)) else { return nil }
            let r = gpr(m.reg, size), rm = rmOperand(m, size)
            return ("mov", opcode & 2 == 0 ? [rm, r] : [r, rm])
        case 0x8D:
            let size = operandSize()
            guard let m = modRM(width: nil), m.memory != nil else { return nil }
            return ("lea", [gpr(m.reg, size), rmOperand(m, size)])
        case 0x90 where rex.b == 0:
            sizePrefixUsed = true
            return ("nop", [])
        case 0x99:
            let size = operandSize()
            return (size == .b64 ? "cqo" : size == .b16 ? "cwd" : "cdq", [])
        case 0xA8, 0xA9:
            let size = operandSize(byteForm: opcode == 0xA8)
            guard let imm = immediate(size) else { return nil }
            return ("test", [gpr(0, size), imm])
        case 0xB0...0xB7:
            guard let imm = immediate(.b8) else { return nil }
            return ("mov", [gpr((opcode & 7) | (rex.b << 3), .b8), imm])
        case 0xB8...0xBF:
            let size = operandSize(), r = gpr((opcode & 7) | (rex.b << 3), size)
            if size == .b64 {
                guard let value = signed(8) else { return nil }
                return ("movabs", [r, .immediate(value)])
            }
            guard let imm = immediate(size) else { return nil }
            return ("mov", [r, imm])
        case 0xC0, 0xC1, 0xD0, 0xD1, 0xD2, 0xD3:
            return shift(opcode)
        case 0xC3: return ("ret", [])
        case 0xC6, 0xC7:
            let size = operandSize(byteForm: opcode == 0xC6)
            guard let m = modRM(width: Int(size.rawValue)), m.reg & 7 == 0, let imm = immediate(size) else { return nil }
            return ("mov", [rmOperand(m, size), imm])
        case 0xCC: return ("int3", [])
        case 0xE8, 0xE9:
            guard let target = relative(4) else { return nil }
            return (opcode == 0xE8 ? "call" : "jmp", [target])
        case 0xEB:
            guard let target = relative(1) else { return nil }
            return ("jmp", [target])
        case 0xF6, 0xF7:
            let size = operandSize(byteForm: opcode == 0xF6)
            guard let m = modRM(width: Int(size.rawValue)), let name = Self.group3Names[Int(m.reg & 7)] else { return nil }
            if name == "test" {
                guard let imm = immediate(size) else { return nil }
                return ("test", [rmOperand(m, size), imm])
            }
            return (name, [rmOperand(m, size)])
        case 0xFF:
            guard let m = modRM(width: 8) else { return nil }
            switch m.reg & 7 {
            case 0, 1:
                let size = operandSize()
                var rm = rmOperand(m, size)
                if case .memory(var memory) = rm {
                    memory.width = Int(size.rawValue)
                    rm = .memory(memory)
                }
                return (m.reg & 7 == 0 ? "inc" : "dec", [rm])
            case 2: return ("call", [rmOperand(m, .b64)])
            case 4: return ("jmp", [rmOperand(m, .b64)])
            case 6: return ("push", [rmOperand(m, .b64)])
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The classic ALU forms 0...5 of one operation (`op r/m, r`, `op r, r/m`, `op acc, imm`).
    mutating func alu(_ name: String, form: UInt8) -> (String, [X64Operand])? {
        let size = operandSize(byteForm: form & 1 == 0)
        if form >= 4 {
            guard let imm = immediate(size) else { return nil }
            return (name, [gpr(0, size), imm])
        }
        guard let m = modRM(width: Int(size.rawValue)) else { return nil }
        let r = gpr(m.reg, size), rm = rmOperand(m, size)
        return (name, form & 2 == 0 ? [rm, r] : [r, rm])
    }

    /// Group 2: rotates and shifts by an immediate, by 1 (no count shown) or by cl.
    mutating func shift(_ opcode: UInt8) -> (String, [X64Operand])? {
        let size = operandSize(byteForm: opcode & 1 == 0)
        guard let m = modRM(width: Int(size.rawValue)), let name = Self.shiftNames[Int(m.reg & 7)] else { return nil }
        let target = rmOperand(m, size)
        switch opcode {
        case 0xC0, 0xC1:
            guard let count = byte() else { return nil }
            return (name, [target, .immediate(Int64(count))])
        case 0xD0, 0xD1: return (name, [target])
        default: return (name, [target, .register(.gpr(1, .b8))])
        }
    }
}
