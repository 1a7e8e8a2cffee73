#!/usr/bin/env bash
# Every benchmark side by side (issue 8): builds pooled Release once, installs every peer from
# Debian, runs each task's benchmark (bench/<task>/run.sh) on its seeded synthetic inputs and
# the national run (bench/national/run.sh), then prints ONE line per task: input size, pooled's
# median time and peak memory, each peer's, the ratios and whether the results agree. No timing
# is asserted anywhere. See bench/README.md, "Side by side".
#
# Usage: bench/compare.sh [--quick]     # as root, on Debian 12
#   --quick   small inputs and short limits (a few minutes), to check the script end to end
#   (full)    the issue's sizes: 190,000 zones, 100,000 assets, road-like grids of 4,000,000
#             nodes; 72 minutes on 2 cores on 2026-11-29, with builds beside it (network 10 min,
#             catchments 20, accessibility 1.5, segmentation 5.5, location-allocation 23,
#             national 7, plus the Release build)
#   POOLED_BENCH_RUNS=N   runs per tool (DEFAULT 3; the tables give medians)
#   POOLED_COMPARE_OUT=DIR  where everything goes (DEFAULT build-bench/compare)
#   POOLED_COMPARE_TASKS="network catchment ..."  a subset, in this order (DEFAULT all six)
#
# Writes OUT/compare.md (the table), OUT/compare.jsonl (one record per task) and each task's
# own results in OUT/<task>/. PostgreSQL (catchments: PostGIS; network: pgRouting) runs as a
# throwaway server per benchmark on a Unix socket only (listen_addresses = '', so not even
# loopback TCP), started by that benchmark and stopped by its EXIT trap; this script stops any
# server still running under its temporary directory when it ends, whatever the reason.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h | --help) sed -n '2,24p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$(id -u)" -ne 0 ]; then
  echo "bench/compare.sh installs the peers with apt-get and runs PostgreSQL as its own user: run it as root" >&2
  exit 1
fi
out="${POOLED_COMPARE_OUT:-$root/build-bench/compare}"
tasks="${POOLED_COMPARE_TASKS:-network catchment accessibility segmentation colocation national}"
export POOLED_BENCH_RUNS="${POOLED_BENCH_RUNS:-3}"
py=/usr/bin/python3

# --- peers, all at once ------------------------------------------------------------------
bench_install_peers python3-numpy python3-scipy python3-sklearn python3-igraph python3-networkx \
  python3-pulp coinor-cbc postgresql-15-postgis-3 postgresql-15-pgrouting gdal-bin time
if ! "$py" -c "import geopandas" 2>/dev/null; then # the catchment benchmark runs without it
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq python3-geopandas >/dev/null 2>&1 ||
    echo "python3-geopandas could not be installed: catchments run without geopandas" >&2
fi

# --- temporary directory, and the PostgreSQL safety net ------------------------------------
work="$(mktemp -d)"
chmod 755 "$work" # the throwaway servers' directories live under it and run as user postgres
stop_servers() {
  local pid_file pg_ctl
  for pid_file in "$work"/tmp/*/data/postmaster.pid; do
    [ -f "$pid_file" ] || continue
    pg_ctl="$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)"
    echo "stopping the PostgreSQL server left in ${pid_file%/postmaster.pid}" >&2
    runuser -u postgres -- "$pg_ctl" -D "${pid_file%/postmaster.pid}" -m fast stop >/dev/null 2>&1 || true
  done
}
cleanup() {
  stop_servers
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -m 755 "$work/tmp"
export TMPDIR="$work/tmp" # every mktemp of the benchmarks, pg_start's among them

# --- pooled, built once ------------------------------------------------------------------
bench_install_pooled "$root" "$work/prefix"
export POOLED_BENCH_PREFIX="$work/prefix"

# --- sizes ---------------------------------------------------------------------------------
# Full: the issue's sizes. Quick: each benchmark's smallest meaningful run.
if [ "$quick" = 1 ]; then
  export POOLED_BENCH_GRID=300 POOLED_BENCH_ROAD=300 POOLED_BENCH_MATRIX=50 # network
  export POOLED_BENCH_POINTS=2000                                           # catchments
  export POOLED_BENCH_ZONES=5000                                            # accessibility
  export POOLED_BENCH_ROWS=5000 POOLED_BENCH_RESTARTS=5                     # segmentation
  export POOLED_BENCH_PEER_INSTANCES=3 POOLED_BENCH_PEER_SECONDS=30 POOLED_BENCH_EXACT_SECONDS=0 \
    POOLED_BENCH_SYNTHETIC="5000 200 20 10"                                 # location-allocation
  export POOLED_NATIONAL_ZONES=5000 POOLED_NATIONAL_ASSETS=2000 POOLED_NATIONAL_GRID=300
else
  export POOLED_BENCH_ROAD=2000 # the matrix on a road-like grid of 4,000,000 nodes
  export POOLED_BENCH_POINTS=100000 # one 3 km buffer per asset
  export POOLED_BENCH_SYNTHETIC_RESTARTS=10 # scikit-learn: 5-15 s a start at 190,000 rows
  export POOLED_BENCH_PEER_SECONDS=60 POOLED_BENCH_EXACT_SECONDS=20
fi

# --- the benchmarks ------------------------------------------------------------------------
load() { cut -d' ' -f1-3 /proc/loadavg; }
mkdir -p "$out"
{
  echo "{\"machine\": {\"nproc\": $(nproc), \"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\"," \
    "\"ram_gib\": $(awk '/MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo), \"date\": \"$(date -u +%Y-%m-%dT%H:%MZ)\"," \
    "\"load_start\": \"$(load)\", \"quick\": $([ "$quick" = 1 ] && echo true || echo false), \"runs\": $POOLED_BENCH_RUNS," \
    "\"commit\": \"$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src include || echo '+local changes')\"}}"
} >"$out/machine.json"
for task in $tasks; do
  started=$SECONDS
  echo "== $task (load $(load))" >&2
  rm -rf "${out:?}/$task"
  mkdir -p "$out/$task"
  case "$task" in
    colocation)
      # Its script measures every instance once: it runs POOLED_BENCH_RUNS times, and the
      # report takes each measurement's median over those runs.
      for r in $(seq "$POOLED_BENCH_RUNS"); do
        POOLED_BENCH_OUT="$out/$task/run$r" "$here/$task/run.sh" >"$out/$task/run$r.log" 2>&1 ||
          { tail -20 "$out/$task/run$r.log" >&2; exit 1; }
      done
      ;;
    national)
      # One run (several minutes and GiBs): its stages are timed inside it.
      POOLED_BENCH_OUT="$out/$task" POOLED_NATIONAL_INPUTS="$out/national-inputs" "$here/national/run.sh" \
        >"$out/$task/run.log" 2>&1 || { tail -20 "$out/$task/run.log" >&2; exit 1; }
      ;;
    network | catchment | accessibility | segmentation)
      POOLED_BENCH_OUT="$out/$task" POOLED_BENCH_RESULTS="$out/$task/RESULTS.md" "$here/$task/run.sh" \
        >"$out/$task/run.log" 2>&1 || { tail -20 "$out/$task/run.log" >&2; exit 1; }
      ;;
    *) echo "unknown task $task" >&2; exit 2 ;;
  esac
  echo "   $task took $((SECONDS - started)) s" >&2
done
echo "{\"load_end\": \"$(load)\"}" >"$out/machine_end.json"
"$py" "$here/compare.py" "$out" $tasks
