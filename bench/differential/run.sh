#!/usr/bin/env bash
# Differential testing at scale: random modules from binaryen's `wasm-opt -ttf`, each run on
# two backends under the contract profile, comparing every export's results, traps, fuel,
# logged values, memory and globals. Release build.
#
#   bench/differential/run.sh [--from SEED] [--count N] [--engines interp,jit] [--profile contract|standard]
#
# Prints each divergence (seed and the first differing field) and a summary line; exits 1 when
# any module diverged. Record large runs in bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
scripts/setup.sh >&2
swift build -c release --product KeelDiff >&2
"$(swift build -c release --show-bin-path)/KeelDiff" "$@"
