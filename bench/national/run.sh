#!/usr/bin/env bash
# The national run (issue 8): the whole pipeline of the demo scenarios (`pooled run`: load,
# network, catchments, accessibility, segmentation, locate, indicators, report) at England
# scale on synthetic inputs, with the wall time and peak memory of every stage
# (`pooled run --timings`) and of the whole process (/usr/bin/time -v). Target: under 10
# minutes and 8 GiB on 2 cores. No timing is asserted anywhere. See bench/README.md.
#
# Usage: bench/national/run.sh              # as root (installs gdal-bin, time, numpy if missing)
#   POOLED_BENCH_OUT=DIR         inputs, outputs and results (DEFAULT build-bench/national)
#   POOLED_NATIONAL_ZONES=N      zones (DEFAULT 190000, England's ~189k Output Areas)
#   POOLED_NATIONAL_ASSETS=N     public assets (DEFAULT 100000)
#   POOLED_NATIONAL_GRID=W       road-like W x W grid of 100 m blocks (DEFAULT 2000: 4,000,000 nodes)
#   POOLED_NATIONAL_SEED=S       seed of the inputs (DEFAULT 20261129)
#   POOLED_NATIONAL_ISOCHRONE_SAMPLE=N  assets whose road isochrones are timed apart
#                                (isochrones.toml; DEFAULT 200, 0 = skip)
#   POOLED_NATIONAL_INPUTS=DIR   where the generated inputs are kept (DEFAULT OUT)
#   POOLED_BENCH_PREFIX=DIR      an installed pooled to use (bench/common.sh)
#
# Inputs (bench/national/make_inputs.py, written once per size and seed and kept in OUT):
# the road-like grid of bench_grid_gen (bench/network/grid_gen.cpp) as an edge table CSV with
# node coordinates; zones = a grid of cell polygons over the same extent carrying Census 2021
# counts drawn from the Derbyshire LSOAs (GeoPackage); assets = a CSV of points with owner,
# kind, services, floor area, running cost, capacity, tenure and lease end. The scenario is
# bench/national/national.toml (the two demo scenarios' stages together).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../common.sh
source "$root/bench/common.sh"
out="${POOLED_BENCH_OUT:-$root/build-bench/national}"
zones="${POOLED_NATIONAL_ZONES:-190000}"
assets="${POOLED_NATIONAL_ASSETS:-100000}"
grid="${POOLED_NATIONAL_GRID:-2000}"
seed="${POOLED_NATIONAL_SEED:-20261129}"
py=/usr/bin/python3 # Debian's python, with Debian's numpy

bench_install_peers gdal-bin time python3-numpy

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "${POOLED_BENCH_PREFIX:-}" ]; then
  bench_install_pooled "$root" "$work/prefix"
  export POOLED_BENCH_PREFIX="$work/prefix"
fi
pooled="$POOLED_BENCH_PREFIX/bin/pooled"

# --- inputs (once per size and seed) -------------------------------------------------------
inputs="${POOLED_NATIONAL_INPUTS:-$out}/inputs-$zones-$assets-$grid-$seed"
if [ ! -f "$inputs/inputs.json" ]; then
  echo "writing the inputs: $zones zones, $assets assets, $grid x $grid road grid (seed $seed)" >&2
  rm -rf "$inputs"
  mkdir -p "$inputs"
  bench_build "$root" "$root/bench/network" "$work" # bench_grid_gen, for the roads
  "$work/bench/bench_grid_gen" road "$grid" "$grid" "$seed" "$work/roads.bin" 2>/dev/null
  ogr2ogr -f CSV "$work/lsoa21.csv" "$root/testdata/derbyshire/derbyshire_zones.gpkg" lsoa21
  "$py" "$here/make_inputs.py" "$work/lsoa21.csv" "$work/roads.bin" "$zones" "$assets" "$seed" "$inputs" \
    >"$work/inputs.json"
  ogr2ogr -f GPKG "$inputs/zones.gpkg" "$inputs/zones.csv" -nln zones -nlt POLYGON -a_srs EPSG:27700 \
    -oo GEOM_POSSIBLE_NAMES=wkt -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=YES
  rm "$inputs/zones.csv"
  mv "$work/inputs.json" "$inputs/inputs.json" # last: its presence means the inputs are complete
fi
cp "$here/national.toml" "$here/isochrones.toml" "$root/share/pooled/scenarios/lsoa2021_variables.csv" "$inputs/"
sample="${POOLED_NATIONAL_ISOCHRONE_SAMPLE:-200}"
head -n "$((sample + 1))" "$inputs/assets.csv" >"$inputs/assets_sample.csv"

# --- the run -------------------------------------------------------------------------------
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_start="$(load)"
started="$(date -u +%Y-%m-%dT%H:%MZ)"
echo "pooled run national.toml ($zones zones, $assets assets, ${grid}x$grid grid; load $load_start)" >&2
mkdir -p "$out"
rm -rf "$out/run"
if ! /usr/bin/time -v -o "$out/time.txt" "$pooled" run "$inputs/national.toml" -o "$out/run" --timings --json \
  >"$out/run.json" 2>"$out/run.err"; then
  echo "FAILED: pooled run" >&2
  cat "$out/run.err" >&2
  exit 1
fi
cat "$out/run.err" >&2
# Road isochrones, left out of national.toml, on a sample: their cost per asset.
rm -rf "$out/isochrones" "$out/isochrones.err"
if [ "$sample" -gt 0 ]; then
  echo "road isochrones of $sample assets (isochrones.toml; load $(load))" >&2
  "$pooled" run "$inputs/isochrones.toml" -o "$out/isochrones" --timings --json >/dev/null 2>"$out/isochrones.err" ||
    { cat "$out/isochrones.err" >&2; exit 1; }
  cat "$out/isochrones.err" >&2
fi
"$py" "$here/report.py" "$out" "$inputs/inputs.json" "$sample" "$started" "$load_start" "$(load)" \
  "$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- src include || echo '+local changes')"
