/// Decodes the instructions of one function body (the binary format's `expr`), one `Operator`
/// at a time, checking only the binary format: validation is `FunctionTranslator`'s.
///
/// Keel decodes bodies itself rather than through WasmKit's `ExpressionParser`, whose
/// visitor-based dispatch is not specialized across modules and cost most of the compile
/// time. Integers follow the specification's LEB128 rules exactly: at most ⌈N/7⌉ bytes, and
/// in the last byte the bits beyond N must be zero (unsigned) or copies of the sign bit
/// (signed). The `0xFC` sub-opcode is a u32, so overlong spellings such as `FC 80 00` are
/// accepted, as WebAssembly requires.
@usableFromInline
struct BodyDecoder {
    /// The body's bytes (a slice of the module: indices are module offsets).
    @usableFromInline let bytes: ArraySlice<UInt8>
    /// The next byte to read (an index into `bytes`).
    @usableFromInline private(set) var position: Int
    /// The module offset of `bytes.startIndex`.
    @usableFromInline let base: Int
    private let multiMemory: Bool
    private let functionIndex: Int
    /// Where the instruction being decoded starts (for errors).
    private var instructionStart: Int
    /// The first byte of the instruction decoded last.
    @usableFromInline private(set) var opcode: UInt8 = 0
    /// The targets of every `br_table` decoded so far, in order (`Operator.brTable` ranges).
    @usableFromInline private(set) var branchTargets: [UInt32]

    /// `branchTargets` lends its storage (emptied first); take it back from `branchTargets`.
    @usableFromInline init(bytes: ArraySlice<UInt8>, moduleOffset: Int, multiMemory: Bool, functionIndex: Int, branchTargets: [UInt32] = []) {
        self.bytes = bytes
        self.branchTargets = branchTargets
        self.branchTargets.removeAll(keepingCapacity: true)
        self.position = bytes.startIndex
        self.instructionStart = bytes.startIndex
        self.base = moduleOffset - bytes.startIndex
        self.multiMemory = multiMemory
        self.functionIndex = functionIndex
    }

    /// Whether every byte has been decoded.
    @inlinable var atEnd: Bool { position == bytes.endIndex }
    /// The module offset of the next instruction.
    @inlinable var offset: Int { base + position }

    // MARK: Errors

    private func malformed(_ message: String) -> CompileError {
        CompileError(.malformed, message, offset: base + instructionStart, functionIndex: functionIndex)
    }

    private func unsupported(_ message: String) -> CompileError {
        CompileError(.unsupported, message, offset: base + instructionStart, functionIndex: functionIndex)
    }

    private static func hex(_ byte: UInt8) -> String {
        (byte < 0x10 ? "0x0" : "0x") + String(byte, radix: 16)
    }

    // MARK: Bytes and integers

    private var unexpectedEnd: CompileError { malformed("unexpected end of the function body") }

    /// The next byte, not consumed.
    @inline(__always)
    private func peek() throws(CompileError) -> UInt8 {
        guard position < bytes.endIndex else { throw unexpectedEnd }
        return bytes[position]
    }

    @inline(__always)
    private mutating func byte() throws(CompileError) -> UInt8 {
        let value = try peek()
        position += 1
        return value
    }

    /// `count` bytes as a little-endian integer (the IEEE 754 bits of a float constant).
    private mutating func littleEndian(_ count: Int) throws(CompileError) -> UInt64 {
        guard bytes.endIndex - position >= count else { throw unexpectedEnd }
        var value: UInt64 = 0
        for k in 0..<count { value |= UInt64(bytes[position + k]) << (8 * k) }
        position += count
        return value
    }

    /// A u32 in LEB128.
    @inline(__always)
    private mutating func u32() throws(CompileError) -> UInt32 {
        let first = try byte()
        if first < 0x80 { return UInt32(first) }
        var result = UInt32(first & 0x7F)
        var shift: UInt32 = 7
        while true {
            let next = try byte()
            if shift == 28 {
                if next & 0x80 != 0 { throw malformed("integer representation too long") }
                if next & 0x70 != 0 { throw malformed("integer too large") }
            }
            result |= UInt32(next & 0x7F) << shift
            if next & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A signed integer of `width` bits (32, 33 or 64) in LEB128, sign-extended to 64 bits.
    @inline(__always)
    private mutating func signed(_ width: Int) throws(CompileError) -> Int64 {
        let first = try byte()
        if first < 0x80 { return Int64(Int8(bitPattern: first << 1) >> 1) }
        var result = Int64(first & 0x7F)
        var shift = 7
        while true {
            let next = try byte()
            if shift + 7 >= width {
                // The last byte the width allows: no continuation, and its bits from the
                // width's sign bit up must all equal that sign bit.
                if next & 0x80 != 0 { throw malformed("integer representation too long") }
                let used = width - shift
                let mask = UInt8(truncatingIfNeeded: (0x7F >> (used - 1)) << (used - 1))
                let high = next & mask
                if high != 0 && high != mask { throw malformed("integer too large") }
            }
            result |= Int64(next & 0x7F) << shift
            shift += 7
            if next & 0x80 == 0 {
                if next & 0x40 != 0 && shift < 64 { result |= -1 << shift }
                return result
            }
        }
    }

    // MARK: Immediates

    /// A value type (`valtype`); the reference forms `0x63 0x70` and `0x63 0x6F` spell
    /// `funcref` and `externref` as the module decoder accepts them.
    private mutating func valueType() throws(CompileError) -> ValueType {
        let code = try byte()
        switch code {
        case 0x7F: return .i32
        case 0x7E: return .i64
        case 0x7D: return .f32
        case 0x7C: return .f64
        case 0x70: return .funcref
        case 0x6F: return .externref
        case 0x7B: throw unsupported("v128 values (the SIMD proposal)")
        case 0x69: throw unsupported("exnref (the exception-handling proposal)")
        case 0x63:
            switch try byte() {
            case 0x70: return .funcref
            case 0x6F: return .externref
            default: throw unsupported("typed references (the function-references proposal)")
            }
        case 0x64: throw unsupported("non-nullable references (the function-references proposal)")
        default: throw malformed("malformed value type \(Self.hex(code))")
        }
    }

    private mutating func blockType() throws(CompileError) -> BlockTypeCode {
        switch try peek() {
        case 0x40:
            position += 1
            return .empty
        case 0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F, 0x69, 0x63, 0x64:
            return .value(try valueType())
        default:
            let index = try signed(33)
            guard index >= 0 else { throw malformed("malformed block type") }
            return .index(UInt32(index))
        }
    }

    /// A memory index: a u32 with multi-memory, otherwise a reserved zero byte.
    private mutating func memoryIndex() throws(CompileError) -> UInt32 {
        if multiMemory { return try u32() }
        guard try byte() == 0 else { throw malformed("zero byte expected") }
        return 0
    }

    private mutating func memoryArgument() throws(CompileError) -> MemoryArgument {
        var flags = try u32()
        var memory: UInt32 = 0
        // With multi-memory, bit 6 of the flags says a memory index follows them.
        if multiMemory, flags & 0x40 != 0 {
            guard flags < 0x80 else { throw malformed("malformed memop flags") }
            flags &= ~0x40
            memory = try u32()
        }
        return MemoryArgument(align: flags, offset: try u32(), memory: memory)
    }

    private mutating func heapType() throws(CompileError) -> ValueType {
        switch try peek() {
        case 0x70:
            position += 1
            return .funcref
        case 0x6F:
            position += 1
            return .externref
        case 0x69:
            throw unsupported("exnref (the exception-handling proposal)")
        default:
            guard try signed(33) >= 0 else { throw malformed("malformed heap type") }
            throw unsupported("ref.null of a concrete type (the function-references proposal)")
        }
    }

    private mutating func branchTable() throws(CompileError) -> Operator {
        let count = Int(try u32())
        // Every target takes at least one byte: a count the body cannot hold is malformed, and
        // is rejected before anything is allocated for it.
        guard count < bytes.endIndex - position else { throw unexpectedEnd }
        let start = branchTargets.count
        branchTargets.reserveCapacity(start + count)
        for _ in 0..<count { branchTargets.append(try u32()) }
        return .brTable(targets: BranchTargets(start: UInt32(start), count: UInt32(count)), defaultDepth: try u32())
    }

    // MARK: Instructions

    /// Decodes the next instruction (the caller checks `atEnd` first).
    @usableFromInline mutating func next() throws(CompileError) -> Operator {
        instructionStart = position
        let opcode = try byte()
        self.opcode = opcode
        switch opcode {
        case 0x00: return .unreachable
        case 0x01: return .nop
        case 0x02: return .block(try blockType())
        case 0x03: return .loop(try blockType())
        case 0x04: return .if(try blockType())
        case 0x05: return .else
        case 0x0B: return .end
        case 0x0C: return .br(try u32())
        case 0x0D: return .brIf(try u32())
        case 0x0E: return try branchTable()
        case 0x0F: return .return
        case 0x10: return .call(try u32())
        case 0x11:
            let typeIndex = try u32()
            return .callIndirect(typeIndex: typeIndex, table: try u32())
        case 0x1A: return .drop
        case 0x1B: return .select
        case 0x1C:
            guard try u32() == 1 else { throw malformed("invalid result arity: select takes one type") }
            return .typedSelect(try valueType())
        case 0x20: return .localGet(try u32())
        case 0x21: return .localSet(try u32())
        case 0x22: return .localTee(try u32())
        case 0x23: return .globalGet(try u32())
        case 0x24: return .globalSet(try u32())
        case 0x25: return .tableGet(try u32())
        case 0x26: return .tableSet(try u32())
        case 0x28...0x35:
            // Sound unwrap: `LoadOp` lists the loads in opcode order.
            return .load(LoadOp(rawValue: opcode - 0x28)!, try memoryArgument())
        case 0x36...0x3E:
            return .store(StoreOp(rawValue: opcode - 0x36)!, try memoryArgument())
        case 0x3F: return .memorySize(try memoryIndex())
        case 0x40: return .memoryGrow(try memoryIndex())
        case 0x41: return .i32Const(UInt32(truncatingIfNeeded: try signed(32)))
        case 0x42: return .i64Const(UInt64(bitPattern: try signed(64)))
        case 0x43: return .f32Const(UInt32(try littleEndian(4)))
        case 0x44: return .f64Const(try littleEndian(8))
        case 0x45...0xC4: return .numeric(NumericOp(opcode: opcode)!)
        case 0xD0: return .refNull(try heapType())
        case 0xD1: return .refIsNull
        case 0xD2: return .refFunc(try u32())
        case 0xFC: return try prefixed()
        default:
            if let proposal = ProposalDetector.proposal(forOpcode: opcode) {
                throw unsupported("instruction \(Self.hex(opcode)) of \(proposal)")
            }
            throw malformed("illegal opcode \(Self.hex(opcode))")
        }
    }

    /// The `0xFC`-prefixed instructions: saturating truncations, bulk memory and tables.
    private mutating func prefixed() throws(CompileError) -> Operator {
        let sub = try u32()
        switch sub {
        case 0...7: return .numeric(NumericOp(saturatingTruncation: sub)!)
        case 8:
            let data = try u32()
            return .memoryInit(data: data, memory: try memoryIndex())
        case 9: return .dataDrop(try u32())
        case 10:
            let destination = try memoryIndex()
            return .memoryCopy(destination: destination, source: try memoryIndex())
        case 11: return .memoryFill(try memoryIndex())
        case 12:
            let element = try u32()
            return .tableInit(element: element, table: try u32())
        case 13: return .elemDrop(try u32())
        case 14:
            let destination = try u32()
            return .tableCopy(destination: destination, source: try u32())
        case 15: return .tableGrow(try u32())
        case 16: return .tableSize(try u32())
        case 17: return .tableFill(try u32())
        default: throw malformed("illegal opcode 0xfc \(sub)")
        }
    }
}
