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
# 0 when all are identical. Other failures (compile errors, a missing tool) exit 2. The output depends on the compiler version (the one the committed
# files were built with is named in contracts/README.md): clang is $CLANG, else `clang` on
# PATH.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
clang="${CLANG:-clang}"
swift_build="$root/sdk/swift/build.sh"

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
)
ldflags=(
    -Wl,--no-entry
    -Wl,--strip-all
    -Wl,--gc-sections
    -Wl,--stack-first
    -Wl,-z,stack-size=65536
    -Wl,--export-memory
)

die() { echo "build.sh: $*" >&2; exit 2; }

# display PATH: PATH as contracts/... when it lies under this directory, else unchanged.
display() {
    case "$1" in
        "$root"/*) echo "contracts/${1#"$root"/}" ;;
        *) echo "$1" ;;
    esac
}

# build_c DIR OUT: compiles DIR's C sources to OUT. Runs in DIR with relative paths so no
# absolute path can reach the output.
build_c() {
    local dir="$1" out="$2" name
    name="$(basename "$dir")"
    [[ -f "$dir/$name.c" ]] || die "$dir: C contract without $name.c"
    command -v "$clang" >/dev/null 2>&1 || die "clang not found (set CLANG or put clang on PATH)"
    local sources=()
    local f
    for f in "$dir"/*.c; do sources+=("$(basename "$f")"); done
    (cd "$dir" && "$clang" "${cflags[@]}" -I "$root/sdk/c" "${ldflags[@]}" -o "$out" "${sources[@]}" &&
        chmod 644 "$out")
}

# build_swift DIR OUT: delegates to the Swift SDK's build script.
build_swift() {
    local dir="$1" out="$2"
    [[ -x "$swift_build" ]] || die "$dir is a Swift contract but $swift_build is missing or not executable"
    "$swift_build" "$dir" "$out"
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
        -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
        echo "build.sh --check: these files differ from a fresh build ($("$clang" --version | head -n 1)):" >&2
        printf '  %s\n' "${differ[@]}" >&2
        exit 1
    fi
    echo "build.sh --check: all contracts match a fresh build"
fi
