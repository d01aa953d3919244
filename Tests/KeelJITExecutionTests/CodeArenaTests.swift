import Keel
import KeelFrontEnd
import Testing

/// The JIT sizes a module's code arena for about 4 bytes of machine code per byte of
/// WebAssembly and grows it when a module needs more; code placed before the growth must keep
/// working at its new address.
@Suite struct CodeArenaTests {
    /// 30 functions, each a 4000-target `br_table` (one byte of WebAssembly per target, eight
    /// of machine code in the jump table), so the arena grows while the module is compiled.
    @Test func arenaGrowsForCodeDenserThanExpected() throws {
        let targets = (0..<4000).map { String($0 % 3) }.joined(separator: " ")
        let functions = (0..<30).map { k in
            """
            (func (export "f\(k)") (param i32) (result i32)
              (block (block (block (br_table \(targets) 2 (local.get 0)))
                (return (i32.const \(10 + 3 * k))))
                (return (i32.const \(11 + 3 * k))))
              (i32.const \(12 + 3 * k)))
            """
        }
        let wat = "(module\n" + functions.joined(separator: "\n") + ")"
        var calls: [Call] = []
        for k in [0, 1, 14, 29] {
            for selector: UInt32 in [0, 1, 2, 3998, 3999, 4000, 0xFFFF_FFFF] {
                calls.append(Call("f\(k)", .i32(selector)))
            }
        }
        let outcomes = try expectSameOnBothBackends(wat, calls)
        for (call, outcome) in zip(calls, outcomes) {
            guard case .i32(let selector) = call.arguments[0] else { continue }
            let k = Int(call.export.dropFirst())!
            let depth = selector < 4000 ? Int(selector % 3) : 2
            #expect(outcome.results == [.i32(UInt32(10 + depth + 3 * k))], "\(call.export)(\(selector))")
        }
        var configuration = EngineConfiguration.standard
        configuration.backend = .jit
        let module = try Module(engine: Engine(configuration: configuration), wat: wat)
        // More than the arena's first size: it grew.
        #expect((module.machineCodeBytes ?? 0) > 4 * module.functionCounts.codeBytes + (64 << 10))
    }
}
