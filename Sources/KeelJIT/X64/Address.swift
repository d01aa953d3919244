/// A memory operand: `[base + index * scale + displacement]`, or `[rip + displacement]`.
///
/// Every special case of the encoding is handled by the encoder: rsp and r12 as a base need
/// a SIB byte, rbp and r13 as a base need an explicit zero displacement, rsp cannot be an
/// index, and a RIP-relative displacement counts from the end of the instruction.
public struct Address: Sendable, Equatable {
    /// Index scale factor.
    public enum Scale: UInt8, Sendable {
        case x1 = 0, x2 = 1, x4 = 2, x8 = 3
        /// The factor: 1, 2, 4 or 8.
        public var factor: Int { 1 << Int(rawValue) }
    }

    /// Base register; nil for an absolute or index-only address, or RIP-relative.
    public var base: GPR?
    /// Index register (never rsp).
    public var index: GPR?
    /// Index scale.
    public var scale: Scale
    /// Signed displacement.
    public var displacement: Int32
    /// Whether the address is `[rip + displacement]` (displacement from the instruction's end).
    public var ripRelative: Bool

    /// `[base + displacement]`.
    public init(_ base: GPR, _ displacement: Int32 = 0) {
        self.base = base; index = nil; scale = .x1; self.displacement = displacement; ripRelative = false
    }

    /// `[base + index * scale + displacement]`; `index` must not be rsp.
    public init(_ base: GPR?, index: GPR, scale: Scale, _ displacement: Int32 = 0) {
        precondition(index != .rsp, "rsp cannot be an index register")
        self.base = base; self.index = index; self.scale = scale; self.displacement = displacement; ripRelative = false
    }

    /// `[displacement]`, a 32-bit absolute address (sign-extended).
    public static func absolute(_ displacement: Int32) -> Address {
        var a = Address(.rax, displacement)
        a.base = nil
        return a
    }

    /// `[rip + displacement]`, counting from the end of the instruction.
    public static func rip(_ displacement: Int32) -> Address {
        var a = Address(.rax, displacement)
        a.base = nil
        a.ripRelative = true
        return a
    }
}

extension Address: MachineAddress {
    public init(base: GPR, displacement: Int32) { self.init(base, displacement) }
    public init(base: GPR, index: GPR, displacement: Int32) { self.init(base, index: index, scale: .x1, displacement) }
}
