import Keel

/// The configuration a differential run uses, read from the input's first bytes: the
/// contract profile mostly, sometimes the standard profile's limits with fuel metering (and NaN
/// canonicalization: without it the bits of an arithmetic NaN are the hardware's choice, which
/// WebAssembly leaves open and the backends may legitimately differ in); sometimes a
/// small call-stack limit (100...10_300 slots, so exhaustion happens at shallow depths); a
/// fuel budget of 100_000 per call, sometimes a small one (so out-of-fuel lands anywhere).
public struct DifferentialSetup: CustomStringConvertible {
    /// How many leading input bytes the setup consumes.
    public static let headerSize = 3

    public var configuration: EngineConfiguration
    public var fuelPerCall: UInt64

    /// The setup the first ``headerSize`` bytes of `bytes` name (zeros when shorter).
    public init(_ bytes: [UInt8]) {
        var input = FuzzInput(Array(bytes.prefix(Self.headerSize)))
        let flags = input.byte(), stack = input.byte(), amount = input.byte()
        if flags & 0x07 == 0x07 {
            configuration = .standard
            configuration.fuelMetering = true
            configuration.canonicalizeNaN = true
        } else {
            configuration = .contract
        }
        if stack < 48 { configuration.stackLimit = 100 + Int(amount) * 40 }
        fuelPerCall = flags & 0x18 == 0x18 ? 200 + UInt64(amount) * 100 : 100_000
    }

    public var description: String {
        "\(configuration.limits == .contract ? "contract" : "standard+fuel") profile, stack limit \(configuration.stackLimit), fuel \(fuelPerCall) per call"
    }

    /// Runs `module` on the interpreter and the JIT and returns the first difference, if any.
    public func difference(running module: GeneratedModule) -> (String, Observation, Observation)? {
        let runner = DifferentialRunner(configuration: configuration, fuelPerCall: fuelPerCall)
        let interpreted = runner.observe(module, on: .interpreter)
        let compiled = runner.observe(module, on: .jit)
        return interpreted.firstDifference(from: compiled).map { ($0, interpreted, compiled) }
    }
}
