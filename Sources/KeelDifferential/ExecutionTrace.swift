/// Everything observable about running one module: what a backend must reproduce exactly.
public struct ExecutionTrace: Hashable, Sendable {
    /// The outcome of one export call.
    public enum Outcome: Hashable, Sendable, CustomStringConvertible {
        /// The results as raw bits (floats exactly, NaN payloads included).
        case returned([UInt64])
        /// A trap, by its stable kind and message.
        case trapped(String)

        public var description: String {
            switch self {
            case .returned(let bits): "returned [" + bits.map { "0x" + String($0, radix: 16) }.joined(separator: ", ") + "]"
            case .trapped(let message): "trapped: \(message)"
            }
        }
    }

    /// One export call.
    public struct Call: Hashable, Sendable {
        /// The export's name.
        public var export: String
        public var outcome: Outcome
        /// Fuel consumed by the call (nil without metering).
        public var fuel: UInt64?
        /// The values the module logged through its `fuzzing-support` imports, in order, as
        /// "TYPE:BITS".
        public var log: [String]
    }

    /// Set when the module did not compile or instantiate (then nothing ran).
    public var rejection: String?
    /// The export calls, in export order.
    public var calls: [Call] = []
    /// FNV-1a 64 of memory 0's bytes after the last call (nil without a memory).
    public var memoryHash: UInt64?
    /// Memory 0's size in pages after the last call.
    public var memoryPages: Int?
    /// The exported globals' values after the last call, in export order.
    public var globals: [String] = []

    /// The first difference from `other`, as a sentence naming the export and the field; nil
    /// when the traces are identical.
    public func firstDifference(from other: ExecutionTrace) -> String? {
        if rejection != other.rejection {
            return "compilation: \(rejection ?? "accepted") vs \(other.rejection ?? "accepted")"
        }
        for (index, (a, b)) in zip(calls, other.calls).enumerated() {
            if a.export != b.export { return "call \(index): export \(a.export) vs \(b.export)" }
            if a.log != b.log {
                let at = zip(a.log, b.log).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.log.count, b.log.count)
                let left = at < a.log.count ? a.log[at] : "nothing", right = at < b.log.count ? b.log[at] : "nothing"
                return "call \(index) (\(a.export)): log entry \(at): \(left) vs \(right)"
            }
            if a.outcome != b.outcome { return "call \(index) (\(a.export)): \(a.outcome) vs \(b.outcome)" }
            if a.fuel != b.fuel {
                return "call \(index) (\(a.export)): fuel \(a.fuel.map(String.init) ?? "-") vs \(b.fuel.map(String.init) ?? "-")"
            }
        }
        if calls.count != other.calls.count { return "call count \(calls.count) vs \(other.calls.count)" }
        if memoryPages != other.memoryPages {
            return "memory size \(memoryPages.map(String.init) ?? "-") vs \(other.memoryPages.map(String.init) ?? "-") pages"
        }
        if memoryHash != other.memoryHash { return "memory contents differ after the last call" }
        if globals != other.globals { return "exported globals \(globals) vs \(other.globals)" }
        return nil
    }
}
