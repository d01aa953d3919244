/// A readable listing of machine code: one line per instruction with its offset, bytes and
/// Intel-syntax text, and a label line (`L0:`) before every instruction a relative branch in
/// the code goes to; those branches name the label instead of the offset.
public enum X64Listing {
    /// The listing of `bytes`, decoded from the start. `symbols` names branch targets outside
    /// `bytes` (other functions' entries), keyed by offset from `bytes`' start; a target with
    /// neither a label nor a symbol shows as a hex offset from the start.
    public static func lines(_ bytes: [UInt8], symbols: [Int: String] = [:]) -> [String] {
        let instructions = X64Decoder.decodeAll(bytes)
        let labels = self.labels(instructions).merging(symbols.mapValues { "<\($0)>" }) { label, _ in label }
        let widest = min(instructions.map(\.length).max() ?? 0, 10)
        var lines: [String] = []
        lines.reserveCapacity(instructions.count + labels.count)
        for instruction in instructions {
            if let label = labels[instruction.offset] { lines.append("\(label):") }
            let range = instruction.offset..<(instruction.offset + instruction.length)
            let hexBytes = bytes[range].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
            let padded = hexBytes + String(repeating: " ", count: max(0, widest * 3 - 1 - hexBytes.count))
            lines.append("  \(offsetText(instruction.offset)): \(padded)  \(instruction.text(labels: labels))")
        }
        return lines
    }

    /// Labels `L0`, `L1`, ... in address order for every branch target that starts an
    /// instruction (targets elsewhere stay hex offsets).
    public static func labels(_ instructions: [X64Instruction]) -> [Int: String] {
        let starts = Set(instructions.map(\.offset))
        let targets = Set(instructions.compactMap(\.branchTarget)).filter { starts.contains($0) }.sorted()
        var labels: [Int: String] = [:]
        for (k, target) in targets.enumerated() { labels[target] = "L\(k)" }
        return labels
    }

    /// A code offset as four or more hex digits.
    static func offsetText(_ offset: Int) -> String {
        let digits = String(offset, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
