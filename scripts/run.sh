#!/usr/bin/env bash
# Builds donum (Release) and runs the main job on the bundled files: checks every official
# convention file, runs their known-answer examples, evaluates the 2024 example population
# with the forfait structure, then the 2026 example population with the DONUM 2026 (one line
# per physician, then the totals, for each).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DDONUM_BUILD_TESTS=OFF -DDONUM_BUILD_BENCH=OFF >/dev/null
cmake --build build/release -j "$(nproc)" >/dev/null
build/release/cli/donum check stdlib-rules/*.donum
build/release/cli/donum test stdlib-rules/*.donum
build/release/cli/donum eval stdlib-rules/forfait-structure.donum examples/population-2024.csv
build/release/cli/donum eval stdlib-rules/donum-2026.donum examples/population-2026.csv
