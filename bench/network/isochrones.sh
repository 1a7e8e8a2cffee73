#!/usr/bin/env bash
# Road isochrones (catchment::isochrones), before/after figures for bench/README.md
# ("Catchments"): one 10-minute isochrone each for N random sites on the road-like grid
# (bench_grid_gen road W x W, seed 7) and one 15-minute drive isochrone each for N random
# sites in Rutland (testdata/rutland), sites one after another on one thread. No peers: the
# figure is pooled's seconds per isochrone (median wall, and CPU), with the sum of the areas
# as a check that two builds draw the same regions.
#
# Usage: bench/network/isochrones.sh
#   POOLED_BENCH_ROAD=W        grid W x W (DEFAULT 1000: 1M nodes; the national run's is 2000)
#   POOLED_BENCH_POINTS=N      sites per network (DEFAULT 20)
#   POOLED_BENCH_BUILD=DIR, POOLED_BENCH_PREFIX=DIR as bench/common.sh
#   POOLED_BENCH_LIB=DIR       run against the libpooled.so in DIR instead (e.g. an older build's
#                              lib/, for the "before" figure: the API is the same)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../common.sh
source "$root/bench/common.sh"
width="${POOLED_BENCH_ROAD:-1000}"
points="${POOLED_BENCH_POINTS:-20}"
out="${POOLED_BENCH_OUT:-$root/build-bench/isochrones}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bench_build "$root" "$here" "$work"
bin="$work/bench"
if [ -n "${POOLED_BENCH_LIB:-}" ]; then export LD_LIBRARY_PATH="$POOLED_BENCH_LIB:$LD_LIBRARY_PATH"; fi
mkdir -p "$out"
grid="$out/road_${width}.bin"
[ -f "$grid" ] || "$bin/bench_grid_gen" road "$width" "$width" 7 "$grid"
echo "load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$root" rev-parse --short HEAD)"
"$bin/bench_isochrones" grid "$grid" "$points" 11 600 "$out/grid_areas.bin" | sed -n 's/^RESULT //p'
"$bin/bench_isochrones" osm "$root/testdata/rutland/rutland-latest.osm.pbf" "$points" 11 900 "$out/rutland_areas.bin" |
  sed -n 's/^RESULT //p'
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
