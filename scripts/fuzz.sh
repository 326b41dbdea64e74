#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (libFuzzer + ASan + UBSan + LSan) in
# build/fuzz and runs each one (rules, csv, args, scenarios) for SECONDS seconds (default 60),
# all at once when there are two cores or more. Fails on a crash, a sanitizer report, a leak, a timeout (10 s on one
# input) or an out-of-memory (2048 MB); the input that failed is kept in
# build/fuzz/artifacts/ (replay it: build/fuzz/tests/fuzz/fuzz_rules FILE).
#
#   scripts/fuzz.sh          # 60 s per target
#   scripts/fuzz.sh 600      # longer; tests/fuzz/README.md says how to run for hours
# The corpus grown by earlier runs (build/fuzz/corpus/) is reused, seeds are re-gathered.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
case "$seconds" in (''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2;; esac
scripts/install-deps.sh clang libclang-rt-dev

build="${BUILD_DIR:-build/fuzz}"
cmake -S . -B "$build" -G "$(command -v ninja >/dev/null && echo Ninja || echo 'Unix Makefiles')" \
  -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only -DNDEBUG" \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DDONUM_WERROR=OFF \
  -DDONUM_BUILD_TESTS=ON \
  -DDONUM_BUILD_BENCH=OFF \
  -DDONUM_BUILD_FUZZERS=ON >/dev/null
targets=(rules csv args scenarios)
cmake --build "$build" -j "$(nproc)" --target fuzz_seeds "${targets[@]/#/fuzz_}"

mkdir -p "$build/artifacts" "$build/logs"
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
run() {
  local name="$1"
  local corpus="$build/corpus/$name"
  mkdir -p "$corpus"
  # The first folder receives new inputs; the seeds are read only. -max_len lets the
  # mutations grow beyond the largest seed's size (default) up to 64 KB.
  "$build/tests/fuzz/fuzz_$name" "$corpus" "$build/tests/fuzz/seeds/$name" \
    -dict="tests/fuzz/$name.dict" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/${name}-" \
    >"$build/logs/$name.log" 2>&1
}
rm -f "$build"/logs/*.rc

# All at once on two cores or more (each gets its share of the cores for SECONDS), else one
# after the other.
if [ "$(nproc)" -ge 2 ]; then
  for t in "${targets[@]}"; do (if run "$t"; then echo 0; else echo $?; fi >"$build/logs/$t.rc") & done
  wait
else
  for t in "${targets[@]}"; do (if run "$t"; then echo 0; else echo $?; fi >"$build/logs/$t.rc"); done
fi
failed=0
for t in "${targets[@]}"; do
  if [ "$(cat "$build/logs/$t.rc")" = 0 ]; then
    echo "fuzz_$t: ok, $(grep -m1 -o 'number_of_executed_units: *[0-9]*' "$build/logs/$t.log" | grep -o '[0-9]*$') inputs in ${seconds} s, corpus of $(ls "$build/corpus/$t" | wc -l) files"
  else
    failed=1
    echo "fuzz_$t: FAILED (log: $build/logs/$t.log)" >&2
    grep -E "^==[0-9]+==ERROR|SUMMARY|runtime error|Test unit written|ALARM|out-of-memory|deadly signal" "$build/logs/$t.log" | head -20 >&2 || true
  fi
done
exit "$failed"
