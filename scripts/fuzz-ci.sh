#!/usr/bin/env bash
# CI hook: builds every fuzz target and runs each for KEEL_FUZZ_SECONDS (default 20) seconds;
# exits non-zero when any target crashed (the inputs are in .build-fuzz/crashes/TARGET/).
# Also replays the saved reproducers of Fuzz/regressions/ (each must no longer crash).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${KEEL_FUZZ_SECONDS:-20}"
failed=0
scripts/fuzz.sh all "$seconds" || failed=1
for directory in Fuzz/regressions/*/; do
    [ -d "$directory" ] || continue
    name=$(basename "$directory")
    inputs=$(find "$directory" -type f ! -name '*.md')
    [ -n "$inputs" ] || continue
    if ! SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-allow_user_segv_handler=1:detect_leaks=0:malloc_context_size=0}" \
        ".build-fuzz/build/release/$name" $inputs >".build-fuzz/logs/$name-regressions.log" 2>&1; then
        echo "fuzz-ci: a reproducer in $directory still crashes $name (.build-fuzz/logs/$name-regressions.log)" >&2
        failed=1
    fi
done
exit "$failed"
