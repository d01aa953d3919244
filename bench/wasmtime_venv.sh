#!/usr/bin/env bash
# Makes sure a Python with the `wasmtime` wheel (Wasmtime 50.0.1 and its C library, from PyPI)
# exists for the winch/cranelift engines of bench/run.sh and bench/compile/throughput.py.
#   bench/wasmtime_venv.sh [PYTHON]   default: .venv/bin/python at the repository root
# If PYTHON is the default and missing, creates the gitignored .venv with `python3 -m venv`
# and pip-installs wasmtime==50.0.1 into it. Exits non-zero if `import wasmtime` still fails.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=$ROOT/.venv
PY=${1:-$VENV/bin/python}
WANT=50.0.1

if "$PY" -c "import wasmtime" 2>/dev/null; then
    exit 0
fi
if [[ $PY != "$VENV/bin/python" ]]; then
    echo "wasmtime_venv.sh: $PY cannot import wasmtime (install wasmtime==$WANT into it)" >&2
    exit 1
fi
echo "creating $VENV with wasmtime==$WANT" >&2
[[ -x $PY ]] || python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet "wasmtime==$WANT"
"$PY" -c "import wasmtime"
