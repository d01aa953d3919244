#!/bin/sh
# Stands in for `wasmkit run FILE FUNC i32:N` in bench/run.sh so that one interleaved run
# compares keel's standard profile (as "keel") with its contract profile (as "wasmkit"):
#   KEEL=.build/release/keel WASMKIT=bench/keel-contract.sh ENGINES=native,keel,wasmkit REPS=7 bench/run.sh
exec "$(dirname "$0")/../.build/release/keel" run "$2" --invoke "$3" "${4#i32:}" --profile contract 2>/dev/null
