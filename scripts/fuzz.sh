#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (once; later runs rebuild only what changed) and runs
# one of them, or each briefly with `all`.
#
#   scripts/fuzz.sh TARGET [SECONDS]     TARGET: fuzz-decode fuzz-compile fuzz-diff fuzz-host fuzz-node, or all
#
# The corpus grows in .build-fuzz/corpus/TARGET (seeded by scripts/fuzz-seeds.py into
# .build-fuzz/seeds/TARGET); crashing inputs are saved in .build-fuzz/crashes/TARGET/.
# Prints executions, exec/s, coverage (cov:, ft:) and the crashes found; exits non-zero when
# a target crashed. Extra libFuzzer flags go in KEEL_FUZZ_FLAGS (e.g. "-jobs=2 -workers=2").
# KEEL_FUZZ_NO_BUILD=1 skips the build step.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="$root/.build-fuzz"
targets=(fuzz-decode fuzz-compile fuzz-diff fuzz-host fuzz-node)
target="${1:-}"
seconds="${2:-60}"
if [ -z "$target" ]; then
    echo "usage: scripts/fuzz.sh TARGET|all [SECONDS]  (targets: ${targets[*]})" >&2
    exit 2
fi

# Every Swift module (Keel's included) is compiled with coverage instrumentation and the
# address sanitizer; libFuzzer provides main (hence -parse-as-library).
build() {
    if [ "${KEEL_FUZZ_NO_BUILD:-}" = 1 ]; then return; fi
    swift build --package-path Fuzz -c release --scratch-path "$work/build" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2
}

# Runs $1 for $2 seconds; prints its summary; returns 1 when it crashed.
run() {
    local name="$1" budget="$2"
    local binary="$work/build/release/$name"
    local corpus="$work/corpus/$name" seeds="$work/seeds/$name" crashes="$work/crashes/$name"
    local log="$work/logs/$name.log"
    mkdir -p "$corpus" "$crashes" "$work/logs"
    if [ ! -d "$seeds" ]; then
        SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-allow_user_segv_handler=1:detect_leaks=0:malloc_context_size=0}" \
            KEEL_FUZZ_MODULE_GENERATOR="$work/build/release/fuzz-diff" python3 "$root/scripts/fuzz-seeds.py" "$name" "$seeds" >&2
    fi
    # Chain files and genesis encodings (with their contracts' code) are larger than modules.
    local max_len=8192
    if [ "$name" = fuzz-node ]; then max_len=262144; fi
    local before
    before=$(find "$crashes" -type f | wc -l)
    local status=0
    # The JIT turns faults in its code into traps with its own SIGSEGV handler, installed
    # after libFuzzer's; ASan must let it (allow_user_segv_handler).
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-allow_user_segv_handler=1:detect_leaks=0:malloc_context_size=0}" \
        "$binary" "$corpus" "$seeds" -max_total_time="$budget" -print_final_stats=1 \
        -artifact_prefix="$crashes/" -timeout=20 -rss_limit_mb=4096 -max_len="$max_len" \
        ${KEEL_FUZZ_FLAGS:-} >"$log" 2>&1 || status=$?
    local after
    after=$(find "$crashes" -type f | wc -l)
    local executed rate coverage
    executed=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    coverage=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
    echo "$name: ${executed:-?} executions in ${budget} s (${rate:-?} exec/s), ${coverage:-no coverage line}, corpus $(find "$corpus" -type f | wc -l) files, crashes $((after - before)) new ($after saved in ${crashes#"$root"/}), log ${log#"$root"/}"
    if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
        echo "$name: CRASHED (status $status):" >&2
        grep -E -A12 'ERROR: libFuzzer|ERROR: AddressSanitizer|Fatal error|fatalError|==ERROR' "$log" | head -40 >&2 || tail -30 "$log" >&2
        return 1
    fi
}

case " ${targets[*]} all " in
    *" $target "*) ;;
    *) echo "fuzz: unknown target $target (targets: ${targets[*]} all)" >&2; exit 2 ;;
esac
build
if [ "$target" = all ]; then
    failed=0
    for name in "${targets[@]}"; do run "$name" "$seconds" || failed=1; done
    exit "$failed"
fi
run "$target" "$seconds"
