#!/usr/bin/env python3
"""Times the benchmark kernels on native, wasmkit, keel, winch and cranelift; prints markdown tables.

Called by run.sh after the build (stdlib only). Method: for every kernel and
engine, time a run at N1 and at N2 = K * N1 iterations, REPS times each
(interleaved across N and engines), take the medians and report the slope
(t(N2) - t(N1)) / (N2 - N1): time per iteration with process start-up,
module parsing and compilation removed. N1 is calibrated per engine so the N2
run takes about TARGET_SECONDS. Every checksum an engine prints is compared
with the native build's checksum for the same N.

Wasmtime (`winch`, `cranelift`) runs through wasmtime_run.py in the wheel's Python
($WASMTIME_PYTHON); its time is the one that script measures around the `run(N)` call
(Python start-up, compilation and instantiation excluded), and the slope is taken from it
the same way.

Environment: ENGINES, KERNELS, REPS, K, TARGET_SECONDS, TIMEOUT, OUT, KEEL, KEEL_BASE,
KEEL_FLAGS, WASMKIT, WASMKIT_MODE (invoke|start), WASMTIME_PYTHON, CLANG.
"""
import math
import os
import re
import shlex
import statistics
import subprocess
import sys
import time

ALL_KERNELS = ["calls", "keccak", "sha256", "matmul", "sieve", "qsort", "bigint", "dispatch", "nbody"]
ALL_ENGINES = ["native", "wasmkit", "keel", "winch", "cranelift"]
# `keel-base` (not run by default): a second keel binary (KEEL_BASE) with the same flags, to
# time a change against the build before it in one interleaved run.
WASMTIME_ENGINES = ("winch", "cranelift")
BENCH_DIR = os.path.dirname(os.path.abspath(__file__))

OUT = os.environ.get("OUT", os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"))
REPS = int(os.environ.get("REPS", "5"))
K = int(os.environ.get("K", "4"))
TARGET = float(os.environ.get("TARGET_SECONDS", "0.5"))
TIMEOUT = float(os.environ.get("TIMEOUT", "120"))
KEEL = os.environ.get("KEEL", ".build/release/keel")
KEEL_BASE = os.environ.get("KEEL_BASE", "")
KEEL_FLAGS = shlex.split(os.environ.get("KEEL_FLAGS", ""))
WASMKIT = os.environ.get("WASMKIT", "/opt/swift/usr/bin/wasmkit")
WASMKIT_MODE = os.environ.get("WASMKIT_MODE", "invoke")
CLANG = os.environ.get("CLANG", "/opt/swift/usr/bin/clang")
WASMTIME_PYTHON = os.environ.get("WASMTIME_PYTHON", os.path.join(os.path.dirname(BENCH_DIR), ".venv", "bin", "python"))


class EngineError(Exception):
    pass


def split_list(name, known, default=None):
    items = [s.strip() for s in os.environ.get(name, ",".join(default or known)).split(",") if s.strip()]
    unknown = [s for s in items if s not in known]
    if unknown:
        sys.exit(f"{name}: unknown {', '.join(unknown)} (known: {', '.join(known)})")
    return items


def start_variant(kernel, n):
    """Builds (once) a wasm whose `_start` calls run(n), for WASMKIT_MODE=start."""
    path = os.path.join(OUT, f"{kernel}.start.{n}.wasm")
    if not os.path.exists(path):
        subprocess.run([CLANG, "--target=wasm32", "-O2", "-nostdlib", "-Wl,--no-entry",
                        f"-DITERATIONS={n}", "-o", path,
                        os.path.join(BENCH_DIR, "kernels", f"{kernel}.c"),
                        os.path.join(BENCH_DIR, "start_main.c")], check=True)
    return path


def command(engine, kernel, n):
    wasm = os.path.join(OUT, f"{kernel}.wasm")
    if engine == "native":
        return [os.path.join(OUT, f"{kernel}.native"), str(n)]
    if engine == "wasmkit":
        if WASMKIT_MODE == "start":
            return [WASMKIT, "run", start_variant(kernel, n)]
        return [WASMKIT, "run", wasm, "run", f"i32:{n}"]
    if engine in ("keel", "keel-base"):
        return [KEEL if engine == "keel" else KEEL_BASE, "run", *KEEL_FLAGS, wasm, "--invoke", "run", str(n)]
    if engine in WASMTIME_ENGINES:
        return [WASMTIME_PYTHON, os.path.join(BENCH_DIR, "wasmtime_run.py"), "run", engine, wasm, str(n)]
    raise ValueError(engine)


def parse_wasmtime(engine, stdout):
    """wasmtime_run.py prints `checksum C seconds T`: T is the call alone, measured in process."""
    m = re.search(r"checksum (\d+) seconds ([0-9.]+)", stdout)
    if not m:
        raise EngineError(f"{engine}: unexpected output {stdout.strip()[:200]!r}")
    return float(m.group(2)), int(m.group(1))


def parse_checksum(engine, stdout):
    """The last integer printed is the checksum of run(n): an i32, taken as u32."""
    if engine == "wasmkit" and WASMKIT_MODE == "start":
        return None
    numbers = re.findall(r"-?\d+", stdout)
    if not numbers:
        raise EngineError(f"{engine}: no checksum in output {stdout.strip()[:200]!r}")
    return int(numbers[-1]) & 0xFFFFFFFF


def run_once(engine, kernel, n):
    cmd = command(engine, kernel, n)
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise EngineError(f"{engine} {kernel} n={n}: timed out after {TIMEOUT:.0f} s")
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise EngineError(f"{engine} {kernel} n={n}: exit {proc.returncode}: {' | '.join(tail)[:300]}")
    if engine in WASMTIME_ENGINES:
        return parse_wasmtime(engine, proc.stdout)
    return elapsed, parse_checksum(engine, proc.stdout)


_native_sums = {}


def native_checksum(kernel, n):
    if (kernel, n) not in _native_sums:
        _native_sums[(kernel, n)] = run_once("native", kernel, n)[1]
    return _native_sums[(kernel, n)]


def calibrate(engine, kernel):
    """Picks N1 so that N2 = K * N1 runs about TARGET seconds beyond start-up."""
    base = min(run_once(engine, kernel, 0)[0] for _ in range(2))
    n = 16
    while True:
        t = run_once(engine, kernel, n)[0]
        if t - base >= 0.03:
            break
        if n >= 1 << 24:
            raise EngineError(f"{engine} {kernel}: run time does not grow with N "
                              f"({t:.3f} s at N={n}); is the kernel really run?")
        n *= 4
    per_iter = (t - base) / n
    # The first estimate rests on a run only 0.03 s above start-up, which on a loaded
    # machine (or with a start-up of tens of ms that itself varies) can be off by several
    # times; one run at the estimated N2 gives a better one.
    n2 = min(max(int(TARGET / per_iter), K), 2**31 - 1)
    t2 = run_once(engine, kernel, n2)[0]
    if t2 - base > 0.03:
        per_iter = (t2 - base) / n2
        n2 = min(max(int(TARGET / per_iter), K), 2**31 - 1)
    return max(n2 // K, 1)


def measure_kernel(kernel, engines, errors):
    """Times one kernel on every engine. The runs of all engines are interleaved
    rep by rep, so a change in machine load hits every engine alike."""
    plan = {}
    for engine in engines:
        try:
            n1 = calibrate(engine, kernel)
            plan[engine] = {"n1": n1, "n2": n1 * K, "t1": [], "t2": []}
        except EngineError as e:
            errors.append(f"ERROR {e}")
            print(f"  {kernel:9} {engine:8} error: {e}", file=sys.stderr)
    for _ in range(REPS):
        for engine in list(plan):
            p = plan[engine]
            try:
                for key, n in (("t1", p["n1"]), ("t2", p["n2"])):
                    elapsed, checksum = run_once(engine, kernel, n)
                    p[key].append(elapsed)
                    if checksum is not None and engine != "native":
                        want = native_checksum(kernel, n)
                        if checksum != want:
                            errors.append(f"CHECKSUM MISMATCH {kernel} n={n}: {engine} {checksum} "
                                          f"!= native {want} (an engine bug)")
            except EngineError as e:
                errors.append(f"ERROR {e}")
                print(f"  {kernel:9} {engine:8} error: {e}", file=sys.stderr)
                del plan[engine]
    results = {}
    for engine, p in plan.items():
        t1, t2 = statistics.median(p["t1"]), statistics.median(p["t2"])
        slope = (t2 - t1) / (p["n2"] - p["n1"])
        r = {"n1": p["n1"], "n2": p["n2"], "t1": t1, "t2": t2, "slope_ns": slope * 1e9,
             "startup": t1 - slope * p["n1"]}
        results[engine] = r
        print(f"  {kernel:9} {engine:8} N1={r['n1']:<8} N2={r['n2']:<9} {r['slope_ns']:10.1f} ns/iter"
              f"  (start-up {r['startup'] * 1e3:.1f} ms)", file=sys.stderr)
    return results


def geomean(values):
    values = [v for v in values if v is not None and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def fmt(v, suffix=""):
    if v is None:
        return "—"
    if suffix == "x":
        return f"{v:.2f}x"
    return f"{v:.1f}" if v < 1000 else f"{v:.0f}"


def wasmtime_available():
    try:
        proc = subprocess.run([WASMTIME_PYTHON, "-c", "import wasmtime"], capture_output=True, text=True)
    except OSError:
        return False
    return proc.returncode == 0


def main():
    kernels = split_list("KERNELS", ALL_KERNELS)
    engines = split_list("ENGINES", ALL_ENGINES + ["keel-base"], default=ALL_ENGINES)
    notes = []
    if "keel" in engines and not os.access(KEEL, os.X_OK):
        notes.append(f"keel: not run, no binary at {KEEL}")
        print(f"note: keel binary not found at {KEEL}; skipping the keel column "
              "(build it with `swift build -c release --product keel`, or set KEEL=...)", file=sys.stderr)
        engines.remove("keel")
    if "keel-base" in engines and not os.access(KEEL_BASE, os.X_OK):
        print(f"note: no KEEL_BASE binary at {KEEL_BASE!r}; skipping the keel-base column", file=sys.stderr)
        engines.remove("keel-base")
    if "wasmkit" in engines and not os.access(WASMKIT, os.X_OK):
        print(f"note: wasmkit not found at {WASMKIT}; skipping the wasmkit column", file=sys.stderr)
        engines.remove("wasmkit")
    wanted = [e for e in engines if e in WASMTIME_ENGINES]
    if wanted and not wasmtime_available():
        notes.append(f"{', '.join(wanted)}: not run, `import wasmtime` fails in {WASMTIME_PYTHON}")
        print(f"note: no wasmtime module for {WASMTIME_PYTHON}; skipping {', '.join(wanted)} "
              "(python3 -m venv .venv && .venv/bin/pip install wasmtime==50.0.1)", file=sys.stderr)
        engines = [e for e in engines if e not in WASMTIME_ENGINES]

    results, errors = {}, []
    for kernel in kernels:
        for engine, r in measure_kernel(kernel, engines, errors).items():
            results[(kernel, engine)] = r

    def ns(kernel, engine):
        r = results.get((kernel, engine))
        return r["slope_ns"] if r and r["slope_ns"] > 0 else None

    def ratio(a, b):
        return a / b if a is not None and b is not None else None

    wasm = [e for e in engines if e != "native"]
    print()
    print("Engines: " + "; ".join(ENGINE_LABELS[e]() for e in engines) + ".")

    # Table 1: time per iteration and ratio to native.
    print()
    header = ["kernel"] + [f"{e} ns/iter" for e in engines]
    if "native" in engines:
        header += [f"{e}/native" for e in wasm]
    print("| " + " | ".join(header) + " |")
    print("| --- |" + " ---: |" * (len(header) - 1))
    to_native = {e: [] for e in wasm}
    for kernel in kernels:
        row = [kernel] + [fmt(ns(kernel, e)) for e in engines]
        if "native" in engines:
            for e in wasm:
                r = ratio(ns(kernel, e), ns(kernel, "native"))
                to_native[e].append(r)
                row.append(fmt(r, "x"))
        print("| " + " | ".join(row) + " |")
    if "native" in engines:
        print("| **geomean** |" + " |" * len(engines)
              + "".join(f" {fmt(geomean(to_native[e]), 'x')} |" for e in wasm))

    # Table 2: every other wasm engine against keel (above 1.00x: keel is faster).
    others = [e for e in wasm if e != "keel"]
    if "keel" in engines and others:
        print()
        print("| kernel | " + " | ".join(f"{e}/keel" for e in others) + " |")
        print("| --- |" + " ---: |" * len(others))
        to_keel = {e: [] for e in others}
        for kernel in kernels:
            row = [kernel]
            for e in others:
                r = ratio(ns(kernel, e), ns(kernel, "keel"))
                to_keel[e].append(r)
                row.append(fmt(r, "x"))
            print("| " + " | ".join(row) + " |")
        print("| **geomean** |" + "".join(f" {fmt(geomean(to_keel[e]), 'x')} |" for e in others))

    print()
    print("| kernel | engine | N1 | N2 | median t(N1) s | median t(N2) s | start-up ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for kernel in kernels:
        for engine in engines:
            r = results.get((kernel, engine))
            if r:
                print(f"| {kernel} | {engine} | {r['n1']} | {r['n2']} | {r['t1']:.3f} | {r['t2']:.3f} "
                      f"| {r['startup'] * 1e3:.1f} |")

    print()
    checked = [e for e in engines if e != "native" and not (e == "wasmkit" and WASMKIT_MODE == "start")]
    if errors:
        for e in errors + notes:
            print(e)
        sys.exit(1)
    for note in notes:
        print(note)
    if checked:
        print(f"checksums agree with native at every N run: {', '.join(checked)}")


ENGINE_LABELS = {
    "native": lambda: f"native = `{os.path.basename(CLANG)} -O2`",
    "wasmkit": lambda: f"wasmkit = `{WASMKIT} run`" + (" (baked `_start`)" if WASMKIT_MODE == "start" else ""),
    "keel": lambda: "keel = `" + " ".join(["keel", "run", *KEEL_FLAGS]) + "`",
    "keel-base": lambda: f"keel-base = `{KEEL_BASE} run " + " ".join(KEEL_FLAGS) + "` (the build before the change)",
    "winch": lambda: "winch = Wasmtime 50 Winch, fuel (time of the call, in process)",
    "cranelift": lambda: "cranelift = Wasmtime 50 Cranelift, fuel + NaN canonicalization (time of the call, in process)",
}


if __name__ == "__main__":
    main()
