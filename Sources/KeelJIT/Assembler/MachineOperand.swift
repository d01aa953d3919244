/// A register of one class (integer or float) of some target, numbered within its class.
public protocol MachineRegister: Equatable, Sendable {
    /// The register's number in its class, below 64 (register sets are 64-bit masks).
    var number: UInt8 { get }
    /// The register numbered `number`, if the class has one.
    init?(number: UInt8)
}

/// A target's memory operand, built from a base register, an optional index register (scaled
/// by 1) and a signed displacement.
public protocol MachineAddress: Equatable {
    /// The target's integer register.
    associatedtype Register
    /// `[base + displacement]`.
    init(base: Register, displacement: Int32)
    /// `[base + index + displacement]`.
    init(base: Register, index: Register, displacement: Int32)
    /// The signed displacement (adjusting it addresses a neighbouring location).
    var displacement: Int32 { get set }
}

/// An integer source operand: a register, a sign-extended 32-bit immediate or memory.
///
/// A target that cannot use an immediate or memory operand directly materializes it in a
/// register of its own; on x86-64 all three are instruction operands.
public enum IntOperand<Register, Address> {
    case register(Register)
    case immediate(Int32)
    case memory(Address)
}

/// How `move(constant:to:_:_:)` materializes a constant.
public enum ConstantForm: Sendable, CaseIterable {
    /// The shortest sequence; may change the flags (x86-64: `xor r, r` for zero).
    case shortest
    /// Leaves the flags as they are.
    case keepingFlags
    /// Leaves the flags as they are and writes all 64 bits with a form whose length does not
    /// depend on the value (x86-64: `movabs`).
    case wide
}

/// Registers a division needs in fixed places (x86-64's `div` and `idiv`).
public struct DivisionRegisters<Register: MachineRegister>: Sendable {
    /// Where the dividend must be.
    public var dividend: Register
    /// Where the quotient is left.
    public var quotient: Register
    /// Where the remainder is left.
    public var remainder: Register

    /// Fixed registers for division; the operation clobbers all of them.
    public init(dividend: Register, quotient: Register, remainder: Register) {
        self.dividend = dividend
        self.quotient = quotient
        self.remainder = remainder
    }

    /// Every register involved, each once, dividend first.
    public var all: [Register] {
        var registers = [dividend]
        for r in [remainder, quotient] where !registers.contains(r) { registers.append(r) }
        return registers
    }
}
