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

/// The ISA-neutral vocabulary a single-pass WebAssembly compiler emits through.
///
/// Each backend (`X64MacroAssembler`; an arm64 one would be a sibling folder) implements it
/// on its instruction encoder. Code generators are generic over `some MacroAssembler`, so
/// every call is resolved statically. Operations read their sources and write `dst`; a
/// backend may clobber the scratch registers it documents.
public protocol MacroAssembler {
    /// An integer register.
    associatedtype Register: Equatable
    /// A float register.
    associatedtype FloatRegister: Equatable
    /// A memory operand.
    associatedtype Address

    /// The current code offset.
    var offset: Int { get }

    // Labels.
    /// A new, unbound label.
    mutating func makeLabel() -> Label
    /// Binds `label` here.
    mutating func bind(_ label: Label)

    // Moves, loads, stores.
    /// `dst = src`.
    mutating func move(_ src: Register, to dst: Register, _ width: IntWidth)
    /// `dst = constant` (an i32 constant's upper bits are zero).
    mutating func move(constant: Int64, to dst: Register, _ width: IntWidth)
    /// `dst = extend(load(address))`; with `trap`, a fault at this access is that trap.
    mutating func load(_ kind: LoadKind, from address: Address, to dst: Register, _ width: IntWidth, trap: UInt32?)
    /// `store(address, src)` of the low `width` bytes; with `trap`, a fault is that trap.
    mutating func store(_ src: Register, to address: Address, _ width: StoreWidth, trap: UInt32?)
    /// `dst = address` (the effective address, not the contents).
    mutating func loadAddress(_ address: Address, to dst: Register)

    // Integer arithmetic.
    /// `dst = dst op src`.
    mutating func binary(_ op: IntBinaryOp, _ src: Register, into dst: Register, _ width: IntWidth)
    /// `dst = dst op constant` (sign-extended).
    mutating func binary(_ op: IntBinaryOp, constant: Int32, into dst: Register, _ width: IntWidth)
    /// `dst = op dst`.
    mutating func unary(_ op: IntUnaryOp, _ dst: Register, _ width: IntWidth)
    /// `dst = dst shift amount` (amount modulo the width).
    mutating func shift(_ kind: ShiftKind, by amount: Register, into dst: Register, _ width: IntWidth)
    /// `dst = dst shift constant`.
    mutating func shift(_ kind: ShiftKind, constant: UInt8, into dst: Register, _ width: IntWidth)
    /// `dst = lhs / rhs` or `lhs % rhs`; the caller has excluded zero and (signed) MIN / -1.
    mutating func divide(signed: Bool, remainder: Bool, _ lhs: Register, by rhs: Register, into dst: Register, _ width: IntWidth)

    // Comparisons and branches.
    /// `dst = (lhs cond rhs) ? 1 : 0`.
    mutating func compare(_ cond: IntCondition, _ lhs: Register, _ rhs: Register, into dst: Register, _ width: IntWidth)
    /// Branches to `label` when `lhs cond rhs`.
    mutating func branch(if cond: IntCondition, _ lhs: Register, _ rhs: Register, _ width: IntWidth, to label: Label)
    /// Branches to `label` when `lhs cond constant`.
    mutating func branch(if cond: IntCondition, _ lhs: Register, constant: Int32, _ width: IntWidth, to label: Label)
    /// `dst = (lhs cond rhs) ? value : dst`, without a branch.
    mutating func select(if cond: IntCondition, _ lhs: Register, _ rhs: Register, _ width: IntWidth, then value: Register, into dst: Register)
    /// Branches to `label` when `value` is zero (`ifZero`) or non-zero.
    mutating func branch(ifZero: Bool, _ value: Register, _ width: IntWidth, to label: Label)
    /// Jumps to `label`.
    mutating func jump(to label: Label)
    /// Jumps to `targets[index]`; `index` is known to be in range.
    mutating func jump(table targets: [Label], index: Register)

    // Calls.
    /// Calls code at `label` (same function or same arena).
    mutating func call(_ label: Label)
    /// Calls the function whose address is in `target`.
    mutating func call(register target: Register)
    /// Calls a host function at a fixed address (a `@convention(c)` function).
    mutating func call(absolute address: UInt)
    /// Returns to the caller.
    mutating func ret()

    // Frames.
    /// Saves the callee-saved registers in `saved` and reserves `frameBytes` of aligned frame.
    mutating func prologue(saving saved: [Register], frameBytes: Int)
    /// Undoes `prologue` with the same arguments (does not return).
    mutating func epilogue(saving saved: [Register], frameBytes: Int)

    // Traps.
    /// An unconditional trap with `code` (a registered trap site).
    mutating func trap(_ code: UInt32)

    // Floats.
    /// `dst = src` (whole register).
    mutating func move(_ src: FloatRegister, to dst: FloatRegister)
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
    /// `dst = truncate(src)` toward zero into a signed integer, with the hardware's result
    /// (INT_MIN) for NaN and out-of-range values: the code generator checks ranges first.
    mutating func truncate(_ src: FloatRegister, double: Bool, to dst: Register, _ width: IntWidth)
    /// `dst = src` converted between f32 and f64 (`toDouble` names the result).
    mutating func convertPrecision(_ src: FloatRegister, toDouble: Bool, into dst: FloatRegister)
    /// `dst = round(src)` with WebAssembly's `nearest`, `floor`, `ceil` or `trunc`.
    mutating func round(_ src: FloatRegister, _ mode: RoundingMode, into dst: FloatRegister, double: Bool)

    /// Resolves labels and returns the code with its trap sites.
    mutating func finish() throws(AssemblerError) -> MachineCode
}

/// The output of a macro-assembler: the code bytes and the trap sites within them.
public struct MachineCode {
    /// The code.
    public let buffer: CodeBuffer
    /// Faulting instructions that are traps, sorted by offset.
    public let trapSites: [TrapSite]
}
