#!/usr/bin/env bash
# Sets up the machine (system libraries) and runs every test, the WebAssembly spec suite
# (../shared/wasm-testsuite beside the repository, or $KEEL_SPEC_SUITE) included.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
suite="${KEEL_SPEC_SUITE:-../shared/wasm-testsuite}"
if [ ! -f "$suite/i32.wast" ]; then
    echo "test: the WebAssembly spec suite is missing at $suite" >&2
    exit 1
fi
swift test
