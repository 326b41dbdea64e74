#!/usr/bin/env bash
# Builds donum with its tests (warnings are errors) and runs every test with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The browser test's pinned npm packages (tests/browser/package-lock.json); no browser is
# downloaded: the test drives Debian's chromium.
(cd tests/browser && npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
cmake -S . -B build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/test -j "$(nproc)"
ctest --test-dir build/test --output-on-failure -j "$(nproc)"
