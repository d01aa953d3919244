import Keel

/// Everything observable about running a module's calls on one engine: what the other
/// backend must reproduce bit for bit.
public struct Observation: Equatable, CustomStringConvertible {
    /// The outcome of one export call.
    public enum Outcome: Equatable, CustomStringConvertible {
        /// The results as raw bits (floats exactly, NaN payloads included).
        case returned([UInt64])
        /// A trap, by kind and message.
        case trapped(TrapKind, String)
        /// A thrown error that is not a trap (its description).
        case failed(String)

        public var description: String {
            switch self {
            case .returned(let bits): "returned [" + bits.map { "0x" + String($0, radix: 16) }.joined(separator: ", ") + "]"
            case .trapped(let kind, let message): "trapped \(kind): \(message)"
            case .failed(let message): "failed: \(message)"
            }
        }
    }

    /// One export call: its outcome and the fuel it consumed.
    public struct Call: Equatable {
        public var export: String
        public var outcome: Outcome
        public var fuel: UInt64?
    }

    /// The compile error's kind and message, when the module was rejected (nothing ran).
    public var rejection: String?
    /// The instantiation failure, when instantiation failed (nothing else ran).
    public var instantiation: String?
    /// Fuel consumed by instantiation (segments and the start function).
    public var instantiationFuel: UInt64?
    public var calls: [Call] = []
    /// Memory 0's bytes after the last call.
    public var memory: [UInt8] = []
    /// Each exported global's bits after the last call, in export order.
    public var globals: [String] = []

    /// The first difference from `other`, as a sentence; nil when identical.
    public func firstDifference(from other: Observation) -> String? {
        if rejection != other.rejection { return "compilation: \(rejection ?? "accepted") vs \(other.rejection ?? "accepted")" }
        if instantiation != other.instantiation {
            return "instantiation: \(instantiation ?? "succeeded") vs \(other.instantiation ?? "succeeded")"
        }
        if instantiationFuel != other.instantiationFuel {
            return "instantiation fuel: \(instantiationFuel.map(String.init) ?? "-") vs \(other.instantiationFuel.map(String.init) ?? "-")"
        }
        for (a, b) in zip(calls, other.calls) {
            if a.outcome != b.outcome { return "\(a.export): \(a.outcome) vs \(b.outcome)" }
            if a.fuel != b.fuel { return "\(a.export): fuel \(a.fuel.map(String.init) ?? "-") vs \(b.fuel.map(String.init) ?? "-")" }
        }
        if calls.count != other.calls.count { return "call count \(calls.count) vs \(other.calls.count)" }
        if memory.count != other.memory.count { return "memory size \(memory.count) vs \(other.memory.count) bytes" }
        if memory != other.memory, let offset = memory.indices.first(where: { memory[$0] != other.memory[$0] }) {
            return "memory differs first at byte \(offset): 0x\(String(memory[offset], radix: 16)) vs 0x\(String(other.memory[offset], radix: 16))"
        }
        if globals != other.globals { return "globals \(globals) vs \(other.globals)" }
        return nil
    }

    public var description: String {
        if let rejection { return "rejected: \(rejection)" }
        if let instantiation { return "instantiation failed: \(instantiation)" }
        return calls.map { "\($0.export): \($0.outcome), fuel \($0.fuel.map(String.init) ?? "-")" }.joined(separator: "; ")
            + "; memory \(memory.count) bytes; globals \(globals)"
    }
}
