import Keel
import KeelFrontEnd
import Testing

/// The JIT sizes a module's code arena for about 4 bytes of machine code per byte of
/// WebAssembly and grows it when a module needs more; code placed before the growth must keep
/// working at its new address.
@Suite struct CodeArenaTests {
    /// Ten functions of 3000 `call_indirect`s each (ten bytes of WebAssembly per call, several
    /// times that of machine code: the table bounds, null and signature checks, the call), so
    /// the arena grows while the module is compiled.
    @Test func arenaGrowsForCodeDenserThanExpected() throws {
        let call = "(local.set 0 (i32.add (local.get 0) (call_indirect (type $leaf) (i32.const 0))))"
        let calls = String(repeating: call, count: 3000)
        let functions = (0..<10).map { k in
            "(func (export \"f\(k)\") (result i32) (local i32) (local.set 0 (i32.const \(k))) \(calls) (local.get 0))"
        }
        let wat = """
            (module
              (type $leaf (func (result i32)))
              (table 1 funcref)
              (elem (i32.const 0) $seven)
              (func $seven (type $leaf) (i32.const 7))
            \(functions.joined(separator: "\n"))
            )
            """
        let calls10 = (0..<10).map { Call("f\($0)", fuel: 100_000_000) }
        let outcomes = try expectSameOnBothBackends(wat, calls10)
        for (k, outcome) in outcomes.prefix(10).enumerated() {
            #expect(outcome.results == [.i32(UInt32(k + 7 * 3000))], "f\(k)")
        }
        var configuration = EngineConfiguration.standard
        configuration.backend = .jit
        let module = try Module(engine: Engine(configuration: configuration), wat: wat)
        // More than the arena's first size: it grew.
        #expect((module.machineCodeBytes ?? 0) > 4 * module.functionCounts.codeBytes + (64 << 10))
    }
}
