import Keel
import Testing

/// Blocks, loops, ifs and branches with multiple values, on both backends.
@Suite struct ControlTests {
    static let wat = """
        (module
          (func (export "sum") (param i32) (result i32) (local i32)
            (block (loop
              (br_if 1 (i32.eqz (local.get 0)))
              (local.set 1 (i32.add (local.get 1) (local.get 0)))
              (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
              (br 0)))
            (local.get 1))
          (func (export "table") (param i32) (result i32)
            (block (block (block (block (br_table 0 1 2 0 3 (local.get 0)))
              (return (i32.const 10))) (return (i32.const 20))) (return (i32.const 30))) (i32.const 40))
          (func (export "multi") (param i32) (result i32 i64)
            (block (result i32 i64)
              (i32.const 1) (i64.const 2)
              (br_if 0 (local.get 0))
              (drop) (drop) (i32.const 3) (i64.const 4)))
          (func (export "ifparams") (param i32 i32) (result i32 i32)
            (local.get 1) (i32.const 100)
            (if (param i32 i32) (result i32 i32) (local.get 0)
              (then (i32.add) (i32.const 1))
              (else (i32.sub) (i32.const 2))))
          (func (export "ifnoelse") (param i32) (result i32)
            (i32.const 7)
            (if (param i32) (result i32) (local.get 0) (then (i32.const 1) (i32.add))))
          (func (export "loopparams") (param i32) (result i32)
            (local.get 0)
            (loop (param i32) (result i32)
              (i32.const 3) (i32.sub) (local.tee 0)
              (local.get 0) (i32.const 0) (i32.gt_s) (br_if 0)))
          (func (export "tablevalues") (param i32) (result i32 i32)
            (block (result i32 i32) (block (result i32 i32)
              (i32.const 5) (i32.const 6) (br_table 0 1 (local.get 0)))
              (i32.add) (i32.const 0)))
          (func (export "nested") (param i32) (result i32)
            (block (result i32) (block (result i32) (block (result i32)
              (br_if 2 (i32.const 111) (i32.eq (local.get 0) (i32.const 2)))
              (br_if 1 (i32.const 222) (local.get 0)) (drop) (drop) (i32.const 333))
              (i32.const 1) (i32.add)) (i32.const 2) (i32.mul)))
          (func (export "early") (param i32) (result i32 i32)
            (if (local.get 0) (then (return (i32.const 1) (i32.const 2))))
            (i32.const 3) (i32.const 4))
          (func (export "trap") (param i32) (result i32)
            (if (local.get 0) (then (unreachable))) (i32.const 9))
        )
        """

    @Test func branchesAndMultiValue() throws {
        var calls: [Call] = []
        for n: UInt32 in [0, 1, 2, 3, 4, 5, 100, 0xFFFF_FFFF] {
            for export in ["table", "multi", "ifnoelse", "loopparams", "tablevalues", "nested", "early", "trap"] {
                calls.append(Call(export, .i32(n)))
            }
            calls.append(Call("ifparams", .i32(n), .i32(n &* 3)))
        }
        calls.append(Call("sum", .i32(1000)))
        calls.append(Call("sum", .i32(100_000), fuel: 1000))
        let results = try expectSameOnBothBackends(Self.wat, calls)
        #expect(results.contains { $0.results == [.i32(500_500)] })
        #expect(results.contains { $0.trap == "unreachable" })
        #expect(results.contains { $0.results == [.i32(3), .i64(4)] } && results.contains { $0.results == [.i32(1), .i64(2)] })
    }
}
