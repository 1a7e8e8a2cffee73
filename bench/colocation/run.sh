#!/usr/bin/env bash
# Location-allocation benchmarks (issue 6): pooled's p-median on all 40 OR-Library instances
# against PuLP + CBC (the way pysal/spopt solves them) in the same run, pooled on a synthetic
# 190,000 x 2,000 sparse matrix, and `pooled colocate` / `pooled consolidate` on the Derbyshire
# data against geopandas + networkx and PuLP + CBC. Prints one line per measurement and writes
# results.jsonl and results.md; no timing is asserted. See bench/README.md.
#
# Usage: bench/colocation/run.sh            (as root, to install the peers if missing)
#   POOLED_BENCH_OUT=DIR               outputs (DEFAULT build-bench/colocation)
#   POOLED_BENCH_ORLIB=DIR             the pmed1..pmed40 files (DEFAULT ../shared/data/orlib_pmed)
#   POOLED_BENCH_PEER_INSTANCES=N      PuLP + CBC on pmed1..pmedN (DEFAULT 10; 40 = all)
#   POOLED_BENCH_PEER_SECONDS=S        CBC's time limit per instance (DEFAULT 300)
#   POOLED_BENCH_EXACT_SECONDS=S       pooled's exact mode (CBC, warm-started) where the
#                                      Lagrangian bound leaves a gap (DEFAULT 60; 0 = off)
#   POOLED_BENCH_SYNTHETIC="Z S K P"   zones, sites, nearest sites kept per zone, p
#                                      (DEFAULT "190000 2000 50 100")
#   POOLED_BENCH_RUNS=N                runs of each estate task (colocate, consolidate), interleaved
#                                      pooled / peer; medians reported (DEFAULT 3)
#   POOLED_BENCH_TASKS="..."           which parts to run (DEFAULT "orlib synthetic estate")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../common.sh
source "$root/bench/common.sh"
out="${POOLED_BENCH_OUT:-$root/build-bench/colocation}"
orlib="${POOLED_BENCH_ORLIB:-$root/../shared/data/orlib_pmed}"
peer_instances="${POOLED_BENCH_PEER_INSTANCES:-10}"
peer_seconds="${POOLED_BENCH_PEER_SECONDS:-300}"
exact_seconds="${POOLED_BENCH_EXACT_SECONDS:-60}"
read -r -a synthetic <<<"${POOLED_BENCH_SYNTHETIC:-190000 2000 50 100}"
runs="${POOLED_BENCH_RUNS:-3}"
tasks="${POOLED_BENCH_TASKS:-orlib synthetic estate}"
py=/usr/bin/python3 # Debian's python, with Debian's PuLP and scipy

bench_install_peers python3-pulp coinor-cbc python3-scipy python3-geopandas python3-networkx time

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bench_build "$root" "$here" "$work"
bin="$work/bench"
mkdir -p "$out"
results="$out/results.jsonl"
: >"$results"
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "{\"machine\": {\"nproc\": $(nproc), \"date\": \"$(date -u +%Y-%m-%dT%H:%MZ)\", \"load_start\": \"$(load)\"," \
  "\"commit\": \"$(git -C "$root" rev-parse --short HEAD)\"}}" >>"$results"

# timed OUT COMMAND...: one process under /usr/bin/time -v (its report in $work/time.txt), its
# standard output into OUT; the script stops if it fails.
timed() {
  local out="$1"
  shift
  if ! /usr/bin/time -v -o "$work/time.txt" "$@" >"$out" 2>"$work/stderr.txt"; then
    echo "FAILED: $*" >&2
    cat "$work/stderr.txt" >&2
    exit 1
  fi
}
peak_kib() { awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt"; }

# measure TASK TOOL COMMAND...: one process under /usr/bin/time -v; its RESULT line and peak
# resident memory go to results.jsonl.
measure() {
  local task="$1" tool="$2"
  shift 2
  timed "$work/stdout.txt" "$@"
  local result
  result="$(sed -n 's/^RESULT //p' "$work/stdout.txt" | tail -1)"
  echo "{\"task\": \"$task\", \"tool\": \"$tool\", \"maxrss_kib\": $(peak_kib), \"result\": $result}" >>"$results"
  printf '  %-10s %-10s %s\n' "$task" "$tool" "$result" >&2
}

# The optimum of each instance, from OR-Library's pmedopt as listed in the data's SOURCE.md.
optimum() { awk -F'|' -v name="pmed$1" '{gsub(/ /, "", $2)} $2 == name {gsub(/ /, "", $5); print $5}' "$orlib/SOURCE.md"; }

# measure_cli TASK RUN SUMMARY COMMAND...: pooled's CLI under /usr/bin/time -v, its --json summary
# saved to SUMMARY; time_s is the process's wall-clock time (reading and writing included).
measure_cli() {
  local task="$1" run="$2" summary="$3"
  shift 3
  timed "$summary" "$@"
  local elapsed
  elapsed="$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/time.txt")"
  echo "{\"task\": \"$task\", \"tool\": \"pooled\", \"run\": $run, \"maxrss_kib\": $(peak_kib), \"result\": {\"time_s\": $elapsed}}" >>"$results"
  printf '  %-14s %-16s run %d: %s s\n' "$task" pooled "$run" "$elapsed" >&2
}

if [[ " $tasks " == *" orlib "* ]]; then
  echo "OR-Library p-median: pooled on pmed1..40, PuLP + CBC on pmed1..$peer_instances" >&2
  for k in $(seq 1 40); do
    opt="$(optimum "$k")"
    measure "pmed$k" pooled "$bin/bench_orlib_pmedian" --exact "$exact_seconds" "$orlib/pmed$k.txt" "$opt"
    if [ "$k" -le "$peer_instances" ]; then
      measure "pmed$k" pulp_cbc "$py" "$here/peers.py" "$orlib/pmed$k.txt" "$opt" "$peer_seconds"
    fi
  done
fi

if [[ " $tasks " == *" synthetic "* ]]; then
  echo "synthetic ${synthetic[*]}: pooled" >&2
  measure synthetic pooled "$bin/bench_synthetic_pmedian" "${synthetic[@]}" 1
fi

if [[ " $tasks " == *" estate "* ]]; then
  # Derbyshire (testdata/derbyshire): co-location groups among schools, libraries, GP practices
  # and hospitals (one service and owner per layer) within 500 m and 2 km, against geopandas +
  # networkx; the library consolidations of tests/cli/consolidate_cli_test.cpp (the fewest
  # libraries keeping 95% of residents within 15 minutes at 30 km/h; the p-median keeping 15)
  # against PuLP + CBC. Run from the repository root (the peers read testdata/ and share/).
  cd "$root"
  F=testdata/derbyshire/derbyshire_facilities.gpkg
  colocate=("$bench_prefix/bin/pooled" colocate --json)
  for spec in schools_gias_2025=school=Schools libraries_2016=library="Library services" \
    gp_practices_2022="gp practice"="GP practices" hospitals_2022=hospital="NHS hospitals"; do
    IFS='=' read -r layer service owner <<<"$spec"
    colocate+=(--assets "$F:$layer" --service "$layer=$service" --organisation "$layer=$owner")
  done
  consolidate=("$bench_prefix/bin/pooled" consolidate --assets "$F:libraries_2016"
    --zones testdata/derbyshire/derbyshire_zones.gpkg:lsoa21 --service library
    --asset-field constants.service=library --exclude closed=XL,XLR --json)
  echo "estate tasks, $runs runs each: pooled / peer interleaved" >&2
  for run in $(seq 1 "$runs"); do
    for within in 500 2000; do
      rm -f "$work/colocate.gpkg"
      measure_cli "colocate$within" "$run" "$work/colocate.json" "${colocate[@]}" --within "${within}m" -o "$work/colocate.gpkg"
      bench_measure "$work" "$results" "colocate$within" geopandas_networkx "$run" \
        "$py" "$here/peers_estate.py" colocate "$within" "$work/colocate.gpkg"
    done
    measure_cli consolidate_coverage "$run" "$work/coverage.json" "${consolidate[@]}" --min-coverage 95% --within 15min
    bench_measure "$work" "$results" consolidate_coverage pulp_cbc "$run" \
      "$py" "$here/peers_estate.py" consolidate coverage "$work/coverage.json"
    measure_cli consolidate_keep "$run" "$work/keep.json" "${consolidate[@]}" --keep 15
    bench_measure "$work" "$results" consolidate_keep pulp_cbc "$run" \
      "$py" "$here/peers_estate.py" consolidate keep "$work/keep.json"
  done
  cp "$work/coverage.json" "$work/keep.json" "$work/colocate.json" "$out/"
fi

echo "{\"machine_end\": {\"load_end\": \"$(load)\"}}" >>"$results"
"$py" "$here/report.py" "$results" >"$out/results.md"
cat "$out/results.md"
