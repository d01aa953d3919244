#!/usr/bin/env python3
"""Generates the interpreter's opcode enum and dispatch loop.

From the numeric table in gen_numeric_ops.py plus the memory and control instructions below it
writes Sources/KeelInterpreter/Op.swift and Sources/KeelInterpreter/Executor/Executor+Run.swift
(the latter from Utilities/ExecutorRun.swift.template). Run: python3 Utilities/gen_interpreter.py
"""
import os
from gen_numeric_ops import rows

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

CONTROL = ["fuel", "unreachable", "br", "brIfNez", "brIfEqz", "brTable", "call", "callLocal", "callIndirect", "ret", "ret1",
           "zeroLocals", "copy", "copyAccB", "copy2", "copy2AccB", "i32AddImmCopy", "const32", "const64", "select", "selectImm", "selectImmAccX", "globalGet", "globalSet", "refFunc",
           "memorySize", "memoryGrow", "memoryFill", "memoryCopy", "memoryInit", "dataDrop",
           "tableGet", "tableSet", "tableSize", "tableGrow", "tableFill", "tableCopy", "tableInit", "elemDrop"]

LOADS = [  # name, bytes, Swift type read, conversion to a slot from `v`
    ("i32Load", 4, "UInt32", "UInt64(v)"), ("i64Load", 8, "UInt64", "v"),
    ("f32Load", 4, "UInt32", "UInt64(v)"), ("f64Load", 8, "UInt64", "v"),
    ("i32Load8S", 1, "Int8", "UInt64(UInt32(bitPattern: Int32(v)))"), ("i32Load8U", 1, "UInt8", "UInt64(v)"),
    ("i32Load16S", 2, "Int16", "UInt64(UInt32(bitPattern: Int32(v)))"), ("i32Load16U", 2, "UInt16", "UInt64(v)"),
    ("i64Load8S", 1, "Int8", "UInt64(bitPattern: Int64(v))"), ("i64Load8U", 1, "UInt8", "UInt64(v)"),
    ("i64Load16S", 2, "Int16", "UInt64(bitPattern: Int64(v))"), ("i64Load16U", 2, "UInt16", "UInt64(v)"),
    ("i64Load32S", 4, "Int32", "UInt64(bitPattern: Int64(v))"), ("i64Load32U", 4, "UInt32", "UInt64(v)"),
]
STORES = [  # name, bytes, Swift type written
    ("i32Store", 4, "UInt32"), ("i64Store", 8, "UInt64"), ("f32Store", 4, "UInt32"), ("f64Store", 8, "UInt64"),
    ("i32Store8", 1, "UInt8"), ("i32Store16", 2, "UInt16"), ("i64Store8", 1, "UInt8"), ("i64Store16", 2, "UInt16"),
    ("i64Store32", 4, "UInt32"),
]

TRAPPING = {"i32DivS", "i32DivU", "i32RemS", "i32RemU", "i64DivS", "i64DivU", "i64RemS", "i64RemU",
            "i32TruncF32S", "i32TruncF32U", "i32TruncF64S", "i32TruncF64U",
            "i64TruncF32S", "i64TruncF32U", "i64TruncF64S", "i64TruncF64U"}
REINTERPRET = {"i32ReinterpretF32", "i64ReinterpretF64", "f32ReinterpretI32", "f64ReinterpretI64"}

numeric = [r[0] for r in rows]
sig = {r[0]: (r[2], r[3]) for r in rows}
# The result type of every opcode family that writes a slot.
sig_all = {r[0]: r[3] for r in rows}
sig_all.update({l[0]: l[0][:3] for l in LOADS})
# Integer binary operations and comparisons also get a form with an immediate right operand.
immediate = [r[0] for r in rows if len(r[2]) == 2 and r[2][0] in ("i32", "i64")]
# i32 comparisons fuse with the branch that consumes them.
compares = ["Eq", "Ne", "LtS", "LtU", "GtS", "GtU", "LeS", "LeU", "GeS", "GeU"]
inverse = {"Eq": "Ne", "Ne": "Eq", "LtS": "GeS", "LtU": "GeU", "GtS": "LeS", "GtU": "LeU",
           "LeS": "GtS", "LeU": "GtU", "GeS": "LtS", "GeU": "LtU"}
fused = [f"brI32{c}" for c in compares] + [f"brI32{c}Imm" for c in compares]

# Loop latches: `local += k` (k in `x`, 16 bits) fused with the conditional branch on the new value
# that follows it (compared with a slot or an immediate in `b`, or tested against zero; target in `c`).
swapped = {"Eq": "Eq", "Ne": "Ne", "LtS": "GtS", "LtU": "GtU", "GtS": "LtS", "GtU": "LtU",
           "LeS": "GeS", "LeU": "GeU", "GeS": "LeS", "GeU": "LeU"}
latches = [f"incBrI32{c}" for c in compares] + [f"incBrI32{c}Imm" for c in compares] + ["incBrIfNez", "incBrIfEqz"]
# The same with the step in a slot (`x`, 16 bits) instead of an immediate: `local += local`.
latches += [name.replace("incBr", "addBr") for name in latches]

def latch_condition(name):
    """The condition of a latch opcode on the incremented value `v`."""
    name = name.replace("addBr", "incBr")
    if name == "incBrIfNez":
        return "v != 0"
    if name == "incBrIfEqz":
        return "v == 0"
    if name.endswith("Imm"):
        return f"Num.i32{name[len('incBrI32'):-3]}(v, i.b) != 0"
    return f"Num.i32{name[len('incBrI32'):]}(v, UInt32(truncatingIfNeeded: fp[Int(i.b)])) != 0"

# Integer operations with a memory operand: a load of memory 0 whose result only the operation
# after it reads (a temporary it consumes from the accumulator) merges into that operation.
# (name, operation, load, address mode, load value on the left). Address modes as for loads:
# "" (slot `x` plus offset `c`), "Add" (32-bit `slot x + c`), "Abs" (`c`), "Scaled" (`slot << shift`
# plus `c`, both packed in `x`); the other operand is in slot `b`. Commutative operations put the loaded value on the right.
LOAD_MODES = {"": "UInt64(UInt32(truncatingIfNeeded: fp[Int(i.x)])) &+ UInt64(i.c)",
              "Add": "UInt64(UInt32(truncatingIfNeeded: fp[Int(i.x)]) &+ i.c)",
              "Abs": "UInt64(i.c)",
              # `x` packs the slot (low 13 bits) and the shift (high 3 bits).
              "Scaled": "UInt64(UInt32(truncatingIfNeeded: fp[Int(i.x & 0x1FFF)]) &<< UInt32(i.x &>> 13)) &+ UInt64(i.c)"}
memory_operand = []
for t, loads, operations in (("i32", ["i32Load"], ("Add", "Sub", "Mul", "And", "Or", "Xor")),
                              ("i64", ["i64Load", "i64Load32U"], ("Add", "Sub", "Mul", "And", "Or", "Xor")),
                              ("f64", ["f64Load"], ("Add", "Sub", "Mul", "Div")),
                              ("f64", ["f64Load"], ("AddCanonical", "SubCanonical", "MulCanonical", "DivCanonical"))):
    for operation in operations:
        for load in loads:
            for mode in LOAD_MODES:
                for left in ((False, True) if operation[:3] in ("Sub", "Div") else (False,)):
                    kind = operation.replace("Canonical", "")
                    canonical = "Canonical" if operation != kind else ""
                    name = f"{t}{kind}{canonical}Mem{load[0].upper()}{load[1:]}{mode}{'Left' if left else ''}"
                    memory_operand.append((name, f"{t}{operation}", load, mode, left))

# Zero tests of a value loaded from memory 0 (address slot `a` plus offset `c`; target in `b`):
# the load's result only the branch reads. Signedness does not change a zero test.
LOAD_TESTS = {"Load8": ("UInt8", 1, ["i32Load8U", "i32Load8S"]), "Load16": ("UInt16", 2, ["i32Load16U", "i32Load16S"]),
              "Load": ("UInt32", 4, ["i32Load"])}
loading_branches = [f"brIf{test}{size}" for test in ("Nez", "Eqz") for size in LOAD_TESTS]

# Integer operations with a shifted operand (as ARM's shifted-register operands): a shift or
# rotate by a constant whose result only the operation after it reads merges into it.
# `a = b op shift(x, c)`. (name, operation, shift).
shifted_operand = []
for t in ("i32", "i64"):
    for operation in ("Xor", "Add", "Or", "And"):
        for shift in ("Rotl", "Rotr", "Shl", "ShrU", "ShrS"):
            shifted_operand.append((f"{t}{operation}{shift}Imm", f"{t}{operation}", f"{t}{shift}"))

# f64 arithmetic with a constant operand (right, or left for sub and div) in an extension word,
# plain and canonicalizing: (name, operation, constant on the left, canonicalizing).
f64_immediate = []
for operation in ("Add", "Sub", "Mul", "Div"):
    for left in ((False, True) if operation in ("Sub", "Div") else (False,)):
        for canonicalizing in (False, True):
            name = f"f64{operation}{'Canonical' if canonicalizing else ''}{'Left' if left else ''}Imm64"
            f64_immediate.append((name, f"f64{operation}", left, canonicalizing))

# i64 operations whose constant operand needs all 64 bits take it from an extension word.
immediate64 = [n for n in immediate if sig[n][0][0] == "i64"]
# Loads and stores exist for memory 0 (base and size in registers) and for any memory (`x`);
# stores also take a constant value as an immediate.
# Float arithmetic that can produce a NaN also has a form that canonicalizes the NaN.
canonical = [r[0] for r in rows if r[5]]
ops = (CONTROL + [l[0] for l in LOADS] + [l[0] + "Mem" for l in LOADS] + [s[0] for s in STORES]
       + [s[0] + "Mem" for s in STORES] + [s[0] + "Imm" for s in STORES]
       + [l[0] + "Add" for l in LOADS] + [s[0] + "Add" for s in STORES]
       + [l[0] + "Abs" for l in LOADS] + [s[0] + "Abs" for s in STORES]
       + [l[0] + "Scaled" for l in LOADS] + [s[0] + "Scaled" for s in STORES] + [s[0] + "ImmAdd" for s in STORES]
       + numeric
       + [f"{n}Imm" for n in immediate] + [f"{n}Imm64" for n in immediate64] + fused
       + [f"{n}Canonical" for n in canonical]
       + latches + loading_branches + [m[0] for m in memory_operand]
       # Pre-incremented loads: `slot b += x` (16 bits, in place), then load from it plus `c`.
       + [l[0] + "Inc" for l in LOADS]
       + [f[0] for f in f64_immediate] + [f[0] for f in shifted_operand]
       + [b + "Charged" for b in ["br", "brIfNez", "brIfEqz"] + fused + latches + loading_branches]
       # Conditional branches that, when not taken, charge the metering block that follows them
       # (its charge instruction comes next and is skipped): one dispatch fewer per fall-through.
       + [b + suffix for suffix in ["ChargeNext", "ChargedChargeNext"] for b in ["brIfNez", "brIfEqz"] + fused + latches + loading_branches])

# The accumulator: every handler that writes an integer result (i32/i64) also passes it to the
# next handler in the `acc` register, and every handler writing an f64 result passes it in `facc`
# (f32 results are not passed). An instruction that reads the value the instruction just before
# it wrote (and is not a branch target) uses a form reading that operand from the register:
# one load and its store-forwarding latency fewer. The slot is written as well, so every
# accumulator form can fall back to its plain form.
def result_kind(name):
    """Which accumulator an opcode passes its result in: "integer", "float" or None."""
    base = name
    for suffix in ("AccA", "AccB", "AccC"):
        if base.endswith(suffix):
            base = base[:-len(suffix)]
    if base.endswith("Canonical"):
        base = base[:-len("Canonical")]
    for suffix in ("Imm64", "Imm", "Add", "Abs", "Mem", "Scaled", "Inc"):
        if base.endswith(suffix) and base[:-len(suffix)] in sig_all:
            base = base[:-len(suffix)]
            break
    if any(base == f[0] for f in f64_immediate):
        return "float"
    if any(base == f[0] for f in shifted_operand):
        return "integer"
    if any(base == m[0] for m in memory_operand):
        return "float" if base.startswith("f64") else "integer"
    if base in ("copy", "const32", "const64", "globalGet", "copyAccB", "copy2", "copy2AccB", "selectImm", "selectImmAccX",
                "i32AddImmCopy"):
        return "integer"
    t = sig_all.get(base)
    if t is None:
        return None
    return {"i32": "integer", "i64": "integer", "f64": "float"}.get(t)

ACC_TYPES = {"i32": "integer", "i64": "integer", "f64": "float"}
# (form name, base opcode, field read from the accumulator, operand type)
acc_forms = []
for n in numeric:
    operands, result = sig[n]
    if n in REINTERPRET:
        continue
    for k, t in enumerate(operands):
        if t in ACC_TYPES:
            acc_forms.append((f"{n}Acc{'BC'[k]}", n, "bc"[k], t))
for n in immediate:
    acc_forms.append((f"{n}ImmAccB", n + "Imm", "b", sig[n][0][0]))
for n in canonical:
    for k, t in enumerate(sig[n][0]):
        if t in ACC_TYPES:
            acc_forms.append((f"{n}CanonicalAcc{'BC'[k]}", n + "Canonical", "bc"[k], t))
for name, size, typ, conv in LOADS:
    acc_forms.append((name + "AccB", name, "b", "i32"))
    acc_forms.append((name + "AddAccB", name + "Add", "b", "i32"))
    acc_forms.append((name + "ScaledAccB", name + "Scaled", "b", "i32"))
for name, size, typ in STORES:
    value_type = name[:3]
    if value_type in ACC_TYPES:
        acc_forms.append((name + "AccB", name, "b", value_type))
        acc_forms.append((name + "AddAccB", name + "Add", "b", value_type))
        acc_forms.append((name + "ScaledAccB", name + "Scaled", "b", value_type))
    acc_forms.append((name + "AccA", name, "a", "i32"))
    acc_forms.append((name + "ImmAccA", name + "Imm", "a", "i32"))
acc_forms.append(("brTableAccA", "brTable", "a", "i32"))  # handler in the template
acc_forms.append(("ret1AccA", "ret1", "a", "i64"))  # handler in the template
acc_forms.append(("brIfNezAccA", "brIfNez", "a", "i32"))
acc_forms.append(("brIfEqzAccA", "brIfEqz", "a", "i32"))
for c in compares:
    acc_forms.append((f"brI32{c}AccA", f"brI32{c}", "a", "i32"))
    acc_forms.append((f"brI32{c}AccB", f"brI32{c}", "b", "i32"))
    acc_forms.append((f"brI32{c}ImmAccA", f"brI32{c}Imm", "a", "i32"))
ops = ops + [f[0] for f in acc_forms]
# Producers also have a form that only passes its result on (`...Tmp`): used when the result is
# a temporary that the next instruction, reading it from the accumulator, consumes.
tmp_bases = [o for o in ops if result_kind(o) is not None and not o.endswith("Mem")
             and o not in ("copy", "copyAccB", "copy2", "copy2AccB", "selectImm", "selectImmAccX", "i32AddImmCopy",
                           "const32", "const64", "globalGet")]
ops = ops + [o + "Tmp" for o in tmp_bases]

def read(t, x):
    return {"i32": f"UInt32(truncatingIfNeeded: {x})", "i64": x,
            "f32": f"Float(bitPattern: UInt32(truncatingIfNeeded: {x}))", "f64": f"Double(bitPattern: {x})"}[t]

def write(t, v):
    return {"i32": f"UInt64({v})", "i64": v, "f32": f"UInt64({v}.bitPattern)", "f64": f"{v}.bitPattern"}[t]

def imm(t):
    return "i.c" if t == "i32" else "UInt64(bitPattern: Int64(Int32(bitPattern: i.c)))"

def case_list(names):
    """One `case` label listing `names`, six per line."""
    lines = []
    for k in range(0, len(names), 6):
        lines.append(("        case " if k == 0 else "             ") + ", ".join("." + n for n in names[k:k + 6])
                     + (":" if k + 6 >= len(names) else ","))
    return lines

def member(doc, signature, subject, cases, default="nil"):
    """A member of `Op`: doc comment lines, then `signature` switching on `subject` over the
    `cases` lines, with `default` for everything else."""
    return ([f"    /// {line}" for line in doc] + [f"    {signature} {{", f"        switch {subject} {{"] + cases
            + [f"        default: return {default}", "        }", "    }", ""])

def predicate(doc, name, names):
    """A Boolean member of `Op`, true for the opcodes in `names`."""
    return ([f"    /// {doc}", f"    var {name}: Bool {{", "        switch self {"] + case_list(names)
            + ["            return true", "        default:", "            return false", "        }", "    }", ""])

def metering_variants(field):
    """A conditional branch's forms (target in `field`): (suffix, where a taken branch continues,
    where the fall-through continues when it charges the next block, else None)."""
    plain, charged = f"target(pc, i.{field})", f"chargedTarget(target(pc, i.{field}), ctx)"
    return (("", plain, None), ("Charged", charged, None),
            ("ChargeNext", plain, "chargedFallThrough(pc, ctx)"), ("ChargedChargeNext", charged, "chargedFallThrough(pc, ctx)"))

def op_swift():
    out = ["// Generated by Utilities/gen_interpreter.py. Do not edit by hand.",
           "import KeelFrontEnd", "",
           "/// The interpreter's opcodes: control and memory instructions, one opcode per numeric",
           "/// instruction, immediate-operand forms of integer operations, and fused i32",
           "/// compare-and-branch forms.",
           "package enum Op: UInt16, Sendable {"]
    for o in ops:
        out.append(f"    case {o}")
    out += ["}", "", "extension Op {",
            "    /// The opcode executing a numeric instruction with operands in slots.",
            "    init(_ op: NumericOp) {", "        switch op {"]
    for n in numeric:
        out.append(f"        case .{n}: self = .{n}")
    out += ["        }", "    }", "",
            "    /// The load opcode for memory 0 or, with `anyMemory`, for the memory in `x`.",
            "    init(load op: LoadOp, anyMemory: Bool) {", "        switch (op, anyMemory) {"]
    for l in LOADS:
        out.append(f"        case (.{l[0]}, false): self = .{l[0]}")
        out.append(f"        case (.{l[0]}, true): self = .{l[0]}Mem")
    out += ["        }", "    }", "",
            "    /// The store opcode for memory 0, for the memory in `x`, or with an immediate value.",
            "    init(store op: StoreOp, anyMemory: Bool, immediate: Bool) {", "        switch op {"]
    for st in STORES:
        out.append(f"        case .{st[0]}: self = immediate ? .{st[0]}Imm : anyMemory ? .{st[0]}Mem : .{st[0]}")
    out += ["        }", "    }", ""]
    out += ["    /// The memory-0 store of an immediate value (in `b`) whose address is",
            "    /// `i32.add(slot, constant)` (offset 0).",
            "    init(store op: StoreOp, immediateAddingConstant: Void) {", "        switch op {"]
    out += [f"        case .{entry[0]}: self = .{entry[0]}ImmAdd" for entry in STORES]
    out += ["        }", "    }", ""]
    for doc, label, suffix in (("/// The memory-0 form whose address is `i32.add(slot, constant)` (offset 0).", "addingConstant", "Add"),
                               ("/// The memory-0 form at a constant address (in `c`).", "absolute", "Abs"),
                               ("/// The memory-0 form whose address is `i32.shl(slot, x)` plus the offset in `c`.", "scaled", "Scaled")):
        for kind, names in (("load op: LoadOp", LOADS), ("store op: StoreOp", STORES)):
            out += ([f"    {doc}"] if names is LOADS else []) + [f"    init({kind}, {label}: Void) {{", "        switch op {"]
            out += [f"        case .{entry[0]}: self = .{entry[0]}{suffix}" for entry in names]
            out += ["        }", "    }", ""]
    charging = ["brIfNez", "brIfEqz"] + fused + latches + loading_branches
    out += member(["The form of a branch that, when taken, charges the target loop header's metering",
                   "block (its cost is in the charge instruction just before the target)."],
                  "var charged: Op?", "self",
                  [f"        case .{b}: return .{b}Charged" for b in ["br"] + charging]
                  + [f"        case .{b}ChargeNext: return .{b}ChargedChargeNext" for b in charging])
    out += member(["The form of a conditional branch that, when not taken, charges the metering block",
                   "whose charge instruction immediately follows it, and skips that instruction."],
                  "var chargingNext: Op?", "self",
                  [line for b in charging for line in (f"        case .{b}: return .{b}ChargeNext",
                                                       f"        case .{b}Charged: return .{b}ChargedChargeNext")])
    out += member(["The form of a NaN-producing float operation that canonicalizes NaN results."],
                  "init?(canonicalizing op: NumericOp)", "op",
                  [f"        case .{n}: self = .{n}Canonical" for n in canonical])
    out += member(["The form of an i64 operation that reads a 64-bit constant from an extension word."],
                  "init?(immediate64 op: NumericOp)", "op",
                  [f"        case .{n}: self = .{n}Imm64" for n in immediate64])
    out += member(["The f64 arithmetic form taking a constant operand (on the left: `left`) from an",
                   "extension word, canonicalizing NaN results or not."],
                  "init?(f64Immediate op: NumericOp, left: Bool, canonicalizing: Bool)", "(op, left, canonicalizing)",
                  [f"        case (.{operation}, {'true' if left else 'false'}, {'true' if canonicalizing else 'false'}): self = .{name}"
                   for name, operation, left, canonicalizing in f64_immediate])
    out += member(["The immediate-operand form of `op` when `bits` fits its 32-bit immediate."],
                  "init?(immediate op: NumericOp, bits: UInt64)", "op",
                  [f"        case .{n}: self = .{n}Imm" if sig[n][0][0] == "i32" else
                   f"        case .{n}: guard Int64(bitPattern: bits) == Int64(Int32(truncatingIfNeeded: bits)) else {{ return nil }}; self = .{n}Imm"
                   for n in immediate])
    out += member(["The fused branch for a comparison opcode: taken when the comparison is true",
                   "(`whenTrue`) or false. `i32.eqz` maps to the zero test."],
                  "func fusedBranch(whenTrue: Bool) -> Op?", "self",
                  ["        case .i32Eqz: return whenTrue ? .brIfEqz : .brIfNez"]
                  + [line for c in compares for line in (
                      f"        case .i32{c}: return whenTrue ? .brI32{c} : .brI32{inverse[c]}",
                      f"        case .i32{c}Imm: return whenTrue ? .brI32{c}Imm : .brI32{inverse[c]}Imm")])
    out += member(["For a conditional branch reading the value the instruction before it wrote from the",
                   "accumulator: the loop-latch opcode that also does that instruction's `i32.add` of an",
                   "immediate, and whether the branch's other operand is in its field `b` (else `a`;",
                   "nil for zero tests)."],
                  "var incrementingBranch: (op: Op, otherInB: Bool?)?", "self",
                  ["        case .brIfNezAccA: return (.incBrIfNez, nil)", "        case .brIfEqzAccA: return (.incBrIfEqz, nil)"]
                  + [line for c in compares for line in (
                      f"        case .brI32{c}AccA: return (.incBrI32{c}, true)",
                      f"        case .brI32{c}AccB: return (.incBrI32{swapped[c]}, false)",
                      f"        case .brI32{c}ImmAccA: return (.incBrI32{c}Imm, true)")])
    out += member(["For a zero test of the accumulator: the form testing the memory-0 load that",
                   "produced it only for this branch (its `...Tmp` form, address in a slot)."],
                  "func testingLoad(_ load: Op) -> Op?", "(self, load)",
                  [f"        case (.brIf{test}AccA, .{load}Tmp): return .brIf{test}{size}"
                   for test in ("Nez", "Eqz") for size, (_, _, loads) in LOAD_TESTS.items() for load in loads])
    out += predicate("Whether a conditional branch keeps its target in field `b` (zero tests).", "hasTargetInB",
                     [b + suffix for b in ["brIfNez", "brIfEqz"] + loading_branches
                      for suffix in ["", "Charged", "ChargeNext", "ChargedChargeNext"]])
    out += member(["The form of an `incBr...` latch whose step is in slot `x` instead of an immediate."],
                  "var addingSlot: Op?", "self",
                  [f"        case .{name}: return .{name.replace('incBr', 'addBr')}" for name in latches if name.startswith("incBr")])
    memory_cases = []
    for name, operation, load, mode, left in memory_operand:
        if operation.replace("Canonical", "")[3:] in ("Sub", "Div"):
            forms = [f"{operation}AccB"] if left else [f"{operation}AccC"]
        else:
            forms = [f"{operation}AccB", f"{operation}AccC"]
        memory_cases += [f"        case (.{form}, .{load}{mode}Tmp): return .{name}" for form in forms]
    out += member(["For an integer operation reading the accumulator (field `b` or `c`) and the memory-0",
                   "load that produced it only for this operation (its `...Tmp` form): the operation with",
                   "the load as its memory operand."],
                  "func withMemoryOperand(_ load: Op) -> Op?", "(self, load)", memory_cases)
    out += member(["For a memory-0 load reading its address from the accumulator: the form that also",
                   "does the in-place `i32.add` of an immediate that produced the address."],
                  "var preIncrementing: Op?", "self",
                  [f"        case .{l[0]}AccB: return .{l[0]}Inc" for l in LOADS])
    out += member(["For an integer operation reading the accumulator (field `b` or `c`) and the shift by a",
                   "constant that produced it only for this operation (its `...Tmp` form, reading its",
                   "operand from a slot): the operation with the shift as its operand."],
                  "func withShiftedOperand(_ shift: Op) -> Op?", "(self, shift)",
                  [f"        case (.{form}, .{shift}ImmTmp): return .{name}"
                   for name, operation, shift in shifted_operand for form in (f"{operation}AccB", f"{operation}AccC")])
    out += predicate("Whether this is a memory-0 load with a scaled address (shift in `x`), or its `...Tmp`.", "isScaledLoad",
                     [l[0] + "Scaled" for l in LOADS] + [l[0] + "ScaledTmp" for l in LOADS if l[0] + "Scaled" in tmp_bases])
    out += predicate("Whether this is an accumulator form reading its operand `b` from the accumulator.", "readsAccumulatorInB",
                     [f[0] for f in acc_forms if f[2] == "b"])
    out += [
            "    /// The accumulator register this opcode passes its result in to the next handler.",
            "    var passedAccumulator: AccumulatorKind? {", "        switch self {"]
    for kind in ("integer", "float"):
        out += case_list([o for o in ops if result_kind(o) == kind]) + [f"            return .{kind}"]
    out += ["        default: return nil", "        }", "    }", "",
            "    /// The form reading operand field `field` (0: a, 1: b, 2: c) from the accumulator of",
            "    /// `kind`, if there is one.",
            "    func readingAccumulator(field: Int, kind: AccumulatorKind) -> Op? {", "        switch (self, field) {"]
    for form, base, field, t in acc_forms:
        out.append(f"        case (.{base}, {'abc'.index(field)}): return kind == .{ACC_TYPES[t]} ? .{form} : nil")
    out += ["        case (.copy, 1): return kind == .integer ? .copyAccB : nil",
            "        default: return nil", "        }", "    }", "",
            "    /// The plain form of an accumulator form (itself for other opcodes): it reads the same",
            "    /// operand from its slot, which holds the same value.",
            "    var withoutAccumulator: Op {", "        switch self {"]
    for form, base, field, t in acc_forms:
        out.append(f"        case .{form}: return .{base}")
    out += ["        case .copyAccB: return .copy", "        case .copy2AccB: return .copy2", "        case .selectImmAccX: return .selectImm",
            "        default: return self", "        }", "    }", "}", "",
            "extension Op {",
            "    /// The form that passes its result in the accumulator without writing its slot.",
            "    var discardingResult: Op? {", "        switch self {"]
    for base in tmp_bases:
        out.append(f"        case .{base}: return .{base}Tmp")
    out += ["        default: return nil", "        }", "    }", "",
            "    /// The form that writes its result slot again (itself for other opcodes).",
            "    var storingResult: Op {", "        switch self {"]
    for base in tmp_bases:
        out.append(f"        case .{base}Tmp: return .{base}")
    out += ["        default: return self", "        }", "    }", "}", "",
            "extension Op {",
            "    /// The same form (accumulator reads, discarded result) of the operation without NaN",
            "    /// canonicalization (itself for other opcodes).",
            "    var withoutCanonicalization: Op {", "        switch self {"]
    for o in ops:
        if "Canonical" in o:
            out.append(f"        case .{o}: return .{o.replace('Canonical', '')}")
    out += ["        default: return self", "        }", "    }", "}", "",
            "extension Op {",
            "    /// Whether an extension word (a 64-bit immediate) follows the instruction.",
            "    var hasExtensionWord: Bool {", "        switch self {"]
    out += case_list([o for o in ops if o.endswith("Imm64") or o.endswith("Imm64Tmp")])
    out += ["            return true", "        default:", "            return false", "        }", "    }", "}", "",
            "/// Which register carries a result from one handler to the next.",
            "package enum AccumulatorKind: Sendable {",
            "    /// `acc`: the slot's 64 bits (i32 and i64 results, copies, constants, globals).",
            "    case integer",
            "    /// `facc`: an f64 result as a `Double`.",
            "    case float",
            "}"]
    return "\n".join(out) + "\n"

SIG = ("(_ pc: UnsafeRawPointer, _ fp: UnsafeMutablePointer<UInt64>, _ memory: UnsafeMutablePointer<UInt8>, "
       "_ memorySize: UInt64, _ ctx: UnsafeMutableRawPointer, _ acc: UInt64, _ facc: Double) -> UnsafeRawPointer?")

# Bulk memory and table instructions: a call into the executor that may trap.
BULK = {
    "memoryFill": "s.pointee.memoryFill(memory: i.x, operands: fp + Int(i.a))",
    "memoryCopy": "s.pointee.memoryCopy(destination: i.x, source: UInt16(i.c), operands: fp + Int(i.a))",
    "memoryInit": "s.pointee.memoryInit(memory: i.x, data: i.b, operands: fp + Int(i.a))",
    "dataDrop": None,
    "tableGet": "s.pointee.tableGet(table: i.x, index: fp[Int(i.b)])",
    "tableSet": "s.pointee.tableSet(table: i.x, index: fp[Int(i.a)], value: fp[Int(i.b)])",
    "tableSize": None,
    "tableGrow": "s.pointee.tableGrow(table: i.x, operands: fp + Int(i.a))",
    "tableFill": "s.pointee.tableFill(table: i.x, operands: fp + Int(i.a))",
    "tableCopy": "s.pointee.tableCopy(destination: i.x, source: UInt16(i.c), operands: fp + Int(i.a))",
    "tableInit": "s.pointee.tableInit(table: i.x, element: i.b, operands: fp + Int(i.a))",
    "elemDrop": None,
}
PLAIN = {
    "dataDrop": "s.pointee.instance.dataSegments[Int(i.a)] = []",
    "tableSize": "fp[Int(i.a)] = UInt64(s.pointee.instance.tables[Int(i.x)].elements.count)",
    "elemDrop": "s.pointee.instance.elementSegments[Int(i.a)] = []",
}

def handler(name, body, acc="acc", facc="facc"):
    """A handler: `body`, then the tail call passing `acc` and `facc` on."""
    mutable = any("next = " in line for line in body)
    return ["@inline(__always)", f"func h_{name}{SIG} {{", "    let i = inst(pc)",
            f"    {'var' if mutable else 'let'} next = following(pc)"] + body + [
            f"    return dispatch(next, fp, memory, memorySize, ctx, {acc}, {facc})", "}", ""]

def raw(field, from_acc):
    """The 64 bits of the operand in `field` (`from_acc`: the field read from the accumulator)."""
    return "acc" if field == from_acc else f"fp[Int(i.{field})]"

def operand(t, field, from_acc):
    if field == from_acc and t == "f64":
        return "facc"
    return read(t, raw(field, from_acc))

def stored(t, field, from_acc):
    """An operand as the 64 bits a store writes."""
    return "facc.bitPattern" if field == from_acc and t == "f64" else raw(field, from_acc)

def passing(result):
    """The (acc, facc) a handler writing `result` (a UInt64 slot value) passes on."""
    kind = ACC_TYPES.get(result)
    if kind == "integer":
        return "result", "facc"
    if kind == "float":
        return "acc", "Double(bitPattern: result)"
    return "acc", "facc"

def forms_of(base):
    """The plain form and every accumulator form of `base`: (name, field read from acc)."""
    return [(base, None)] + [(f[0], f[2]) for f in acc_forms if f[1] == base]

def numeric_handler(name, n, args, result):
    if n in TRAPPING:
        return handler(name, [f"    let (value, kind) = Num.{n}({args})",
                              f"    let result = {write(result, 'value')}",
                              "    if let kind {", "        next = trap(ctx, kind)", "    } else {",
                              "        fp[Int(i.a)] = result", "    }"], *passing(result))
    if ACC_TYPES.get(result) == "float":
        return handler(name, [f"    let value = Num.{n}({args})", "    fp[Int(i.a)] = value.bitPattern"], "acc", "value")
    return handler(name, [f"    let result = {write(result, 'Num.' + n + '(' + args + ')')}",
                          "    fp[Int(i.a)] = result"], *passing(result))

def load_handler(name, size, typ, conv, address, base="memory", bound="memorySize", prefix=()):
    return handler(name, list(prefix) + [
        f"    let address = {address}",
        "    var result: UInt64 = 0",
        f"    if address &+ {size} > {bound} {{",
        "        next = trap(ctx, .outOfBoundsMemoryAccess)",
        "    } else {",
        f"        let v = {typ}(truncatingIfNeeded: readLittleEndian({base} + Int(address), {size}))",
        f"        result = {conv}",
        "        fp[Int(i.a)] = result",
        "    }"], *passing(name[:3]))

def store_handler(name, size, address, value, base="memory", bound="memorySize", prefix=()):
    return handler(name, list(prefix) + [
        f"    let address = {address}",
        f"    if address &+ {size} > {bound} {{",
        "        next = trap(ctx, .outOfBoundsMemoryAccess)",
        "    } else {",
        f"        writeLittleEndian({base} + Int(address), {size}, {value})",
        "    }"])

def cases():
    out = []
    for name, call in BULK.items():
        body = ["    let s = state(ctx)"]
        if call is None:
            body += [f"    {PLAIN[name]}"]
        elif name == "tableGet":
            body += [f"    let (value, kind) = {call}",
                     "    if let kind { next = trap(ctx, kind) } else { fp[Int(i.a)] = value }"]
        else:
            body += [f"    if let kind = {call} {{ next = trap(ctx, kind) }}"]
        out += handler(name, body)
    view = ["    let view = memoryView(ctx, i.x)"]
    for name, size, typ, conv in LOADS:
        for form, from_acc in forms_of(name):
            out += load_handler(form, size, typ, conv,
                                f"UInt64(UInt32(truncatingIfNeeded: {raw('b', from_acc)})) &+ UInt64(i.c)")
        for form, from_acc in forms_of(name + "Add"):
            out += load_handler(form, size, typ, conv, f"UInt64(UInt32(truncatingIfNeeded: {raw('b', from_acc)}) &+ i.c)")
        out += load_handler(name + "Abs", size, typ, conv, "UInt64(i.c)")
        for form, from_acc in forms_of(name + "Scaled"):
            out += load_handler(form, size, typ, conv,
                                f"UInt64(UInt32(truncatingIfNeeded: {raw('b', from_acc)}) &<< UInt32(i.x)) &+ UInt64(i.c)")
        out += load_handler(name + "Mem", size, typ, conv, "UInt64(UInt32(truncatingIfNeeded: fp[Int(i.b)])) &+ UInt64(i.c)",
                            base="view.base", bound="view.size", prefix=view)
    for name, size, typ in STORES:
        t = name[:3]
        for form, from_acc in forms_of(name):
            out += store_handler(form, size, f"UInt64(UInt32(truncatingIfNeeded: {raw('a', from_acc)})) &+ UInt64(i.c)",
                                 stored(t, "b", from_acc))
        for form, from_acc in forms_of(name + "Imm"):
            out += store_handler(form, size, f"UInt64(UInt32(truncatingIfNeeded: {raw('a', from_acc)})) &+ UInt64(i.c)",
                                 "UInt64(bitPattern: Int64(Int32(bitPattern: i.b)))")
        out += store_handler(name + "Abs", size, "UInt64(i.c)", "fp[Int(i.b)]")
        for form, from_acc in forms_of(name + "Scaled"):
            out += store_handler(form, size, "UInt64(UInt32(truncatingIfNeeded: fp[Int(i.a)]) &<< UInt32(i.x)) &+ UInt64(i.c)",
                                 stored(t, "b", from_acc))
        out += store_handler(name + "ImmAdd", size, "UInt64(UInt32(truncatingIfNeeded: fp[Int(i.a)]) &+ i.c)",
                             "UInt64(bitPattern: Int64(Int32(bitPattern: i.b)))")
        for form, from_acc in forms_of(name + "Add"):
            out += store_handler(form, size, "UInt64(UInt32(truncatingIfNeeded: fp[Int(i.a)]) &+ i.c)",
                                 stored(t, "b", from_acc))
        out += store_handler(name + "Mem", size, "UInt64(UInt32(truncatingIfNeeded: fp[Int(i.a)])) &+ UInt64(i.c)",
                             "fp[Int(i.b)]", base="view.base", bound="view.size", prefix=view)
    for n in numeric:
        operands, result = sig[n]
        if n in REINTERPRET:
            if ACC_TYPES.get(result) == "float":
                out += handler(n, ["    let result = fp[Int(i.b)]", "    fp[Int(i.a)] = result"], "acc", "Double(bitPattern: result)")
            else:
                out += handler(n, ["    let result = fp[Int(i.b)]", "    fp[Int(i.a)] = result"], *passing(result))
            continue
        for form, from_acc in forms_of(n):
            args = ", ".join(operand(operands[k], "bc"[k], from_acc) for k in range(len(operands)))
            out += numeric_handler(form, n, args, result)
    for n in immediate:
        operands, result = sig[n]
        for form, from_acc in forms_of(n + "Imm"):
            args = operand(operands[0], "b", from_acc) + ", " + imm(operands[0])
            out += numeric_handler(form, n, args, result)
    for n in canonical:
        operands, result = sig[n]
        for form, from_acc in forms_of(n + "Canonical"):
            args = ", ".join(operand(operands[k], "bc"[k], from_acc) for k in range(len(operands)))
            if result == "f64":
                # A NaN is replaced through an out-of-line store, on a cold path: a select
                # (branchless blend) would lengthen every result's dependency chain. The value
                # passed in `facc` is read back, so it is the canonical one too. (A `...Tmp`
                # form writes the canonical NaN to its dead slot on that path.)
                out += handler(form, [
                    f"    var value = Num.{n}({args})",
                    "    fp[Int(i.a)] = value.bitPattern",
                    "    if value != value {",
                    "        storeCanonicalNaN(fp + Int(i.a), f64: ())",
                    "        value = Double(bitPattern: fp[Int(i.a)])",
                    "    }"], "acc", "value")
            else:
                # Stored as computed, then replaced only when it is a NaN (see above).
                out += handler(form, [
                    f"    let value = Num.{n}({args})",
                    f"    fp[Int(i.a)] = {write(result, 'value')}",
                    f"    if value != value {{ storeCanonicalNaN(fp + Int(i.a), {result}: ()) }}"])
    for name, operation, shift in shifted_operand:
        t = operation[:3]
        other = read(t, "fp[Int(i.b)]")
        out += handler(name, [
            f"    let shifted = Num.{shift}({read(t, 'fp[Int(i.x)]')}, {imm(t)})",
            f"    let result = {write(t, f'Num.{operation}({other}, shifted)')}",
            "    fp[Int(i.a)] = result"], "result", "facc")
    for name, operation, left, canonicalizing in f64_immediate:
        operands = "constant, Double(bitPattern: fp[Int(i.b)])" if left else "Double(bitPattern: fp[Int(i.b)]), constant"
        body = ["    let wide = inst(next)", "    next = following(next)",
                "    let constant = Double(bitPattern: wide.b64)",
                f"    {'var' if canonicalizing else 'let'} value = Num.{operation}({operands})",
                "    fp[Int(i.a)] = value.bitPattern"]
        if canonicalizing:
            body += ["    if value != value {", "        storeCanonicalNaN(fp + Int(i.a), f64: ())",
                     "        value = Double(bitPattern: fp[Int(i.a)])", "    }"]
        out += handler(name, body, "acc", "value")
    for n in immediate64:
        operands, result = sig[n]
        args = read(operands[0], "fp[Int(i.b)]") + ", wide.b64"
        lines = numeric_handler(n + "Imm64", n, args, result)
        # Read the extension word, then skip it.
        lines.insert(4, "    let wide = inst(next)")
        lines.insert(5, "    next = following(next)")
        lines[3] = "    var next = following(pc)"
        out += lines
    out += handler("brCharged", ["    next = chargedTarget(target(pc, i.a), ctx)"])
    out += handler("brIfNezCharged", ["    if UInt32(truncatingIfNeeded: fp[Int(i.a)]) != 0 { next = chargedTarget(target(pc, i.b), ctx) }"])
    out += handler("brIfEqzCharged", ["    if UInt32(truncatingIfNeeded: fp[Int(i.a)]) == 0 { next = chargedTarget(target(pc, i.b), ctx) }"])
    for c in compares:
        out += handler(f"brI32{c}Charged", [
            f"    if Num.i32{c}(UInt32(truncatingIfNeeded: fp[Int(i.a)]), UInt32(truncatingIfNeeded: fp[Int(i.b)])) != 0 {{ next = chargedTarget(target(pc, i.c), ctx) }}"])
        out += handler(f"brI32{c}ImmCharged", [
            f"    if Num.i32{c}(UInt32(truncatingIfNeeded: fp[Int(i.a)]), i.b) != 0 {{ next = chargedTarget(target(pc, i.c), ctx) }}"])
    load_info = {l[0]: l for l in LOADS}
    for name, size, typ, conv in LOADS:
        out += load_handler(name + "Inc", size, typ, conv, "UInt64(pointer) &+ UInt64(i.c)", prefix=[
            "    let pointer = UInt32(truncatingIfNeeded: fp[Int(i.b)]) &+ UInt32(bitPattern: Int32(Int16(bitPattern: i.x)))",
            "    fp[Int(i.b)] = UInt64(pointer)"])
    for name, operation, load, mode, left in memory_operand:
        _, size, typ, conv = load_info[load]
        t = operation[:3]
        loaded = read(t, "loaded")
        other = read(t, "fp[Int(i.b)]")
        args = f"{loaded}, {other}" if left else f"{other}, {loaded}"
        if t == "f64":
            kind = operation.replace("Canonical", "")
            # As the canonicalizing handlers: a NaN result is replaced out of line and read back.
            canonical_lines = ["        if value != value {", "            storeCanonicalNaN(fp + Int(i.a), f64: ())",
                         "            value = Double(bitPattern: fp[Int(i.a)])", "        }"] if kind != operation else []
            out += handler(name, [
                f"    let address = {LOAD_MODES[mode]}",
                "    var value: Double = 0",
                f"    if address &+ {size} > memorySize {{",
                "        next = trap(ctx, .outOfBoundsMemoryAccess)",
                "    } else {",
                f"        let loaded = readLittleEndian(memory + Int(address), {size})",
                f"        value = Num.{kind}({args})",
                "        fp[Int(i.a)] = value.bitPattern"] + canonical_lines + ["    }"], "acc", "value")
            continue
        out += handler(name, [
            f"    let address = {LOAD_MODES[mode]}",
            "    var result: UInt64 = 0",
            f"    if address &+ {size} > memorySize {{",
            "        next = trap(ctx, .outOfBoundsMemoryAccess)",
            "    } else {",
            f"        let v = {typ}(truncatingIfNeeded: readLittleEndian(memory + Int(address), {size}))",
            f"        let loaded = {conv}",
            f"        result = {write(t, f'Num.{operation}({args})')}",
            "        fp[Int(i.a)] = result",
            "    }"], "result", "facc")
    for name in latches:
        for suffix, taken, fallthrough in metering_variants("c"):
            step = ("UInt32(truncatingIfNeeded: fp[Int(i.x)])" if name.startswith("addBr")
                    else "UInt32(bitPattern: Int32(Int16(bitPattern: i.x)))")
            body = [f"    let v = UInt32(truncatingIfNeeded: fp[Int(i.a)]) &+ {step}",
                    "    fp[Int(i.a)] = UInt64(v)"]
            # The target is read after the store to the frame (which may alias the code, as far
            # as the optimizer knows), so only the taken path reads it: each outcome keeps its
            # own dispatch jump, predicted separately, as in the other branch handlers.
            taken = taken.replace("i.c", "inst(pc).c")
            if fallthrough is None:
                body.append(f"    if {latch_condition(name)} {{ next = {taken} }}")
            else:
                body.append(f"    next = {latch_condition(name)} ? {taken} : {fallthrough}")
            # Nothing reads the accumulator after a branch: passing `v` in it frees a register,
            # which keeps the handler's two dispatches separate jumps.
            out += handler(name + suffix, body, "UInt64(v)")
    for name in loading_branches:
        typ, size, _ = LOAD_TESTS[name[len("brIfNez"):]]
        test = "!=" if name.startswith("brIfNez") else "=="
        for suffix, taken, fallthrough in metering_variants("b"):
            body = ["    let address = UInt64(UInt32(truncatingIfNeeded: fp[Int(i.a)])) &+ UInt64(i.c)",
                    f"    if address &+ {size} > memorySize {{",
                    "        next = trap(ctx, .outOfBoundsMemoryAccess)",
                    f"    }} else if {typ}(truncatingIfNeeded: readLittleEndian(memory + Int(address), {size})) {test} 0 {{",
                    f"        next = {taken}"]
            if fallthrough is not None:
                body += ["    } else {", f"        next = {fallthrough}"]
            body.append("    }")
            out += handler(name + suffix, body)
    # Fall-through-charging forms: (name, condition, target field).
    conditional = [("brIfNez", "UInt32(truncatingIfNeeded: fp[Int(i.a)]) != 0", "b"),
                   ("brIfEqz", "UInt32(truncatingIfNeeded: fp[Int(i.a)]) == 0", "b")]
    for c in compares:
        conditional.append((f"brI32{c}", f"Num.i32{c}(UInt32(truncatingIfNeeded: fp[Int(i.a)]), UInt32(truncatingIfNeeded: fp[Int(i.b)])) != 0", "c"))
        conditional.append((f"brI32{c}Imm", f"Num.i32{c}(UInt32(truncatingIfNeeded: fp[Int(i.a)]), i.b) != 0", "c"))
    for name, condition, field in conditional:
        out += handler(name + "ChargeNext", [
            f"    next = {condition} ? target(pc, i.{field}) : chargedFallThrough(pc, ctx)"])
        out += handler(name + "ChargedChargeNext", [
            f"    next = {condition} ? chargedTarget(target(pc, i.{field}), ctx) : chargedFallThrough(pc, ctx)"])
    for form, from_acc in forms_of("brIfNez")[1:] + forms_of("brIfEqz")[1:]:
        test = "!=" if form.startswith("brIfNez") else "=="
        out += handler(form, [f"    if UInt32(truncatingIfNeeded: {raw('a', from_acc)}) {test} 0 {{ next = target(pc, i.b) }}"])
    for c in compares:
        for form, from_acc in forms_of(f"brI32{c}"):
            out += handler(form, [
                f"    if Num.i32{c}({operand('i32', 'a', from_acc)}, {operand('i32', 'b', from_acc)}) != 0 {{ next = target(pc, i.c) }}"])
        for form, from_acc in forms_of(f"brI32{c}Imm"):
            out += handler(form, [
                f"    if Num.i32{c}({operand('i32', 'a', from_acc)}, i.b) != 0 {{ next = target(pc, i.c) }}"])
    # The `...Tmp` forms: the same handlers without the store of the result.
    starts = {line.split("(")[0][len("func h_"):]: k for k, line in enumerate(out) if line.startswith("func h_")}
    for base in tmp_bases:
        start = starts[base]
        end = out.index("}", start)
        body = out[start:end + 1]
        kept = [line for line in body if line.strip() not in ("fp[Int(i.a)] = result", "fp[Int(i.a)] = value.bitPattern")]
        assert len(kept) == len(body) - 1, base
        kept[0] = kept[0].replace(f"func h_{base}(", f"func h_{base}Tmp(", 1)
        out += ["@inline(__always)"] + kept + [""]
    out += ["/// Each opcode's handler, indexed by its raw value.",
            "let handlerTable: [Handler] = ["]
    out += [f"    h_{o}," for o in ops]
    out += ["]"]
    return "\n".join(out)

with open(os.path.join(ROOT, "Sources/KeelInterpreter/Op.swift"), "w") as f:
    f.write(op_swift())
template = open(os.path.join(ROOT, "Utilities/ExecutorRun.swift.template")).read()
with open(os.path.join(ROOT, "Sources/KeelInterpreter/Executor/Executor+Run.swift"), "w") as f:
    f.write(template.replace("// @GENERATED_CASES@", cases()))
