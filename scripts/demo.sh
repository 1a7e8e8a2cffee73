#!/usr/bin/env bash
# The main job on the built-in demo data, as far as it goes so far: describe every demo layer
# (driver, CRS, geometry type, count, extent in British National Grid, fields); load the
# Derbyshire zones and the Derbyshire Fire and Rescue asset register into the data model with
# the shipped schema (the register as published, against the zones as study area, so its two
# mistyped coordinates show up in the load report); build the Rutland road network from
# OpenStreetMap, the drive times from every Rutland Output Area to every public building, and
# the catchments of Rutland's libraries (2 and 5 km, and 5/10/15 minutes by road) with the
# people inside them, the zones nearest to each by road and the people they share; and an
# OAC-style classification of the 3,447 Derbyshire Output Areas (8 supergroups, 3 groups each).
# Then the whole analysis from the shipped scenario files (pooled run): Derbyshire (the fire
# estate, schools, libraries, GP practices and hospitals against the LSOAs: catchments, access,
# segments, a smaller estate, co-location groups, a consolidation of the fire stations) and Rutland (schools
# with road isochrones, access by road, covering), and the paths of what they wrote, the
# estate reports (report.html, report.pdf) among them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh"
"$root/scripts/build.sh" --target pooled_cli
cd "$root"
pooled=build/bin/pooled
schema=share/pooled/schemas/derbyshire.toml
zones=testdata/derbyshire/derbyshire_zones.gpkg:lsoa21

echo "== Every demo layer"
"$pooled" info testdata/derbyshire/derbyshire_zones.gpkg testdata/derbyshire/derbyshire_facilities.gpkg \
  testdata/rutland/rutland_zones.gpkg testdata/rutland/rutland_facilities.gpkg \
  testdata/rutland/rutland_osm_geofabrik.gpkg "$@"
echo
echo "== Derbyshire LSOAs as zones ($schema)"
"$pooled" info "$zones" --as zones --schema "$schema" "$@"
echo
echo "== Derbyshire Fire and Rescue asset register as published, as assets"
"$pooled" info testdata/derbyshire/dfrs_register_reported.csv --crs EPSG:27700 \
  --as assets --schema "$schema" --study-area "$zones" --on-invalid skip "$@"
echo
echo "== Rutland road network (OpenStreetMap), drive profile"
"$pooled" network testdata/rutland/rutland-latest.osm.pbf "$@"
echo
echo "== Drive times from every Rutland Output Area to every public building, within 15 minutes"
mkdir -p build/demo
"$pooled" matrix --network testdata/rutland/rutland-latest.osm.pbf \
  --from testdata/rutland/rutland_zones.gpkg:oa21_pwc \
  --to testdata/rutland/rutland_osm_geofabrik.gpkg:public_sector_pois_bng \
  --cutoff 15min -o build/demo/rutland_oa_to_public_buildings.csv "$@"
echo
echo "== Catchments of Rutland's libraries: within 2 and 5 km"
"$pooled" catchments --assets testdata/rutland/rutland_facilities.gpkg:libraries_2016 \
  --zones testdata/rutland/rutland_zones.gpkg:lsoa21 --method buffer --radius 2km,5km \
  -o build/demo/rutland_library_buffers.gpkg "$@"
echo
echo "== Catchments of Rutland's libraries: 5, 10 and 15 minutes by road"
"$pooled" catchments --assets testdata/rutland/rutland_facilities.gpkg:libraries_2016 \
  --zones testdata/rutland/rutland_zones.gpkg:oa21_pwc --method network \
  --network testdata/rutland/rutland-latest.osm.pbf --cutoffs 5min,10min,15min \
  -o build/demo/rutland_library_isochrones.gpkg "$@"
echo
echo "== Derbyshire Output Areas in 8 segments and 3 groups each (OAC 2021-style variables)"
"$pooled" segment --zones testdata/derbyshire/derbyshire_zones.gpkg:oa21_pwc \
  --variables share/pooled/oac2021_variables.csv --levels 8,3 --restarts 100 --seed 42 \
  --save-model build/demo/derbyshire_oa_segments.json -o build/demo/derbyshire_oa_segments.gpkg "$@"
echo
echo "== The whole analysis from one scenario file: share/pooled/scenarios/derbyshire_demo.toml"
"$pooled" run share/pooled/scenarios/derbyshire_demo.toml "$@"
echo
echo "== ... and with the road network: share/pooled/scenarios/rutland_demo.toml"
"$pooled" run share/pooled/scenarios/rutland_demo.toml "$@"
echo
echo "== Outputs of the scenario runs (GeoPackage, summary.json, provenance.json, report)"
for file in build/demo/derbyshire/* build/demo/rutland/*; do
  echo "  $root/$file"
done
echo
echo "== The estate reports (open the HTML in a browser; the PDF prints on A4)"
for run in derbyshire rutland; do
  echo "  $root/build/demo/$run/report.html"
  echo "  $root/build/demo/$run/report.pdf"
done
