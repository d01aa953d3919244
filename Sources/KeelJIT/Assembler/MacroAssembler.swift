/// Integer operand width of a WebAssembly value.
public enum IntWidth: Sendable, CaseIterable {
    case i32, i64
}

/// Two-operand integer operations that every ISA has in some form.
public enum IntBinaryOp: Sendable, CaseIterable {
    case add, sub, mul, and, or, xor
}

/// Shifts and rotates, with WebAssembly's names (the count is taken modulo the width).
public enum ShiftKind: Sendable, CaseIterable {
    case shl, shrS, shrU, rotl, rotr
}

/// One-operand integer operations.
public enum IntUnaryOp: Sendable, CaseIterable {
    /// Negation and complement.
    case neg, not
    /// Leading zeros, trailing zeros, set bits (WebAssembly's `clz`, `ctz`, `popcnt`).
    case clz, ctz, popcnt
}

/// Integer comparisons with WebAssembly's names.
public enum IntCondition: Sendable, CaseIterable {
    case eq, ne, ltS, ltU, gtS, gtU, leS, leU, geS, geU

    /// The condition that holds exactly when this one does not.
    public var inverted: IntCondition {
        switch self {
        case .eq: .ne
        case .ne: .eq
        case .ltS: .geS
        case .geS: .ltS
        case .ltU: .geU
        case .geU: .ltU
        case .gtS: .leS
        case .leS: .gtS
        case .gtU: .leU
        case .leU: .gtU
        }
    }
}

/// How a load reads memory and extends into its destination.
public enum LoadKind: Sendable, CaseIterable {
    case s8, u8, s16, u16, s32, u32, full
}

/// How many bytes a store writes.
public enum StoreWidth: Sendable, CaseIterable {
    case b8, b16, b32, b64
}

/// Float comparisons with WebAssembly's semantics: false when either operand is NaN,
/// except `ne`, which is then true.
public enum FloatCondition: Sendable, CaseIterable {
    case eq, ne, lt, gt, le, ge
}

/// Scalar float arithmetic whose hardware semantics are WebAssembly's (IEEE round-to-nearest).
public enum FloatBinaryOp: Sendable, CaseIterable {
    case add, sub, mul, div
}

/// The ISA-neutral vocabulary the single-pass code generator (`JITGenerator`) emits through.
///
/// Each target implements it on its own instruction encoder (`X64MacroAssembler` in `X64/`;
/// an arm64 one would be a sibling folder) together with its `RegisterConventions`. The
/// generator is generic over the macro-assembler, so every call is resolved statically and
/// specialized away. Operations read their sources and write `dst`. The conventions'
/// `scratch` register may be clobbered only by `move(floatBits:to:double:)`, `unary`,
/// `shift(_:by:into:_:)`, `divide`, float `compare` and `round`, `select` of an immediate and
/// `jump(table:index:)`; everything else keeps it (the generator passes addresses based on
/// it).
///
/// Comparisons set condition flags that `branch(if:to:)`, `set(_:into:)` and
/// `select(if:_:into:_:)` consume; moves, loads, stores and address computations between
/// them leave the flags alone. Integer operands may be registers, immediates or memory
/// (`IntOperand`): a target without such operand forms materializes them in a register of
/// its own (arm64: x16/x17), not in `scratch`.
public protocol MacroAssembler: RegisterConventions {
    /// A memory operand.
    associatedtype Address: MachineAddress where Address.Register == Register
    /// Where a constant written later by `patch(_:with:)` lies in the code.
    associatedtype PatchSite
    /// An integer source operand of this target.
    typealias Operand = IntOperand<Register, Address>

    // Labels.
    /// A new, unbound label.
    mutating func makeLabel() -> Label
    /// Binds `label` here.
    mutating func bind(_ label: Label)

    // Moves, loads, stores.
    /// `dst = src` (an i32 move zero-extends, even onto itself).
    mutating func move(_ src: Register, to dst: Register, _ width: IntWidth)
    /// `dst = constant` (an i32 constant's upper bits are zero), materialized as `form` says.
    mutating func move(constant: Int64, to dst: Register, _ width: IntWidth, _ form: ConstantForm)
    /// `dst = extend(load(address))`; with `trap`, a fault at this access is that trap.
    mutating func load(_ kind: LoadKind, from address: Address, to dst: Register, _ width: IntWidth, trap: UInt32?)
    /// `store(address, src)` of the low `width` bytes; with `trap`, a fault is that trap.
    mutating func store(_ src: Register, to address: Address, _ width: StoreWidth, trap: UInt32?)
    /// `store(address, constant)` of `width` bytes (a 64-bit store sign-extends `constant`).
    mutating func store(constant: Int32, to address: Address, _ width: StoreWidth)
    /// `dst = address` (the effective address, not the contents).
    mutating func loadAddress(_ address: Address, to dst: Register)

    // Integer arithmetic.
    /// `dst = dst op src`.
    mutating func binary(_ op: IntBinaryOp, _ src: Operand, into dst: Register, _ width: IntWidth)
    /// `dst = op dst`.
    mutating func unary(_ op: IntUnaryOp, _ dst: Register, _ width: IntWidth)
    /// `dst = dst shift amount` (amount modulo the width; in `shiftCount` if the target has one).
    mutating func shift(_ kind: ShiftKind, by amount: Register, into dst: Register, _ width: IntWidth)
    /// `dst = dst shift constant`.
    mutating func shift(_ kind: ShiftKind, constant: UInt8, into dst: Register, _ width: IntWidth)
    /// `dst = lhs / rhs` or `lhs % rhs`; the caller has excluded zero and (signed) MIN / -1.
    /// With `division` registers, `lhs` and `dst` are them and `rhs` is none of them.
    mutating func divide(signed: Bool, remainder: Bool, _ lhs: Register, by rhs: Register, into dst: Register, _ width: IntWidth)
    /// `dst = signExtend(low `from` bytes of dst)` to `width`.
    mutating func signExtend(_ dst: Register, from: StoreWidth, to width: IntWidth)

    // Flags, branches, selects.
    /// Sets the flags for comparing `lhs` with `rhs` (`rhs` may be memory or an immediate).
    mutating func compare(_ lhs: Register, _ rhs: Operand, _ width: IntWidth)
    /// Sets the flags for comparing the value at `lhs` with `constant`.
    mutating func compare(_ lhs: Address, constant: Int32, _ width: IntWidth)
    /// Sets the flags for comparing `value` with zero (possibly shorter than `compare`).
    mutating func compareToZero(_ value: Register, _ width: IntWidth)
    /// Branches to `label` when the flags satisfy `cond`.
    mutating func branch(if cond: IntCondition, to label: Label)
    /// `dst = cond ? 1 : 0` from the flags.
    mutating func set(_ cond: IntCondition, into dst: Register)
    /// `dst = cond ? value : dst` from the flags, without a branch.
    mutating func select(if cond: IntCondition, _ value: Operand, into dst: Register, _ width: IntWidth)
    /// Branches to `label` when `value` is zero (`ifZero`) or non-zero.
    mutating func branch(ifZero: Bool, _ value: Register, _ width: IntWidth, to label: Label)
    /// Like `branch(ifZero:_:_:to:)` for a `value` the instruction just emitted computed (a
    /// shift by a non-zero constant or arithmetic), so a target whose arithmetic sets the
    /// flags needs no test.
    mutating func branch(ifZero: Bool, justComputed value: Register, _ width: IntWidth, to label: Label)
    /// `dst = dst - amount`, branching to `label` when that borrows (unsigned `dst < amount`).
    mutating func subtract(_ amount: Register, from dst: Register, _ width: IntWidth, branchingOnBorrowTo label: Label)
    /// Jumps to `label`.
    mutating func jump(to label: Label)
    /// Jumps to `targets[index]`; `index` is known to be in range (and may be clobbered).
    mutating func jump(table targets: [Label], index: Register)

    // Calls and returns.
    /// Calls the code whose address is in `target`.
    mutating func call(register target: Register)
    /// Calls the code whose address is stored at `address`.
    mutating func call(memory address: Address)
    /// Calls another function of the module, placed later; returns the offset of the field the
    /// module's linker writes the target into.
    mutating func callToBeLinked() -> Int
    /// Returns to the caller.
    mutating func ret()
    /// Restores the callee-saved registers in `saved` (pushed by the matching prologue, which
    /// reserved `frameBytes`) with the stack pointer where the prologue left it; does not return.
    mutating func epilogue(saving saved: [Register], frameBytes: Int)

    // Constants written later.
    /// `target = target op constant` with a 32-bit constant written later by `patch`.
    mutating func binary(_ op: IntBinaryOp, patchedConstantInto target: Operand) -> PatchSite
    /// `dst = constant` (64 bits) written later by `patch`.
    mutating func move(patchedConstantInto dst: Register) -> PatchSite
    /// Writes the constant of `site` (before or after `finish`).
    mutating func patch(_ site: PatchSite, with value: Int64)

    // Floats.
    /// `dst = src` (whole register).
    mutating func move(_ src: FloatRegister, to dst: FloatRegister)
    /// `dst = float(bits)` of an f32 (`double: false`) or f64.
    mutating func move(floatBits bits: UInt64, to dst: FloatRegister, double: Bool)
    /// `dst = load(address)` of an f32 (`double: false`) or f64.
    mutating func loadFloat(from address: Address, to dst: FloatRegister, double: Bool, trap: UInt32?)
    /// `store(address, src)` of an f32 or f64.
    mutating func storeFloat(_ src: FloatRegister, to address: Address, double: Bool, trap: UInt32?)
    /// `dst = dst op src`.
    mutating func floatBinary(_ op: FloatBinaryOp, _ src: FloatRegister, into dst: FloatRegister, double: Bool)
    /// `dst = sqrt(src)`.
    mutating func floatSqrt(_ src: FloatRegister, into dst: FloatRegister, double: Bool)
    /// `dst = bits(src)` (reinterpret float as integer).
    mutating func moveBits(_ src: FloatRegister, to dst: Register, double: Bool)
    /// `dst = float(bits(src))` (reinterpret integer as float).
    mutating func moveBits(_ src: Register, to dst: FloatRegister, double: Bool)
    /// `dst = convert(src)` from a signed integer.
    mutating func convert(signed src: Register, _ width: IntWidth, to dst: FloatRegister, double: Bool)
    /// `dst = (a cond b) ? 1 : 0` on floats.
    mutating func compare(_ cond: FloatCondition, _ a: FloatRegister, _ b: FloatRegister, into dst: Register, double: Bool)
    /// `dst = src` converted between f32 and f64 (`toDouble` names the result).
    mutating func convertPrecision(_ src: FloatRegister, toDouble: Bool, into dst: FloatRegister)
    /// `dst = round(src)` with WebAssembly's `nearest`, `floor`, `ceil` or `trunc`.
    mutating func round(_ src: FloatRegister, _ mode: RoundingMode, into dst: FloatRegister, double: Bool)
    /// Branches to `label` when `value` is a NaN.
    mutating func branch(ifNaN value: FloatRegister, double: Bool, to label: Label)

    /// Resolves labels and returns the code with its trap sites.
    mutating func finish() throws(AssemblerError) -> MachineCode
    /// Forgets the emitted code, labels and trap sites, keeping their storage (one
    /// macro-assembler reused for a module's functions, one after another).
    mutating func reset()
}

extension MacroAssembler {
    /// `dst = constant` in the shortest form.
    public mutating func move(constant: Int64, to dst: Register, _ width: IntWidth) {
        move(constant: constant, to: dst, width, .shortest)
    }
}

/// The output of a macro-assembler: the code bytes and the trap sites within them.
public struct MachineCode {
    /// The code.
    public let buffer: CodeBuffer
    /// Faulting instructions that are traps, sorted by offset.
    public let trapSites: [TrapSite]
}
