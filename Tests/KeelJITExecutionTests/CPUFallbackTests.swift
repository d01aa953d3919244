import Keel
import KeelJIT
import Testing

/// JIT code generated for a CPU without POPCNT, LZCNT, BMI1 and SSE4.1 (a subset of any
/// x86-64 host, so it runs here) gives the interpreter's results, fuel and NaN bits for the
/// bit counts and the float roundings, and contains none of those instructions.
@Suite struct CPUFallbackTests {
    static let none = CPUFeatures(sse41: false, popcnt: false, lzcnt: false, bmi1: false)

    static let module = """
        (module
          (func (export "i32.clz") (param i32) (result i32) (i32.clz (local.get 0)))
          (func (export "i32.ctz") (param i32) (result i32) (i32.ctz (local.get 0)))
          (func (export "i32.popcnt") (param i32) (result i32) (i32.popcnt (local.get 0)))
          (func (export "i64.clz") (param i64) (result i64) (i64.clz (local.get 0)))
          (func (export "i64.ctz") (param i64) (result i64) (i64.ctz (local.get 0)))
          (func (export "i64.popcnt") (param i64) (result i64) (i64.popcnt (local.get 0)))
          (func (export "f32.round") (param f32) (result f32 f32 f32 f32)
            (f32.floor (local.get 0)) (f32.ceil (local.get 0)) (f32.trunc (local.get 0)) (f32.nearest (local.get 0)))
          (func (export "f64.round") (param f64) (result f64 f64 f64 f64)
            (f64.floor (local.get 0)) (f64.ceil (local.get 0)) (f64.trunc (local.get 0)) (f64.nearest (local.get 0))))
        """

    static var calls: [Call] {
        var calls: [Call] = []
        for op in ["clz", "ctz", "popcnt"] {
            for a in i32Edges { calls.append(Call("i32.\(op)", .i32(a))) }
            for a in i64Edges + [0x5555_5555_5555_5555, 0x0000_0001_0000_0000] { calls.append(Call("i64.\(op)", .i64(a))) }
        }
        let doubles: [Double] = [0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.3, 0.7, 4503599627370495.5, 1e300, -1e300,
            .leastNonzeroMagnitude, -.infinity, .infinity]
        for x in doubles { calls.append(Call("f64.round", .f64(x.bitPattern))) }
        for bits: UInt64 in [0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0001, 0x7FF4_0000_0000_0000] { calls.append(Call("f64.round", .f64(bits))) }
        let floats: [Float] = [0, -0.0, 0.5, -0.5, 1.5, -2.5, 0.49999997, 8388607.5, -8388609, 1e30, .leastNonzeroMagnitude, -.infinity]
        for x in floats { calls.append(Call("f32.round", .f32(x.bitPattern))) }
        for bits: UInt32 in [0x7FC0_0000, 0xFFC0_0001, 0x7FA0_0000] { calls.append(Call("f32.round", .f32(bits))) }
        return calls
    }

    @Test(arguments: [EngineConfiguration.standard, .contract])
    func fallbacksMatchTheInterpreter(configuration: EngineConfiguration) throws {
        var withoutExtensions = configuration
        withoutExtensions.jitFeatures = Self.none
        let interpreted = try outcomes(Self.module, Self.calls, backend: .interpreter, configuration: configuration)
        let compiled = try outcomes(Self.module, Self.calls, backend: .jit, configuration: withoutExtensions)
        #expect(interpreted.count == Self.calls.count)
        for (k, (a, b)) in zip(interpreted, compiled).enumerated() {
            #expect(a == b, "\(Self.calls[k].export)\(Self.calls[k].arguments): interp \(a) vs jit \(b)")
        }
        #expect(interpreted.contains { $0.results == [.i64(64)] } && interpreted.contains { $0.results == [.i32(32)] })
    }

    @Test func noOptionalInstructionIsEmitted() throws {
        var configuration = EngineConfiguration.standard
        configuration.backend = .jit
        configuration.jitFeatures = Self.none
        let module = try Module(engine: try Engine(configuration: configuration), wat: Self.module)
        let count = try #require(module.machineCode).functions.count
        #expect(count == 8)
        for index in 0..<count {
            let listing = try module.machineCodeListing(function: index).joined(separator: "\n")
            for mnemonic in [" popcnt ", " lzcnt ", " tzcnt ", " roundss ", " roundsd "] {
                #expect(!listing.contains(mnemonic), "function \(index) uses\(mnemonic)without the feature:\n\(listing)")
            }
        }
        // With the host's features the same module uses them (where the host has them).
        configuration.jitFeatures = nil
        let host = try Module(engine: try Engine(configuration: configuration), wat: Self.module)
        if CPUFeatures.host.popcnt {
            #expect(try host.machineCodeListing(function: 2).joined(separator: "\n").contains(" popcnt "))
        }
    }
}
