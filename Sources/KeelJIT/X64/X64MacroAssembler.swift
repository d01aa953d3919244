/// `MacroAssembler` on x86-64, emitting through `X64Encoder` (the register roles are in
/// X64RegisterConventions.swift; comparisons, branches, calls and patched constants in
/// X64MacroAssembler+Control.swift).
///
/// Scratch registers: r11 (`scratch`) is clobbered only where `MacroAssembler` allows it;
/// `divide` clobbers rax and rdx; shifts by a register clobber rcx;
/// `jump(table:index:)` clobbers its index; `call(absolute:)` clobbers r11 (and the callee
/// the SysV caller-saved set). Memory and immediate operands are used directly.
public struct X64MacroAssembler: MacroAssembler {
    public typealias Register = GPR
    public typealias FloatRegister = XMM
    public typealias Address = KeelJIT.Address
    public typealias PatchSite = X64PatchSite
    public typealias Operand = IntOperand<GPR, KeelJIT.Address>

    /// The underlying encoder, for instructions the vocabulary has no word for.
    public var encoder: X64Encoder
    /// The optional instructions this code may use (fallback sequences otherwise).
    public let features: CPUFeatures
    var trapSites: [TrapSite] = []

    /// The macro-assembler's scratch register.
    public static let scratch = GPR.r11

    /// A macro-assembler emitting into `buffer`, for a CPU with `features` (the host's by
    /// default); without POPCNT, LZCNT, BMI1 or SSE4.1 it emits fallback sequences.
    public init(buffer: CodeBuffer = CodeBuffer(), features: CPUFeatures = .host) {
        encoder = X64Encoder(buffer: buffer)
        self.features = features
    }

    /// The current code offset.
    public var offset: Int { encoder.offset }

    public mutating func makeLabel() -> Label { encoder.makeLabel() }
    public mutating func bind(_ label: Label) { encoder.bind(label) }

    @inline(__always)
    static func size(_ width: IntWidth) -> OperandSize { width == .i32 ? .b32 : .b64 }

    @inline(__always)
    mutating func recordTrap(_ code: UInt32?) {
        if let code { trapSites.append(TrapSite(offset: UInt32(offset), code: code)) }
    }

    // MARK: Moves

    public mutating func move(_ src: GPR, to dst: GPR, _ width: IntWidth) {
        if src != dst || width == .i32 { encoder.mov(dst, src, Self.size(width)) }
    }

    public mutating func move(constant: Int64, to dst: GPR, _ width: IntWidth, _ form: ConstantForm) {
        let value = width == .i32 ? Int64(UInt32(truncatingIfNeeded: constant)) : constant
        if form == .wide {
            encoder.movabs(dst, value)
        } else if value == 0 && form == .shortest {
            encoder.alu(.xor, dst, dst, .b32)
        } else if value >= 0 && value <= Int64(UInt32.max) {
            encoder.mov(dst, imm: value, .b32)
        } else {
            encoder.mov(dst, imm: value, .b64)
        }
    }

    public mutating func load(_ kind: LoadKind, from address: Address, to dst: GPR, _ width: IntWidth, trap: UInt32?) {
        recordTrap(trap)
        let size = Self.size(width)
        switch kind {
        case .s8: encoder.movsx(dst, address, from: .b8, to: size)
        case .u8: encoder.movzx(dst, address, from: .b8, to: .b32)
        case .s16: encoder.movsx(dst, address, from: .b16, to: size)
        case .u16: encoder.movzx(dst, address, from: .b16, to: .b32)
        case .s32: if width == .i64 { encoder.movsx(dst, address, from: .b32, to: .b64) } else { encoder.mov(dst, address, .b32) }
        case .u32: encoder.mov(dst, address, .b32)
        case .full: encoder.mov(dst, address, size)
        }
    }

    @inline(__always)
    static func size(_ width: StoreWidth) -> OperandSize {
        switch width {
        case .b8: .b8
        case .b16: .b16
        case .b32: .b32
        case .b64: .b64
        }
    }

    public mutating func store(_ src: GPR, to address: Address, _ width: StoreWidth, trap: UInt32?) {
        recordTrap(trap)
        encoder.mov(address, src, Self.size(width))
    }

    public mutating func store(constant: Int32, to address: Address, _ width: StoreWidth) {
        encoder.mov(address, imm: constant, Self.size(width))
    }

    public mutating func loadAddress(_ address: Address, to dst: GPR) {
        encoder.lea(dst, address)
    }

    // MARK: Arithmetic

    @inline(__always)
    static func alu(_ op: IntBinaryOp) -> ALUOp? {
        switch op {
        case .add: .add
        case .sub: .sub
        case .and: .and
        case .or: .or
        case .xor: .xor
        case .mul: nil
        }
    }

    public mutating func binary(_ op: IntBinaryOp, _ src: Operand, into dst: GPR, _ width: IntWidth) {
        let size = Self.size(width)
        switch (Self.alu(op), src) {
        case (let alu?, .register(let r)): encoder.alu(alu, dst, r, size)
        case (let alu?, .immediate(let v)): encoder.alu(alu, dst, imm: v, size)
        case (let alu?, .memory(let a)): encoder.alu(alu, dst, a, size)
        case (nil, .register(let r)): encoder.imul(dst, r, size)
        case (nil, .immediate(let v)): encoder.imul(dst, dst, imm: v, size)
        case (nil, .memory(let a)): encoder.imul(dst, a, size)
        }
    }

    /// `dst = dst op src`.
    public mutating func binary(_ op: IntBinaryOp, _ src: GPR, into dst: GPR, _ width: IntWidth) {
        binary(op, .register(src), into: dst, width)
    }

    /// `dst = dst op constant` (sign-extended).
    public mutating func binary(_ op: IntBinaryOp, constant: Int32, into dst: GPR, _ width: IntWidth) {
        binary(op, .immediate(constant), into: dst, width)
    }

    public mutating func unary(_ op: IntUnaryOp, _ dst: GPR, _ width: IntWidth) {
        let size = Self.size(width), bits = Int64(size.bits)
        switch op {
        case .neg: encoder.unary(.neg, dst, size)
        case .not: encoder.unary(.not, dst, size)
        case .popcnt where features.popcnt: encoder.bitCount(.popcnt, dst, dst, size)
        case .popcnt: populationCountFallback(dst, size)
        case .clz where features.lzcnt: encoder.bitCount(.lzcnt, dst, dst, size)
        case .ctz where features.bmi1: encoder.bitCount(.tzcnt, dst, dst, size)
        case .clz:
            // bsr gives the highest set bit's index k (ZF for zero): clz = (bits - 1) ^ k,
            // and for zero (2 * bits - 1) ^ (bits - 1) = bits.
            encoder.bitCount(.bsr, dst, dst, size)
            encoder.mov(Self.scratch, imm: 2 * bits - 1, .b32)
            encoder.cmov(.e, dst, Self.scratch, size)
            encoder.alu(.xor, dst, imm: Int32(bits - 1), size)
        case .ctz:
            encoder.bitCount(.bsf, dst, dst, size)
            encoder.mov(Self.scratch, imm: bits, .b32)
            encoder.cmov(.e, dst, Self.scratch, size)
        }
    }

    @inline(__always)
    static func shiftOp(_ kind: ShiftKind) -> ShiftOp {
        switch kind {
        case .shl: .shl
        case .shrS: .sar
        case .shrU: .shr
        case .rotl: .rol
        case .rotr: .ror
        }
    }

    public mutating func shift(_ kind: ShiftKind, by amount: GPR, into dst: GPR, _ width: IntWidth) {
        let size = Self.size(width), op = Self.shiftOp(kind)
        if dst == .rcx {
            // The count must be in cl: shift a copy of dst in the scratch register.
            encoder.mov(Self.scratch, .rcx, .b64)
            if amount != .rcx { encoder.mov(.rcx, amount, .b32) }
            encoder.shift(op, Self.scratch, size)
            encoder.mov(.rcx, Self.scratch, size)
        } else {
            if amount != .rcx { encoder.mov(.rcx, amount, .b32) }
            encoder.shift(op, dst, size)
        }
    }

    public mutating func shift(_ kind: ShiftKind, constant: UInt8, into dst: GPR, _ width: IntWidth) {
        let count = constant & (width == .i32 ? 31 : 63)
        if count == 0 {
            if width == .i32 { encoder.mov(dst, dst, .b32) }  // still zero-extends, like the real shift
            return
        }
        encoder.shift(Self.shiftOp(kind), dst, imm: count, Self.size(width))
    }

    public mutating func divide(signed: Bool, remainder: Bool, _ lhs: GPR, by rhs: GPR, into dst: GPR, _ width: IntWidth) {
        let size = Self.size(width)
        var divisor = rhs
        if rhs == .rax || rhs == .rdx {
            encoder.mov(Self.scratch, rhs, .b64)
            divisor = Self.scratch
        }
        if lhs != .rax { encoder.mov(.rax, lhs, size) }
        if signed {
            encoder.signExtendAccumulator(size)
        } else {
            encoder.alu(.xor, .rdx, .rdx, .b32)
        }
        encoder.unary(signed ? .idiv : .div, divisor, size)
        let result: GPR = remainder ? .rdx : .rax
        if dst != result { encoder.mov(dst, result, size) }
    }

    public mutating func signExtend(_ dst: GPR, from: StoreWidth, to width: IntWidth) {
        encoder.movsx(dst, dst, from: Self.size(from), to: Self.size(width))
    }

    // MARK: Frames

    /// Bytes subtracted from rsp after the pushes so that rsp is 16-byte aligned at calls.
    static func frameAdjustment(saved: Int, frameBytes: Int) -> Int32 {
        // At entry rsp ≡ 8 (mod 16); push rbp makes it 0; each saved register adds 8.
        let pushed = saved * 8
        let total = (pushed + frameBytes + 15) / 16 * 16
        return Int32(total - pushed)
    }

    /// `push rbp; mov rbp, rsp`, pushes `saved` and reserves `frameBytes` of frame, keeping
    /// rsp 16-byte aligned at calls.
    public mutating func prologue(saving saved: [GPR], frameBytes: Int) {
        encoder.push(.rbp)
        encoder.mov(.rbp, .rsp, .b64)
        for r in saved { encoder.push(r) }
        let adjust = Self.frameAdjustment(saved: saved.count, frameBytes: frameBytes)
        if adjust != 0 { encoder.alu(.sub, .rsp, imm: adjust, .b64) }
    }

    public mutating func epilogue(saving saved: [GPR], frameBytes: Int) {
        let adjust = Self.frameAdjustment(saved: saved.count, frameBytes: frameBytes)
        if adjust != 0 { encoder.alu(.add, .rsp, imm: adjust, .b64) }
        for r in saved.reversed() { encoder.pop(r) }
        encoder.pop(.rbp)
    }

    // MARK: Traps

    /// `ud2`, registered as a trap site: the trap handler turns its SIGILL into `code`.
    public mutating func trap(_ code: UInt32) {
        recordTrap(code)
        encoder.ud2()
    }

    // MARK: Floats

    @inline(__always)
    static func precision(_ double: Bool) -> FloatPrecision { double ? .double : .single }

    public mutating func move(_ src: XMM, to dst: XMM) {
        if src != dst { encoder.movap(.single, dst, src) }
    }

    /// Zero by `xorps`, any other value through the scratch register.
    public mutating func move(floatBits bits: UInt64, to dst: XMM, double: Bool) {
        if bits == 0 {
            encoder.packed(.xor, .single, dst, dst)
        } else {
            move(constant: Int64(bitPattern: bits), to: Self.scratch, .i64)
            encoder.movd(dst, Self.scratch, double ? .b64 : .b32)
        }
    }

    public mutating func loadFloat(from address: Address, to dst: XMM, double: Bool, trap: UInt32?) {
        recordTrap(trap)
        encoder.movs(Self.precision(double), dst, address)
    }

    public mutating func storeFloat(_ src: XMM, to address: Address, double: Bool, trap: UInt32?) {
        recordTrap(trap)
        encoder.movs(Self.precision(double), address, src)
    }

    public mutating func floatBinary(_ op: FloatBinaryOp, _ src: XMM, into dst: XMM, double: Bool) {
        let scalar: ScalarFloatOp =
            switch op {
            case .add: .add
            case .sub: .sub
            case .mul: .mul
            case .div: .div
            }
        encoder.scalar(scalar, Self.precision(double), dst, src)
    }

    public mutating func floatSqrt(_ src: XMM, into dst: XMM, double: Bool) {
        encoder.scalar(.sqrt, Self.precision(double), dst, src)
    }

    public mutating func moveBits(_ src: XMM, to dst: GPR, double: Bool) {
        encoder.movd(dst, src, double ? .b64 : .b32)
    }

    public mutating func moveBits(_ src: GPR, to dst: XMM, double: Bool) {
        encoder.movd(dst, src, double ? .b64 : .b32)
    }

    public mutating func convert(signed src: GPR, _ width: IntWidth, to dst: XMM, double: Bool) {
        // cvtsi2s* merges into dst's upper lanes: clear it to break the false dependency.
        encoder.packed(.xor, .single, dst, dst)
        encoder.cvtsi2s(Self.precision(double), dst, src, Self.size(width))
    }

    public mutating func compare(_ cond: FloatCondition, _ a: XMM, _ b: XMM, into dst: GPR, double: Bool) {
        let p = Self.precision(double)
        switch cond {
        case .eq, .ne:
            // Equal is ZF without PF (unordered sets both); not-equal is its complement.
            encoder.ucomis(p, a, b)
            encoder.setcc(cond == .eq ? .e : .ne, dst)
            encoder.setcc(cond == .eq ? .np : .p, Self.scratch)
            encoder.alu(cond == .eq ? .and : .or, dst, Self.scratch, .b8)
        case .gt, .ge:
            // "above" forms are false when unordered (CF = ZF = 1).
            encoder.ucomis(p, a, b)
            encoder.setcc(cond == .gt ? .a : .ae, dst)
        case .lt, .le:
            encoder.ucomis(p, b, a)
            encoder.setcc(cond == .lt ? .a : .ae, dst)
        }
        encoder.movzx(dst, dst, from: .b8, to: .b32)
    }

    /// `dst = truncate(src)` toward zero into a signed integer, with the hardware's result
    /// (INT_MIN) for NaN and out-of-range values.
    public mutating func truncate(_ src: XMM, double: Bool, to dst: GPR, _ width: IntWidth) {
        encoder.cvtts2si(Self.precision(double), dst, src, Self.size(width))
    }

    public mutating func convertPrecision(_ src: XMM, toDouble: Bool, into dst: XMM) {
        encoder.cvtPrecision(to: toDouble ? .double : .single, dst, src)
    }

    public mutating func round(_ src: XMM, _ mode: RoundingMode, into dst: XMM, double: Bool) {
        if features.sse41 {
            encoder.round(Self.precision(double), dst, src, mode)
        } else {
            roundFallback(src, mode, into: dst, Self.precision(double))
        }
    }

    // MARK: Finishing

    public mutating func finish() throws(AssemblerError) -> MachineCode {
        try encoder.finish()
        return MachineCode(buffer: encoder.buffer, trapSites: trapSites)
    }

    public mutating func reset() {
        encoder.reset()
        trapSites.removeAll(keepingCapacity: true)
    }
}
