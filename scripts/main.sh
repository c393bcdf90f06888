#!/usr/bin/env bash
# Quick start, part 1: sets up zonekg and runs the main job on the curated graph:
# validate, stats, an export, a chain question and the interactive HTML graph.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
kg=.venv/bin/kg
mkdir -p build
corpus=()
[ -d ../shared/corpus ] && corpus=(--corpus ../shared/corpus)
$kg validate "${corpus[@]}"
$kg stats
$kg export --format trig --out build/zonekg.trig
$kg chain 新材料
$kg viz --out build/zonekg.html
echo "The interactive graph: $(pwd)/build/zonekg.html (open it in a browser)"
