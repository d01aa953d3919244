import Keel

extension BodyGenerator {
    /// The kinds of expression, in the order of their weights in ``expression(_:)``.
    private enum ExpressionKind: Int, CaseIterable {
        case constant, localGet, globalGet, numeric, load, select, localTee, block, ifElse, loop,
            call, callIndirect, memoryQuery, branch, branchIf, branchTable, deepNesting, reference, exit
    }

    private static let weights: [Int] = [14, 12, 4, 30, 8, 5, 4, 5, 4, 3, 4, 3, 3, 2, 3, 2, 1, 2, 1]

    /// Emits instructions that push exactly one value of `type`.
    func expression(_ type: ValueType) {
        depth += 1
        defer { depth -= 1 }
        spend()
        if exhausted || input.isExhausted {
            leaf(type)
            return
        }
        let kind = ExpressionKind(rawValue: input.weighted(Self.weights))!
        switch kind {
        case .constant: constant(type)
        case .localGet: leaf(type)
        case .globalGet: globalGet(type)
        case .numeric: numeric(type)
        case .load: load(type)
        case .select: select(type)
        case .localTee:
            expression(type)
            local(0x22, localIndex(of: type) ?? scratch(type))
        case .block: blockExpression(type)
        case .ifElse: ifExpression(type)
        case .loop: loopExpression(type)
        case .call: call(producing: type)
        case .callIndirect: callIndirect(producing: type)
        case .memoryQuery: memoryQuery(type)
        case .branch: branch(producing: type)
        case .branchIf: branchIf(producing: type)
        case .branchTable: branchTable(producing: type)
        case .deepNesting: deepNesting(type)
        case .reference: reference(type)
        case .exit: exit(producing: type)
        }
    }

    /// A local read when a local of `type` exists, else a constant.
    func leaf(_ type: ValueType) {
        if let index = localIndex(of: type), input.chance(170) {
            local(0x20, index)
        } else {
            constant(type)
        }
    }

    /// A random local of `type`, if any.
    func localIndex(of type: ValueType) -> Int? {
        let candidates = locals.indices.filter { locals[$0] == type }
        return candidates.isEmpty ? nil : input.pick(candidates)
    }

    /// A constant of `type`, mostly an edge value.
    func constant(_ type: ValueType) {
        let edge = input.chance(190)
        switch type {
        case .i32:
            code.byte(0x41)
            code.signed(Int64(Int32(bitPattern: edge ? input.pick(EdgeValues.i32) : input.u32())))
        case .i64:
            code.byte(0x42)
            code.signed(Int64(bitPattern: edge ? input.pick(EdgeValues.i64) : input.u64()))
        case .f32:
            code.byte(0x43)
            let bits = edge ? input.pick(EdgeValues.f32) : input.u32()
            for shift in stride(from: 0, to: 32, by: 8) { code.byte(UInt8(truncatingIfNeeded: bits >> UInt32(shift))) }
        case .f64:
            code.byte(0x44)
            let bits = edge ? input.pick(EdgeValues.f64) : input.u64()
            for shift in stride(from: 0, to: 64, by: 8) { code.byte(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        case .funcref, .externref:
            code.byte(0xD0)
            code.byte(WasmWriter.code(of: type))
        }
    }

    private func globalGet(_ type: ValueType) {
        let candidates = context.layout.globals.indices.filter { context.layout.globals[$0].type == type }
        guard !candidates.isEmpty else { return constant(type) }
        code.byte(0x23)
        code.unsigned(input.pick(candidates))
    }

    private func numeric(_ type: ValueType) {
        let ops = NumericOps.producing(type).filter { op in
            context.options.allowFloats || !op.operands.contains { $0 == .f32 || $0 == .f64 }
        }
        guard !ops.isEmpty else { return constant(type) }
        let op = input.pick(ops)
        expressions(op.operands)
        code.append(op.code)
    }

    private func select(_ type: ValueType) {
        expression(type)
        expression(type)
        expression(.i32)
        if input.chance(60) {
            code.append([0x1C, 0x01, WasmWriter.code(of: type)])
        } else {
            code.byte(0x1B)
        }
    }

    private func memoryQuery(_ type: ValueType) {
        guard type == .i32 else { return reduceFromI32(type) }
        switch input.int(0...3) {
        case 0:
            code.append([0x3F, 0x00])
        case 1:
            growOperand()
            code.append([0x40, 0x00])
        case 2:
            code.append([0xFC, 0x10, 0x00])
        default:
            if input.chance(128) {
                code.append([0xD0, 0x70])
            } else {
                code.byte(0xD2)
                code.unsigned(input.int(0...(context.layout.functionTypes.count - 1)))
            }
            expression(.i32)
            code.append([0xFC, 0x0F, 0x00])
        }
    }

    /// The page (or element) count of a grow: small, zero, or out of range.
    func growOperand() {
        if input.chance(200) {
            code.byte(0x41)
            code.signed(Int64(Int32(bitPattern: input.pick([0, 1, 1, 2, 3, 0xFFFF_FFFF, 65536, 1024, 100, 0x8000_0000]))))
        } else {
            expression(.i32)
        }
    }

    /// An i32-producing construct converted to `type`.
    func reduceFromI32(_ type: ValueType) {
        memoryQuery(.i32)
        switch type {
        case .i64: code.byte(0xAD)
        case .f32: code.byte(0xB2)
        case .f64: code.byte(0xB7)
        default: code.byte(0x1A); constant(type)
        }
    }

    /// `ref.is_null` of a table element, a function reference or a null, as an i32.
    private func reference(_ type: ValueType) {
        guard type == .i32 else { return reduceFromI32(type) }
        switch input.int(0...2) {
        case 0:
            tableIndex()
            code.append([0x25, 0x00])
        case 1:
            code.byte(0xD2)
            code.unsigned(input.int(0...(context.layout.functionTypes.count - 1)))
        default:
            code.append([0xD0, 0x70])
        }
        code.byte(0xD1)
    }

    /// An index into the table: in range, at its end, or anything.
    func tableIndex() {
        let size = context.layout.tableMinimum
        code.byte(0x41)
        switch input.int(0...3) {
        case 0: code.signed(Int64(input.int(0...max(0, size - 1))))
        case 1: code.signed(Int64(size + input.int(-1...1)))
        case 2: code.signed(Int64(Int32(bitPattern: input.pick(EdgeValues.i32))))
        default:
            code.signed(0)
            expression(.i32)
            code.byte(0x6A)
        }
    }
}
