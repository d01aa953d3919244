/// One instruction of a function body as `BodyDecoder` decodes it: the opcode with its
/// immediates, in Keel's own types (the numeric instructions as `NumericOp`, loads and stores as
/// `LoadOp`/`StoreOp`), for `FunctionTranslator` to validate and pass on.
@usableFromInline
enum Operator: Equatable {
    case unreachable, nop
    case block(BlockTypeCode), loop(BlockTypeCode), `if`(BlockTypeCode)
    case `else`, end
    case br(UInt32), brIf(UInt32)
    /// The targets are `BodyDecoder.branchTargets[targets]` (kept outside so that an operator
    /// holds no reference and arrays of them are plain memory).
    case brTable(targets: BranchTargets, defaultDepth: UInt32)
    case `return`
    case call(UInt32)
    case callIndirect(typeIndex: UInt32, table: UInt32)
    case drop, select
    case typedSelect(ValueType)
    case localGet(UInt32), localSet(UInt32), localTee(UInt32)
    case globalGet(UInt32), globalSet(UInt32)
    case tableGet(UInt32), tableSet(UInt32)
    case load(LoadOp, MemoryArgument), store(StoreOp, MemoryArgument)
    case memorySize(UInt32), memoryGrow(UInt32)
    /// Constants as raw bits (an i32 zero-extended, floats as their IEEE 754 bits).
    case i32Const(UInt32), i64Const(UInt64), f32Const(UInt32), f64Const(UInt64)
    case refNull(ValueType), refIsNull, refFunc(UInt32)
    case numeric(NumericOp)
    case memoryInit(data: UInt32, memory: UInt32), dataDrop(UInt32)
    case memoryCopy(destination: UInt32, source: UInt32), memoryFill(UInt32)
    case tableInit(element: UInt32, table: UInt32), elemDrop(UInt32)
    case tableCopy(destination: UInt32, source: UInt32)
    case tableGrow(UInt32), tableSize(UInt32), tableFill(UInt32)
}

/// Where a `br_table`'s targets lie in `BodyDecoder.branchTargets` (32-bit: a body's targets
/// are fewer than its bytes, whose count the binary format gives as a u32).
@usableFromInline
struct BranchTargets: Equatable {
    @usableFromInline var start: UInt32
    @usableFromInline var count: UInt32

    @inlinable var range: Range<Int> { Int(start)..<(Int(start) + Int(count)) }
}

/// A block type as encoded: empty, one result, or a type index (checked by the translator).
@usableFromInline
enum BlockTypeCode: Equatable {
    case empty
    case value(ValueType)
    case index(UInt32)
}

/// A load's or store's `memarg`: the alignment exponent, the static offset and the memory.
@usableFromInline
struct MemoryArgument: Equatable {
    @usableFromInline var align: UInt32
    /// A u32 in the binary format (memory64 is not supported).
    @usableFromInline var offset: UInt32
    @usableFromInline var memory: UInt32
}

extension NumericOp {
    /// The numeric instruction with one-byte opcode `opcode` (`0x45...0xC4`), if any.
    @inline(__always)
    init?(opcode: UInt8) {
        // `NumericOp` lists 0x45...0xBF in opcode order, then the eight saturating truncations
        // (0xFC 0...7), then the sign extensions 0xC0...0xC4 (NumericOpTests checks the order).
        switch opcode {
        case 0x45...0xBF: self.init(rawValue: opcode - 0x45)
        case 0xC0...0xC4: self.init(rawValue: opcode - 0xC0 + NumericOp.i32Extend8S.rawValue)
        default: return nil
        }
    }

    /// The saturating truncation `0xFC sub`, for `sub` in `0...7`.
    init?(saturatingTruncation sub: UInt32) {
        guard sub < 8 else { return nil }
        self.init(rawValue: UInt8(sub) + NumericOp.i32TruncSatF32S.rawValue)
    }
}
