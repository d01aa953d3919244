/// A readable listing of machine code: one line per instruction (or jump-table entry) with
/// its offset, bytes and Intel-syntax text, and a label line (`L0:`) before every place a
/// branch, a jump table or a RIP-relative address in the code refers to; those references
/// name the label instead of the offset.
public enum X64Listing {
    /// The listing of `bytes`, walked from the start. `symbols` names branch targets outside
    /// `bytes` (other functions' entries), keyed by offset from `bytes`' start; a target with
    /// neither a label nor a symbol shows as a hex offset from the start.
    public static func lines(_ bytes: [UInt8], symbols: [Int: String] = [:]) -> [String] {
        let items = X64CodeWalk.items(bytes)
        let labels = self.labels(items).merging(symbols.mapValues { "<\($0)>" }) { label, _ in label }
        let widest = min(items.map(\.length).max() ?? 0, 10)
        var lines: [String] = []
        lines.reserveCapacity(items.count + labels.count)
        for item in items {
            if let label = labels[item.offset] { lines.append("\(label):") }
            let range = item.offset..<(item.offset + item.length)
            let hexBytes = bytes[range].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
            let padded = hexBytes + String(repeating: " ", count: max(0, widest * 3 - 1 - hexBytes.count))
            lines.append("  \(offsetText(item.offset)): \(padded)  \(text(item, labels: labels))")
        }
        return lines
    }

    /// An item's text: the instruction (with `# target` after a RIP-relative operand), or a
    /// table entry as `.long TARGET - TABLE`.
    static func text(_ item: X64CodeItem, labels: [Int: String]) -> String {
        switch item {
        case .instruction(let instruction):
            let text = instruction.text(labels: labels)
            guard let target = ripTarget(instruction) else { return text }
            return text + "  # " + (labels[target] ?? hex(Int64(target)))
        case .tableEntry(_, let start, let target):
            return ".long \(labels[target] ?? hex(Int64(target))) - \(labels[start] ?? hex(Int64(start)))"
        }
    }

    /// The offset a RIP-relative memory operand addresses.
    static func ripTarget(_ instruction: X64Instruction) -> Int? {
        for case .memory(let m) in instruction.operands where m.ripRelative {
            return instruction.offset + instruction.length + Int(m.displacement)
        }
        return nil
    }

    /// Labels `L0`, `L1`, ... in address order for every branch, table-entry or RIP-relative
    /// target that starts an item (targets elsewhere stay hex offsets).
    public static func labels(_ items: [X64CodeItem]) -> [Int: String] {
        let starts = Set(items.map(\.offset))
        var targets: Set<Int> = []
        for item in items {
            switch item {
            case .instruction(let instruction):
                if let target = instruction.branchTarget ?? ripTarget(instruction) { targets.insert(target) }
            case .tableEntry(_, let start, let target):
                targets.insert(start)
                targets.insert(target)
            }
        }
        var labels: [Int: String] = [:]
        for (k, target) in targets.filter({ starts.contains($0) }).sorted().enumerated() { labels[target] = "L\(k)" }
        return labels
    }

    /// A code offset as four or more hex digits.
    static func offsetText(_ offset: Int) -> String {
        let digits = String(offset, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
