#!/usr/bin/env bash
# Host-call overhead: secp256k1 verification through the contract ABI versus libsecp256k1
# called directly, storage set/get round trips, a trivial host call. Release build.
#
#   bench/host/run.sh [ITERATIONS]     (default 2000 verifications)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
swift build -c release --product KeelHostBench >&2
"$(swift build -c release --show-bin-path)/KeelHostBench" "${1:-2000}"
