#!/usr/bin/env python3
"""Generates Sources/KeelFrontEnd/NumericOp.swift from one table of numeric instructions.

Each row: Swift case name (as WasmKit's WasmParser spells it), text name, operand types,
result type, WasmParser family (Binary/Unary/Cmp/Conversion or special), whether it is an
arithmetic float instruction that may produce a NaN (canonicalized in the deterministic profile),
and a cost class. Run: python3 Utilities/gen_numeric_ops.py > Sources/KeelFrontEnd/NumericOp.swift
"""

rows = []
def add(case, text, operands, result, family, nan=False, cost="simple"):
    rows.append((case, text, operands, result, family, nan, cost))

for t in ("i32", "i64"):
    T = t.capitalize()
    add(f"{t}Eqz", f"{t}.eqz", [t], "i32", "special")
    for op in ("Eq", "Ne", "LtS", "LtU", "GtS", "GtU", "LeS", "LeU", "GeS", "GeU"):
        add(f"{t}{op}", f"{t}.{op.lower()[:2]}" + ("_" + op[2].lower() if len(op) == 3 else ""), [t, t], "i32", "Cmp")
for t in ("f32", "f64"):
    for op in ("Eq", "Ne", "Lt", "Gt", "Le", "Ge"):
        add(f"{t}{op}", f"{t}.{op.lower()}", [t, t], "i32", "Cmp")
for t in ("i32", "i64"):
    for op in ("Clz", "Ctz", "Popcnt"):
        add(f"{t}{op}", f"{t}.{op.lower()}", [t], t, "Unary")
    for op, cost in (("Add", "simple"), ("Sub", "simple"), ("Mul", "multiply"), ("DivS", "divide"), ("DivU", "divide"),
                     ("RemS", "divide"), ("RemU", "divide"), ("And", "simple"), ("Or", "simple"), ("Xor", "simple"),
                     ("Shl", "simple"), ("ShrS", "simple"), ("ShrU", "simple"), ("Rotl", "simple"), ("Rotr", "simple")):
        text = op.lower() if len(op) <= 4 or op in ("Rotl", "Rotr") else op[:-1].lower() + "_" + op[-1].lower()
        if op in ("DivS", "DivU", "RemS", "RemU", "ShrS", "ShrU"):
            text = op[:-1].lower() + "_" + op[-1].lower()
        add(f"{t}{op}", f"{t}.{text}", [t, t], t, "Binary", cost=cost)
for t in ("f32", "f64"):
    for op, nan, cost in (("Abs", False, "simple"), ("Neg", False, "simple"), ("Ceil", True, "float"), ("Floor", True, "float"),
                          ("Trunc", True, "float"), ("Nearest", True, "float"), ("Sqrt", True, "floatDivide")):
        add(f"{t}{op}", f"{t}.{op.lower()}", [t], t, "Unary", nan=nan, cost=cost)
    for op, nan, cost in (("Add", True, "float"), ("Sub", True, "float"), ("Mul", True, "float"), ("Div", True, "floatDivide"),
                          ("Min", True, "float"), ("Max", True, "float"), ("Copysign", False, "simple")):
        add(f"{t}{op}", f"{t}.{op.lower()}", [t, t], t, "Binary", nan=nan, cost=cost)
conversions = [
    ("i32WrapI64", "i32.wrap_i64", "i64", "i32", False),
    ("i32TruncF32S", "i32.trunc_f32_s", "f32", "i32", False),
    ("i32TruncF32U", "i32.trunc_f32_u", "f32", "i32", False),
    ("i32TruncF64S", "i32.trunc_f64_s", "f64", "i32", False),
    ("i32TruncF64U", "i32.trunc_f64_u", "f64", "i32", False),
    ("i64ExtendI32S", "i64.extend_i32_s", "i32", "i64", False),
    ("i64ExtendI32U", "i64.extend_i32_u", "i32", "i64", False),
    ("i64TruncF32S", "i64.trunc_f32_s", "f32", "i64", False),
    ("i64TruncF32U", "i64.trunc_f32_u", "f32", "i64", False),
    ("i64TruncF64S", "i64.trunc_f64_s", "f64", "i64", False),
    ("i64TruncF64U", "i64.trunc_f64_u", "f64", "i64", False),
    ("f32ConvertI32S", "f32.convert_i32_s", "i32", "f32", False),
    ("f32ConvertI32U", "f32.convert_i32_u", "i32", "f32", False),
    ("f32ConvertI64S", "f32.convert_i64_s", "i64", "f32", False),
    ("f32ConvertI64U", "f32.convert_i64_u", "i64", "f32", False),
    ("f32DemoteF64", "f32.demote_f64", "f64", "f32", True),
    ("f64ConvertI32S", "f64.convert_i32_s", "i32", "f64", False),
    ("f64ConvertI32U", "f64.convert_i32_u", "i32", "f64", False),
    ("f64ConvertI64S", "f64.convert_i64_s", "i64", "f64", False),
    ("f64ConvertI64U", "f64.convert_i64_u", "i64", "f64", False),
    ("f64PromoteF32", "f64.promote_f32", "f32", "f64", True),
    ("i32ReinterpretF32", "i32.reinterpret_f32", "f32", "i32", False),
    ("i64ReinterpretF64", "i64.reinterpret_f64", "f64", "i64", False),
    ("f32ReinterpretI32", "f32.reinterpret_i32", "i32", "f32", False),
    ("f64ReinterpretI64", "f64.reinterpret_i64", "i64", "f64", False),
    ("i32TruncSatF32S", "i32.trunc_sat_f32_s", "f32", "i32", False),
    ("i32TruncSatF32U", "i32.trunc_sat_f32_u", "f32", "i32", False),
    ("i32TruncSatF64S", "i32.trunc_sat_f64_s", "f64", "i32", False),
    ("i32TruncSatF64U", "i32.trunc_sat_f64_u", "f64", "i32", False),
    ("i64TruncSatF32S", "i64.trunc_sat_f32_s", "f32", "i64", False),
    ("i64TruncSatF32U", "i64.trunc_sat_f32_u", "f32", "i64", False),
    ("i64TruncSatF64S", "i64.trunc_sat_f64_s", "f64", "i64", False),
    ("i64TruncSatF64U", "i64.trunc_sat_f64_u", "f64", "i64", False),
]
for case, text, src, dst, nan in conversions:
    add(case, text, [src], dst, "Conversion", nan=nan, cost="float" if "f" in src + dst else "simple")
for case, text, t in (("i32Extend8S", "i32.extend8_s", "i32"), ("i32Extend16S", "i32.extend16_s", "i32"),
                      ("i64Extend8S", "i64.extend8_s", "i64"), ("i64Extend16S", "i64.extend16_s", "i64"),
                      ("i64Extend32S", "i64.extend32_s", "i64")):
    add(case, text, [t], t, "Unary")

def render():
    out = []
    w = out.append
    w("// Generated by Utilities/gen_numeric_ops.py from its table. Do not edit by hand.")
    w("import WasmParser")
    w("")
    w("/// Every numeric instruction (unary, binary, test, comparison, conversion) with its signature,")
    w("/// text name, cost class and whether it is a NaN-producing float arithmetic instruction.")
    w("package enum NumericOp: UInt8, CaseIterable, Sendable {")
    for r in rows:
        w(f"    case {r[0]}")
    w("")
    w("    /// The instruction's name in the text format.")
    w("    package var name: String {")
    w("        switch self {")
    for r in rows:
        w(f'        case .{r[0]}: "{r[1]}"')
    w("        }")
    w("    }")
    w("")
    w("    /// Operand types, bottom of the stack first.")
    w("    package var operands: [ValueType] {")
    w("        switch self {")
    groups = {}
    for r in rows:
        groups.setdefault(tuple(r[2]), []).append(r[0])
    for ops, cases in groups.items():
        w("        case " + ", ".join("." + c for c in cases) + ":")
        w("            [" + ", ".join("." + o for o in ops) + "]")
    w("        }")
    w("    }")
    w("")
    w("    /// The result type.")
    w("    package var result: ValueType {")
    w("        switch self {")
    groups = {}
    for r in rows:
        groups.setdefault(r[3], []).append(r[0])
    for res, cases in groups.items():
        w("        case " + ", ".join("." + c for c in cases) + ":")
        w(f"            .{res}")
    w("        }")
    w("    }")
    w("")
    w("    /// Arithmetic float instructions whose NaN results the deterministic profile canonicalizes.")
    w("    package var producesArithmeticNaN: Bool {")
    w("        switch self {")
    w("        case " + ", ".join("." + r[0] for r in rows if r[5]) + ":")
    w("            true")
    w("        default: false")
    w("        }")
    w("    }")
    w("")
    w("    /// Whether a NaN operand's bits cannot affect anything observable: arithmetic (which")
    w("    /// canonicalizes its own result), comparisons and truncations. Not: abs, neg, copysign,")
    w("    /// reinterpretations, which keep or expose bits.")
    w("    package var isNaNTransparent: Bool {")
    w("        switch self {")
    transparent=[r[0] for r in rows if any(t in ("f32","f64") for t in r[2]) and not any(x in r[0] for x in ("Abs","Neg","Copysign","Reinterpret"))]
    w("        case " + ", ".join("." + c for c in transparent) + ":")
    w("            true")
    w("        default: false")
    w("        }")
    w("    }")
    w("")
    w("    /// The cost class used by the fuel schedule.")
    w("    package var costClass: CostClass {")
    w("        switch self {")
    groups = {}
    for r in rows:
        groups.setdefault(r[6], []).append(r[0])
    for cost, cases in groups.items():
        w("        case " + ", ".join("." + c for c in cases) + ":")
        w(f"            .{cost}")
    w("        }")
    w("    }")
    w("}")
    w("")
    for fam in ("Binary", "Unary", "Cmp", "Conversion"):
        cases = [r[0] for r in rows if r[4] == fam]
        w("extension NumericOp {")
        w(f"    /// Maps WasmParser's `Instruction.{fam}`; nil for instructions outside Keel's set.")
        w(f"    package init?(_ op: Instruction.{fam}) {{")
        w("        switch op {")
        for c in cases:
            w(f"        case .{c}: self = .{c}")
        w("        }")
        w("    }")
        w("}")
        w("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
