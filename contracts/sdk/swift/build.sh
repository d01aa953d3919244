#!/usr/bin/env bash
# Builds an Embedded Swift contract for Keel (contract ABI v1).
#
#   contracts/sdk/swift/build.sh CONTRACT_DIR OUTPUT.wasm
#
# Compiles the SDK (Sources/Keel/*.swift) together with CONTRACT_DIR/*.swift as one
# module (swiftc -wmo, Embedded Swift, wasm32), compiles the freestanding C runtime
# (runtime/keel_rt.c), and links them with wasm-ld into OUTPUT.wasm. The output is
# reproducible: the same sources and toolchain give the same bytes, with no paths, names
# or debug information in the module.
#
# Tools: $SWIFTC (default: swiftc on PATH); $CLANG and $WASM_LD (default: clang and
# wasm-ld next to swiftc, else on PATH). Needs a Swift 6.x toolchain with the embedded
# wasm32 standard library (tested with Swift 6.3.1).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 CONTRACT_DIR OUTPUT.wasm" >&2
  exit 2
fi
contract_dir=$1
output=$2

sdk_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [[ ! -d $contract_dir ]]; then
  echo "error: $contract_dir is not a directory" >&2
  exit 1
fi
contract_dir=$(cd "$contract_dir" && pwd)

swiftc=${SWIFTC:-$(command -v swiftc || true)}
if [[ -z $swiftc || ! -x $swiftc ]]; then
  echo "error: swiftc not found (put it on PATH or set SWIFTC)" >&2
  exit 1
fi
toolchain_bin=$(dirname "$swiftc")
find_tool() { # NAME ENV_VALUE
  if [[ -n $2 ]]; then echo "$2"
  elif [[ -x $toolchain_bin/$1 ]]; then echo "$toolchain_bin/$1"
  else command -v "$1" || { echo "error: $1 not found" >&2; exit 1; }
  fi
}
clang=$(find_tool clang "${CLANG:-}")
wasm_ld=$(find_tool wasm-ld "${WASM_LD:-}")

# Sources in a fixed order (byte order of the names), relative to their directories.
export LC_ALL=C
mapfile -t sdk_sources < <(cd "$sdk_dir/Sources/Keel" && ls -1 -- *.swift | sort)
mapfile -t contract_sources < <(cd "$contract_dir" && find . -maxdepth 1 -name '*.swift' -type f | sed 's|^\./||' | sort)
if [[ ${#contract_sources[@]} -eq 0 ]]; then
  echo "error: no .swift files in $contract_dir" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Copy everything into the work directory so that the compilers only ever see short
# relative paths (nothing of the build machine's layout can end up in the module).
mkdir -p "$work/sdk" "$work/contract" "$work/runtime" "$work/module-cache"
for f in "${sdk_sources[@]}"; do cp "$sdk_dir/Sources/Keel/$f" "$work/sdk/$f"; done
for f in "${contract_sources[@]}"; do cp "$contract_dir/$f" "$work/contract/$f"; done
cp "$sdk_dir/runtime/keel_rt.c" "$work/runtime/keel_rt.c"

swift_files=()
for f in "${sdk_sources[@]}"; do swift_files+=("sdk/$f"); done
for f in "${contract_sources[@]}"; do swift_files+=("contract/$f"); done

(
  cd "$work"

  # The same pinned wasm feature set as the C contracts (contracts/build.sh): MVP plus
  # bulk memory, sign extension and mutable globals.
  "$clang" --target=wasm32-unknown-unknown \
    -mcpu=mvp -mbulk-memory -msign-ext -mmutable-globals \
    -std=c11 -ffreestanding -nostdlib -Os -g0 -Wall -Wextra -Werror -fno-ident \
    -c runtime/keel_rt.c -o keel_rt.o

  # Diagnostics name the copies (sdk/FILE, contract/FILE): map them back to the sources.
  swift_status=0
  "$swiftc" \
    -target wasm32-unknown-none-wasm \
    -enable-experimental-feature Embedded \
    -enable-experimental-feature Extern \
    -wmo -Osize -parse-as-library \
    -module-name KeelContract \
    -module-cache-path module-cache \
    -target-cpu mvp -Xcc -mbulk-memory -Xcc -msign-ext -Xcc -mmutable-globals \
    -Xfrontend -disable-stack-protector \
    -c "${swift_files[@]}" -o contract.o 2>swiftc.log || swift_status=$?
  sed -e "s|^sdk/|$sdk_dir/Sources/Keel/|" -e "s|^contract/|$contract_dir/|" swiftc.log >&2
  if [[ $swift_status -ne 0 ]]; then exit "$swift_status"; fi

  link_inputs=(contract.o keel_rt.o)
  # Only needed by contracts that compare or normalize Strings; the archive's members are
  # linked only when referenced.
  unicode_tables=$toolchain_bin/../lib/swift/embedded/wasm32-unknown-none-wasm/libswiftUnicodeDataTables.a
  if [[ -f $unicode_tables ]]; then link_inputs+=("$unicode_tables"); fi

  # --stack-first: the 64 KiB stack sits below the data, so an overflow traps (out of
  # bounds) instead of overwriting data. --strip-all: no names or debug sections.
  link_status=0
  "$wasm_ld" --no-entry --stack-first -z stack-size=65536 --strip-all --gc-sections \
    "${link_inputs[@]}" -o contract.wasm 2>wasm-ld.log || link_status=$?
  cat wasm-ld.log >&2
  if [[ $link_status -ne 0 ]]; then
    if grep -q 'undefined symbol: arc4random_buf' wasm-ld.log; then
      echo "note: arc4random_buf is needed by Dictionary, Set and random numbers, which" \
        "contracts cannot use (no randomness, and they use floating point); use arrays" \
        "and storage order instead" >&2
    fi
    exit "$link_status"
  fi
)

mkdir -p "$(dirname "$output")"
cp "$work/contract.wasm" "$output.tmp.$$"
chmod 644 "$output.tmp.$$"
mv -f "$output.tmp.$$" "$output"
