#!/usr/bin/env python3
"""The hostile shapes (hostile_shapes.py) at the contract profile's module size limit: for each
shape and engine, `keel inspect --compile-only --profile contract` on a module of about
--size bytes (3 MiB by default, the limit), reporting wall and CPU time, the process's peak
resident memory, the JIT's machine code per input byte, or the located rejection. The issue's
bar: under 1 s and 256 MiB on either backend, or rejected with a located error.

Usage: bench/compile/limit_bench.py [--size BYTES] [--engine jit,interp] [KEEL]
"""
import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

import hostile_shapes
import keel_timing


def run(keel, path, engine):
    cmd = [keel, "inspect", "--compile-only", "--engine", engine, "--profile", "contract", path]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "maxrss %M", *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss = re.search(r"maxrss (\d+)", proc.stderr)
    return proc, wall, cpu, int(rss.group(1)) * 1024 if rss else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keel", nargs="?", default=keel_timing.default_keel())
    parser.add_argument("--size", type=int, default=3 << 20)
    parser.add_argument("--engine", default="jit,interp")
    args = parser.parse_args()
    print(f"keel: {args.keel}; contract profile; modules of about {args.size} bytes\n")
    print("| shape | engine | bytes | result | wall ms | CPU ms | peak RSS MiB | machine code per byte |")
    print("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: |")
    failed = False
    with tempfile.TemporaryDirectory() as directory:
        for name, make in hostile_shapes.SHAPES:
            data = make(args.size - (64 << 10))
            path = os.path.join(directory, "m.wasm")
            open(path, "wb").write(data)
            for engine in args.engine.split(","):
                proc, wall, cpu, rss = run(args.keel, path, engine)
                output = proc.stdout + proc.stderr
                if proc.returncode == 0:
                    result = "compiled"
                    code = ""
                    if engine == "jit":
                        info = subprocess.run([args.keel, "inspect", "--engine", "jit", "--profile", "contract", path],
                                              capture_output=True, text=True).stdout
                        found = re.search(r"machine code: \d+ functions compiled, (\d+) bytes", info)
                        code = f"{int(found.group(1)) / len(data):.1f}" if found else "?"
                else:
                    message = re.search(r"error: (.*)", output)
                    result = "rejected: " + (message.group(1).strip()[:90] if message else output.strip()[:90])
                    code = ""
                    if "at offset" not in result:
                        failed = True
                # CPU time, the steadier figure on this shared machine (keel_timing.py).
                if cpu > 1.0 or rss > 256 << 20:
                    failed = True
                print(f"| {name} | {engine} | {len(data)} | {result} | {wall * 1e3:.0f} | {cpu * 1e3:.0f} "
                      f"| {rss / (1 << 20):.0f} | {code} |", flush=True)
    print("\nbar: every module compiles in under 1 s of CPU and 256 MiB, or is rejected with a located error: "
          + ("NOT MET" if failed else "met"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
