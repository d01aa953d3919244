#!/usr/bin/env bash
# Node throughput: signed native transfers and signed token transfers applied and committed
# per second on LevelDB (state root included), replay speed (blocks/s, tx/s), and one token
# transfer through ContractHost.execute. Release build.
#
#   bench/node/run.sh [--accounts N] [--block N] [--blocks N] [--threads N] [--single N]
#   (defaults: 2000 accounts, blocks of 2000 transactions, 5 blocks per workload, 2 threads)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
swift build -c release --product KeelNodeBench >&2
"$(swift build -c release --show-bin-path)/KeelNodeBench" "$@"
