/// An x86-64 instruction encoder: one method per instruction form, bytes appended to a
/// `CodeBuffer`, labels resolved by `finish()`.
///
/// Operands are in Intel order (destination first). The encoder emits exactly the form
/// asked for, with the shortest displacement and immediate encodings the form allows; it
/// allocates nothing per instruction.
public struct X64Encoder {
    /// The bytes emitted so far.
    public let buffer: CodeBuffer
    var labels = LabelTable()

    /// An encoder appending to `buffer` (a fresh one by default).
    public init(buffer: CodeBuffer = CodeBuffer()) {
        self.buffer = buffer
    }

    /// The current code offset: where the next instruction starts.
    @inline(__always) public var offset: Int { buffer.count }

    // MARK: Labels

    /// A new, unbound label.
    public mutating func makeLabel() -> Label { labels.make() }

    /// Binds `label` to the current offset.
    public mutating func bind(_ label: Label) { labels.bind(label, at: offset) }

    /// The offset `label` is bound to, or nil while it is unbound.
    public func position(of label: Label) -> Int? { labels.position(label) }

    /// Resolves every label reference; throws if one refers to a label never bound, a label
    /// was bound twice, or a short branch does not reach.
    public mutating func finish() throws(AssemblerError) {
        try labels.resolve(into: buffer)
    }

    /// Forgets code and labels, keeping capacity, to emit another function.
    public mutating func reset() {
        buffer.removeAll()
        labels.reset()
    }

    /// Emits a 4-byte displacement to `label`, counted from `origin`, patched by `finish()`.
    @inline(__always)
    mutating func rel32(to label: Label, origin: Int) {
        let at = offset
        labels.refer(label, at: at, origin: origin, width: 4)
        buffer.put32(0)
    }

    /// Emits a jump-table entry: the 32-bit signed distance from `tableStart` to `label`.
    public mutating func jumpTableEntry(_ label: Label, tableStart: Int) {
        buffer.reserve(4)
        rel32(to: label, origin: tableStart)
    }

    // MARK: Prefixes, REX, ModRM, SIB

    /// Whether a byte-sized use of `r` needs a REX prefix (spl, bpl, sil, dil).
    @inline(__always)
    static func byteNeedsREX(_ r: GPR) -> Bool { r.rawValue >= 4 && r.rawValue < 8 }

    /// Emits the legacy prefixes, REX and the opcode for a register-direct form.
    @inline(__always)
    mutating func header(
        size16: Bool, prefix: UInt8, w: Bool, r: UInt8, x: UInt8, b: UInt8, forceREX: Bool, map: OpcodeMap, opcode: UInt8
    ) {
        if size16 { buffer.put8(0x66) }
        if prefix != 0 { buffer.put8(prefix) }
        let rex: UInt8 = (w ? 8 : 0) | (r << 2) | (x << 1) | b
        if rex != 0 || forceREX { buffer.put8(0x40 | rex) }
        switch map {
        case .primary: break
        case .x0F: buffer.put8(0x0F)
        case .x0F38: buffer.put8(0x0F); buffer.put8(0x38)
        case .x0F3A: buffer.put8(0x0F); buffer.put8(0x3A)
        }
        buffer.put8(opcode)
    }

    /// Emits an instruction whose ModRM names two registers (`reg` and `rm` are encodings).
    @inline(__always)
    mutating func emitRR(
        size16: Bool = false, prefix: UInt8 = 0, w: Bool, map: OpcodeMap = .primary, _ opcode: UInt8,
        reg: UInt8, rm: UInt8, forceREX: Bool = false
    ) {
        buffer.reserve(16)
        header(size16: size16, prefix: prefix, w: w, r: reg >> 3, x: 0, b: rm >> 3, forceREX: forceREX, map: map, opcode: opcode)
        buffer.put8(0xC0 | ((reg & 7) << 3) | (rm & 7))
    }

    /// Emits an instruction whose ModRM names register `reg` and memory `mem`;
    /// `trailing` immediate bytes follow (needed for RIP-relative displacements).
    @inline(__always)
    mutating func emitRM(
        size16: Bool = false, prefix: UInt8 = 0, w: Bool, map: OpcodeMap = .primary, _ opcode: UInt8,
        reg: UInt8, mem: Address, forceREX: Bool = false
    ) {
        buffer.reserve(16)
        header(
            size16: size16, prefix: prefix, w: w, r: reg >> 3, x: mem.index?.high ?? 0, b: mem.base?.high ?? 0,
            forceREX: forceREX, map: map, opcode: opcode)
        modRM(reg: reg, mem)
    }

    /// Emits ModRM, SIB and displacement for `mem`.
    @inline(__always)
    mutating func modRM(reg: UInt8, _ mem: Address) {
        let r = (reg & 7) << 3
        let disp = mem.displacement
        if mem.ripRelative {
            buffer.put8(0x05 | r)
            buffer.put32(UInt32(bitPattern: disp))
            return
        }
        guard let base = mem.base else {
            // No base: SIB with base = 101 and mod = 00 means disp32 alone.
            buffer.put8(0x04 | r)
            let index = mem.index?.low ?? 4
            buffer.put8((mem.scale.rawValue << 6) | (index << 3) | 5)
            buffer.put32(UInt32(bitPattern: disp))
            return
        }
        // rbp and r13 (low bits 101) cannot use mod = 00: that form means RIP/disp32.
        let mod: UInt8 = (disp == 0 && base.low != 5) ? 0 : (Int32(Int8(truncatingIfNeeded: disp)) == disp ? 1 : 2)
        if let index = mem.index {
            buffer.put8((mod << 6) | r | 4)
            buffer.put8((mem.scale.rawValue << 6) | (index.low << 3) | base.low)
        } else if base.low == 4 {
            // rsp and r12 (low bits 100) as a base need a SIB byte with "no index".
            buffer.put8((mod << 6) | r | 4)
            buffer.put8(0x24)
        } else {
            buffer.put8((mod << 6) | r | base.low)
        }
        if mod == 1 {
            buffer.put8(UInt8(bitPattern: Int8(truncatingIfNeeded: disp)))
        } else if mod == 2 {
            buffer.put32(UInt32(bitPattern: disp))
        }
    }

    /// Appends an immediate of `bytes` bytes (1, 2 or 4).
    @inline(__always)
    mutating func immediate(_ value: Int32, bytes: Int) {
        switch bytes {
        case 1: buffer.put8(UInt8(truncatingIfNeeded: value))
        case 2: buffer.put16(UInt16(truncatingIfNeeded: value))
        default: buffer.put32(UInt32(bitPattern: value))
        }
    }

    /// Whether `value` fits a sign-extended 8-bit immediate.
    @inline(__always)
    static func fitsInt8(_ value: Int32) -> Bool { Int32(Int8(truncatingIfNeeded: value)) == value }

    /// Raw bytes, for sequences the encoder has no method for.
    public mutating func emitBytes(_ bytes: [UInt8]) { buffer.append(bytes) }
}

/// Which opcode table an instruction's opcode byte comes from.
enum OpcodeMap {
    case primary, x0F, x0F38, x0F3A
}
