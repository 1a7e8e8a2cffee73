#!/usr/bin/env bash
# Catchment benchmark (issue 3): population in 20,000 random 3 km buffers by area share,
# pooled against PostGIS (and geopandas, if available), side by side in one run on the same
# inputs. Prints one line per task and writes bench/catchment/RESULTS.md; no timing is asserted.
#
# Usage: bench/catchment/run.sh            # as root; about 3 minutes on 2 cores
#   POOLED_BENCH_RUNS=N       measured runs per tool and task (DEFAULT 3)
#   POOLED_BENCH_POINTS=N     number of buffers (DEFAULT 20000)
#   POOLED_BENCH_GEOPANDAS=0  skip geopandas (DEFAULT: run it if /usr/bin/python3 has it,
#                             or apt-get can install python3-geopandas)
#   POOLED_BENCH_OUT=DIR      run records and per-buffer totals (DEFAULT build-bench/catchment)
#   POOLED_BENCH_RESULTS=FILE the Markdown results (DEFAULT bench/catchment/RESULTS.md)
#
# Tasks: A = the 651 Derbyshire LSOAs; B = Voronoi cells of the 3,447 OA population-weighted
# centroids clipped to the union of the LSOAs (made once with PostGIS, each cell carrying its
# OA's population). Both zone sets go into one GeoPackage and the points into one CSV, in a
# temporary directory, and every tool reads those.
#
# As bench/network/run.sh: builds pooled Release in build-bench/ (tests off), installs it into a
# temporary prefix and builds bench/catchment/ against it with find_package(Pooled); runs every
# pooled and geopandas measurement as its own process under /usr/bin/time -v (peak memory =
# "Maximum resident set size"); PostGIS runs in a throwaway server on a Unix socket (as
# tests/postgis/run.sh), each measurement in its own session, timed with psql's \timing (peak
# memory: the session backend's VmHWM, read from /proc after the query); runs are interleaved
# across tools (run 1 of every tool, then run 2, ...) so that load from others falls on all.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../common.sh
source "$root/bench/common.sh"
# shellcheck source=../../scripts/lib/throwaway_postgres.sh
source "$root/scripts/lib/throwaway_postgres.sh"
runs="${POOLED_BENCH_RUNS:-3}"
npoints="${POOLED_BENCH_POINTS:-20000}"
out="${POOLED_BENCH_OUT:-$root/build-bench/catchment}"
results_md="${POOLED_BENCH_RESULTS:-$here/RESULTS.md}"
py=/usr/bin/python3 # Debian's python, with Debian's geopandas
zones_src="$root/testdata/derbyshire/derbyshire_zones.gpkg"
radius=3000
seed=20240603
# The extent of derbyshire_zones.gpkg:lsoa21 (EPSG:27700), as ogrinfo -so reports it.
extent=(397850.37 455676.17 311057.31 404872.31)

# --- tools -------------------------------------------------------------------------------
bench_install_peers postgresql-15-postgis-3 gdal-bin time
geopandas="${POOLED_BENCH_GEOPANDAS:-1}"
geopandas_note=""
if [ "$geopandas" != 0 ] && ! "$py" -c "import geopandas" 2>/dev/null; then
  echo "installing python3-geopandas (at most 5 minutes)" >&2
  if ! DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq python3-geopandas >/dev/null 2>&1 ||
    ! "$py" -c "import geopandas" 2>/dev/null; then
    geopandas=0
    geopandas_note="python3-geopandas could not be installed within 5 minutes"
  fi
fi
[ "$geopandas" != 0 ] || [ -n "$geopandas_note" ] || geopandas_note="skipped (POOLED_BENCH_GEOPANDAS=0)"

# --- build -------------------------------------------------------------------------------
work="$(mktemp -d)"
cleanup() {
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
bench_build "$root" "$here" "$work"
bench="$work/bench/bench_catchment"

mkdir -p "$out"
rm -f "$out"/*.csv "$out"/*.txt "$out"/results.jsonl
results="$out/results.jsonl"
load() { cut -d' ' -f1-3 /proc/loadavg; }
json_str() { "$py" -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$1"; }

# --- a throwaway PostgreSQL with PostGIS on a Unix socket, as tests/postgis/run.sh -------
pg_start
psql=("${pg_psql[@]}" -d postgres)
pg_conn="PG:host=$pg_dir port=$pg_port user=pooled dbname=postgres"
"${psql[@]}" -c "SET client_min_messages = warning; CREATE EXTENSION postgis" >/dev/null
pg_version="$("${psql[@]}" -At -c "SELECT 'PostgreSQL ' || current_setting('server_version') || ' / PostGIS ' || postgis_lib_version() || ' / GEOS ' || postgis_geos_version()")"

# --- inputs (once) -----------------------------------------------------------------------
echo "inputs: $npoints points, zones A (LSOAs) and B (OA Voronoi cells)" >&2
points="$work/points.csv"
zones="$work/zones.gpkg"
"$bench" points "$npoints" "$seed" "${extent[@]}" "$points"
# A: the LSOAs with their population, as they are.
ogr2ogr -f GPKG "$zones" "$zones_src" -nln zones_a -nlt PROMOTE_TO_MULTI \
  -sql "SELECT lsoa21cd, ts0010001 AS pop, geom FROM lsoa21" 2>/dev/null
# B: made in PostGIS from the LSOAs and the OA centroids, then exported beside A.
ogr2ogr -f PostgreSQL "$pg_conn" "$zones_src" -nln src_lsoa21 -nlt PROMOTE_TO_MULTI -lco GEOMETRY_NAME=geom \
  -sql "SELECT lsoa21cd, ts0010001 AS pop, geom FROM lsoa21" 2>/dev/null
ogr2ogr -f PostgreSQL "$pg_conn" "$zones_src" -nln src_oa21_pwc -lco GEOMETRY_NAME=geom \
  -sql "SELECT oa21cd, ts0010001 AS pop, geom FROM oa21_pwc" 2>/dev/null
"${psql[@]}" >/dev/null <<'SQL'
CREATE TABLE src_study AS SELECT ST_Union(geom) AS geom FROM src_lsoa21;
-- One Voronoi cell per centroid over the study area (grown by 10 km), each joined to the
-- centroid inside it and clipped to the union of the LSOAs.
CREATE TABLE src_zones_b AS
WITH cells AS (
  SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(geom), 0.0,
                                     (SELECT ST_Expand(ST_Envelope(geom), 10000) FROM src_study)))).geom AS geom
  FROM src_oa21_pwc)
SELECT p.oa21cd, p.pop,
       ST_Multi(ST_CollectionExtract(ST_Intersection(c.geom, s.geom), 3))::geometry(MultiPolygon, 27700) AS geom
FROM cells c JOIN src_oa21_pwc p ON ST_Intersects(c.geom, p.geom) CROSS JOIN src_study s
ORDER BY p.oa21cd;
SQL
zones_b_check="$("${psql[@]}" -At -F ' ' -c "SELECT count(*), count(DISTINCT oa21cd), sum(pop),
  bool_and(ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  abs(sum(ST_Area(geom)) / (SELECT ST_Area(geom) FROM src_study) - 1) < 1e-9 FROM src_zones_b")"
if [ "$zones_b_check" != "3447 3447 1055975 t t" ]; then
  echo "zones B are not 3,447 valid cells covering the LSOAs with 1,055,975 people: $zones_b_check" >&2
  exit 1
fi
ogr2ogr -f GPKG -update "$zones" "$pg_conn" -nln zones_b -sql "SELECT oa21cd, pop, geom FROM src_zones_b ORDER BY oa21cd"
# What the benchmark reads, loaded back from the GeoPackage and the CSV (GiST indexes by ogr2ogr).
for layer in zones_a zones_b; do
  ogr2ogr -f PostgreSQL "$pg_conn" "$zones" "$layer" -nln "$layer" -nlt PROMOTE_TO_MULTI -lco GEOMETRY_NAME=geom \
    -lco SPATIAL_INDEX=GIST
done
ogr2ogr -f PostgreSQL "$pg_conn" "$points" -nln points -lco GEOMETRY_NAME=geom -a_srs EPSG:27700 \
  -oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y -oo AUTODETECT_TYPE=YES
"${psql[@]}" -c "ANALYZE" >/dev/null

{
  echo "{\"machine\": {\"nproc\": $(nproc), \"cpu\": \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\"," \
    "\"date\": \"$(date -u +%Y-%m-%dT%H:%MZ)\", \"load_start\": \"$(load)\", \"runs\": $runs, \"points\": $npoints," \
    "\"radius\": $radius, \"seed\": $seed," \
    "\"commit\": \"$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src include || echo '+local changes')\"," \
    "\"pooled\": $(json_str "$("$bench_prefix/bin/pooled" --version | head -1)")," \
    "\"postgis\": $(json_str "$pg_version")," \
    "\"gdal\": $(json_str "$(ogr2ogr --version)")," \
    "\"compiler\": $(json_str "$(c++ --version | head -1)")," \
    "\"geopandas\": $(json_str "$([ "$geopandas" != 0 ] && "$py" -c 'import geopandas, shapely; import shapely.geos; print(f"geopandas {geopandas.__version__} / shapely {shapely.__version__} / GEOS {shapely.geos.geos_version_string}")' || echo "$geopandas_note")")}}"
} >>"$results"

# measure TASK TOOL RUN COMMAND...: one process under /usr/bin/time -v; its RESULT line and
# peak resident memory go to results.jsonl.
measure() { bench_measure "$work" "$results" "$@"; }

# postgis TASK TOOL ZONES RUN [SETTING]: one session (one backend) that makes the buffers
# table (CREATE TABLE AS + GiST index + ANALYZE: "buffers") and then runs the area-share
# query ("count"), each timed by psql's \timing. Run 1 keeps the per-buffer totals and the
# plan PostgreSQL chose (EXPLAIN, untimed, just before the query: its parallel workers).
postgis() {
  local task="$1" tool="$2" zones_table="$3" run="$4" setting="${5:-}"
  local query="SELECT b.id, sum(z.pop * ST_Area(ST_Intersection(z.geom, b.geom)) / ST_Area(z.geom))
FROM buffers b JOIN $zones_table z ON ST_Intersects(z.geom, b.geom) GROUP BY b.id"
  local keep="$out/$task.$tool.csv" plan="$out/$task.$tool.plan.txt"
  [ "$run" -eq 1 ] || keep=/dev/null plan=/dev/null
  "${psql[@]}" -At -F , >"$work/pg.txt" <<SQL
SET client_min_messages = warning;
SELECT pg_backend_pid() AS backend \gset
\setenv BACKEND :backend
$setting
DROP TABLE IF EXISTS buffers;
\timing on
CREATE TABLE buffers AS SELECT id, ST_Buffer(geom, $radius, 'quad_segs=8')::geometry(Polygon, 27700) AS geom FROM points;
CREATE INDEX ON buffers USING gist (geom);
ANALYZE buffers;
\timing off
\o $plan
EXPLAIN $query;
\echo QUERY
\o $keep
\timing on
$query;
\timing off
\o
\! echo "HWM \$(grep VmHWM /proc/\$BACKEND/status)"
SQL
  local buffers_ms count_ms rss
  buffers_ms="$(awk '/^QUERY/ {exit} /^Time: / {s += $2} END {print s}' "$work/pg.txt")"
  count_ms="$(awk '/^QUERY/ {q = 1; next} q && /^Time: / {s += $2} END {print s}' "$work/pg.txt")"
  rss="$(awk '/^HWM/ {print $3}' "$work/pg.txt")"
  echo "{\"task\": \"$task\", \"tool\": \"$tool\", \"run\": $run, \"maxrss_kib\": $rss, \"result\": {\"tool\": \"$tool\"," \
    "\"buffers_s\": $(awk -v m="$buffers_ms" 'BEGIN {print m / 1000}'), \"count_s\": $(awk -v m="$count_ms" 'BEGIN {print m / 1000}')," \
    "\"time_s\": $(awk -v a="$buffers_ms" -v b="$count_ms" 'BEGIN {print (a + b) / 1000}')}}" >>"$results"
  printf '  %-7s %-16s run %d: %s s\n' "$task" "$tool" "$run" "$(awk -v a="$buffers_ms" -v b="$count_ms" 'BEGIN {print (a + b) / 1000}')" >&2
}

serial="SET max_parallel_workers_per_gather = 0;"
for task in A B; do
  layer="zones_$(tr 'AB' 'ab' <<<"$task")"
  echo "task $task: $npoints buffers x $layer (load $(load))" >&2
  echo "{\"task\": \"$task\", \"start\": {\"zones\": \"$layer\", \"load\": \"$(load)\"}}" >>"$results"
  for r in $(seq "$runs"); do
    for threads in 1 2; do
      keep=()
      [ "$r" -ne 1 ] || keep=("$out/$task.pooled-$threads.csv")
      measure "$task" "pooled-$threads" "$r" "$bench" run "$zones:$layer" pop "$points" "$radius" "$threads" "${keep[@]}"
    done
    postgis "$task" postgis "$layer" "$r"
    postgis "$task" postgis-serial "$layer" "$r" "$serial"
    if [ "$geopandas" != 0 ]; then
      keep=()
      [ "$r" -ne 1 ] || keep=("$out/$task.geopandas.csv")
      measure "$task" geopandas "$r" "$py" "$here/peers.py" "$zones" "$layer" "$points" "$radius" "${keep[@]}"
    fi
  done
done
pg_stop

echo "{\"machine_end\": {\"load_end\": \"$(load)\"}}" >>"$results"
"$py" "$here/report.py" "$out" "$results_md"
