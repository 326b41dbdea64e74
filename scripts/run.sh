#!/usr/bin/env bash
# Builds donum (Release) and runs the main job on the bundled files: checks every official
# convention file and prints the forfait structure as a table with its maximum per year.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DDONUM_BUILD_TESTS=OFF -DDONUM_BUILD_BENCH=OFF >/dev/null
cmake --build build/release -j "$(nproc)" >/dev/null
build/release/cli/donum check stdlib-rules/*.donum
build/release/cli/donum check --summary stdlib-rules/forfait-structure.donum
