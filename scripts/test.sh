#!/usr/bin/env bash
# Quick start, part 2: sets up everything the tests need and runs the whole test suite.
# Extra arguments go to pytest (e.g. scripts/test.sh -k validate).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
bash scripts/venv.sh test
.venv/bin/python -m pytest "$@"
