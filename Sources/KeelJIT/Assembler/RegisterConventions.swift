/// The registers a code generator uses by role on one target: which registers hold operands
/// and locals, which are pinned for the whole function, which a helper call takes its
/// arguments in, and which operations need their operands in fixed registers.
///
/// The code generator names no register itself: everything comes from here, so a new target
/// supplies these facts next to its macro-assembler.
public protocol RegisterConventions {
    /// An integer register.
    associatedtype Register: MachineRegister
    /// A float register.
    associatedtype FloatRegister: MachineRegister

    /// Integer registers always available for operands, in allocation order.
    static var operandRegisters: [Register] { get }
    /// Homes for the hottest integer locals, in order of preference; unused ones join the
    /// operand pool. A call may clobber them (the generator saves and reloads them).
    static var localRegisters: [Register] { get }
    /// Float registers always available for operands.
    static var operandFloatRegisters: [FloatRegister] { get }
    /// Homes for the hottest float locals.
    static var localFloatRegisters: [FloatRegister] { get }

    /// A register never allocated. The generator keeps short-lived values in it (a copied
    /// slot, a wide constant, a memory view, the base or index of an address) across moves,
    /// loads, stores, compares and integer arithmetic; the macro-assembler may clobber it only
    /// in the operations that `MacroAssembler` says may (x86-64 shares r11 this way).
    static var scratch: Register { get }
    /// A second register never allocated and never used by the macro-assembler.
    static var secondScratch: Register { get }

    /// The stack pointer; frame slots are addressed from it.
    static var stackPointer: Register { get }
    /// Pinned: the execution context (`JITContextLayout`).
    static var context: Register { get }
    /// Pinned: memory 0's base address.
    static var memoryBase: Register { get }
    /// Pinned: memory 0's size in bytes.
    static var memorySize: Register { get }
    /// Pinned: the fuel remaining while JIT code runs.
    static var fuel: Register { get }
    /// A helper's (integer) result; also where a trap exit expects the trap code.
    static var result: Register { get }
    /// The integer argument registers of a helper call, in order (at least five).
    static var arguments: [Register] { get }
    /// Where a JIT function receives the pointer to its argument (and result) slots.
    static var argumentSlots: Register { get }
    /// The callee-saved registers the entry into JIT code saves, restored by a trap exit.
    static var entrySaved: [Register] { get }
    /// Bytes a call pushes on the stack (a return address), 0 when it stays in a register;
    /// with them, frames keep the stack pointer 16-byte aligned.
    static var returnAddressBytes: Int { get }

    /// Fixed registers of integer division, or nil when any registers will do.
    static var division: DivisionRegisters<Register>? { get }
    /// The register a variable shift count must be in, or nil when any register will do.
    static var shiftCount: Register? { get }
}
