import Dispatch
import Foundation
import Keel
import KeelDifferential
import Testing

/// The differential harness: random modules from `wasm-opt -ttf`, each run under two
/// configurations with every observable compared (results, traps, fuel, logged values,
/// memory and globals).
@Suite struct DifferentialTests {
    static let seeds: Range<UInt64> = 0..<200

    func runner(_ configuration: EngineConfiguration) -> TraceRunner { TraceRunner(configuration: configuration) }

    /// Every backend this build has, under the contract profile, gives identical traces on a
    /// fixed few hundred seeds (without the JIT, the interpreter is checked against a fresh run
    /// of itself: stores, caches and fuel must not leak between runs). Modules the JIT rejects
    /// because it does not implement an instruction yet are counted, printed and not compared;
    /// every other module must agree, and some modules must have been compared on the JIT.
    @Test func backendsAgreeOnRandomModules() throws {
        let backends = Backend.available
        let left = backends.first!, right = backends.last!
        let check = DifferentialCheck(generator: try FuzzModuleGenerator(),
            left: runner(configured(left)), right: runner(configured(right)))
        var summary = DifferentialCheck.Summary()
        try check.run(seeds: Self.seeds, into: &summary)
        #expect(summary.divergences.isEmpty, "\(Array(summary.divergences.prefix(5)))")
        let missing = summary.notImplementedInstructions.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        print("differential \(left.rawValue) vs \(right.rawValue): \(summary.modules) modules, \(summary.compared) compared, "
            + "\(summary.notImplemented) not compared (\(right.rawValue) does not implement yet: "
            + missing.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")")
        if left != right {
            // Not vacuous: modules both backends ran, with calls, were compared.
            #expect(summary.compared - summary.rejected > 0, "no module was compared on \(right.rawValue)")
        } else {
            #expect(summary.notImplemented == 0)
        }
        // The corpus is not vacuous: most modules run, calls return and trap.
        #expect(summary.modules == Self.seeds.count)
        #expect(summary.rejected < summary.modules / 4, "\(summary.rejected) of \(summary.modules) rejected")
        #expect(summary.calls > 5 * summary.compared)
        #expect(summary.traps > 0)
    }

    func configured(_ backend: Backend) -> EngineConfiguration {
        var configuration = EngineConfiguration.contract
        configuration.backend = backend
        return configuration
    }

    /// The comparison sees differences: the same modules with and without metering (fuel),
    /// and with and without NaN canonicalization (float bits), are told apart.
    @Test func comparisonDetectsDifferences() throws {
        let generator = try FuzzModuleGenerator()
        var standard = EngineConfiguration.standard
        standard.limits = .contract
        let fuel = DifferentialCheck(generator: generator, left: runner(.contract), right: runner(standard))
        var summary = DifferentialCheck.Summary()
        try fuel.run(seeds: 0..<10, into: &summary)
        #expect(summary.divergences.count == 10)
        #expect(summary.divergences.allSatisfy { $0.difference.contains("fuel") }, "\(summary.divergences)")
    }

    /// A trace differs from itself changed in any one field, and the sentence names the field.
    @Test func firstDifferenceNamesTheField() throws {
        let bytes = try FuzzModuleGenerator().module(seed: 7)
        let trace = try runner(.contract).trace(bytes)
        #expect(trace.firstDifference(from: trace) == nil)
        #expect(!trace.calls.isEmpty)
        var changed = trace
        changed.calls[0].fuel = (trace.calls[0].fuel ?? 0) + 1
        #expect(trace.firstDifference(from: changed)?.contains("fuel") == true)
        changed = trace
        changed.calls[0].outcome = .trapped("unreachable: unreachable")
        if trace.calls[0].outcome != changed.calls[0].outcome {
            #expect(trace.firstDifference(from: changed)?.contains(trace.calls[0].export) == true)
        }
        changed = trace
        changed.memoryHash = (trace.memoryHash ?? 0) &+ 1
        #expect(trace.firstDifference(from: changed)?.contains("memory") == true)
        changed = trace
        changed.calls[0].log.append("i32:0x1")
        #expect(trace.firstDifference(from: changed)?.contains("log") == true)
    }

    /// The same seed gives the same module (a seed names a module for a binaryen version).
    @Test func seedsAreReproducible() throws {
        let generator = try FuzzModuleGenerator()
        #expect(try generator.module(seed: 42) == generator.module(seed: 42))
        #expect(try generator.module(seed: 42) != generator.module(seed: 43))
    }

    /// Regression: generating one seed from several threads at once (tests run in parallel)
    /// gives the same module everywhere; calls used to share a temporary directory and remove
    /// each other's input.
    @Test func concurrentGenerationOfOneSeed() throws {
        let generator = try FuzzModuleGenerator()
        let expected = try generator.module(seed: 6)
        let results = ResultBox(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            results.set(index, Result { try generator.module(seed: 6) })
        }
        for result in results.values { #expect(try result?.get() == expected) }
    }
}

/// Results written from concurrent iterations, one slot each.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<[UInt8], any Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Result<[UInt8], any Error>) { lock.withLock { slots[index] = value } }
    var values: [Result<[UInt8], any Error>?] { lock.withLock { slots } }
}
