#!/usr/bin/env bash
# The main job on the built-in demo data: for now, describe every demo layer (driver, CRS,
# geometry type, count, extent in British National Grid, fields) and check it loads cleanly.
# The Derbyshire Fire and Rescue register is loaded as published, against the Derbyshire
# zones as study area, so its two mistyped coordinates show up in the load report.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh"
"$root/scripts/build.sh" --target pooled_cli
cd "$root"
pooled=build/bin/pooled

echo "== Derbyshire: zones and public facilities"
"$pooled" info testdata/derbyshire/derbyshire_zones.gpkg testdata/derbyshire/derbyshire_facilities.gpkg "$@"
echo
echo "== Derbyshire Fire and Rescue asset register, coordinates as published"
"$pooled" info testdata/derbyshire/dfrs_register_reported.csv --crs EPSG:27700 \
  --study-area testdata/derbyshire/derbyshire_zones.gpkg:lsoa21 --count-field gia_m2 \
  --on-invalid skip "$@"
echo
echo "== Rutland: zones, facilities and roads"
"$pooled" info testdata/rutland/rutland_zones.gpkg testdata/rutland/rutland_facilities.gpkg \
  testdata/rutland/rutland_osm_geofabrik.gpkg "$@"
