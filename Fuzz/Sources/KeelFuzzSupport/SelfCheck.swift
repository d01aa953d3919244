#if canImport(Glibc)
import Glibc
#endif
import Keel

/// Measures the generator: how many generated modules compile under the contract profile
/// (the generator aims at every one; resource limits are the only expected rejections),
/// with the rejections grouped by message, the calls' outcomes, and how many differential
/// runs disagree (their inputs are written to `$KEEL_FUZZ_SELF_CHECK_FAILURES/` when set).
public enum SelfCheck {
    /// Generates `count` modules from pseudo-random inputs of 16...4096 bytes, prints the
    /// statistics, and returns whether at least 95% compiled and no run disagreed.
    public static func run(count: Int, generator: ModuleGenerator = ModuleGenerator()) -> Bool {
        var random = SeedSequence()
        let engine = try! Engine(configuration: { var c = EngineConfiguration.contract; c.backend = .interpreter; return c }())
        var valid = 0, disagreements = 0, totalSize = 0
        var rejections: [String: Int] = [:], outcomes: [String: Int] = [:]
        for _ in 0..<count {
            let bytes = random.bytes(16 + Int(random.next() % 4080))
            let module = generator.generate(Array(bytes.dropFirst(DifferentialSetup.headerSize)))
            totalSize += module.bytes.count
            do {
                _ = try Module(engine: engine, bytes: module.bytes)
                valid += 1
            } catch {
                rejections["\(error.kind): \(error.message.prefix(80))", default: 0] += 1
            }
            let setup = DifferentialSetup(bytes)
            let runner = DifferentialRunner(configuration: setup.configuration, fuelPerCall: setup.fuelPerCall)
            let interpreted = runner.observe(module, on: .interpreter), compiled = runner.observe(module, on: .jit)
            if let difference = interpreted.firstDifference(from: compiled) {
                disagreements += 1
                print("self-check: disagreement (\(setup)): \(difference)")
                if let directory = getenv("KEEL_FUZZ_SELF_CHECK_FAILURES").map({ String(cString: $0) }) {
                    write(bytes, to: "\(directory)/disagreement-\(disagreements)")
                }
            }
            if let failure = interpreted.instantiation { outcomes["instantiation failed: \(failure.prefix(60))", default: 0] += 1 }
            for call in interpreted.calls {
                switch call.outcome {
                case .returned: outcomes["call returned", default: 0] += 1
                case .trapped(let kind, _): outcomes["call trapped: \(kind)", default: 0] += 1
                case .failed(let message): outcomes["call failed: \(message.prefix(60))", default: 0] += 1
                }
            }
        }
        let fraction = Double(valid) / Double(max(count, 1))
        print("self-check: \(valid)/\(count) generated modules compile (\(Int((fraction * 1000).rounded()) / 10)%), mean size \(totalSize / max(count, 1)) bytes, \(disagreements) disagreements")
        for (message, times) in rejections.sorted(by: { $0.value > $1.value }).prefix(10) {
            print("self-check: rejected \(times)x: \(message)")
        }
        for (outcome, times) in outcomes.sorted(by: { $0.value > $1.value }) {
            print("self-check: \(times)x \(outcome)")
        }
        return fraction >= 0.95 && disagreements == 0
    }
}

extension SelfCheck {
    /// Writes `count` generated modules (from the same pseudo-random inputs as ``run(count:generator:)``)
    /// to `directory` as `generated-N.wasm`: valid seeds for the decoding and compiling targets.
    public static func emitModules(count: Int, to directory: String, generator: ModuleGenerator = ModuleGenerator()) -> Bool {
        var random = SeedSequence()
        for index in 0..<count {
            let bytes = random.bytes(16 + Int(random.next() % 4080))
            let module = generator.generate(Array(bytes.dropFirst(DifferentialSetup.headerSize)))
            guard write(module.bytes, to: "\(directory)/generated-\(index).wasm") else { return false }
        }
        return true
    }

    /// Writes `bytes` to the file at `path`; false when it cannot be created.
    @discardableResult
    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
        return true
    }

    /// Checks the host-call generator: how many generated contracts compile under the
    /// contract profile (all should) and whether any run differs between the backends.
    public static func runHost(count: Int) -> Bool {
        var random = SeedSequence()
        let differential = HostDifferential()
        let generator = HostDifferential.generator
        var valid = 0, disagreements = 0
        var statuses: [String: Int] = [:]
        for _ in 0..<count {
            let code = generator.generate(random.bytes(16 + Int(random.next() % 1024)))
            if let outcome = differential.outcome(code: code, input: [1, 2, 3], on: .interpreter) {
                valid += 1
                if case .success(let result) = outcome { statuses[String("\(result.status)".prefix(50)), default: 0] += 1 }
            }
            if let difference = differential.difference(code: code, input: [1, 2, 3]) {
                disagreements += 1
                print("self-check: disagreement: \(difference)")
            }
        }
        print("self-check: \(valid)/\(count) generated contracts compile, \(disagreements) disagreements")
        for (status, times) in statuses.sorted(by: { $0.value > $1.value }).prefix(12) { print("self-check: \(times)x \(status)") }
        return valid == count && disagreements == 0
    }
}

/// SplitMix64: the self-checks' fixed sequence of pseudo-random inputs.
struct SeedSequence {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}
