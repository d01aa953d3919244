"""Times `keel inspect --compile-only` (decode, validate and compile every function, no
instantiation): shared by compile_bench.py and throughput.py.

Each sample is one process; both its wall time and its CPU time (user + system, from the
child's rusage) are kept. On this shared 2-core machine the CPU time is the steadier figure:
it leaves out the time the process waited for a core.
"""
import os
import resource
import statistics
import subprocess
import sys
import time

ENGINES = ("jit", "interp")


def default_keel():
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".build", "release", "keel")


def compile_once(keel, path, flags):
    """(wall seconds, CPU seconds) of one `keel inspect --compile-only FLAGS PATH`."""
    cmd = [keel, "inspect", "--compile-only", *flags, path]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"keel failed on {path} ({' '.join(cmd)}): {(proc.stderr or proc.stdout).strip()[:300]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def compile_samples(keel, path, flags, reps):
    """Medians of `reps` runs: (wall seconds, CPU seconds)."""
    samples = [compile_once(keel, path, flags) for _ in range(reps)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)
