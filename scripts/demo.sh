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

# A contract: deploy the sample token against a fresh state directory, transfer, read balances.
state=$(mktemp -d)/state
token=contracts/token/token.wasm
alice=$(printf 'a1%.0s' {1..32})
bob=$(printf 'b0%.0s' {1..32})
exec_() {
    echo "\$ keel exec $token $*"
    "$keel" exec "$token" --state "$state" "$@" || echo "(exit status $?)"
}
exec_ --init --input e803000000000000 --caller "$alice"          # mint 1000 to alice
exec_ transfer --input "${bob}2c01000000000000" --caller "$alice"  # alice sends 300 to bob
exec_ balance_of --input "$bob"                                     # 300
exec_ transfer --input "${alice}e803000000000000" --caller "$bob"  # aborts: insufficient balance
rm -rf "$(dirname "$state")"
