#!/usr/bin/env bash
# Benchmarks donum against the hand-written reference, which writes the same CSV byte for
# byte (checked before timing), on the same generated files and in the same run, and prints
# the ratios that docs/performance.md reports. Usage:
#   bench/run.sh [RUNS]      (default 5 runs per measure; the median is kept)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
scripts/install-deps.sh
if [ ! -x /usr/bin/time ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get install -y -qq time >/dev/null
fi
cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DDONUM_BUILD_TESTS=OFF -DDONUM_BUILD_BENCH=ON >/dev/null
cmake --build build/bench -j "$(nproc)" >/dev/null
bin=build/bench
donum=$bin/cli/donum
work=$bin/work
mkdir -p "$work"
rules=stdlib-rules/forfait-structure.donum

# median_of CMD...: runs CMD $runs times; prints "median_seconds peak_kib cpu_seconds" (median
# of each). Wall time from the clock around the run (millisecond precision); peak memory and
# processor time (user + system, every thread) from GNU time. On a machine shared with other
# jobs the wall time grows with their load, the processor time much less: both are printed.
median_of() {
  local times=() mems=() cpus=() start end
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    /usr/bin/time -f "%M %U %S" -o "$work/mem" "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')")
    mems+=("$(tail -n 1 "$work/mem" | awk '{print $1}')")
    cpus+=("$(tail -n 1 "$work/mem" | awk '{printf "%.2f", $2 + $3}')")
  done
  local t m c
  t=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  m=$(printf '%s\n' "${mems[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  c=$(printf '%s\n' "${cpus[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$t $m $c"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "load before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 minutes; above $(nproc), the wall times mean little)"
echo "runs per measure: $runs (median)"
echo "eval: donum and reference_forfait write the same CSV, byte for byte (checked before timing)"
echo
printf '%-58s %10s %10s %12s %8s\n' "measure" "donum s" "ref. s" "donum MiB" "ratio"
for count in 120000 1000000; do
  data=$work/population-$count.csv
  [ -f "$data" ] || "$bin/bench/gen_population" --count "$count" --years 2024 --seed 11 -o "$data"
  size_kib=$(( $(stat -c %s "$data") / 1024 ))
  # The ratio only means something if both do the same work: same bytes out, or no timing.
  "$donum" eval --format csv -o "$work/donum.csv" "$rules" "$data"
  "$bin/bench/reference_forfait" "$data" > "$work/reference.csv" 2>/dev/null
  if ! cmp "$work/donum.csv" "$work/reference.csv" >&2; then
    echo "run.sh: donum eval and reference_forfait write different CSV files for $data" >&2
    echo "run.sh: compare $work/donum.csv and $work/reference.csv; no timing" >&2
    exit 1
  fi
  out_kib=$(( $(stat -c %s "$work/reference.csv") / 1024 ))
  rm -f "$work/donum.csv" "$work/reference.csv"
  # Both write their CSV to standard output, which median_of sends to /dev/null.
  read -r d_t d_m d_c < <(median_of "$donum" eval --format csv "$rules" "$data")
  read -r r_t r_m r_c < <(median_of "$bin/bench/reference_forfait" "$data")
  printf '%-58s %10s %10s %12s %8s\n' "eval, same CSV out, $count phys. ($((size_kib / 1024)) MiB in, $((out_kib / 1024)) MiB out)" "$d_t" "$r_t" "$((d_m / 1024))" "$(ratio "$d_t" "$r_t")"
  echo "  peak memory / CSV size: $(ratio "$d_m" "$size_kib")   (reference peak $((r_m / 1024)) MiB)"
  echo "  processor time: donum ${d_c} s (both cores), reference ${r_c} s (one core), ratio $(ratio "$d_c" "$r_c")"
done

data=$work/population-120000.csv
if "$donum" simulate --help 2>/dev/null | grep -q -- '--sweep'; then
  read -r s_t _ s_c < <(median_of "$donum" simulate --sweep "volet2.dmp.target=0%..100%:1%" -o "$work/sweep.txt" "$rules" "$data")
  read -r e_t _ e_c < <(median_of "$donum" eval --format csv -o "$work/out.csv" "$rules" "$data")
  start=$(date +%s.%N)
  for v in $(seq 0 100); do "$donum" eval --format csv -o "$work/out.csv" --set "volet2.dmp.target=$v%" "$rules" "$data"; done
  separate=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  printf '%-58s %10s %10s %12s %8s\n' "sweep 101 steps, 120000 physicians" "$s_t" "$e_t" "" "$(ratio "$s_t" "$e_t")"
  echo "  (ratio to one evaluation; 101 separate evaluations took ${separate} s)"
  echo "  processor time: sweep ${s_c} s, one evaluation ${e_c} s, ratio $(ratio "$s_c" "$e_c")"
fi

for f in stdlib-rules/*.donum; do
  read -r c_t _ < <(median_of "$donum" check "$f")
  printf '%-58s %10s\n' "check $(basename "$f")" "$c_t"
done
