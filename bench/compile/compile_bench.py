#!/usr/bin/env python3
"""Compile-time linearity: hostile module shapes at doubling sizes, compiled by `keel`.

For each shape the module is generated at sizes S, 2S, 4S, 8S; each is compiled several
times with `keel inspect --compile-only` (validate + translate every function, no
execution) and the median time is reported with MB/s. Compilation is linear when MB/s stays
flat as the size doubles. Start-up is removed by subtracting the time for an empty module.

Usage: bench/compile/compile_bench.py [KEEL] (default .build/release/keel)
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

KEEL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../.build/release/keel")
REPS = int(os.environ.get("REPS", "5"))


def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def section(sid, payload):
    return bytes([sid]) + leb(len(payload)) + payload


def module(bodies, locals_per_body=None, params=0):
    """A module of functions of type (i32 * params) -> () with the given bodies."""
    functype = b"\x60" + leb(params) + b"\x7f" * params + b"\x00"
    types = section(1, leb(1) + functype)
    funcs = section(3, leb(len(bodies)) + b"".join(b"\x00" for _ in bodies))
    codes = bytearray(leb(len(bodies)))
    for k, body in enumerate(bodies):
        decl = b"\x00"
        if locals_per_body:
            decl = leb(1) + leb(locals_per_body[k]) + b"\x7f"
        entry = decl + body + b"\x0b"
        codes += leb(len(entry)) + entry
    return b"\x00asm\x01\x00\x00\x00" + types + funcs + section(10, bytes(codes))


def deep_nesting(n):
    return module([b"\x02\x40" * n + b"\x0b" * n])


def huge_br_table(n):
    return module([b"\x02\x40\x41\x00\x0e" + leb(n) + b"\x00" * n + b"\x00\x0b"])


def many_locals(n):
    gets = b"".join(b"\x20" + leb(i) for i in range(n))
    sets = b"".join(b"\x21" + leb(i) for i in reversed(range(n)))
    return module([gets + sets], locals_per_body=[n])


def many_functions(n):
    body = b"\x41\x01\x41\x02\x6a\x1a"  # i32.const 1, i32.const 2, i32.add, drop
    return module([body] * n)


def deferred_reads(n):
    # Many pending local.get 0 on the stack, then repeated writes to local 0.
    pending = b"\x20\x00" * 1000
    writes = b"\x20\x00\x41\x01\x6a\x21\x00" * n
    drops = b"\x1a" * 1000
    return module([pending + writes + drops], locals_per_body=[1])


def long_straight_line(n):
    return module([b"\x20\x00\x41\x01\x6a\x21\x00" * n], locals_per_body=[1])


SHAPES = [
    ("deep nesting", deep_nesting, 12_000),
    ("huge br_table", huge_br_table, 120_000),
    ("many locals", many_locals, 6_000),
    ("many functions", many_functions, 25_000),
    ("deferred local.gets", deferred_reads, 25_000),
    ("long straight line", long_straight_line, 40_000),
]


def time_compile(path):
    samples = []
    for _ in range(REPS):
        start = time.perf_counter()
        result = subprocess.run([KEEL, "inspect", "--compile-only", path], capture_output=True, text=True)
        samples.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"keel failed on {path}: {result.stderr.strip()}")
    return statistics.median(samples)


def main():
    if not os.path.exists(KEEL):
        sys.exit(f"no keel binary at {KEEL}: swift build -c release --product keel --omit-frame-pointers")
    with tempfile.TemporaryDirectory() as directory:
        empty = os.path.join(directory, "empty.wasm")
        open(empty, "wb").write(module([b""]))
        baseline = time_compile(empty)
        print(f"keel: {KEEL}; start-up (empty module) {baseline * 1000:.1f} ms; medians of {REPS}\n")
        print("| shape | size | bytes | compile ms | MB/s |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for name, make, base in SHAPES:
            for factor in (1, 2, 4, 8):
                data = make(base * factor)
                path = os.path.join(directory, "m.wasm")
                open(path, "wb").write(data)
                seconds = max(time_compile(path) - baseline, 1e-6)
                print(f"| {name} | {factor}x | {len(data)} | {seconds * 1000:.1f} | {len(data) / seconds / 1e6:.2f} |")


if __name__ == "__main__":
    main()
