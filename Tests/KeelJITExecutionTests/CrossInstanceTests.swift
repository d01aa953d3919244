import Keel
import Testing

/// Recursion that crosses instances (through an import and a `call_indirect` to another
/// instance's function, both routed through Swift helpers) reaches the deterministic
/// call-stack limit, at the default limit, before the native stack runs out: the same trap
/// on both backends.
@Suite struct CrossInstanceTests {
    static let first = """
        (module
          (table (export "t") 1 funcref)
          (type $t (func (param i32) (result i32)))
          (func (export "f") (param i32) (result i32)
            (if (result i32) (local.get 0)
              (then (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0)))
              (else (i32.const 7)))))
        """
    static let second = """
        (module
          (import "M1" "t" (table 1 funcref))
          (import "M1" "f" (func $f (param i32) (result i32)))
          (func $g (param i32) (result i32) (call $f (local.get 0)))
          (elem (table 0) (i32.const 0) func $g))
        """

    func run(_ backend: Backend, _ depth: UInt32) throws -> String {
        var configuration = EngineConfiguration.standard
        configuration.backend = backend
        let engine = try Engine(configuration: configuration)
        let store = Store(engine: engine)
        let linker = Linker(engine: engine)
        let m1 = try linker.instantiate(Module(engine: engine, wat: Self.first), in: store)
        linker.define(module: "M1", instance: m1)
        _ = try linker.instantiate(Module(engine: engine, wat: Self.second), in: store)
        do {
            return "\(try m1.function("f")!.call([.i32(depth)]))"
        } catch {
            return "trap \(error)"
        }
    }

    @Test func crossInstanceRecursionHitsTheDeterministicLimit() throws {
        for depth: UInt32 in [1000, 10_000_000] {
            let interpreted = try run(.interpreter, depth), compiled = try run(.jit, depth)
            #expect(interpreted == compiled)
            #expect(depth < 10_000_000 || compiled == "trap call stack exhausted", "\(compiled)")
        }
    }
}
