import Keel
import KeelFrontEnd
import Testing
import WAT

/// The JIT's virtual operand stack and register allocation: spilling under pressure, lazy
/// local reads, deferred comparisons, locals kept in registers across calls and joins, fixed
/// registers (division, shift counts), and float registers with pending NaN fix-ups. Every case
/// runs on both backends and must agree (results, traps, fuel, memory).
@Suite struct RegisterAllocationTests {
    @Test func pressureSpillsAndReloads() throws {
        // Fourteen live values of three types: more than the operand pools hold.
        let wat = """
            (module
              (func (export "wide") (param i32 i64 f64) (result i64) (local i64)
                (local.get 2) (f64.const 1.5) (f64.mul)
                (local.get 2) (f64.const 2.5) (f64.add)
                (local.get 2) (f64.const 3.5) (f64.sub)
                (local.get 2) (f64.const 4.5) (f64.div)
                (local.get 2) (f64.sqrt)
                (local.get 2) (f64.neg)
                (local.get 1) (i64.const 7) (i64.mul)
                (local.get 1) (i64.const 8) (i64.sub)
                (local.get 0) (i32.const 1) (i32.add)
                (local.get 0) (i32.const 2) (i32.mul)
                (local.get 0) (i32.const 3) (i32.xor)
                (local.get 0) (i32.const 4) (i32.shl)
                (local.get 0) (i32.const 5) (i32.rotl)
                (local.get 0) (i32.const 6) (i32.or)
                (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i64.extend_i32_u)
                (i64.add) (i64.add) (local.set 3)
                (f64.add) (f64.add) (f64.add) (f64.add) (f64.add) (i64.trunc_sat_f64_s)
                (local.get 3) (i64.add)))
            """
        var calls: [Call] = []
        for (a, b, c): (UInt32, UInt64, Double) in [(0, 0, 0), (1, 2, 3.25), (0xFFFF_FFFF, 1 << 63, -7.5), (12345, 999_999_999_999, 1e10)] {
            calls.append(Call("wide", .i32(a), .i64(b), .f64(c.bitPattern)))
        }
        try expectSameOnBothBackends(wat, calls)
    }

    @Test func lazyLocalReadsSeeTheOldValue() throws {
        let wat = """
            (module
              (func (export "compareThenSet") (param i32 i32) (result i32)
                ;; a deferred comparison of locals 0 and 1 survives writes to both
                (local.get 0) (local.get 1) (i32.lt_s)
                (local.set 0 (i32.const 100)) (local.set 1 (i32.const -100))
                (if (result i32) (then (i32.const 1)) (else (i32.const 2)))
                (local.get 0) (i32.add))
              (func (export "readsThenTee") (param i32) (result i32) (local i32)
                (local.get 0) (local.get 0) (local.get 1)
                (local.tee 0 (i32.const 7)) (local.set 1)
                (i32.sub) (i32.mul) (local.get 1) (i32.add))
              (func (export "eqzOfCompare") (param i64 i64) (result i32)
                (i64.gt_u (local.get 0) (local.get 1)) (i32.eqz) (i32.eqz) (i32.eqz))
              (func (export "selectOnCompare") (param i32 i32) (result i32)
                (select (local.get 0) (local.get 1) (i32.ge_u (local.get 0) (local.get 1)))))
            """
        var calls: [Call] = []
        for (a, b): (UInt32, UInt32) in [(0, 0), (1, 2), (2, 1), (0xFFFF_FFFF, 1), (0x8000_0000, 0x7FFF_FFFF)] {
            calls.append(Call("compareThenSet", .i32(a), .i32(b)))
            calls.append(Call("readsThenTee", .i32(a)))
            calls.append(Call("eqzOfCompare", .i64(UInt64(a) << 20), .i64(UInt64(b) << 20)))
            calls.append(Call("selectOnCompare", .i32(a), .i32(b)))
        }
        try expectSameOnBothBackends(wat, calls)
    }

    @Test func registerLocalsAcrossCallsAndJoins() throws {
        // Hot locals (in loops) get registers; calls clobber them and joins forget which were
        // saved. `f` sets a local on one path only, then calls, in a loop.
        let wat = """
            (module
              (func $g (param i32) (result i32) (local i32 i32 i32 i32 i32)
                (local.set 1 (i32.const 11)) (local.set 2 (i32.const 22)) (local.set 3 (i32.const 33))
                (local.set 4 (i32.const 44)) (local.set 5 (i32.const 55))
                (i32.add (local.get 0) (i32.add (local.get 1) (i32.add (local.get 2) (i32.add (local.get 3) (i32.add (local.get 4) (local.get 5)))))))
              (func (export "f") (param i32) (result i64) (local i32 i64 f64 i32)
                (loop $l
                  (if (i32.and (local.get 1) (i32.const 1))
                    (then (local.set 2 (i64.add (local.get 2) (i64.const 1000)))))
                  (local.set 2 (i64.add (local.get 2) (i64.extend_i32_u (call $g (local.get 1)))))
                  (local.set 3 (f64.add (local.get 3) (f64.convert_i32_u (local.get 1))))
                  (local.set 4 (i32.add (local.get 4) (i32.const 3)))
                  (br_if $l (i32.lt_u (local.tee 1 (i32.add (local.get 1) (i32.const 1))) (local.get 0))))
                (i64.add (local.get 2) (i64.add (i64.trunc_f64_s (local.get 3)) (i64.extend_i32_u (local.get 4))))))
            """
        try expectSameOnBothBackends(wat, [1, 2, 7, 50].map { Call("f", .i32($0)) })
    }

    @Test func fixedRegistersUnderPressure() throws {
        // Divisions and shifts while the stack holds values in rax, rcx and rdx.
        let wat = """
            (module
              (func (export "mix") (param i32 i32 i64) (result i64) (local i64)
                (local.get 0) (local.get 1) (i32.add)
                (local.get 0) (local.get 1) (i32.sub)
                (local.get 0) (local.get 1) (i32.mul)
                (i32.div_u (local.get 0) (i32.or (local.get 1) (i32.const 1)))
                (i32.rem_s (local.get 0) (i32.or (local.get 1) (i32.const 1)))
                (i32.shl (local.get 0) (local.get 1))
                (i64.rotr (local.get 2) (i64.extend_i32_u (local.get 1)))
                (i64.div_s (local.get 2) (i64.const -3))
                (i64.rem_u (local.get 2) (i64.const 10))
                (i64.add) (i64.add) (local.set 3)
                (i32.add) (i32.add) (i32.add) (i32.add) (i32.add) (i64.extend_i32_u)
                (local.get 3) (i64.add))
              (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
              (func (export "rem") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1))))
            """
        var calls: [Call] = []
        for (a, b, c): (UInt32, UInt32, UInt64) in [(0, 0, 0), (7, 3, 100), (0xFFFF_FFFF, 31, 1 << 63), (0x8000_0000, 33, 12345)] {
            calls.append(Call("mix", .i32(a), .i32(b), .i64(c)))
            calls.append(Call("div", .i32(a), .i32(b)))
            calls.append(Call("rem", .i64(c), .i64(UInt64(b))))
        }
        calls.append(Call("div", .i32(0x8000_0000), .i32(0xFFFF_FFFF)))
        calls.append(Call("rem", .i64(1 << 63), .i64(UInt64.max)))
        try expectSameOnBothBackends(wat, calls)
    }

    @Test func zeroExtensionOfI32() throws {
        // i32 results are kept zero-extended: extend_u, wrap and reinterpret see clean bits.
        let wat = """
            (module
              (func (export "ext") (param i32 i32) (result i64)
                (i64.extend_i32_u (i32.sub (local.get 0) (local.get 1))))
              (func (export "wrapExt") (param i64) (result i64)
                (i64.extend_i32_u (i32.wrap_i64 (local.get 0))))
              (func (export "cmpExt") (param i32 i32) (result i64)
                (i64.extend_i32_u (i32.lt_u (local.get 0) (local.get 1))))
              (func (export "bits") (param f32) (result i64)
                (i64.extend_i32_u (i32.reinterpret_f32 (f32.neg (local.get 0))))))
            """
        var calls: [Call] = []
        for (a, b): (UInt32, UInt32) in [(0, 1), (5, 3), (0xFFFF_FFFF, 0)] {
            calls.append(Call("ext", .i32(a), .i32(b)))
            calls.append(Call("cmpExt", .i32(a), .i32(b)))
            calls.append(Call("wrapExt", .i64(UInt64(a) << 16 | 0xFFFF_0000_0000_0000)))
            calls.append(Call("bits", .f32(Float(a).bitPattern)))
        }
        try expectSameOnBothBackends(wat, calls)
    }

    @Test func floatRegistersAndNaN() throws {
        // NaN-producing results that flow into locals, globals, memory, select, branches and
        // returns get canonicalized (contract profile); sign operations keep the bits.
        let wat = """
            (module
              (memory (export "memory") 1)
              (global $g (mut f64) (f64.const 0))
              (func (export "flows") (param f64 f64 i32) (result f64 f32) (local f64)
                (local.set 3 (f64.div (local.get 0) (local.get 1)))
                (global.set $g (f64.sub (local.get 0) (local.get 0)))
                (f64.store (i32.const 8) (f64.mul (local.get 1) (local.get 0)))
                (f32.store (i32.const 16) (f32.demote_f64 (local.get 3)))
                (block (result f64)
                  (br_if 0 (f64.add (local.get 0) (local.get 1)) (local.get 2))
                  (drop) (select (f64.sqrt (local.get 0)) (global.get $g) (local.get 2)))
                (f32.copysign (f32.demote_f64 (local.get 3)) (f32.neg (f32.const 1))))
              (func (export "reinterpret") (param f64) (result i64)
                (i64.reinterpret_f64 (f64.add (local.get 0) (local.get 0)))))
            """
        let nan = Double.nan.bitPattern | 0x8000_0000_0000_0001
        var calls: [Call] = []
        for (a, b): (UInt64, UInt64) in [(0, 0), (nan, 0), ((1.0).bitPattern, (0.0).bitPattern), ((-4.0).bitPattern, nan), (Double.infinity.bitPattern, Double.infinity.bitPattern)] {
            for c: UInt32 in [0, 1] { calls.append(Call("flows", .f64(a), .f64(b), .i32(c))) }
            calls.append(Call("reinterpret", .f64(a)))
        }
        try expectSameOnBothBackends(wat, calls)
    }

    @Test func manyLocalsBeyondTheRegisters() throws {
        // More hot locals than register homes, of both kinds: the rest stay in slots.
        var body = ""
        for k in 1...10 { body += "(local.set \(k) (i32.add (local.get \(k)) (i32.add (local.get 0) (i32.const \(k)))))\n" }
        for k in 11...22 { body += "(local.set \(k) (f64.add (local.get \(k)) (f64.convert_i32_s (local.get \((k - 11) % 10 + 1)))))\n" }
        var sum = "(i64.const 0)"
        for k in 1...10 { sum = "(i64.add \(sum) (i64.extend_i32_u (local.get \(k))))" }
        for k in 11...22 { sum = "(i64.add \(sum) (i64.trunc_sat_f64_s (local.get \(k))))" }
        let wat = """
            (module
              (func (export "f") (param i32) (result i64)
                (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64) (local $i i32)
                (loop $l \(body)
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 20))))
                \(sum)))
            """
        try expectSameOnBothBackends(wat, [0, 1, 0xFFFF_FFF0].map { Call("f", .i32($0)) })
    }

    @Test func deepStacksAndWideCalls() throws {
        // 600 live values (mixed kinds, lazy locals among them) reduced at the end, and a call
        // with 40 parameters of alternating types whose arguments come from every kind of entry.
        var deep = ""
        for k in 0..<600 {
            switch k % 4 {
            case 0: deep += "(local.get 0) "
            case 1: deep += "(i64.extend_i32_u (i32.add (local.get 0) (i32.const \(k)))) "
            case 2: deep += "(i64.const \(k * 1_000_003)) "
            default: deep += "(i64.trunc_sat_f64_s (f64.mul (local.get 1) (f64.const \(k)))) "
            }
        }
        deep = deep.replacingOccurrences(of: "(local.get 0) (i64.extend", with: "(i64.extend_i32_u (local.get 0)) (i64.extend")
        let reduce = String(repeating: "(i64.add) ", count: 599)
        let parameters = (0..<40).map { $0 % 2 == 0 ? "i64" : "f64" }.joined(separator: " ")
        var arguments = ""
        for k in 0..<40 {
            arguments += k % 2 == 0 ? (k % 4 == 0 ? "(local.get 2) " : "(i64.const \(k)) ") : (k % 3 == 0 ? "(local.get 1) " : "(f64.add (local.get 1) (f64.const \(k))) ")
        }
        var sum = "(i64.const 0)"
        for k in 0..<40 {
            sum = k % 2 == 0 ? "(i64.add \(sum) (local.get \(k)))" : "(i64.add \(sum) (i64.trunc_sat_f64_s (local.get \(k))))"
        }
        let wat = """
            (module
              (func (export "deep") (param i32 f64) (result i64) \(deep) \(reduce))
              (func $wide (param \(parameters)) (result i64) \(sum))
              (func (export "wide") (param i32 f64 i64) (result i64) (call $wide \(arguments))))
            """
        var calls: [Call] = []
        for (a, b): (UInt32, Double) in [(0, 0), (7, 1.5), (0xFFFF_FFFF, -3.25)] {
            calls.append(Call("deep", .i32(a), .f64(b.bitPattern)))
            calls.append(Call("wide", .i32(a), .f64(b.bitPattern), .i64(UInt64(a) * 3)))
        }
        try expectSameOnBothBackends(wat, calls)
    }

    @Test func localUsageWeightsCountLoopDepth() throws {
        // local.get 0 outside loops, local 1 once in a loop, local 2 twice two loops deep.
        let wat = """
            (module (func (param i32) (local i32 i32)
              (drop (local.get 0))
              (loop (local.set 1 (i32.const 0))
                (block (loop (drop (local.get 2)) (local.set 2 (i32.const 1)))))))
            """
        let bytes = try wat2wasm(wat)
        let info = try ModuleCompiler.decodeAndValidate(bytes, options: EngineConfiguration.standard.frontEndOptions)
        let body = info.bodies[0]
        let weights = try LocalUsage.weights(of: body.code.expression, moduleOffset: body.offset, localCount: 3, multiMemory: false)
        #expect(weights == [1, 8, 128])
    }
}
