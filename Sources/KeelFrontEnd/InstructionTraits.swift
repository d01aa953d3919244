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
    /// bytes, and `0xFC` instructions use `code(of:)`). Each opcode's instruction is decoded
    /// (`representative(opcode:)`) and passed to `code(of:)`; immediates do not change traits.
    @usableFromInline
    static let byOpcode: [UInt8] = (0...255).map { opcode in
        guard let instruction = representative(opcode: UInt8(opcode)) else { return 0 }
        return code(of: instruction)
    }

    /// The instruction `BodyDecoder` decodes from `opcode` with some immediates, nil for `0xFC`
    /// and bytes that are no instruction. The immediates tried: zeros (an index, a memarg, a
    /// constant, an empty `br_table`, block type 0), then `1 i32` (typed `select`'s vector),
    /// then `funcref` (`ref.null`'s heap type).
    static func representative(opcode: UInt8) -> Operator? {
        guard opcode != 0xFC else { return nil }
        for immediates: [UInt8] in [Array(repeating: 0, count: 9), [0x01, 0x7F], [0x70]] {
            let bytes = [opcode] + immediates
            var decoder = BodyDecoder(bytes: bytes[...], moduleOffset: 0, multiMemory: false, functionIndex: 0)
            if let instruction = try? decoder.next() { return instruction }
        }
        return nil
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
