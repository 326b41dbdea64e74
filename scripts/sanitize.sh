#!/usr/bin/env bash
# Builds donum and every test with AddressSanitizer + UndefinedBehaviorSanitizer (and
# LeakSanitizer, part of ASan) in its own build folder, then runs the whole CTest suite under
# it. Any sanitizer report aborts the process that made it, so the test fails and this
# script exits non-zero.
#
#   scripts/sanitize.sh              # build/sanitize with g++ (the project's compiler)
#   CXX=clang++ scripts/sanitize.sh  # another compiler
#   BUILD_DIR=/tmp/x scripts/sanitize.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

build="${BUILD_DIR:-build/sanitize}"
CXX="${CXX:-g++}"
jobs="$(nproc)"

# -g1: line tables, all a sanitizer's report needs (file:line of each frame); full debug
# information made every file a third slower to compile.
flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g1 -O1"
# Warnings are scripts/test.sh's job (with the project's compiler); here only the runtime
# checks matter, so a warning another compiler adds must not stop the build.
cmake -S . -B "$build" -G "$(command -v ninja >/dev/null && echo Ninja || echo 'Unix Makefiles')" \
  -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-g1" \
  -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DDONUM_WERROR=OFF \
  -DDONUM_BUILD_TESTS=ON \
  -DDONUM_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j "$jobs"

# halt_on_error: the first report ends the process; detect_leaks: LeakSanitizer at exit;
# print_stacktrace: UBSan reports say where.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
ctest --test-dir "$build" --output-on-failure -j "$jobs" --timeout 600
