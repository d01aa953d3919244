/// What the translator decides about an instruction before validating it: its static fuel cost
/// (`Metering`), whether the next instruction is a metering-block leader, and whether it ends a
/// NaN-elision region (`NaNElision`).
///
/// `code(of:)` is the definition, one `switch` over the instruction. Bodies are translated
/// through `byOpcode`, the same decisions looked up by the instruction's first byte (all but
/// the `0xFC` instructions, whose traits come from `code(of:)`), so that no instruction pays a
/// second dispatch; `BodyDecoderTests` checks the two agree on every instruction of the spec
/// suite.
@usableFromInline
struct InstructionTraits {
    /// Which of `Metering.Prices.byIndex` the instruction costs; 0 for structural markers
    /// (`block`, `loop`, `else`, `end`, `nop`) that neither cost nor start a metering block.
    @usableFromInline var priceIndex: Int
    /// The next instruction starts a metering block: branches, calls, `unreachable`, `return`,
    /// and the instruction inside a `loop`, after `if` or after `else` (the `end` of a block
    /// or `if` is handled where frames are popped).
    @usableFromInline var endsBlock: Bool
    /// Values produced before the instruction keep their canonicalization: control
    /// instructions, calls and `select`, after which other paths can observe raw bits.
    @usableFromInline var endsRegion: Bool

    /// The traits packed in one byte (`code(of:)`).
    @inlinable @inline(__always)
    init(code: UInt8) {
        priceIndex = Int(code & Self.priceMask)
        endsBlock = code & Self.endsBlockBit != 0
        endsRegion = code & Self.endsRegionBit != 0
    }

    /// The instruction's cost under `prices`, nil when it has none or nothing is metered.
    @inlinable @inline(__always)
    func cost(_ prices: Metering.Prices?) -> UInt64? {
        guard priceIndex != 0, let prices else { return nil }
        return prices.byIndex[priceIndex]
    }

    @usableFromInline static let priceMask: UInt8 = 0x0F
    @usableFromInline static let endsBlockBit: UInt8 = 0x10
    @usableFromInline static let endsRegionBit: UInt8 = 0x20

    /// The packed traits of `instruction`: the definition.
    @usableFromInline
    static func code(of instruction: Operator) -> UInt8 {
        switch instruction {
        case .nop:
            pack(.none)
        case .block, .end:
            pack(.none, endsRegion: true)
        case .loop, .else:
            pack(.none, endsBlock: true, endsRegion: true)
        case .drop:
            pack(.zero)
        case .if, .br, .brIf, .brTable, .return:
            pack(.control, endsBlock: true, endsRegion: true)
        case .unreachable:
            pack(.control, endsBlock: true)
        case .call:
            pack(.call, endsBlock: true, endsRegion: true)
        case .callIndirect:
            pack(.callIndirect, endsBlock: true, endsRegion: true)
        case .select, .typedSelect:
            pack(.costClass(.simple), endsRegion: true)
        case .load, .store, .tableGet, .tableSet, .tableSize:
            pack(.costClass(.memory))
        case .memoryGrow, .memoryFill, .memoryCopy, .memoryInit, .tableGrow, .tableFill, .tableCopy, .tableInit:
            pack(.costClass(.bulk))
        case .numeric(let op):
            pack(.costClass(op.costClass))
        default:
            pack(.costClass(.simple))
        }
    }

    /// The packed traits of every instruction whose first byte is the index, for the one-byte
    /// opcodes WebAssembly defines (other entries are never read: the decoder rejects those
    /// bytes, and `0xFC` instructions use `code(of:)`). A representative of each opcode is
    /// passed to `code(of:)`; immediates do not change traits.
    @usableFromInline
    static let byOpcode: [UInt8] = (0...255).map { opcode in
        guard let instruction = representative(opcode: UInt8(opcode)) else { return 0 }
        return code(of: instruction)
    }

    /// An instruction with first byte `opcode` (any immediates), nil for `0xFC` and bytes that
    /// are no instruction.
    static func representative(opcode: UInt8) -> Operator? {
        let memarg = MemoryArgument(align: 0, offset: 0, memory: 0)
        switch opcode {
        case 0x00: return .unreachable
        case 0x01: return .nop
        case 0x02: return .block(.empty)
        case 0x03: return .loop(.empty)
        case 0x04: return .if(.empty)
        case 0x05: return .else
        case 0x0B: return .end
        case 0x0C: return .br(0)
        case 0x0D: return .brIf(0)
        case 0x0E: return .brTable(targets: BranchTargets(start: 0, count: 0), defaultDepth: 0)
        case 0x0F: return .return
        case 0x10: return .call(0)
        case 0x11: return .callIndirect(typeIndex: 0, table: 0)
        case 0x1A: return .drop
        case 0x1B: return .select
        case 0x1C: return .typedSelect(.i32)
        case 0x20: return .localGet(0)
        case 0x21: return .localSet(0)
        case 0x22: return .localTee(0)
        case 0x23: return .globalGet(0)
        case 0x24: return .globalSet(0)
        case 0x25: return .tableGet(0)
        case 0x26: return .tableSet(0)
        case 0x28...0x35: return LoadOp(rawValue: opcode - 0x28).map { .load($0, memarg) }
        case 0x36...0x3E: return StoreOp(rawValue: opcode - 0x36).map { .store($0, memarg) }
        case 0x3F: return .memorySize(0)
        case 0x40: return .memoryGrow(0)
        case 0x41: return .i32Const(0)
        case 0x42: return .i64Const(0)
        case 0x43: return .f32Const(0)
        case 0x44: return .f64Const(0)
        case 0x45...0xC4: return NumericOp(opcode: opcode).map { .numeric($0) }
        case 0xD0: return .refNull(.funcref)
        case 0xD1: return .refIsNull
        case 0xD2: return .refFunc(0)
        default: return nil
        }
    }

    /// The packed traits of the instruction just decoded, whose first byte was `opcode`.
    @inlinable @inline(__always)
    static func code(opcode: UInt8, _ instruction: Operator, table: [UInt8]) -> UInt8 {
        opcode == 0xFC ? code(of: instruction) : table[Int(opcode)]
    }

    /// Where an instruction's cost comes from.
    enum Price {
        case none, zero, call, callIndirect, control
        case costClass(CostClass)
    }

    static func pack(_ price: Price, endsBlock: Bool = false, endsRegion: Bool = false) -> UInt8 {
        let index: UInt8 = switch price {
        case .none: 0
        case .zero: 1
        case .call: 2
        case .callIndirect: 3
        case .control: 4
        case .costClass(let costClass): 5 + costClass.rawValue
        }
        precondition(index <= priceMask, "instruction price index \(index)")
        return index | (endsBlock ? endsBlockBit : 0) | (endsRegion ? endsRegionBit : 0)
    }
}
