#!/usr/bin/env bash
# State-tree throughput: keys/s of updates of 1,000 and 10,000 changed keys (half overwrites,
# half new keys) committed in one synced WriteBatch each, on MemoryStore and LevelDB, on trees
# of 150k and 1M keys; prove and verify µs. Release build.
#
#   bench/tree/run.sh [TREE_KEYS...] [--cache NODES]   (default 150000 1000000, a 400000-node
#                                                      cache; --cache 0 runs without one;
#                                                      --store memory|leveldb: one store only)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
swift build -c release --product KeelTreeBench >&2
"$(swift build -c release --show-bin-path)/KeelTreeBench" "$@"
