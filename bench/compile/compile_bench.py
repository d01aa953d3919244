#!/usr/bin/env python3
"""Compile-time linearity: hostile module shapes at doubling sizes, compiled by `keel`.

For each shape the module is generated at sizes S, 2S, 4S, 8S; each is compiled several
times with `keel inspect --compile-only --engine E` (decode, validate and compile every
function, to machine code under `jit`; no instantiation) and the median time is reported
with MB/s. Compilation is linear when MB/s stays flat as the size doubles; the summary gives
t(4S) / t(S) per shape and engine (linear: about 4, the target at most about 5).
Start-up is removed by subtracting the time for an empty module. Both wall and CPU time
(the child's user + system) are measured; CPU time is the steadier one on a shared machine
and is the one the ratios use.

Usage: bench/compile/compile_bench.py [--engine jit,interp] [--profile standard|contract]
                                      [--sizes 1,2,4,8] [--shapes NAME,...] [KEEL]
(default: both engines, standard profile, KEEL .build/release/keel; REPS=5 runs per point)
"""
import argparse
import os
import sys
import tempfile

import hostile_shapes
from hostile_shapes import leb, section
import keel_timing

REPS = int(os.environ.get("REPS", "5"))


def module(bodies, locals_per_body=None, params=0, memory=False, copies=1):
    """A module of functions of type (i32 * params) -> () with the given bodies, each
    repeated `copies` times (and one page of memory if `memory`)."""
    bodies = bodies * copies
    locals_per_body = locals_per_body * copies if locals_per_body else None
    functype = b"\x60" + leb(params) + b"\x7f" * params + b"\x00"
    types = section(1, leb(1) + functype)
    funcs = section(3, leb(len(bodies)) + b"".join(b"\x00" for _ in bodies))
    if memory:
        funcs += section(5, b"\x01\x00\x01")  # one memory, min 1 page
    codes = bytearray(leb(len(bodies)))
    for k, body in enumerate(bodies):
        decl = b"\x00"
        if locals_per_body:
            decl = leb(1) + leb(locals_per_body[k]) + b"\x7f"
        entry = decl + body + b"\x0b"
        codes += leb(len(entry)) + entry
    return b"\x00asm\x01\x00\x00\x00" + types + funcs + section(10, bytes(codes))


def deep_nesting(n, copies=1):
    return module([b"\x02\x40" * n + b"\x0b" * n], copies=copies)


def huge_br_table(n, copies=1):
    return module([b"\x02\x40\x41\x00\x0e" + leb(n) + b"\x00" * n + b"\x00\x0b"], copies=copies)


def many_locals(n, copies=1):
    gets = b"".join(b"\x20" + leb(i) for i in range(n))
    sets = b"".join(b"\x21" + leb(i) for i in reversed(range(n)))
    return module([gets + sets], locals_per_body=[n], copies=copies)


def many_functions(n, copies=1):
    body = b"\x41\x01\x41\x02\x6a\x1a"  # i32.const 1, i32.const 2, i32.add, drop
    return module([body] * n, copies=copies)


def deferred_reads(n, copies=1):
    # Many pending local.get 0 on the stack, then repeated writes to local 0.
    pending = b"\x20\x00" * 1000
    writes = b"\x20\x00\x41\x01\x6a\x21\x00" * n
    drops = b"\x1a" * 1000
    return module([pending + writes + drops], locals_per_body=[1], copies=copies)


def long_straight_line(n, copies=1):
    return module([b"\x20\x00\x41\x01\x6a\x21\x00" * n], locals_per_body=[1], copies=copies)


def huge_function(n, copies=1):
    # One function of n small blocks, each a load, an add, a store, a compare and a br_if:
    # many metering blocks, branches and memory accesses (bounds checks) in one body.
    step = (b"\x02\x40"                              # block
            b"\x20\x00\x28\x02\x10"                  # local.get 0, i32.load offset=16
            b"\x20\x01\x6a\x21\x01"                  # local.get 1, i32.add, local.set 1
            b"\x41\x20\x20\x01\x36\x02\x00"          # i32.const 32, local.get 1, i32.store
            b"\x20\x01\x41\x07\x71\x45\x0d\x00"      # local.get 1, i32.const 7, i32.and, i32.eqz, br_if 0
            b"\x20\x01\x41\x01\x6a\x21\x00"          # local.get 1, i32.const 1, i32.add, local.set 0
            b"\x0b")                                  # end
    return module([step * n], locals_per_body=[2], memory=True, copies=copies)


# (name, generator, base size, copies). The base sizes keep 8x within the standard profile's
# limits (nesting 100,000, br_table 1,000,000 targets, 50,000 locals); the hostile function
# is repeated `copies` times so that 1x takes tens of milliseconds, well above the noise of
# the start-up that is subtracted. The size still grows inside each function, so anything
# superlinear in one function's size shows.
SHAPES = [
    ("deep nesting", deep_nesting, 12_000, 8),
    ("huge br_table", huge_br_table, 120_000, 4),
    ("many locals", many_locals, 6_000, 16),
    ("many functions", many_functions, 25_000, 1),
    ("deferred local.gets", deferred_reads, 25_000, 1),
    ("long straight line", long_straight_line, 40_000, 1),
    ("huge function", huge_function, 10_000, 1),
] + [
    # The issue-18 shapes (hostile_shapes.py): products of two guest-chosen numbers, at the
    # largest parameters the contract profile admits; `base` is bytes of code at 1x.
    (name, (lambda make: lambda n, copies: make(n))(make), 380_000, 1)
    for name, make in hostile_shapes.SHAPES
    if name not in ("locals x functions", "parameters x functions")  # capped by the function limit
]


def arguments():
    parser = argparse.ArgumentParser(description="Compile-time linearity of hostile module shapes.")
    parser.add_argument("keel", nargs="?", default=keel_timing.default_keel(), help="keel binary")
    parser.add_argument("--engine", default="interp,jit", help="comma-separated: interp, jit")
    parser.add_argument("--profile", default="standard", choices=["standard", "contract"])
    parser.add_argument("--sizes", default="1,2,4,8", help="comma-separated multiples of each shape's base size")
    parser.add_argument("--shapes", default="", help="comma-separated shape names (default: all)")
    args = parser.parse_args()
    args.engines = [e for e in args.engine.split(",") if e]
    for e in args.engines:
        if e not in keel_timing.ENGINES:
            parser.error(f"unknown engine {e!r} (interp or jit)")
    args.factors = [int(f) for f in args.sizes.split(",")]
    names = [s.strip() for s in args.shapes.split(",") if s.strip()]
    known = [shape[0] for shape in SHAPES]
    for name in names:
        if name not in known:
            parser.error(f"unknown shape {name!r} (known: {', '.join(known)})")
    args.shapes = [shape for shape in SHAPES if not names or shape[0] in names]
    return args


def main():
    args = arguments()
    if not os.path.exists(args.keel):
        sys.exit(f"no keel binary at {args.keel}: swift build -c release --product keel --omit-frame-pointers")
    flags = {e: ["--engine", e, "--profile", args.profile] for e in args.engines}
    with tempfile.TemporaryDirectory() as directory:
        empty = os.path.join(directory, "empty.wasm")
        open(empty, "wb").write(module([b""]))
        baseline = {e: keel_timing.compile_samples(args.keel, empty, flags[e], REPS) for e in args.engines}
        print(f"keel: {args.keel}; profile {args.profile}; medians of {REPS}; start-up (empty module, "
              "wall/CPU) subtracted: "
              + "; ".join(f"{e} {w * 1e3:.1f}/{c * 1e3:.1f} ms" for e, (w, c) in baseline.items()) + "\n")
        print("| shape | engine | size | bytes | wall ms | CPU ms | MB/s (CPU) | CPU vs 1x |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        cpu_at, bytes_at = {}, {}
        for name, make, base, copies in args.shapes:
            for factor in args.factors:
                data = make(base * factor, copies)
                path = os.path.join(directory, "m.wasm")
                open(path, "wb").write(data)
                bytes_at[(name, factor)] = len(data)
                for e in args.engines:
                    wall, cpu = keel_timing.compile_samples(args.keel, path, flags[e], REPS)
                    wall = max(wall - baseline[e][0], 1e-6)
                    cpu = max(cpu - baseline[e][1], 1e-6)
                    cpu_at[(name, e, factor)] = cpu
                    first = cpu_at.get((name, e, args.factors[0]))
                    print(f"| {name} | {e} | {factor}x | {len(data)} | {wall * 1e3:.1f} | {cpu * 1e3:.1f} "
                          f"| {len(data) / cpu / 1e6:.2f} | {cpu / first:.2f} |", flush=True)
        # Linearity: the largest size over the smallest (the rule: 4x the size at most
        # about 5x the time, so at most 1.25 times the size ratio).
        low, high = args.factors[0], args.factors[-1]
        if high > low:
            span = high // low if high % low == 0 else high / low
            print(f"\n| shape | engine | CPU ms at {low}x | CPU ms at {high}x | time {high}x / {low}x | bytes {high}x / {low}x "
                  f"| linear (time at most ~{1.25 * span:g}x) |")
            print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
            for name, *_ in args.shapes:
                grown = bytes_at[(name, high)] / bytes_at[(name, low)]
                for e in args.engines:
                    small, large = cpu_at[(name, e, low)], cpu_at[(name, e, high)]
                    print(f"| {name} | {e} | {small * 1e3:.1f} | {large * 1e3:.1f} | {large / small:.2f} | {grown:.2f} "
                          f"| {'yes' if large / small <= 1.25 * grown else 'NO'} |")

if __name__ == "__main__":
    main()
