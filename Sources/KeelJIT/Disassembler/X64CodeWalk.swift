/// One item of a walk over machine code: an instruction, or an entry of a jump table.
public enum X64CodeItem: Sendable, Equatable {
    /// A decoded instruction (possibly `.byte`).
    case instruction(X64Instruction)
    /// A 4-byte jump-table entry at `offset`: `target` minus `tableStart`, as
    /// `X64MacroAssembler.jump(table:index:)` lays tables out.
    case tableEntry(offset: Int, tableStart: Int, target: Int)

    /// Where the item starts.
    public var offset: Int {
        switch self {
        case .instruction(let instruction): instruction.offset
        case .tableEntry(let offset, _, _): offset
        }
    }

    /// Bytes the item occupies.
    public var length: Int {
        switch self {
        case .instruction(let instruction): instruction.length
        case .tableEntry: 4
        }
    }
}

/// Walks machine code from the start, decoding instructions and recognising the jump tables
/// `X64MacroAssembler.jump(table:index:)` emits (`lea r, [rip + table]`, an indirect `jmp`,
/// padding, then 32-bit entries relative to the table), so the code after a table decodes
/// from its true start.
public enum X64CodeWalk {
    /// The items of `bytes`, covering every byte once, in order.
    public static func items(_ bytes: [UInt8]) -> [X64CodeItem] {
        var items: [X64CodeItem] = []
        var offset = 0
        // A table address taken by `lea r, [rip + d]`, and whether an indirect jump followed.
        var table: Int?
        var jumped = false
        while offset < bytes.count {
            if let start = table, offset == start, jumped {
                let entries = self.entries(bytes, at: start)
                items += entries
                offset += 4 * entries.count
                table = nil
                if !entries.isEmpty { continue }
            }
            let instruction = X64Decoder.decode(bytes, at: offset)
            if let start = table, offset + instruction.length > start { table = nil }
            if instruction.mnemonic == "lea", case .memory(let m) = instruction.operands.last, m.ripRelative {
                let start = instruction.offset + instruction.length + Int(m.displacement)
                if start > offset && start < bytes.count {
                    table = start
                    jumped = false
                }
            } else if instruction.mnemonic == "jmp", instruction.branchTarget == nil {
                jumped = true
            }
            items.append(.instruction(instruction))
            offset += instruction.length
        }
        return items
    }

    /// The entries of a table at `start`: while each names a target inside the code outside
    /// the table, and the table has not reached a forward target (code it jumps to).
    static func entries(_ bytes: [UInt8], at start: Int) -> [X64CodeItem] {
        var entries: [X64CodeItem] = []
        var position = start, limit = bytes.count
        while position + 4 <= limit {
            var raw: UInt32 = 0
            for k in 0..<4 { raw |= UInt32(bytes[position + k]) << (8 * k) }
            let target = start + Int(Int32(bitPattern: raw))
            guard target >= 0 && target < bytes.count && !(start..<(position + 4)).contains(target) else { break }
            if target > position { limit = min(limit, target) }
            entries.append(.tableEntry(offset: position, tableStart: start, target: target))
            position += 4
        }
        return entries
    }
}
