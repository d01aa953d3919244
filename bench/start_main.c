/* Wasm `_start` variant for runners that can only call `_start` (e.g. an old
 * `wasmkit run`): bakes the iteration count in with -DITERATIONS=N. The
 * checksum goes to a global, since there is no way to print it. */
#include "kernels/keel_bench.h"

#ifndef ITERATIONS
#error "build with -DITERATIONS=N"
#endif

volatile u32 keel_checksum;

__attribute__((export_name("_start"))) void _start(void) { keel_checksum = run(ITERATIONS); }
