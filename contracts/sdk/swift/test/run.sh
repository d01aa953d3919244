#!/usr/bin/env bash
# Builds test/sdktest with the SDK and runs each of its methods with `keel exec`,
# comparing results with the expected ones.
#
#   contracts/sdk/swift/test/run.sh [KEEL]
#
# KEEL is the keel CLI (default: $KEEL, else `keel` on PATH). Needs the Swift toolchain
# (see ../build.sh). Exits 1 if any check fails.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
keel=${1:-${KEEL:-keel}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$here/../build.sh" "$here/sdktest" "$work/sdktest.wasm"
inspection=$("$keel" inspect "$work/sdktest.wasm" --profile contract --no-float)
grep -qx 'profile contract --no-float: fits' <<<"$inspection" ||
  { echo "FAIL sdktest.wasm does not fit the contract profile without floats"; exit 1; }
# A second contract to call: the registry sample.
"$here/../build.sh" "$here/../../../registry" "$work/registry.wasm"

state=$work/state
caller=$(printf 'c1%.0s' {1..32})
hex() { printf %s "$1" | od -An -v -tx1 | tr -d ' \n'; }
sha() { sha256sum "$1" | cut -c1-64; }
self=$(sha "$work/sdktest.wasm")
registry=$(sha "$work/registry.wasm")

"$keel" exec "$work/sdktest.wasm" --init --state "$state" >/dev/null 2>&1
"$keel" exec "$work/registry.wasm" --init --state "$state" >/dev/null 2>&1

failures=0
# exec METHOD [INPUT_HEX] [extra keel exec options...]: prints keel's output.
exec_method() {
  local method=$1 input=${2:-}
  shift 2 || shift $#
  "$keel" exec "$work/sdktest.wasm" "$method" ${input:+--input "$input"} --caller "$caller" \
    --state "$state" "$@" 2>&1 || true
}
# expect NAME EXPECTED OUTPUT: EXPECTED must be a line of OUTPUT.
expect() {
  if grep -qxF -- "$2" <<<"$3"; then
    echo "ok   $1"
  else
    echo "FAIL $1: no line [$2] in:"
    sed 's/^/       /' <<<"$3"
    failures=$((failures + 1))
  fi
}
# expect_not NAME UNEXPECTED OUTPUT
expect_not() {
  if grep -qF -- "$2" <<<"$3"; then
    echo "FAIL $1: unexpected [$2] in:"
    sed 's/^/       /' <<<"$3"
    failures=$((failures + 1))
  else
    echo "ok   $1"
  fi
}

out=$(exec_method echo 00ff10)
expect "echo" "return: 0x00ff10" "$out"
out=$(exec_method echo)
expect "echo empty" "echo: success" "$out"
expect_not "echo empty returns nothing" "return:" "$out"

expect "storage" "return: 0x$(hex ok)" "$(exec_method storage)"
expect "iterators" "return: 0x$(hex ok)" "$(exec_method iterators)"
expect "crypto" "return: 0x$(hex ok)" "$(exec_method crypto)"

out=$(exec_method context "" --height 258 --time 1700000000)
expect "context" "return: 0x${caller}${self}0201000000000000""00f1536500000000""01" "$out"

out=$(exec_method events)
expect "events: literal topic" "event: literal 0x0102 (from $self)" "$out"
expect "events: bytes topic" "event: bytes 0x (from $self)" "$out"
expect "events: log literal" "log: log literal" "$out"
expect "events: log string" "log: log string 42" "$out"
expect "events: log bytes" "log: ok�" "$out"
expect "events: print" "log: printed 7" "$out"
expect "events: last return data wins" "return: 0x$(hex second)" "$out"

out=$(exec_method fail 01)
expect "abort(string:)" "fail: aborted: failed with 1" "$out"
expect "abort keeps logs" "log: kept" "$out"
expect_not "abort reverts events" "event:" "$out"
expect "abort(bytes:)" "fail: aborted: bytes" "$(exec_method fail 02)"
expect "bad address" "fail: aborted: keel: an address must be 32 bytes" "$(exec_method fail 03)"
expect "out of bounds traps" "fail: trapped: unreachable" "$(exec_method fail 04)"
expect "abort literal" "fail: aborted: failed" "$(exec_method fail)"

expect "sort" "return: 0x010102020203ff" "$(exec_method sort 0102020302ff01)"
# Balances 0 and 0; transferring 1 fails, transferring 0 succeeds.
expect "token" "return: 0x00000000000000000000000000000000""0001" "$(exec_method token)"

name=$(hex swift-sdk)
out=$(exec_method forward "${registry}$(hex register)00${name}")
expect "call register" "return: 0x00" "$out"
expect "call register event" "event: registered 0x$name (from $registry)" "$out"
expect "call lookup" "return: 0x00${self}" "$(exec_method forward "${registry}$(hex lookup)00${name}")"
expect "call aborted" "return: 0x02$(hex 'name taken')" \
  "$(exec_method forward "${registry}$(hex register)00${name}")"
expect "call no method" "return: 0x01$(hex "no method nope in contract $registry")" \
  "$(exec_method forward "${registry}$(hex nope)00")"
nobody=$(printf '00%.0s' {1..32})
expect "call no contract" "return: 0x03$(hex "no contract at $nobody")" "$(exec_method forward "${nobody}$(hex x)00")"
expect "call depth" "return: 0x10" "$(exec_method depth)"

if [[ $failures -ne 0 ]]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
