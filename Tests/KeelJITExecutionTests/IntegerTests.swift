import Keel
import Testing

/// i32/i64 numeric instructions on both backends: every operator over edge operands, with the
/// division and remainder traps.
@Suite struct IntegerTests {
    static let binary = ["add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr",
        "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]
    static let unary = ["clz", "ctz", "popcnt", "eqz", "extend8_s", "extend16_s"]

    func module(_ type: String) -> String {
        var text = "(module\n"
        for op in Self.binary {
            let result = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"].contains(op) ? "i32" : type
            text += "(func (export \"\(op)\") (param \(type) \(type)) (result \(result)) (\(type).\(op) (local.get 0) (local.get 1)))\n"
        }
        for op in Self.unary {
            text += "(func (export \"\(op)\") (param \(type)) (result \(op == "eqz" ? "i32" : type)) (\(type).\(op) (local.get 0)))\n"
        }
        return text + ")"
    }

    @Test func i32Operators() throws {
        var calls: [Call] = []
        for op in Self.binary { for a in i32Edges { for b in i32Edges { calls.append(Call(op, .i32(a), .i32(b))) } } }
        for op in Self.unary { for a in i32Edges { calls.append(Call(op, .i32(a))) } }
        let results = try expectSameOnBothBackends(module("i32"), calls)
        // The comparison is not vacuous: the traps are there.
        #expect(results.contains { $0.trap == "integer divide by zero" })
        #expect(results.contains { $0.trap == "integer overflow" })
        #expect(results.contains { $0.results == [.i32(0)] } && results.contains { $0.results == [.i32(0x2468_ACF0)] })
    }

    @Test func i64Operators() throws {
        var calls: [Call] = []
        for op in Self.binary { for a in i64Edges { for b in i64Edges { calls.append(Call(op, .i64(a), .i64(b))) } } }
        for op in Self.unary + ["extend32_s"] { for a in i64Edges { calls.append(Call(op, .i64(a))) } }
        let text = module("i64").dropLast() + "(func (export \"extend32_s\") (param i64) (result i64) (i64.extend32_s (local.get 0))))"
        let results = try expectSameOnBothBackends(String(text), calls)
        #expect(results.contains { $0.trap == "integer overflow" })
    }

    @Test func conversionsConstantsAndSelect() throws {
        let wat = """
            (module
              (func (export "wrap") (param i64) (result i32) (i32.wrap_i64 (local.get 0)))
              (func (export "extend_s") (param i32) (result i64) (i64.extend_i32_s (local.get 0)))
              (func (export "extend_u") (param i32) (result i64) (i64.extend_i32_u (local.get 0)))
              (func (export "consts") (result i32 i64 i64 f32 f64)
                (i32.const -1) (i64.const -2) (i64.const 0x123456789abcdef) (f32.const -0.5) (f64.const nan:0x4))
              (func (export "select") (param i32) (result i64) (select (i64.const 11) (i64.const 22) (local.get 0)))
              (func (export "bits") (param f32 f64) (result f32 f64 f32 f64)
                (f32.neg (local.get 0)) (f64.abs (local.get 1))
                (f32.copysign (local.get 0) (f32.const -1)) (f64.copysign (local.get 1) (f64.const 1)))
            )
            """
        var calls: [Call] = []
        for v in i64Edges { calls.append(Call("wrap", .i64(v))) }
        for v in i32Edges { calls += [Call("extend_s", .i32(v)), Call("extend_u", .i32(v)), Call("select", .i32(v))] }
        calls.append(Call("consts"))
        calls.append(Call("bits", .f32(0x7FC0_0001), .f64(0xFFF0_0000_0000_0001)))
        calls.append(Call("bits", .float32(1.5), .float64(-2.25)))
        let results = try expectSameOnBothBackends(wat, calls)
        #expect(results.contains { $0.results == [.i64(0xFFFF_FFFF_8000_0000)] })
    }
}
