/// Where `X64MacroAssembler` left room for a constant written later: `bytes` little-endian
/// bytes at `offset` (a 32-bit immediate of `op r/m64, imm32`, or `movabs`'s 64-bit one).
public struct X64PatchSite: Sendable, Equatable {
    /// Offset of the constant in the code.
    public let offset: Int
    /// 4 or 8.
    public let bytes: Int
}

/// Comparisons, branches, selects, calls and patched constants.
extension X64MacroAssembler {
    // MARK: Flags

    /// The x86 condition code for a WebAssembly comparison.
    public static func conditionCode(_ cond: IntCondition) -> ConditionCode {
        switch cond {
        case .eq: .e
        case .ne: .ne
        case .ltS: .l
        case .ltU: .b
        case .gtS: .g
        case .gtU: .a
        case .leS: .le
        case .leU: .be
        case .geS: .ge
        case .geU: .ae
        }
    }

    public mutating func compare(_ lhs: GPR, _ rhs: Operand, _ width: IntWidth) {
        switch rhs {
        case .register(let r): encoder.alu(.cmp, lhs, r, Self.size(width))
        case .immediate(let v): encoder.alu(.cmp, lhs, imm: v, Self.size(width))
        case .memory(let a): encoder.alu(.cmp, lhs, a, Self.size(width))
        }
    }

    public mutating func compare(_ lhs: Address, constant: Int32, _ width: IntWidth) {
        encoder.alu(.cmp, lhs, imm: constant, Self.size(width))
    }

    /// `test value, value`.
    public mutating func compareToZero(_ value: GPR, _ width: IntWidth) {
        encoder.test(value, value, Self.size(width))
    }

    public mutating func branch(if cond: IntCondition, to label: Label) {
        encoder.jcc(Self.conditionCode(cond), label)
    }

    /// `setcc dst; movzx dst, dst8`.
    public mutating func set(_ cond: IntCondition, into dst: GPR) {
        encoder.setcc(Self.conditionCode(cond), dst)
        encoder.movzx(dst, dst, from: .b8, to: .b32)
    }

    /// `cmovcc` (an immediate goes through the scratch register).
    public mutating func select(if cond: IntCondition, _ value: Operand, into dst: GPR, _ width: IntWidth) {
        switch value {
        case .register(let r): encoder.cmov(Self.conditionCode(cond), dst, r, Self.size(width))
        case .memory(let a): encoder.cmov(Self.conditionCode(cond), dst, a, Self.size(width))
        case .immediate(let v):
            encoder.mov(Self.scratch, imm: Int64(v), .b64)
            encoder.cmov(Self.conditionCode(cond), dst, Self.scratch, Self.size(width))
        }
    }

    public mutating func branch(ifZero: Bool, _ value: GPR, _ width: IntWidth, to label: Label) {
        compareToZero(value, width)
        encoder.jcc(ifZero ? .e : .ne, label)
    }

    /// Only the `jcc`: the preceding instruction set ZF from `value`.
    public mutating func branch(ifZero: Bool, justComputed value: GPR, _ width: IntWidth, to label: Label) {
        encoder.jcc(ifZero ? .e : .ne, label)
    }

    /// `sub dst, amount; jb label`.
    public mutating func subtract(_ amount: GPR, from dst: GPR, _ width: IntWidth, branchingOnBorrowTo label: Label) {
        encoder.alu(.sub, dst, amount, Self.size(width))
        encoder.jcc(.b, label)
    }

    /// `dst = (lhs cond rhs) ? 1 : 0`.
    public mutating func compare(_ cond: IntCondition, _ lhs: GPR, _ rhs: GPR, into dst: GPR, _ width: IntWidth) {
        compare(lhs, .register(rhs), width)
        set(cond, into: dst)
    }

    /// Branches to `label` when `lhs cond rhs`.
    public mutating func branch(if cond: IntCondition, _ lhs: GPR, _ rhs: GPR, _ width: IntWidth, to label: Label) {
        compare(lhs, .register(rhs), width)
        branch(if: cond, to: label)
    }

    /// Branches to `label` when `lhs cond constant`.
    public mutating func branch(if cond: IntCondition, _ lhs: GPR, constant: Int32, _ width: IntWidth, to label: Label) {
        compare(lhs, .immediate(constant), width)
        branch(if: cond, to: label)
    }

    /// `dst = (lhs cond rhs) ? value : dst`, without a branch.
    public mutating func select(
        if cond: IntCondition, _ lhs: GPR, _ rhs: GPR, _ width: IntWidth, then value: GPR, into dst: GPR
    ) {
        compare(lhs, .register(rhs), width)
        select(if: cond, .register(value), into: dst, width)
    }

    // MARK: Jumps

    public mutating func jump(to label: Label) {
        encoder.jmp(label)
    }

    /// Emits `lea r11, [table]; movsxd index, [r11 + index*4]; add r11, index; jmp r11`
    /// followed by the table of 32-bit offsets from the table's start (position independent).
    public mutating func jump(table targets: [Label], index: GPR) {
        let table = encoder.makeLabel()
        encoder.lea(Self.scratch, table)
        encoder.movsx(index, Address(Self.scratch, index: index, scale: .x4), from: .b32, to: .b64)
        encoder.alu(.add, Self.scratch, index, .b64)
        encoder.jmp(Self.scratch)
        encoder.align(4)
        encoder.bind(table)
        let start = encoder.offset
        for target in targets { encoder.jumpTableEntry(target, tableStart: start) }
    }

    // MARK: Calls

    /// Calls code at `label` (same function or same arena).
    public mutating func call(_ label: Label) { encoder.call(label) }
    public mutating func call(register target: GPR) { encoder.call(target) }
    public mutating func call(memory address: Address) { encoder.call(address) }

    /// `call rel32` with a zero displacement; returns the displacement's offset.
    public mutating func callToBeLinked() -> Int {
        encoder.emitBytes([0xE8, 0, 0, 0, 0])
        return offset - 4
    }

    /// Calls a host function at a fixed address (a `@convention(c)` function).
    public mutating func call(absolute address: UInt) {
        encoder.movabs(Self.scratch, Int64(bitPattern: UInt64(address)))
        encoder.call(Self.scratch)
    }

    public mutating func ret() { encoder.ret() }

    // MARK: Patched constants

    /// `op target, imm32`, always with a 4-byte immediate (`add rax, imm32` in its short form).
    public mutating func binary(_ op: IntBinaryOp, patchedConstantInto target: Operand) -> X64PatchSite {
        guard let alu = Self.alu(op) else { preconditionFailure("x64: no patchable \(op)") }
        switch target {
        case .register(.rax) where alu == .add: encoder.emitBytes([0x48, 0x05])
        case .register(let r): encoder.emitRR(w: true, 0x81, reg: alu.rawValue, rm: r.rawValue)
        case .memory(let a): encoder.emitRM(w: true, 0x81, reg: alu.rawValue, mem: a)
        case .immediate: preconditionFailure("x64: an immediate is no destination")
        }
        encoder.emitBytes([0, 0, 0, 0])
        return X64PatchSite(offset: offset - 4, bytes: 4)
    }

    /// `movabs dst, imm64`.
    public mutating func move(patchedConstantInto dst: GPR) -> X64PatchSite {
        encoder.movabs(dst, 0)
        return X64PatchSite(offset: offset - 8, bytes: 8)
    }

    public mutating func patch(_ site: X64PatchSite, with value: Int64) {
        let bits = UInt64(bitPattern: value)
        encoder.buffer.patch32(at: site.offset, UInt32(truncatingIfNeeded: bits))
        if site.bytes == 8 { encoder.buffer.patch32(at: site.offset + 4, UInt32(truncatingIfNeeded: bits >> 32)) }
    }

    // MARK: Floats

    /// `ucomis value, value; jp label`.
    public mutating func branch(ifNaN value: XMM, double: Bool, to label: Label) {
        encoder.ucomis(Self.precision(double), value, value)
        encoder.jcc(.p, label)
    }
}
