/// What the translator decides about an instruction before validating it, found with one
/// `switch` per instruction: its static fuel cost (`Metering`), whether the next instruction is
/// a metering-block leader, and whether it ends a NaN-elision region (`NaNElision`).
@usableFromInline
struct InstructionTraits {
    /// The static cost, or nil for structural markers (`block`, `loop`, `else`, `end`, `nop`)
    /// that neither cost nor start a metering block.
    @usableFromInline var cost: UInt64?
    /// The next instruction starts a metering block: branches, calls, `unreachable`, `return`,
    /// and the instruction inside a `loop`, after `if` or after `else` (the `end` of a block
    /// or `if` is handled where frames are popped).
    @usableFromInline var endsBlock: Bool
    /// Values produced before the instruction keep their canonicalization: control
    /// instructions, calls and `select`, after which other paths can observe raw bits.
    @usableFromInline var endsRegion: Bool

    @inlinable @inline(__always)
    init(_ instruction: Operator, _ prices: Metering.Prices?) {
        let simple = prices?.simple
        switch instruction {
        case .nop:
            self.init(nil, endsBlock: false, endsRegion: false)
        case .block, .end:
            self.init(nil, endsBlock: false, endsRegion: true)
        case .loop, .else:
            self.init(nil, endsBlock: true, endsRegion: true)
        case .drop:
            self.init(prices.map { _ in 0 }, endsBlock: false, endsRegion: false)
        case .if, .br, .brIf, .brTable, .return:
            self.init(prices?.control, endsBlock: true, endsRegion: true)
        case .unreachable:
            self.init(prices?.control, endsBlock: true, endsRegion: false)
        case .call:
            self.init(prices?.call, endsBlock: true, endsRegion: true)
        case .callIndirect:
            self.init(prices?.callIndirect, endsBlock: true, endsRegion: true)
        case .select, .typedSelect:
            self.init(simple, endsBlock: false, endsRegion: true)
        case .load, .store, .tableGet, .tableSet, .tableSize:
            self.init(prices?.memory, endsBlock: false, endsRegion: false)
        case .memoryGrow, .memoryFill, .memoryCopy, .memoryInit, .tableGrow, .tableFill, .tableCopy, .tableInit:
            self.init(prices?.bulk, endsBlock: false, endsRegion: false)
        case .numeric(let op):
            self.init(prices?.cost(op.costClass), endsBlock: false, endsRegion: false)
        default:
            self.init(simple, endsBlock: false, endsRegion: false)
        }
    }

    @inlinable @inline(__always)
    init(_ cost: UInt64?, endsBlock: Bool, endsRegion: Bool) {
        self.cost = cost
        self.endsBlock = endsBlock
        self.endsRegion = endsRegion
    }
}
