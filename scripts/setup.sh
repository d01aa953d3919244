#!/usr/bin/env bash
# Installs the system libraries Keel links against (Debian/Ubuntu):
#   libleveldb-dev    LevelDB's C API (KeelState's CLevelDB module)
#   libsecp256k1-dev  libsecp256k1 with recovery, extrakeys and schnorrsig (KeelCrypto's CSecp256k1)
#   binaryen          wasm-opt, whose -ttf mode generates the random modules of the
#                     interpreter/JIT differential tests
# Does nothing when they are already installed; runs `apt-get update` only when something
# must be installed; uses sudo only when not running as root.
set -euo pipefail

packages=(libleveldb-dev libsecp256k1-dev binaryen)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg -s "$package" >/dev/null 2>&1; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "setup: system packages already installed (${packages[*]})"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: apt-get not found; install these packages by hand: ${missing[*]}" >&2
    exit 1
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "setup: not root and sudo not found; install as root: ${missing[*]}" >&2
        exit 1
    fi
    sudo_cmd=(sudo)
fi

echo "setup: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
