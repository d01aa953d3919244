/// An x86-64 general-purpose register, numbered as in the instruction encoding.
public enum GPR: UInt8, CaseIterable, Sendable {
    case rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi
    case r8, r9, r10, r11, r12, r13, r14, r15

    /// The low three bits that go in ModRM/SIB/opcode.
    @inline(__always) var low: UInt8 { rawValue & 7 }
    /// The bit that goes in REX.R/X/B.
    @inline(__always) var high: UInt8 { rawValue >> 3 }
}

/// An SSE register, xmm0...xmm15.
public enum XMM: UInt8, CaseIterable, Sendable {
    case xmm0, xmm1, xmm2, xmm3, xmm4, xmm5, xmm6, xmm7
    case xmm8, xmm9, xmm10, xmm11, xmm12, xmm13, xmm14, xmm15

    @inline(__always) var low: UInt8 { rawValue & 7 }
    @inline(__always) var high: UInt8 { rawValue >> 3 }
}

/// The width of an integer operand.
public enum OperandSize: UInt8, CaseIterable, Sendable {
    case b8 = 1, b16 = 2, b32 = 4, b64 = 8

    /// The width in bits.
    public var bits: Int { Int(rawValue) * 8 }
}

/// The x86 condition codes, numbered as in `jcc`/`setcc`/`cmovcc`.
public enum ConditionCode: UInt8, CaseIterable, Sendable {
    /// Overflow, no overflow.
    case o = 0, no
    /// Unsigned below (carry), above or equal.
    case b, ae
    /// Equal (zero), not equal.
    case e, ne
    /// Unsigned below or equal, above.
    case be, a
    /// Sign, no sign.
    case s, ns
    /// Parity (unordered after ucomis*), no parity.
    case p, np
    /// Signed less, greater or equal, less or equal, greater.
    case l, ge, le, g

    /// The condition that holds exactly when this one does not.
    public var inverted: ConditionCode { ConditionCode(rawValue: rawValue ^ 1)! }
}

extension GPR: MachineRegister {
    public var number: UInt8 { rawValue }
    public init?(number: UInt8) { self.init(rawValue: number) }
}

extension XMM: MachineRegister {
    public var number: UInt8 { rawValue }
    public init?(number: UInt8) { self.init(rawValue: number) }
}
