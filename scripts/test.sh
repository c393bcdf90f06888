#!/usr/bin/env bash
# Quick start, part 2: sets up everything the tests need, checks lint, format and types, and runs
# the test suite. Extra arguments go to pytest, e.g. scripts/test.sh -k validate, or
# scripts/test.sh -m "not browser and not servers" for the part without Chromium and servers
# (add "and not slow" to leave out the benchmark, pySHACL on the curated graph and the tests that
# start kg in processes of their own too).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
bash scripts/venv.sh test
.venv/bin/ruff check kg tests scripts
.venv/bin/ruff format --check kg tests scripts
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
