#!/usr/bin/env bash
# Creates (or reuses) the project's virtual environment in .venv and installs zonekg into it.
# Usage: scripts/venv.sh [EXTRA]   e.g. scripts/venv.sh test  →  pip install ".[test]"
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    if ! python3 -m venv .venv 2>/dev/null; then
        rm -rf .venv
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv .venv
    fi
fi
.venv/bin/python -m pip install -q --upgrade pip
target="."
[ $# -gt 0 ] && target=".[$1]"
.venv/bin/python -m pip install -q "$target"
