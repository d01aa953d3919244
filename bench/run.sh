#!/usr/bin/env bash
# Builds the benchmark kernels (native and wasm32) into bench/out/ and times
# them on native, wasmkit, keel and Wasmtime (Winch, Cranelift). See bench/README.md.
#
#   ENGINES=native,wasmkit,keel,winch,cranelift   engines to run (default: all; keel is skipped
#                                 if $KEEL is missing; winch/cranelift use the `wasmtime` wheel)
#   KERNELS=calls,sieve           kernels to run (default: all nine)
#   REPS=5                        runs per iteration count (medians are reported)
#   K=4                           N2 = K * N1
#   TARGET_SECONDS=0.5            approximate duration of the N2 run
#   KEEL=.build/release/keel      keel binary (relative to the repository root by default)
#   KEEL_FLAGS="--engine interp"  extra flags passed to `keel run`
#   WASMKIT=/opt/swift/usr/bin/wasmkit, WASMKIT_MODE=invoke|start, CLANG=...
#   WASMTIME_PYTHON=.venv/bin/python  Python with wasmtime==50.0.1; the default .venv (gitignored)
#                                 is created with pip on first use
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
OUT=$BENCH_DIR/out
CLANG=${CLANG:-/opt/swift/usr/bin/clang}
OBJDUMP=${OBJDUMP:-$(dirname "$CLANG")/llvm-objdump}
KEEL=${KEEL:-$ROOT/.build/release/keel}
ALL_KERNELS=calls,keccak,sha256,matmul,sieve,qsort,bigint,dispatch,nbody
KERNELS=${KERNELS:-$ALL_KERNELS}
ENGINES=${ENGINES:-native,wasmkit,keel,winch,cranelift}
WASMTIME_PYTHON=${WASMTIME_PYTHON:-$ROOT/.venv/bin/python}

if [[ ,$ENGINES, == *,winch,* || ,$ENGINES, == *,cranelift,* ]]; then
    "$BENCH_DIR/wasmtime_venv.sh" "$WASMTIME_PYTHON" >&2 \
        || echo "warning: no wasmtime wheel; winch and cranelift will be skipped" >&2
fi

mkdir -p "$OUT"
rm -f "$OUT"/*.start.*.wasm   # per-N _start variants are rebuilt on demand

echo "building into $OUT" >&2
"$CLANG" -O2 "$BENCH_DIR/selftest.c" -o "$OUT/selftest"
"$OUT/selftest" >/dev/null || { "$OUT/selftest"; echo "selftest failed" >&2; exit 1; }
for k in ${KERNELS//,/ }; do
    src=$BENCH_DIR/kernels/$k.c
    [[ -f $src ]] || { echo "no kernel $src" >&2; exit 1; }
    "$CLANG" -O2 "$src" "$BENCH_DIR/native_main.c" -lm -o "$OUT/$k.native"
    "$CLANG" --target=wasm32 -O2 -nostdlib -Wl,--no-entry -o "$OUT/$k.wasm" "$src"
done
if [[ ,$KERNELS, == *,dispatch,* && -x $OBJDUMP ]]; then
    "$OBJDUMP" -d "$OUT/dispatch.wasm" | grep -q br_table \
        || echo "warning: dispatch.wasm has no br_table (the switch was not compiled to a jump table)" >&2
fi

export OUT KEEL KERNELS ENGINES CLANG WASMTIME_PYTHON
exec python3 "$BENCH_DIR/bench.py"
