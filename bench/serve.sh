#!/usr/bin/env bash
# Latency of `donum serve`: 115,000 generated physicians, the forfait structure; 200 different
# what-ifs (one value changed each, report and comparison with the base included), sent one
# after the other then 4 at a time by bench/serve_client.mjs, which prints the percentiles.
#   bench/serve.sh [COUNT]      (default 115000 physicians)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-115000}
scripts/install-deps.sh
cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DDONUM_BUILD_TESTS=OFF -DDONUM_BUILD_BENCH=ON >/dev/null
cmake --build build/bench -j "$(nproc)" --target donum_cli gen_population >/dev/null
work=build/bench/work
mkdir -p "$work"
data=$work/population-serve-$count.csv
[ -f "$data" ] || build/bench/bench/gen_population --count "$count" --years 2024 --seed 11 -o "$data"
out=$work/serve.out
build/bench/cli/donum serve stdlib-rules/forfait-structure.donum "$data" --port 0 >"$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q "http://" "$out" && break; sleep 0.1; done
url=$(grep -o "http://[^ ]*" "$out" | head -n 1)
[ -n "$url" ] || { cat "$out" >&2; exit 1; }
# The load is printed before and after: on a shared machine the answer times follow it.
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); $count physicians; $url"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/serve_client.mjs "$url" 200
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
