#!/usr/bin/env bash
# Segmentation benchmark (issue 5): pooled's kmeans() against scikit-learn's KMeans (lloyd and
# elkan), side by side in one run on the same matrices: the Derbyshire Output Area matrix and a
# synthetic England-scale one (190,000 rows). Prints a Markdown table; no timing is asserted.
# See bench/README.md.
#
# Usage: bench/segmentation/run.sh          (as root, to install missing peers)
#   POOLED_BENCH_RUNS=N       measured runs per tool and task (DEFAULT 3)
#   POOLED_BENCH_SYNTHETIC_RUNS=N  runs on the synthetic matrix (DEFAULT POOLED_BENCH_RUNS)
#   POOLED_BENCH_OUT=DIR      where inputs and results go (DEFAULT build-bench/segmentation)
#   POOLED_BENCH_ROWS=N       rows of the synthetic matrix (DEFAULT 190000)
#   POOLED_BENCH_RESTARTS=N   restarts / n_init (DEFAULT 100); POOLED_BENCH_K (DEFAULT 8)
#   POOLED_BENCH_SYNTHETIC_RESTARTS=N  the same on the synthetic matrix (DEFAULT
#                             POOLED_BENCH_RESTARTS; scikit-learn needs ~2 min per start there
#                             on a loaded 2-core machine, so fewer make a run fit an hour)
#   POOLED_BENCH_SPEC=FILE    variable spec (DEFAULT share/pooled/oac2021_variables.csv when
#                             present, else every top-level census category: see make_matrix.py)
#
# Steps: installs the peers from Debian if missing; builds pooled Release in build-bench/ and
# installs it into a temporary prefix; builds bench/segmentation against that install with
# find_package(Pooled); writes the matrices once (make_matrix.py); runs every fit as its own
# process under /usr/bin/time -v (peak memory = its "Maximum resident set size"); runs are
# interleaved across tools (run 1 of every tool, then run 2, ...) so that load from other
# processes falls on all of them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../common.sh
source "$root/bench/common.sh"
runs="${POOLED_BENCH_RUNS:-3}"
synthetic_runs="${POOLED_BENCH_SYNTHETIC_RUNS:-$runs}"
out="${POOLED_BENCH_OUT:-$root/build-bench/segmentation}"
rows="${POOLED_BENCH_ROWS:-190000}"
restarts="${POOLED_BENCH_RESTARTS:-100}"
synthetic_restarts="${POOLED_BENCH_SYNTHETIC_RESTARTS:-$restarts}"
k="${POOLED_BENCH_K:-8}"
threads=2
py=/usr/bin/python3 # Debian's python, with Debian's numpy and scikit-learn
spec="${POOLED_BENCH_SPEC:-$root/share/pooled/oac2021_variables.csv}"
if [ ! -f "$spec" ]; then
  spec="auto:$root/testdata/derbyshire/census2021_variables.csv"
fi

# --- peers -------------------------------------------------------------------------------
bench_install_peers python3-sklearn gdal-bin time

# --- build -------------------------------------------------------------------------------
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bench_build "$root" "$here" "$work"
bin="$work/bench"

# --- inputs ------------------------------------------------------------------------------
mkdir -p "$out"
rm -f "$out"/results.jsonl "$out"/*.labels
ogr2ogr -f CSV "$work/oa21.csv" "$root/testdata/derbyshire/derbyshire_zones.gpkg" oa21_pwc
echo "writing the matrices ($spec)" >&2
"$py" "$here/make_matrix.py" "$work/oa21.csv" "$spec" "$out" "$rows" >"$out/matrices.json"
results="$out/results.jsonl"
load() { cut -d' ' -f1-3 /proc/loadavg; }
{
  echo "{\"machine\": {\"nproc\": $(nproc), \"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\"," \
    "\"date\": \"$(date -u +%Y-%m-%dT%H:%MZ)\", \"load_start\": \"$(load)\", \"runs\": $runs, \"synthetic_runs\": $synthetic_runs, \"k\": $k," \
    "\"restarts\": $restarts, \"synthetic_restarts\": $synthetic_restarts, \"threads\": $threads, \"spec\": \"${spec#"$root"/}\"," \
    "\"commit\": \"$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src include || echo '+local changes')\"}}"
} >>"$results"

# measure TASK TOOL RUN COMMAND...: one process under /usr/bin/time -v (bench/common.sh).
measure() { bench_measure "$work" "$results" "$@"; }

for task in derbyshire synthetic; do
  matrix="$out/$task.bin"
  task_runs="$runs" task_restarts="$restarts"
  if [ "$task" = synthetic ]; then task_runs="$synthetic_runs" task_restarts="$synthetic_restarts"; fi
  echo "task $task: k = $k, $task_restarts restarts" >&2
  for r in $(seq "$task_runs"); do
    measure "$task" pooled "$r" "$bin/bench_kmeans" "$matrix" "$k" "$task_restarts" "$threads" hamerly "$out/$task.pooled.labels"
    if [ "$task" = derbyshire ]; then # plain Lloyd, to show what the bounds save
      measure "$task" pooled-lloyd "$r" "$bin/bench_kmeans" "$matrix" "$k" "$task_restarts" "$threads" lloyd
    fi
    for algorithm in lloyd elkan; do
      measure "$task" "sklearn-$algorithm" "$r" "$py" "$here/peers.py" "$matrix" "$k" "$task_restarts" "$algorithm" \
        "$out/$task.sklearn-$algorithm.labels"
    done
  done
done

echo "{\"machine_end\": {\"load_end\": \"$(load)\"}}" >>"$results"
"$py" "$here/report.py" "$out"
