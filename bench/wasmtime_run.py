#!/usr/bin/env python3
"""Runs a benchmark kernel on Wasmtime (Cranelift or Winch) through the `wasmtime` wheel.

Used by bench.py (engines `cranelift` and `winch`) and by compile/throughput.py. Run it with
the project-local virtual environment's Python (`.venv/bin/python`, made by bench/run.sh):

    wasmtime_run.py run ENGINE FILE.wasm N
        compiles FILE, instantiates it, calls its export `run(N)` once and prints
        `checksum C seconds T`: C is the result as u32, T the time of the call alone
        (time.perf_counter around it, so start-up, compilation and instantiation are out).
    wasmtime_run.py compile ENGINE FILE.wasm REPS
        compiles FILE REPS times on one thread (`parallel_compilation = False`) and prints
        `wall W1 W2 ... cpu C1 C2 ...`: the wall time and the calling thread's CPU time
        (time.thread_time) of each `wasmtime.Module(engine, bytes)`.

ENGINE is `cranelift` (fuel + NaN canonicalization, the contract settings) or `winch`
(Wasmtime's single-pass baseline compiler, fuel; it has no NaN canonicalization option).
"""
import sys
import time

import wasmtime
import wasmtime._ffi as ffi

# Enough for any run the harness makes (at most about a minute at a few instructions per ns);
# Wasmtime keeps fuel as an i64, so stay below 2^63.
FUEL = 1 << 62

# Values of `wasmtime_strategy_t` in the C API (wasmtime/config.h): AUTO, CRANELIFT, WINCH.
STRATEGY_CRANELIFT = 1
STRATEGY_WINCH = 2


def make_engine(name, parallel=True):
    cfg = wasmtime.Config()
    cfg.consume_fuel = True
    cfg.parallel_compilation = parallel
    if name == "cranelift":
        ffi.wasmtime_config_strategy_set(cfg.ptr(), STRATEGY_CRANELIFT)
        cfg.cranelift_nan_canonicalization = True
    elif name == "winch":
        ffi.wasmtime_config_strategy_set(cfg.ptr(), STRATEGY_WINCH)
    else:
        sys.exit(f"wasmtime_run.py: unknown engine {name!r} (cranelift or winch)")
    return wasmtime.Engine(cfg)


def run(name, path, n):
    engine = make_engine(name)
    with open(path, "rb") as f:
        module = wasmtime.Module(engine, f.read())
    store = wasmtime.Store(engine)
    store.set_fuel(FUEL)
    instance = wasmtime.Instance(store, module, [])
    entry = instance.exports(store)["run"]
    start = time.perf_counter()
    result = entry(store, n)
    seconds = time.perf_counter() - start
    print(f"checksum {result & 0xFFFFFFFF} seconds {seconds:.9f}")


def compile_only(name, path, reps):
    engine = make_engine(name, parallel=False)
    with open(path, "rb") as f:
        data = f.read()
    walls, cpus = [], []
    for _ in range(reps):
        start, start_cpu = time.perf_counter(), time.thread_time()
        wasmtime.Module(engine, data)
        cpus.append(time.thread_time() - start_cpu)
        walls.append(time.perf_counter() - start)
    print("wall " + " ".join(f"{s:.9f}" for s in walls) + " cpu " + " ".join(f"{s:.9f}" for s in cpus))


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("run", "compile"):
        sys.exit(__doc__)
    mode, name, path, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if mode == "run":
        run(name, path, count)
    else:
        compile_only(name, path, count)


if __name__ == "__main__":
    main()
