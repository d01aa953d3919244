#!/usr/bin/env bash
# Builds `keel` in release mode and installs it, so `keel` works from any directory:
#   scripts/install.sh [--prefix DIR]
# DIR defaults to ~/.local (or /usr/local when run as root). Installs
#   DIR/bin/keel                        the binary
#   DIR/share/keel/genesis/dev.json     the development genesis `keel init` reads by default,
#   DIR/share/keel/contracts/*/*.wasm   with the contracts it deploys
#   DIR/share/keel/build-info           the commit built and the binary's SHA-256, which
#                                       `keel --version` reports (only for this very binary)
# Installs the system libraries first (scripts/setup.sh).
set -euo pipefail

usage() { echo "usage: scripts/install.sh [--prefix DIR]" >&2; exit 2; }

if [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || usage; prefix="$2"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install: unknown argument \"$1\"" >&2; usage ;;
    esac
done
[ -n "$prefix" ] || usage

repository="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repository"
scripts/setup.sh

# The commit, read before building: what the binary is built from.
if commit="$(git -C "$repository" rev-parse HEAD 2>/dev/null)"; then
    if [ -n "$(git -C "$repository" status --porcelain 2>/dev/null)" ]; then
        commit="$commit (with uncommitted changes)"
    fi
else
    commit="unknown (built from a source tree without git history)"
fi

swift build -c release --product keel
binary="$(swift build -c release --product keel --show-bin-path)/keel"
[ -x "$binary" ] || { echo "install: the build produced no $binary" >&2; exit 1; }

shared="$prefix/share/keel"
mkdir -p "$prefix/bin" "$shared/genesis"
install -m 0755 "$binary" "$prefix/bin/keel"
install -m 0644 genesis/dev.json "$shared/genesis/dev.json"
for code in $(sed -n 's/.*"code": *"\([^"]*\)".*/\1/p' genesis/dev.json); do
    mkdir -p "$shared/$(dirname "$code")"
    install -m 0644 "$code" "$shared/$code"
done
digest="$(sha256sum "$prefix/bin/keel" | cut -d' ' -f1)"
printf 'commit %s\nsha256 %s\n' "$commit" "$digest" > "$shared/build-info"

echo "install: installed $prefix/bin/keel ($("$prefix/bin/keel" --version | head -1), commit $commit)"
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "install: $prefix/bin is not on PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
