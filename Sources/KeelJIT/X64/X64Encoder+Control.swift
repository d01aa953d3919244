extension X64Encoder {
    // MARK: Branches

    /// `jmp label` with a 32-bit displacement, or an 8-bit one when `label` is already bound
    /// and within reach (backward branches).
    public mutating func jmp(_ label: Label) {
        buffer.reserve(8)
        if let target = labels.position(label), Self.fitsInt8(Int32(clamping: target - (offset + 2))) {
            buffer.put8(0xEB)
            buffer.put8(UInt8(bitPattern: Int8(target - (offset + 1))))
            return
        }
        buffer.put8(0xE9)
        rel32(to: label, origin: offset + 4)
    }

    /// `jmp label` with an 8-bit displacement; `finish()` throws if the label is out of reach.
    public mutating func jmpShort(_ label: Label) {
        buffer.reserve(2)
        buffer.put8(0xEB)
        labels.refer(label, at: offset, origin: offset + 1, width: 1)
        buffer.put8(0)
    }

    /// `jcc label` with a 32-bit displacement, or an 8-bit one for a bound label within reach.
    public mutating func jcc(_ cc: ConditionCode, _ label: Label) {
        buffer.reserve(8)
        if let target = labels.position(label), Self.fitsInt8(Int32(clamping: target - (offset + 2))) {
            buffer.put8(0x70 | cc.rawValue)
            buffer.put8(UInt8(bitPattern: Int8(target - (offset + 1))))
            return
        }
        buffer.put8(0x0F)
        buffer.put8(0x80 | cc.rawValue)
        rel32(to: label, origin: offset + 4)
    }

    /// `jcc label` with an 8-bit displacement; `finish()` throws if the label is out of reach.
    public mutating func jccShort(_ cc: ConditionCode, _ label: Label) {
        buffer.reserve(2)
        buffer.put8(0x70 | cc.rawValue)
        labels.refer(label, at: offset, origin: offset + 1, width: 1)
        buffer.put8(0)
    }

    /// `jmp r` (indirect).
    public mutating func jmp(_ target: GPR) {
        emitRR(w: false, 0xFF, reg: 4, rm: target.rawValue)
    }

    /// `jmp qword ptr [mem]`.
    public mutating func jmp(_ target: Address) {
        emitRM(w: false, 0xFF, reg: 4, mem: target)
    }

    // MARK: Calls

    /// `call label` (rel32; the label is in the same code, or a stub in the same arena).
    public mutating func call(_ label: Label) {
        buffer.reserve(8)
        buffer.put8(0xE8)
        rel32(to: label, origin: offset + 4)
    }

    /// `call rel32` to a fixed code offset `target` in the same buffer.
    public mutating func call(offset target: Int) {
        buffer.reserve(8)
        buffer.put8(0xE8)
        buffer.put32(UInt32(bitPattern: Int32(target - (offset + 4))))
    }

    /// `call r`.
    public mutating func call(_ target: GPR) {
        emitRR(w: false, 0xFF, reg: 2, rm: target.rawValue)
    }

    /// `call qword ptr [mem]`.
    public mutating func call(_ target: Address) {
        emitRM(w: false, 0xFF, reg: 2, mem: target)
    }

    /// `ret`.
    public mutating func ret() {
        buffer.reserve(1)
        buffer.put8(0xC3)
    }

    // MARK: Stack

    /// `push r` (64 bits).
    public mutating func push(_ r: GPR) {
        buffer.reserve(2)
        if r.high != 0 { buffer.put8(0x41) }
        buffer.put8(0x50 | r.low)
    }

    /// `pop r` (64 bits).
    public mutating func pop(_ r: GPR) {
        buffer.reserve(2)
        if r.high != 0 { buffer.put8(0x41) }
        buffer.put8(0x58 | r.low)
    }

    // MARK: Miscellaneous

    /// `ud2`: an illegal instruction, raising SIGILL.
    public mutating func ud2() {
        buffer.reserve(2)
        buffer.put8(0x0F)
        buffer.put8(0x0B)
    }

    /// `int3`: a breakpoint.
    public mutating func int3() {
        buffer.reserve(1)
        buffer.put8(0xCC)
    }

    /// `cpuid`: eax (and ecx) select a leaf; results in eax, ebx, ecx, edx.
    public mutating func cpuid() {
        buffer.reserve(2)
        buffer.put8(0x0F)
        buffer.put8(0xA2)
    }

    /// `length` bytes of no-ops, as the fewest instructions (Intel's recommended sequences).
    public mutating func nop(_ length: Int = 1) {
        var remaining = length
        while remaining > 0 {
            let n = min(remaining, 9)
            buffer.append(Self.nops[n - 1])
            remaining -= n
        }
    }

    private static let nops: [[UInt8]] = [
        [0x90],
        [0x66, 0x90],
        [0x0F, 0x1F, 0x00],
        [0x0F, 0x1F, 0x40, 0x00],
        [0x0F, 0x1F, 0x44, 0x00, 0x00],
        [0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00],
        [0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00],
        [0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
        [0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
    ]

    /// Pads with no-ops until the offset is a multiple of `alignment` (a power of two).
    public mutating func align(_ alignment: Int) {
        let pad = (alignment - offset % alignment) % alignment
        nop(pad)
    }
}
