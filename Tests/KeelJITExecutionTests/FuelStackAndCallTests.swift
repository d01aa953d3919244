import Keel
import Testing

/// Exact fuel, the deterministic call-stack limit and calls (direct, indirect, host) on both
/// backends.
@Suite struct FuelStackAndCallTests {
    static let wat = """
        (module
          (import "host" "add" (func $hostAdd (param i32 i32) (result i32)))
          (import "host" "fail" (func $hostFail (param i32)))
          (memory (export "memory") 1 3)
          (global $depth (mut i32) (i32.const 0))
          (type $unary (func (param i32) (result i32)))
          (table 4 funcref)
          (elem (i32.const 0) $double $fib $binary)
          (func $double (type $unary) (i32.mul (local.get 0) (i32.const 2)))
          (func $binary (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func $fib (export "fib") (param i32) (result i32)
            (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
              (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
          (func $deep (export "deep") (param i32) (result i32)
            (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
            (if (result i32) (local.get 0) (then (call $deep (i32.sub (local.get 0) (i32.const 1)))) (else (global.get $depth))))
          (func (export "depth") (result i32) (global.get $depth))
          (func (export "indirect") (param i32 i32) (result i32) (call_indirect (type $unary) (local.get 1) (local.get 0)))
          (func (export "host") (param i32) (result i32) (call $hostAdd (local.get 0) (i32.const 5)))
          (func (export "hostTrap") (param i32) (result i32) (call $hostFail (local.get 0)) (i32.const 1))
          (func (export "grow") (param i32) (result i32 i32) (memory.grow (local.get 0)) (memory.size))
          (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
          (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
        )
        """

    static func host(_ linker: Linker) {
        linker.define(module: "host", name: "add", type: FunctionType(parameters: [.i32, .i32], results: [.i32])) { caller, arguments in
            try caller.consumeFuel(3)
            guard case .i32(let a) = arguments[0], case .i32(let b) = arguments[1] else { return [] }
            return [.i32(a &+ b)]
        }
        linker.define(module: "host", name: "fail", type: FunctionType(parameters: [.i32], results: [])) { _, arguments in
            if arguments[0] == .i32(1) { throw Trap.host("the host says no") }
            return []
        }
    }

    @Test func fuelIsExactAtEveryBudget() throws {
        // Every budget from 0 up to past what the call needs: the same trap or result with the
        // same fuel consumed, block by block.
        let calls = (0..<400).map { Call("fib", .i32(6), fuel: UInt64($0)) }
        let results = try expectSameOnBothBackends(Self.wat, calls, linker: Self.host)
        #expect(results.contains { $0.trap == "out of fuel" })
        #expect(results.contains { $0.results == [.i32(8)] })
    }

    @Test func callStackLimitTrapsAtTheSameCall() throws {
        var calls: [Call] = []
        for n: UInt32 in [10, 100, 1000, 5000, 100_000] { calls += [Call("deep", .i32(n)), Call("depth")] }
        let results = try expectSameOnBothBackends(Self.wat, calls, stackLimit: 20_000, linker: Self.host)
        #expect(results.contains { $0.trap == "call stack exhausted" })
    }

    @Test func indirectHostAndBulkCalls() throws {
        var calls: [Call] = []
        for table: UInt32 in [0, 1, 2, 3, 4, 0xFFFF_FFFF] { calls.append(Call("indirect", .i32(table), .i32(10))) }
        calls += [Call("host", .i32(37)), Call("host", .i32(1), fuel: 20), Call("hostTrap", .i32(0)), Call("hostTrap", .i32(1))]
        calls += [Call("grow", .i32(1)), Call("grow", .i32(5)), Call("grow", .i32(0))]
        calls += [Call("fill", .i32(10), .i32(0xAB), .i32(100)), Call("copy", .i32(200), .i32(5), .i32(50)),
            Call("fill", .i32(0x2FFF0), .i32(1), .i32(0x20)), Call("copy", .i32(0), .i32(0x2FFFF), .i32(2))]
        let results = try expectSameOnBothBackends(Self.wat, calls, linker: Self.host)
        for trap in ["undefined element", "uninitialized element", "indirect call type mismatch", "the host says no", "out of bounds memory access"] {
            #expect(results.contains { $0.trap == trap }, "\(trap)")
        }
        #expect(results.contains { $0.results == [.i32(42)] } && results.contains { $0.results == [.i32(20)] })
    }
}
