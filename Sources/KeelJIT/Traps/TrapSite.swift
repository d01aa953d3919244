/// A machine-code instruction that may fault on purpose, and the trap it stands for.
///
/// The signal handler turns a fault at `offset` (from the start of a registered code
/// region) into a return through the region's landing pad with `code` in rax.
public struct TrapSite: Sendable, Equatable, Comparable {
    /// Offset of the faulting instruction's first byte in its code region.
    public var offset: UInt32
    /// The trap code handed to the landing pad (the runtime's trap kind).
    public var code: UInt32

    /// A trap site at `offset` standing for `code`.
    public init(offset: UInt32, code: UInt32) {
        self.offset = offset
        self.code = code
    }

    public static func < (a: TrapSite, b: TrapSite) -> Bool { a.offset < b.offset }
}
