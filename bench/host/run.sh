#!/usr/bin/env bash
# Host-call overhead: secp256k1 verification through the contract ABI versus libsecp256k1
# called directly, storage set/get round trips, a trivial keel_v1 call (interpreter and JIT);
# then the embedding API on both backends: a trivial host call `(i32) -> i32` from a wasm
# loop in both host-function forms (`[Value]` and raw slots), as the slope between 100x and
# 500x ITERATIONS loop iterations, and a new store + instantiation + first call of a trivial
# export (median of 2001). Contract profile (fuel on). Release build.
#
#   bench/host/run.sh [ITERATIONS]     (default 2000 verifications)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
swift build -c release --product KeelHostBench >&2
"$(swift build -c release --show-bin-path)/KeelHostBench" "${1:-2000}"
