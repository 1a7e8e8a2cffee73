#!/usr/bin/env bash
# Accessibility benchmark (issue 4): every measure of pooled's accessibility module against the
# same measure written in numpy/scipy (bench/accessibility/peers.py), side by side in one run on
# the same matrix files. Prints one line per run and writes bench/accessibility/RESULTS.md; no
# timing is asserted.
#
# Usage: bench/accessibility/run.sh        # about 10 minutes on 2 cores
#   POOLED_BENCH_RUNS=N      measured runs per tool, measure and input (DEFAULT 3)
#   POOLED_BENCH_OUT=DIR     run records (DEFAULT build-bench/accessibility)
#   POOLED_BENCH_RESULTS=F   the Markdown results (DEFAULT bench/accessibility/RESULTS.md)
#   POOLED_BENCH_ZONES=N     zones of the synthetic inputs (DEFAULT 190000; sites stay 10,000)
#
# Inputs (written once by bench_accessibility, read by both tools; loading is not timed):
#   derbyshire  the 3,447 Output Area population-weighted centroids x all 1,188 points of
#               derbyshire_facilities.gpkg (schools, libraries, hospitals, GPs, fire stations, DFRS
#               estate), dense straight-line metres; cutoff 10 km, exponential beta 1/5000 per metre
#   synthetic-K 190,000 zones x 10,000 sites, K sites per zone (K = 10, 20, 40: 1.9M, 3.8M, 7.6M
#               entries, to show the time is linear in entries); costs U[60, 3600) s; cutoff 1800 s,
#               exponential beta 1/600 per second
# As bench/network/run.sh: builds pooled Release in build-bench/, installs it into a temporary prefix,
# builds this directory against it with find_package(Pooled); each measurement is its own process
# under /usr/bin/time -v (peak memory = "Maximum resident set size"), runs interleaved across tools.
# Times are the process CPU time and the elapsed time of the measure alone (both tools). The issue's
# target (5x numpy) is read in elapsed time, pooled on every core against numpy on one: in CPU time
# it would lie below the "floor" row, one read of the matrix at the memory's bandwidth.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../common.sh
source "$root/bench/common.sh"
runs="${POOLED_BENCH_RUNS:-3}"
out="${POOLED_BENCH_OUT:-$root/build-bench/accessibility}"
results_md="${POOLED_BENCH_RESULTS:-$here/RESULTS.md}"
py=/usr/bin/python3
"$py" -c "import numpy, scipy" || { echo "needs python3-numpy and python3-scipy (Debian)" >&2; exit 1; }
[ -x /usr/bin/time ] || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bench_build "$root" "$here" "$work"
bench="$work/bench/bench_accessibility"
mkdir -p "$out"
results="$out/results.jsonl"
rm -f "$results"
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "inputs ..." >&2
"$bench" derbyshire "$root/testdata/derbyshire/derbyshire_zones.gpkg" "$root/testdata/derbyshire/derbyshire_facilities.gpkg" \
  "$work/derbyshire.bin"
for k in 10 20 40; do "$bench" synthetic "${POOLED_BENCH_ZONES:-190000}" 10000 "$k" 20241129 "$work/synthetic-$k.bin"; done

echo "{\"machine\": {\"nproc\": $(nproc), \"date\": \"$(date -u +%Y-%m-%dT%H:%MZ)\", \"load_start\": \"$(load)\", \"runs\": $runs," \
  "\"commit\": \"$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src include || echo '+local changes')\"," \
  "\"numpy\": \"$("$py" -c 'import numpy, scipy; print(f"numpy {numpy.__version__} / scipy {scipy.__version__}")')\"," \
  "\"compiler\": \"$(c++ --version | head -1)\"}}" >>"$results"

# measure INPUT MEASURE TOOL RUN COMMAND...: one process (bench_process), recorded in results.jsonl.
measure() {
  local input="$1" m="$2" tool="$3" run="$4"
  shift 4
  if ! bench_process "$work" "$@"; then
    echo "FAILED: $input $m $tool: $*" >&2
    cat "$work/stderr.txt" >&2
    exit 1
  fi
  echo "{\"input\": \"$input\", \"measure\": \"$m\", \"tool\": \"$tool\", \"run\": $run, \"maxrss_kib\": $BENCH_RSS_KIB, \"result\": $BENCH_RESULT}" >>"$results"
  printf '  %-13s %-12s %-6s run %d: %s s\n' "$input" "$m" "$tool" "$run" \
    "$(sed -n 's/.*"time_s": \([0-9.e-]*\).*/\1/p' <<<"$BENCH_RESULT")" >&2
}

for input in derbyshire synthetic-10 synthetic-20 synthetic-40; do
  if [ "$input" = derbyshire ]; then cutoff=10000 beta=0.0002; else cutoff=1800 beta=0.0016666666666666668; fi
  # The floor: one read of the matrix on every core, what no measure can beat (not a measure).
  for r in $(seq "$runs"); do
    measure "$input" floor floor "$r" "$bench" run "$work/$input.bin" floor "$cutoff" 0
    measure "$input" floor-ahead floor "$r" "$bench" run "$work/$input.bin" floor-ahead "$cutoff" 0
  done
  for m in 2sfca e2sfca 3sfca gravity cumulative availability huff coverage; do
    for r in $(seq "$runs"); do
      measure "$input" "$m" pooled "$r" "$bench" run "$work/$input.bin" "$m" "$cutoff" "$beta"
      measure "$input" "$m" numpy "$r" "$py" "$here/peers.py" "$work/$input.bin" "$m" "$cutoff" "$beta"
    done
  done
done
echo "{\"machine_end\": {\"load_end\": \"$(load)\"}}" >>"$results"
"$py" "$here/report.py" "$results" "$results_md"
cat "$results_md"
