#!/usr/bin/env bash
# Sets up the machine (system libraries), builds `keel`, runs the demo module through the
# interpreter, then drives a local development chain: init, deploys, calls and transfers (one
# failing, with its reason), reads with a proof, and a replay of the recorded blocks.
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

# A local development chain in a temporary data directory, folders above it created by
# `keel init` (without --data it uses .keel/chain). Every transaction is mined into its own
# block at once.
scratch=$(mktemp -d)
data=$scratch/demo/chain
trap 'rm -rf "$scratch"' EXIT
out=
k() {   # runs keel on the chain, shows the command and what it printed (kept in $out)
    echo
    echo "\$ keel $*"
    local status=0
    out=$("$keel" "$@" --data "$data" 2>&1) || status=$?
    echo "$out"
    if [ "$status" -ne 0 ]; then echo "(exit status $status)"; fi
}
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }   # text as hex digits
u64() { printf '%016x' "$1" | sed 's/../& /g' | awk '{for (i = NF; i > 0; i--) printf "%s", $i}'; }  # u64 little-endian
address() { "$keel" keys show "$1" --data "$data" | sed -n 's/^address: 0x//p'; }   # 64 hex digits

k init                                                   # dev0..dev3, their public test keys, the genesis contracts
dev1=$(address dev1)
dev2=$(address dev2)
k deploy contracts/token/token.wasm --init-input "$(u64 1000)" --from dev1    # dev1's own token: 1000 to dev1
token=$(sed -n 's/^contract: //p' <<<"$out")
k deploy contracts/registry/registry.wasm --from dev2                         # a second name registry
k call "$token" transfer --input "${dev2}$(u64 300)" --from dev1               # dev1 sends 300 tokens to dev2
k query "$token" balance_of --input "$dev2"                                    # 300 (read-only: nothing committed)
k call "$token" transfer --input "${dev1}$(u64 5000)" --from dev2              # fails: insufficient balance (exit 1)
k call registry register --input "$(hex alice)" --from dev1                   # the genesis registry: dev1 owns "alice"
k query registry lookup --input "$(hex alice)"                                # dev1's address
k transfer dev3 250000 --from dev2                                            # a native transfer
k balance dev3
k state "$token" "62${dev2}" --prove                                           # token storage 'b' ‖ dev2, proved against the state root
k block latest

echo
if "$keel" --help | grep -qE '^ +replay( |$)'; then   # a subcommand of this build
    echo "\$ keel replay --data $data"
    "$keel" replay --data "$data"
else
    echo "(keel replay is not in this build yet: the replay of these blocks is skipped)"
fi
