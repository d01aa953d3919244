/// An x86-64 decoder for the instructions `X64Encoder` emits (and their close relatives),
/// producing Intel syntax as llvm-objdump spells it.
///
/// Decoding never traps and always advances: bytes it does not recognise (unsupported
/// opcodes, prefixes an instruction does not use, a truncated instruction at the end) become
/// one `.byte` pseudo-instruction each, and decoding resumes at the next byte.
public enum X64Decoder {
    /// Decodes the instruction starting at `offset` of `bytes`.
    public static func decode(_ bytes: [UInt8], at offset: Int) -> X64Instruction {
        precondition(offset >= 0 && offset < bytes.count, "offset \(offset) is outside the \(bytes.count) bytes")
        var cursor = DecodeCursor(bytes: bytes, start: offset)
        if let (mnemonic, operands) = cursor.instruction(), cursor.allPrefixesUsed {
            return X64Instruction(offset: offset, length: cursor.position - offset, mnemonic: mnemonic, operands: operands)
        }
        return X64Instruction(offset: offset, length: 1, mnemonic: ".byte", operands: [.byte(bytes[offset])])
    }

    /// Decodes `bytes` from the start, instruction after instruction, to the end.
    public static func decodeAll(_ bytes: [UInt8]) -> [X64Instruction] {
        var result: [X64Instruction] = []
        var offset = 0
        while offset < bytes.count {
            let instruction = decode(bytes, at: offset)
            result.append(instruction)
            offset += instruction.length
        }
        return result
    }
}

/// The prefix bits of a REX byte.
struct REX {
    var present = false
    var w = false, r: UInt8 = 0, x: UInt8 = 0, b: UInt8 = 0
}

/// A decoded ModRM byte (with its SIB and displacement): `reg` with REX.R applied, and the
/// r/m operand as a register number (REX.B applied) or a memory operand.
struct ModRM {
    var reg: UInt8
    var rmRegister: UInt8?
    var memory: X64MemoryOperand?
}

/// Reading position and prefix state while one instruction is decoded.
struct DecodeCursor {
    let bytes: [UInt8]
    let start: Int
    var position: Int
    var rex = REX()
    /// A 0x66 prefix was seen / consumed (as operand size or as a mandatory prefix).
    var sizePrefix = false, sizePrefixUsed = false
    /// The last 0xF2/0xF3 prefix seen / whether an instruction consumed it.
    var repPrefix: UInt8?, repPrefixUsed = false

    init(bytes: [UInt8], start: Int) {
        self.bytes = bytes
        self.start = start
        position = start
    }

    /// Whether every prefix present was meaningful to the decoded instruction.
    var allPrefixesUsed: Bool { (!sizePrefix || sizePrefixUsed) && (repPrefix == nil || repPrefixUsed) }

    /// The next byte, or nil at the end of the code.
    mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    /// The next `count` bytes as a little-endian signed value, or nil past the end.
    mutating func signed(_ count: Int) -> Int64? {
        guard count <= bytes.count - position else { return nil }
        var value: UInt64 = 0
        for k in 0..<count { value |= UInt64(bytes[position + k]) << (8 * k) }
        position += count
        let shift = UInt64(64 - 8 * count)
        return Int64(bitPattern: value << shift) >> Int64(shift)
    }

    /// Prefixes, REX and the opcode; dispatches on the opcode map.
    mutating func instruction() -> (String, [X64Operand])? {
        var prefixes = 0
        while let b = peek(), b == 0x66 || b == 0xF2 || b == 0xF3 {
            prefixes += 1
            guard prefixes <= 2 else { return nil }
            if b == 0x66 {
                guard !sizePrefix else { return nil }
                sizePrefix = true
            } else {
                guard repPrefix == nil else { return nil }
                repPrefix = b
            }
            position += 1
        }
        if let b = peek(), b & 0xF0 == 0x40 {
            rex = REX(present: true, w: b & 8 != 0, r: (b >> 2) & 1, x: (b >> 1) & 1, b: b & 1)
            position += 1
        }
        guard let opcode = byte() else { return nil }
        if opcode != 0x0F { return primary(opcode) }
        guard let second = byte() else { return nil }
        switch second {
        case 0x3A:
            guard let third = byte() else { return nil }
            return escape3A(third)
        default:
            return escape0F(second)
        }
    }

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    // MARK: Operand size

    /// The integer operand size: 8 for byte forms, else REX.W → 64, 0x66 → 16, else 32.
    mutating func operandSize(byteForm: Bool = false) -> OperandSize {
        if byteForm { return .b8 }
        if rex.w { return .b64 }
        if sizePrefix {
            sizePrefixUsed = true
            return .b16
        }
        return .b32
    }

    /// Consumes the SSE mandatory prefix: 0xF3 / 0xF2 if present, else 0x66, else 0.
    mutating func mandatoryPrefix() -> UInt8 {
        if let repPrefix {
            repPrefixUsed = true
            return repPrefix
        }
        if sizePrefix {
            sizePrefixUsed = true
            return 0x66
        }
        return 0
    }

    // MARK: Operands

    /// A general register operand of `size` (legacy ah...bh for bytes 4...7 without REX).
    func gpr(_ number: UInt8, _ size: OperandSize) -> X64Operand {
        if size == .b8 && !rex.present && number >= 4 && number < 8 { return .register(.highByte(number - 4)) }
        return .register(.gpr(number, size))
    }

    /// Reads ModRM, SIB and displacement; `width` is the memory operand's access width.
    mutating func modRM(width: Int?) -> ModRM? {
        guard let m = byte() else { return nil }
        let mod = m >> 6, reg = ((m >> 3) & 7) | (rex.r << 3), rm = m & 7
        if mod == 3 { return ModRM(reg: reg, rmRegister: rm | (rex.b << 3), memory: nil) }
        var memory = X64MemoryOperand(base: nil, index: nil, scale: 1, displacement: 0, ripRelative: false, width: width)
        if rm == 4 {
            guard let sib = byte() else { return nil }
            let index = ((sib >> 3) & 7) | (rex.x << 3), base = sib & 7
            memory.scale = 1 << Int(sib >> 6)
            if index != 4 { memory.index = index }
            if base == 5 && mod == 0 {
                guard let disp = signed(4) else { return nil }
                memory.rizIndex = index == 4 && memory.scale != 1
                memory.displacement = Int32(disp)
                return ModRM(reg: reg, rmRegister: nil, memory: memory)
            }
            memory.base = base | (rex.b << 3)
            // An unneeded SIB without an index: llvm-objdump shows it as `riz`.
            memory.rizIndex = index == 4 && (memory.scale != 1 || base != 4)
        } else if rm == 5 && mod == 0 {
            guard let disp = signed(4) else { return nil }
            memory.ripRelative = true
            memory.displacement = Int32(disp)
            return ModRM(reg: reg, rmRegister: nil, memory: memory)
        } else {
            memory.base = rm | (rex.b << 3)
        }
        if mod == 1 {
            guard let disp = signed(1) else { return nil }
            memory.displacement = Int32(disp)
        } else if mod == 2 {
            guard let disp = signed(4) else { return nil }
            memory.displacement = Int32(disp)
        }
        return ModRM(reg: reg, rmRegister: nil, memory: memory)
    }

    /// The r/m operand as a general register of `size` or as memory.
    func rmOperand(_ modrm: ModRM, _ size: OperandSize) -> X64Operand {
        if let r = modrm.rmRegister { return gpr(r, size) }
        return .memory(modrm.memory!)
    }

    /// The r/m operand as an xmm register or as memory.
    func rmXMM(_ modrm: ModRM) -> X64Operand {
        if let r = modrm.rmRegister { return .register(.xmm(r)) }
        return .memory(modrm.memory!)
    }

    /// An immediate of `size`'s encoding: 8-bit ones signed, 16/32-bit ones as unsigned
    /// values of their width unless the operation is 64-bit (then sign-extended).
    mutating func immediate(_ size: OperandSize, byteImmediate: Bool = false) -> X64Operand? {
        if byteImmediate || size == .b8 {
            guard let value = signed(1) else { return nil }
            return .immediate(value)
        }
        let bytes = size == .b16 ? 2 : 4
        guard let value = signed(bytes) else { return nil }
        if size == .b64 { return .immediate(value) }
        return .immediate(value & (bytes == 2 ? 0xFFFF : 0xFFFF_FFFF))
    }

    /// A relative branch target after a displacement of `bytes` bytes.
    mutating func relative(_ bytes: Int) -> X64Operand? {
        guard let rel = signed(bytes) else { return nil }
        return .target(position + Int(rel))
    }
}
