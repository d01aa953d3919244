#!/usr/bin/env bash
# Rebuilds the sample contracts deterministically.
#
#   contracts/build.sh [--check] [CONTRACT_DIR...]
#
# Every directory directly under contracts/ (except sdk/) is a contract directory, or only
# the CONTRACT_DIRs given. A directory named NAME builds to NAME/NAME.wasm:
#   - C contract (has *.c files): all *.c files, NAME.c among them, in one link with
#     contracts/sdk/c on the include path;
#   - Swift contract (Package.swift or *.swift files, no *.c):
#     contracts/sdk/swift/build.sh NAME_DIR OUTPUT.wasm;
#   - anything else is skipped.
#
# --check builds into a temporary directory instead and compares the bytes with the
# committed NAME/NAME.wasm files: it exits 1 naming every file that differs (or is missing),
# 0 when all are identical. Other failures (compile errors, a missing tool, a toolchain
# other than the pinned one) exit 2.
#
# Tools: the Swift toolchain's own clang and wasm-ld, found next to `swiftc` (PATH is not
# searched for `clang`, so another compiler first on PATH is never used); $CLANG and
# $WASM_LD override them. Compiling (clang -c) and linking (wasm-ld) are separate steps so
# the clang driver never runs a `wasm-opt` it happens to find on PATH after linking. The
# bytes depend on the compiler and linker versions: the pinned ones are in
# contracts/toolchain.txt, and --check refuses (exit 2, naming both versions) to compare
# against any other.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
swift_build="$root/sdk/swift/build.sh"
pinned_file="$root/toolchain.txt"

die() { echo "build.sh: $*" >&2; exit 2; }

# toolchain_tool NAME OVERRIDE: OVERRIDE when set, else NAME beside the toolchain's swiftc
# (symlinks resolved), else an error. Never a bare `clang` from PATH.
toolchain_tool() {
    local name="$1" override="$2" swiftc bin
    if [[ -n "$override" ]]; then
        [[ -x "$override" ]] || die "$3=$override is not an executable file"
        echo "$override"; return
    fi
    swiftc="$(command -v swiftc || true)"
    [[ -n "$swiftc" ]] || die "swiftc not found: put the Swift toolchain's bin directory on PATH (or set CLANG and WASM_LD)"
    bin="$(dirname "$(readlink -f "$swiftc")")"
    [[ -x "$bin/$name" ]] || die "the Swift toolchain at $bin has no $name (set $3 to one)"
    echo "$bin/$name"
}
clang="$(toolchain_tool clang "${CLANG:-}" CLANG)"
wasm_ld="$(toolchain_tool wasm-ld "${WASM_LD:-}" WASM_LD)"

# tool_version TOOL: the first line of TOOL --version.
tool_version() { { "$1" --version 2>/dev/null || true; } | head -n 1; }

# pinned_mismatch: prints why clang or wasm-ld is not the pinned version, or nothing.
pinned_mismatch() {
    [[ -f "$pinned_file" ]] || { echo "$(display "$pinned_file") is missing"; return; }
    local want_clang want_ld got_clang got_ld
    want_clang="$(sed -n 1p "$pinned_file")"
    want_ld="$(sed -n 2p "$pinned_file")"
    got_clang="$(tool_version "$clang")"
    got_ld="$(tool_version "$wasm_ld")"
    if [[ "$got_clang" != "$want_clang" ]]; then
        echo "the committed modules were built with '$want_clang', but $clang is '$got_clang'"
    elif [[ "$got_ld" != "$want_ld" ]]; then
        echo "the committed modules were linked with '$want_ld', but $wasm_ld is '$got_ld'"
    fi
}

# check_pinned: exits 2 naming the tool and both versions when clang or wasm-ld is not the
# pinned version (contracts/toolchain.txt: line 1 clang's, line 2 wasm-ld's first line of
# --version).
check_pinned() {
    local why
    why="$(pinned_mismatch)"
    [[ -z "$why" ]] || die "$why: the bytes cannot be compared; use that toolchain (put its bin directory first on PATH, or set CLANG and WASM_LD)"
}

# Fixed flags: a pinned feature set (MVP + bulk memory, sign extension, mutable globals),
# no debug info, no producers or name sections (--strip-all), nothing exported but the
# KEEL_EXPORT methods and `memory`. Stack first, so a stack overflow traps instead of
# overwriting data.
cflags=(
    --target=wasm32-unknown-unknown
    -mcpu=mvp -mbulk-memory -msign-ext -mmutable-globals
    -O2 -std=c11 -g0
    -Wall -Wextra -Werror
    -nostdlib -ffreestanding -fvisibility=hidden
    -ffunction-sections -fdata-sections
    -fno-ident
    -nostdlibinc
)
# wasm-ld's flags (the link is a separate step, see above). --strip-all also drops the
# target_features custom section: the output has no custom sections at all.
ldflags=(
    -m wasm32
    --no-entry
    --strip-all
    --gc-sections
    --stack-first
    -z stack-size=65536
    --export-memory
)

# display PATH: PATH as contracts/... when it lies under this directory, else unchanged.
display() {
    case "$1" in
        "$root"/*) echo "contracts/${1#"$root"/}" ;;
        *) echo "$1" ;;
    esac
}

# build_c DIR OUT: compiles each of DIR's C sources to an object, then links them to OUT.
# Runs in a scratch copy with relative paths so no absolute path can reach the output.
build_c() {
    local dir="$1" out="$2" name work f
    name="$(basename "$dir")"
    [[ -f "$dir/$name.c" ]] || die "$dir: C contract without $name.c"
    work="$(mktemp -d)"
    mkdir -p "$work/src" "$work/obj"
    local objects=()
    for f in "$dir"/*.c; do
        f="$(basename "$f")"
        cp "$dir/$f" "$work/src/$f"
        objects+=("obj/${f%.c}.o")
    done
    cp -r "$root/sdk/c" "$work/include"
    local status=0
    (
        cd "$work" || exit 2
        for f in src/*.c; do
            f="${f#src/}"
            "$clang" "${cflags[@]}" -I include -c "src/$f" -o "obj/${f%.c}.o" 2> >(sed -e "s|src/|$(display "$dir")/|g" -e "s|include/|contracts/sdk/c/|g" >&2) || exit 1
        done
        "$wasm_ld" "${ldflags[@]}" "${objects[@]}" -o out.wasm
    ) || status=$?
    if [[ $status -eq 0 ]]; then
        cp "$work/out.wasm" "$out" && chmod 644 "$out" || status=$?
    fi
    rm -rf "$work"
    return "$status"
}

# build_swift DIR OUT: delegates to the Swift SDK's build script.
build_swift() {
    local dir="$1" out="$2"
    [[ -x "$swift_build" ]] || die "$dir is a Swift contract but $swift_build is missing or not executable"
    CLANG="$clang" WASM_LD="$wasm_ld" "$swift_build" "$dir" "$out"
}

# kind DIR: prints c, swift or nothing.
kind() {
    local dir="$1"
    if compgen -G "$dir/*.c" >/dev/null; then
        echo c
    elif [[ -f "$dir/Package.swift" ]] || [[ -n "$(find "$dir" -name '*.swift' -print -quit)" ]]; then
        echo swift
    fi
}

check=0
dirs=()
for arg in "$@"; do
    case "$arg" in
        --check) check=1 ;;
        -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) die "unknown option $arg" ;;
        *) [[ -d "$arg" ]] || die "no such directory: $arg"; dirs+=("$(cd "$arg" && pwd)") ;;
    esac
done
if [[ ${#dirs[@]} -eq 0 ]]; then
    for d in "$root"/*/; do
        d="${d%/}"
        [[ "$(basename "$d")" == sdk ]] && continue
        dirs+=("$d")
    done
fi

tmp=""
if [[ $check -eq 1 ]]; then
    check_pinned
else
    why="$(pinned_mismatch)"
    [[ -z "$why" ]] || echo "build.sh: warning: $why; the rebuilt modules will differ from the committed ones (update contracts/toolchain.txt if this is a deliberate toolchain change)" >&2
fi
if [[ $check -eq 1 ]]; then
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
fi

differ=()
for dir in "${dirs[@]}"; do
    name="$(basename "$dir")"
    k="$(kind "$dir")"
    [[ -z "$k" ]] && continue
    committed="$dir/$name.wasm"
    if [[ $check -eq 1 ]]; then out="$tmp/$name.wasm"; else out="$committed"; fi
    # (set -e does not apply inside a function called from ||: each builder ends with its
    # tool's command, whose status is the function's.)
    "build_$k" "$dir" "$out" || die "building $(display "$dir") failed"
    if [[ $check -eq 1 ]]; then
        if [[ ! -f "$committed" ]] || ! cmp -s "$out" "$committed"; then
            differ+=("$(display "$committed")")
        fi
    else
        echo "built $(display "$committed") ($(wc -c <"$committed" | tr -d ' ') bytes)"
    fi
done

if [[ $check -eq 1 ]]; then
    if [[ ${#differ[@]} -ne 0 ]]; then
        echo "build.sh --check: these files differ from a fresh build with the pinned toolchain ($(tool_version "$clang")):" >&2
        printf '  %s\n' "${differ[@]}" >&2
        exit 1
    fi
    echo "build.sh --check: all contracts match a fresh build"
fi
