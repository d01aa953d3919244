#!/usr/bin/env python3
"""Compile throughput, single thread, on a ~2 MB module generated from C.

gen_module.py writes the C (FUNCTIONS functions, deterministic), the toolchain's clang builds
it with `--target=wasm32 -O2` into bench/out/compile/ (rebuilt only when the C changes; the
build takes a few minutes here), then each engine compiles it REPS times, interleaved:

- keel-jit, keel-interp, two ways:
  - in process (the like-for-like figure with Wasmtime's): `KeelCompileBench` compiles the
    module once untimed (one-time set-up: dynamic linking, runtime metadata, heap growth), then
    times each further `Module(engine:bytes:)` (decode, validate, meter, compile every function
    to machine code or interpreter code, link) on the thread's CPU clock, contract profile;
  - whole process: `keel inspect --compile-only --engine jit|interp --profile contract`, minus
    the same command on an empty module (process start-up), which still includes the one-time
    set-up;
- winch, cranelift: `wasmtime.Module(engine, bytes)` in process, `parallel_compilation =
  False`, fuel on (Cranelift also NaN canonicalization), through ../wasmtime_run.py; the
  second compile in the process is the one timed (the first pays one-time set-up).

Before timing, every engine runs the module's `run(CHECK_N)` (contract profile for keel) and the
results must agree: the compiled code is real and correct, not only produced.

Reports medians, MB/s of the whole module (1 MB = 10^6 bytes), by wall time and by CPU time;
on this shared machine the CPU figure is the steadier one. Compare within one run only.

Environment: ENGINES (default keel-jit,keel-interp,winch,cranelift), REPS (5), FUNCTIONS
(3150), CHECK_N (2000), KEEL (.build/release/keel), KEEL_COMPILE_BENCH
(.build/release/KeelCompileBench), CLANG (/opt/swift/usr/bin/clang), WASMTIME_PYTHON
(.venv/bin/python; bench/wasmtime_venv.sh creates it).
"""
import os
import subprocess
import statistics
import sys

import keel_timing

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)
OUT = os.path.join(BENCH, "out", "compile")
REPS = int(os.environ.get("REPS", "5"))
FUNCTIONS = int(os.environ.get("FUNCTIONS", "3150"))
CHECK_N = int(os.environ.get("CHECK_N", "2000"))
KEEL = os.environ.get("KEEL", keel_timing.default_keel())
COMPILE_BENCH = os.environ.get("KEEL_COMPILE_BENCH", os.path.join(os.path.dirname(KEEL), "KeelCompileBench"))
CLANG = os.environ.get("CLANG", "/opt/swift/usr/bin/clang")
WASMTIME_PYTHON = os.environ.get("WASMTIME_PYTHON", os.path.join(ROOT, ".venv", "bin", "python"))
ALL_ENGINES = ["keel-jit", "keel-interp", "winch", "cranelift"]
EMPTY_WASM = b"\x00asm\x01\x00\x00\x00"


def build_module():
    """bench/out/compile/big-FUNCTIONS.wasm, rebuilt when gen_module.py's output changes."""
    os.makedirs(OUT, exist_ok=True)
    source = subprocess.run([sys.executable, os.path.join(HERE, "gen_module.py"), str(FUNCTIONS)],
                            check=True, capture_output=True, text=True).stdout
    c_path = os.path.join(OUT, f"big-{FUNCTIONS}.c")
    wasm_path = os.path.join(OUT, f"big-{FUNCTIONS}.wasm")
    old = open(c_path).read() if os.path.exists(c_path) else None
    if old != source or not os.path.exists(wasm_path):
        with open(c_path, "w") as f:
            f.write(source)
        print(f"building {wasm_path} with {CLANG} -O2 (a few minutes)", file=sys.stderr)
        tmp = wasm_path + ".tmp"
        subprocess.run([CLANG, "--target=wasm32", "-O2", "-nostdlib", "-Wl,--no-entry", "-o", tmp, c_path], check=True)
        os.replace(tmp, wasm_path)
    empty = os.path.join(OUT, "empty.wasm")
    with open(empty, "wb") as f:
        f.write(EMPTY_WASM)
    return wasm_path, empty


def code_section_bytes(data):
    """Size of the code section (id 10), read from the module's section headers."""
    at = 8
    while at < len(data):
        sid, at = data[at], at + 1
        size, shift = 0, 0
        while True:
            b, at = data[at], at + 1
            size |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                break
        if sid == 10:
            return size
        at += size
    return 0


def wasmtime_samples(engine, path):
    """One process, two compiles; the second one's (wall, CPU). The first compile in a process
    also pays Wasmtime's one-time set-up (about 25% more CPU here), the counterpart of the
    start-up subtracted from keel, so it is left out."""
    proc = subprocess.run([WASMTIME_PYTHON, os.path.join(BENCH, "wasmtime_run.py"), "compile", engine, path, "2"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{engine} failed: {proc.stderr.strip()[-300:]}")
    words = proc.stdout.split()
    cpu_at = words.index("cpu")
    return float(words[cpu_at - 1]), float(words[-1])


def in_process_samples(engine, path, compiles=3):
    """One KeelCompileBench process: the median (wall, CPU) seconds of `compiles` timed
    compiles after an untimed one."""
    proc = subprocess.run([COMPILE_BENCH, path, engine.split("-")[1], "contract", str(compiles)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{engine} in process failed: {(proc.stderr or proc.stdout).strip()[-300:]}")
    words = proc.stdout.split()
    return float(words[words.index("wall_ms") + 1]) / 1e3, float(words[words.index("cpu_ms") + 1]) / 1e3


def run_result(engine, path):
    """`run(CHECK_N)` of the module on `engine`, as u32."""
    if engine.startswith("keel"):
        cmd = [KEEL, "run", "--engine", engine.split("-")[1], "--profile", "contract", path,
               "--invoke", "run", str(CHECK_N)]
    else:
        cmd = [WASMTIME_PYTHON, os.path.join(BENCH, "wasmtime_run.py"), "run", engine, path, str(CHECK_N)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{engine}: run({CHECK_N}) failed: {(proc.stderr or proc.stdout).strip()[-300:]}")
    words = proc.stdout.split()
    value = int(words[1]) if words[:1] == ["checksum"] else int(words[0])
    return value & 0xFFFFFFFF


def main():
    engines = [e.strip() for e in os.environ.get("ENGINES", ",".join(ALL_ENGINES)).split(",") if e.strip()]
    unknown = [e for e in engines if e not in ALL_ENGINES]
    if unknown:
        sys.exit(f"ENGINES: unknown {', '.join(unknown)} (known: {', '.join(ALL_ENGINES)})")
    if any(e.startswith("keel") for e in engines) and not os.access(KEEL, os.X_OK):
        sys.exit(f"no keel binary at {KEEL}: swift build -c release --product keel --omit-frame-pointers")
    if any(e.startswith("keel") for e in engines) and not os.access(COMPILE_BENCH, os.X_OK):
        sys.exit(f"no KeelCompileBench at {COMPILE_BENCH}: swift build -c release --product KeelCompileBench --omit-frame-pointers")
    if any(e in ("winch", "cranelift") for e in engines):
        subprocess.run([os.path.join(BENCH, "wasmtime_venv.sh"), WASMTIME_PYTHON], check=True)
    path, empty = build_module()
    data = open(path, "rb").read()
    code = code_section_bytes(data)
    results = {e: run_result(e, path) for e in engines}
    if len(set(results.values())) != 1:
        sys.exit(f"engines disagree on run({CHECK_N}): {results}")

    baseline = {}
    for e in engines:
        if e.startswith("keel"):
            flags = ["--engine", e.split("-")[1], "--profile", "contract"]
            baseline[e] = keel_timing.compile_samples(KEEL, empty, flags, REPS)

    # One sample per engine per round, so a change in load hits every engine alike.
    walls = {e: [] for e in engines}
    cpus = {e: [] for e in engines}
    process_walls = {e: [] for e in engines if e.startswith("keel")}
    process_cpus = {e: [] for e in engines if e.startswith("keel")}
    for rep in range(REPS):
        for e in engines:
            if e.startswith("keel"):
                flags = ["--engine", e.split("-")[1], "--profile", "contract"]
                wall, cpu = keel_timing.compile_once(KEEL, path, flags)
                process_walls[e].append(wall - baseline[e][0])
                process_cpus[e].append(cpu - baseline[e][1])
                wall, cpu = in_process_samples(e, path)
                walls[e].append(wall)
                cpus[e].append(cpu)
            else:
                wall, cpu = wasmtime_samples(e, path)
                walls[e].append(wall)
                cpus[e].append(cpu)
            print(f"  round {rep + 1}/{REPS} {e:11} wall {walls[e][-1] * 1e3:8.1f} ms  cpu {cpus[e][-1] * 1e3:8.1f} ms",
                  file=sys.stderr)

    mb = len(data) / 1e6
    print(f"\nModule: {os.path.relpath(path, ROOT)}, {len(data)} bytes ({code} bytes of code), "
          f"{FUNCTIONS} generated functions + `run`; medians of {REPS}, one thread, fuel on.")
    if baseline:
        print("keel start-up subtracted (empty module, wall/CPU): "
              + "; ".join(f"{e} {w * 1e3:.1f}/{c * 1e3:.1f} ms" for e, (w, c) in baseline.items()))
    print(f"Every engine returned run({CHECK_N}) = {next(iter(results.values()))}.")
    print()
    print_table("In process (a compile after a first, untimed one; Wasmtime is timed the same way):", walls, cpus, mb)
    if process_walls:
        print()
        print_table("Whole `keel inspect --compile-only` process, start-up subtracted (one-time set-up included):",
                    process_walls, process_cpus, mb)


def print_table(title, walls, cpus, mb):
    """A Markdown table of each engine's median wall and CPU seconds, as ms and MB/s."""
    print(title)
    print()
    print("| engine | wall ms | MB/s (wall) | CPU ms | MB/s (CPU) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for e in walls:
        w, c = statistics.median(walls[e]), statistics.median(cpus[e])
        print(f"| {e} | {w * 1e3:.1f} | {mb / w:.2f} | {c * 1e3:.1f} | {mb / c:.2f} |")


if __name__ == "__main__":
    main()
