import Keel

/// Runs generated modules under two engine configurations and reports where they differ.
public struct DifferentialCheck {
    /// A module on which the two configurations disagree.
    public struct Divergence: CustomStringConvertible, Sendable {
        public let seed: UInt64
        public let difference: String
        public var description: String { "seed \(seed): \(difference)" }
    }

    /// What a run over many seeds found.
    public struct Summary: Sendable {
        /// Modules generated and run.
        public var modules = 0
        /// Modules both configurations rejected (resource limits of the profile, say).
        public var rejected = 0
        /// Export calls compared.
        public var calls = 0
        /// Calls that trapped (on both sides).
        public var traps = 0
        /// Modules one configuration rejected only because its backend does not implement an
        /// instruction yet (not compared; the JIT while it is being written), by instruction.
        public var notImplemented = 0
        public var notImplementedInstructions: [String: Int] = [:]
        /// Modules compared: run (or rejected alike) by both configurations.
        public var compared: Int { modules - notImplemented }
        public var divergences: [Divergence] = []

        public init() {}
    }

    public let generator: FuzzModuleGenerator
    public let left: TraceRunner
    public let right: TraceRunner

    public init(generator: FuzzModuleGenerator, left: TraceRunner, right: TraceRunner) {
        self.generator = generator
        self.left = left
        self.right = right
    }

    /// The instruction named by a backend's "does not implement X yet" rejection, else nil.
    static func notImplemented(_ rejection: String?) -> String? {
        guard let rejection, let range = rejection.range(of: "backend does not implement ") else { return nil }
        let rest = rejection[range.upperBound...]
        guard let end = rest.range(of: " yet") else { return nil }
        return String(rest[..<end.lowerBound])
    }

    /// Checks `seeds`, adding to `summary`.
    public func run(seeds: some Sequence<UInt64>, into summary: inout Summary) throws {
        for seed in seeds {
            let bytes = try generator.module(seed: seed)
            let a = try left.trace(bytes)
            let b = try right.trace(bytes)
            summary.modules += 1
            if let missing = Self.notImplemented(a.rejection) ?? Self.notImplemented(b.rejection),
                (a.rejection == nil) != (b.rejection == nil)
            {
                summary.notImplemented += 1
                summary.notImplementedInstructions[missing, default: 0] += 1
                continue
            }
            if a.rejection != nil && b.rejection != nil { summary.rejected += 1 }
            summary.calls += a.calls.count
            summary.traps += a.calls.filter { if case .trapped = $0.outcome { true } else { false } }.count
            if let difference = a.firstDifference(from: b) {
                summary.divergences.append(Divergence(seed: seed, difference: difference))
            }
        }
    }
}
