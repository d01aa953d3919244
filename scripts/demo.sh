#!/usr/bin/env bash
# Sets up the machine (system libraries), builds `keel` and runs the demo module through the
# interpreter: recursion, a memory loop, floats, and a trap reported with its message.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --product keel
keel=.build/debug/keel
demo=fixtures/demo/demo.wat
run() {
    echo "\$ keel run $demo --invoke $*"
    "$keel" run "$demo" --invoke "$@" || echo "(exit status $?)"
}
run fib 25
run squares 1000
run hypot 3 4
run divide 7 -2
run divide 1 0
