#!/usr/bin/env bash
# Network benchmarks (issue 3): pooled against scipy.sparse.csgraph, igraph, networkx and
# pgRouting, side by side in one run on the same inputs. Prints one line per task and a
# Markdown table; no timing is asserted. See bench/README.md.
#
# Usage: bench/network/run.sh
#   POOLED_BENCH_RUNS=N   measured runs per tool and task (DEFAULT 3; Rutland tasks: N + 2)
#   POOLED_BENCH_OUT=DIR  where inputs, outputs and results go (DEFAULT build-bench/network)
#   POOLED_BENCH_MATRIX=N task 2 with N x N instead of 1000 x 1000 (to try the script quickly)
#   POOLED_BENCH_GRID=W   task 1's large grid W x W instead of 2000 x 2000 (the task keeps its name)
#   POOLED_BENCH_ROAD=W   task 2's road-like grid W x W instead of 1000 x 1000 (the task keeps its name)
#
# Steps: installs the peers from Debian (as root); builds pooled Release in build-bench/
# (tests off) and installs it into a temporary prefix; builds bench/ against that install
# with find_package(Pooled), like tests/postinstall; writes the seeded inputs; runs every
# measurement as its own process under /usr/bin/time -v (peak memory = its "Maximum resident
# set size"; pgRouting: the server backend's VmHWM); runs are interleaved across tools
# (run 1 of every tool, then run 2, ...) so that load from other processes falls on all.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../common.sh
source "$root/bench/common.sh"
# shellcheck source=../../scripts/lib/throwaway_postgres.sh
source "$root/scripts/lib/throwaway_postgres.sh"
runs="${POOLED_BENCH_RUNS:-3}"
small_runs=$((runs + 2))
out="${POOLED_BENCH_OUT:-$root/build-bench/network}"
py=/usr/bin/python3 # Debian's python, with Debian's scipy, igraph and networkx
rutland="$root/testdata/rutland"
pbf="$rutland/rutland-latest.osm.pbf"
origins_spec="$rutland/rutland_zones.gpkg:oa21_pwc"
destinations_spec="$rutland/rutland_osm_geofabrik.gpkg:public_sector_pois_bng"

# --- peers -------------------------------------------------------------------------------
bench_install_peers python3-scipy python3-igraph python3-networkx postgresql-15-pgrouting time

# --- build -------------------------------------------------------------------------------
work="$(mktemp -d)"
cleanup() {
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
bench_build "$root" "$here" "$work"
bin="$work/bench"

mkdir -p "$out"
rm -f "$out"/*.bin "$out"/results.jsonl
results="$out/results.jsonl"
load() { cut -d' ' -f1-3 /proc/loadavg; }
{
  echo "{\"machine\": {\"nproc\": $(nproc), \"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\"," \
    "\"date\": \"$(date -u +%Y-%m-%dT%H:%MZ)\", \"load_start\": \"$(load)\", \"runs\": $runs," \
    "\"commit\": \"$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src include || echo '+local changes')\"}}"
} >>"$results"

# measure TASK TOOL RUN COMMAND...: one process under /usr/bin/time -v; its RESULT line and
# peak resident memory go to results.jsonl.
measure() { bench_measure "$work" "$results" "$@"; }
# keep RUN PATH: sets kept=(PATH) for the first run (its output is kept for the agreement
# checks), kept=() after.
keep() { kept=(); if [ "$1" -eq 1 ]; then kept=("$2"); fi; }

# --- task 1: one-to-all on a 2000 x 2000 grid (and 500 x 500 for networkx) -----------------
echo "task 1: one-to-all search on grids" >&2
"$bin/bench_grid_gen" square "${POOLED_BENCH_GRID:-2000}" "${POOLED_BENCH_GRID:-2000}" 1 "$out/grid2000.bin" 2>/dev/null
"$bin/bench_grid_gen" square 500 500 1 "$out/grid500.bin" 2>/dev/null
for r in $(seq "$runs"); do
  keep "$r" "$out/grid2000.pooled.bin"
  measure grid2000 pooled "$r" "$bin/bench_grid_search" "$out/grid2000.bin" "${kept[@]}"
  for tool in scipy igraph; do
    keep "$r" "$out/grid2000.$tool.bin"
    measure grid2000 "$tool" "$r" "$py" "$here/peers.py" grid "$tool" "$out/grid2000.bin" "${kept[@]}"
  done
done
for r in $(seq "$runs"); do
  keep "$r" "$out/grid500.pooled.bin"
  measure grid500 pooled "$r" "$bin/bench_grid_search" "$out/grid500.bin" "${kept[@]}"
  for tool in scipy igraph networkx; do
    keep "$r" "$out/grid500.$tool.bin"
    measure grid500 "$tool" "$r" "$py" "$here/peers.py" grid "$tool" "$out/grid500.bin" "${kept[@]}"
  done
done

# --- task 2: 1,000 x 1,000 matrix on a 1M-node road-like grid ------------------------------
# Peers are single-threaded and take ~0.5 s per origin here, so they route the first
# $peer_origins origins to all 1,000 destinations; report.py scales their time to 1,000.
echo "task 2: ${POOLED_BENCH_MATRIX:-1000} x ${POOLED_BENCH_MATRIX:-1000} matrix on a road-like 1000 x 1000 grid" >&2
matrix="${POOLED_BENCH_MATRIX:-1000}"
peer_origins=$((matrix < 10 ? matrix : 10))
"$bin/bench_grid_gen" road "${POOLED_BENCH_ROAD:-1000}" "${POOLED_BENCH_ROAD:-1000}" 2 "$out/road1000.bin" 2>/dev/null
"$bin/bench_grid_matrix" pick "$out/road1000.bin" "$matrix" "$matrix" 3 "$out/road1000.picks.txt" 2>/dev/null
for r in $(seq "$runs"); do
  keep "$r" "$out/road1000.pooled.bin"
  measure road1000 pooled "$r" "$bin/bench_grid_matrix" run "$out/road1000.bin" "$out/road1000.picks.txt" 2 \
    "${kept[@]:--}" hierarchy
  for tool in igraph scipy; do
    keep "$r" "$out/road1000.$tool.bin"
    measure road1000 "$tool" "$r" "$py" "$here/peers.py" matrix "$tool" "$out/road1000.bin" "$out/road1000.picks.txt" \
      "$peer_origins" "${kept[@]}"
  done
done

# --- task 3: Rutland Output Areas x public buildings ---------------------------------------
echo "task 3: Rutland OA x public-building matrix" >&2
rdir="$out/rutland"
rm -rf "$rdir"
mkdir -p "$rdir"
"$bin/bench_rutland" export "$pbf" "$origins_spec" oa21cd "$destinations_spec" osm_id "$rdir" >"$rdir/export.txt"

# A throwaway PostgreSQL with pgRouting on a Unix socket, as tests/postgis/run.sh does.
pg_start
psql=("${pg_psql[@]}" -d postgres)
"${psql[@]}" -c "SET client_min_messages = warning; CREATE EXTENSION pgrouting CASCADE" >/dev/null
"${psql[@]}" >/dev/null <<SQL
CREATE TABLE edges (id bigint, source bigint, target bigint, cost float8, reverse_cost float8);
\copy edges FROM '$rdir/edges.csv' WITH (FORMAT csv, HEADER true)
-- pgRouting vertex ids start at 1: NodeId + 1.
UPDATE edges SET id = id + 1, source = source + 1, target = target + 1;
CREATE INDEX ON edges (id);
ANALYZE edges;
SQL
vertex_array() { awk -F, 'NR > 1 {printf "%s%d", (n++ ? "," : ""), $2 + 1}' "$1"; }
pg_origins="ARRAY[$(vertex_array "$rdir/origins.csv")]"
pg_destinations="ARRAY[$(vertex_array "$rdir/destinations.csv")]"
pg_all="ARRAY(SELECT DISTINCT unnest($pg_origins || $pg_destinations))"
edges_sql="'SELECT id, source, target, cost, reverse_cost FROM edges'"
pg_version="$("${psql[@]}" -At -c "SELECT 'PostgreSQL ' || split_part(version(), ' ', 2) || ' / pgRouting ' || pgr_version()")"

# pgrouting TASK FUNCTION QUERY RUN: one session (one backend) running QUERY; its time is
# psql's \timing, its memory the backend's peak resident set (VmHWM) read after the query.
pgrouting() {
  local task="$1" name="$2" query="$3" run="$4" kept_file="$rdir/$1.pgrouting.txt"
  "${psql[@]}" -At >"$work/pg.txt" <<SQL
SELECT pg_backend_pid() AS backend \gset
\setenv BACKEND :backend
\o $([ "$run" -eq 1 ] && echo "$kept_file" || echo /dev/null)
\timing on
$query;
\timing off
\o
\! echo "HWM \$(grep VmHWM /proc/\$BACKEND/status)"
SQL
  local ms rss
  ms="$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$work/pg.txt" | tail -1)"
  rss="$(awk '/^HWM/ {print $3}' "$work/pg.txt")"
  echo "{\"task\": \"$task\", \"tool\": \"pgrouting\", \"run\": $run, \"maxrss_kib\": $rss, \"result\": {\"tool\": \"pgrouting\", \"function\": \"$name\", \"version\": \"$pg_version\", \"time_s\": $(awk -v m="$ms" 'BEGIN {print m / 1000}')}}" >>"$results"
  printf '  %-14s %-24s run %d: %s ms\n' "$task" "pgrouting $name" "$run" "$ms" >&2
}
for r in $(seq "$small_runs"); do
  keep "$r" "$rdir/rutland.pooled.bin"
  measure rutland pooled "$r" "$bin/bench_rutland" matrix "$pbf" "$origins_spec" oa21cd "$destinations_spec" osm_id 2 \
    "${kept[@]}"
  keep "$r" "$rdir/rutland-nodes.pooled.bin"
  measure rutland-nodes pooled "$r" "$bin/bench_rutland" nodes "$pbf" "$rdir" "${kept[@]}"
  keep "$r" "$rdir/rutland-nodes.pooled-ch.bin"
  measure rutland-nodes pooled-ch "$r" "$bin/bench_rutland" nodes-ch "$pbf" "$rdir" "${kept[@]}"
  for tool in scipy igraph networkx; do
    keep "$r" "$rdir/rutland-nodes.$tool.bin"
    measure rutland-nodes "$tool" "$r" "$py" "$here/peers.py" rutland "$tool" "$rdir" "${kept[@]}"
  done
  pgrouting rutland-nodes pgr_dijkstraCost \
    "SELECT * FROM pgr_dijkstraCost($edges_sql, $pg_origins, $pg_destinations, directed := true)" "$r"
  pgrouting rutland-allpairs pgr_dijkstraCostMatrix \
    "SELECT * FROM pgr_dijkstraCostMatrix($edges_sql, $pg_all, directed := true)" "$r"
done
pg_stop

# --- task 4: building the Rutland drive graph from the PBF ---------------------------------
echo "task 4: Rutland drive graph from the PBF" >&2
measure rutland-build pooled 1 "$bin/bench_rutland" build "$pbf" 5

echo "{\"machine_end\": {\"load_end\": \"$(load)\"}}" >>"$results"
"$py" "$here/report.py" "$out"
