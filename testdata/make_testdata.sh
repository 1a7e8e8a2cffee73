#!/usr/bin/env bash
# Rebuild testdata/derbyshire and testdata/rutland from the shared third-party data bundle.
#
# Usage: testdata/make_testdata.sh [SHARED_DATA_DIR]
#   SHARED_DATA_DIR defaults to ../shared/data relative to the repository root
#   (i.e. /work/shared/data when the repository is /work/main). The source is only read.
#
# Needs: GDAL command-line tools (ogrinfo, ogr2ogr; made with GDAL 3.6.2), sqlite3, python3.
# Afterwards run testdata/bad/make_bad_corpus.sh to regenerate the bad-input corpus.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"      # .../testdata
repo="$(cd "$here/.." && pwd)"
src="${1:-$repo/../shared/data}"
src="$(cd "$src" && pwd)"

for tool in ogrinfo ogr2ogr sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "make_testdata.sh: $tool not found" >&2; exit 1; }
done

# Remove a layer from a GeoPackage copy. GDAL's GPKG driver turns "DROP TABLE" into a proper
# layer deletion (table, gpkg_contents, gpkg_geometry_columns, gpkg_extensions, rtree index,
# feature-count triggers), then VACUUM gives the space back.
drop_layer() {  # file layer
  ogrinfo -q "$1" -sql "DROP TABLE $2" >/dev/null
  left="$(sqlite3 "$1" "SELECT count(*) FROM gpkg_contents WHERE table_name='$2';
                        SELECT count(*) FROM gpkg_geometry_columns WHERE table_name='$2';
                        SELECT count(*) FROM sqlite_master WHERE name LIKE '%$2%';" | tr -d '\n')"
  [ "$left" = "000" ] || { echo "make_testdata.sh: layer $2 still present in $1 ($left)" >&2; exit 1; }
}
vacuum() { sqlite3 "$1" "VACUUM"; }

copy() { install -m 0644 "$1" "$2"; }  # byte-for-byte copy, writable

# ---------------------------------------------------------------- Derbyshire
d="$here/derbyshire"
mkdir -p "$d"
copy "$src/derbyshire_census2021_zones/derbyshire_zones.gpkg"                       "$d/derbyshire_zones.gpkg"
copy "$src/derbyshire_census2021_zones/derbyshire_oa21_lsoa21_msoa21_lad22_lookup.csv" "$d/derbyshire_oa21_lsoa21_msoa21_lad22_lookup.csv"
copy "$src/derbyshire_census2021_zones/census2021_variables.csv"                    "$d/census2021_variables.csv"

rm -f "$d/derbyshire_facilities.gpkg"
copy "$src/derbyshire_public_facilities/derbyshire_facilities.gpkg"                 "$d/derbyshire_facilities.gpkg"
drop_layer "$d/derbyshire_facilities.gpkg" council_offices_2022   # licence unknown: not redistributed
vacuum     "$d/derbyshire_facilities.gpkg"

# DFRS "Public Land And Assets (July 2016)" register as a plain CSV, with the coordinates AS
# PUBLISHED (easting_reported / northing_reported), i.e. including the two known errors
# (fid 15 Dronfield easting 345678; fid 31 Whaley Bridge northing 318327). fid order kept.
python3 - "$d/derbyshire_facilities.gpkg" "$d/dfrs_register_reported.csv" <<'PY'
import csv, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
cols = ["uprn", "site", "postcode", "status", "gia_m2", "ownership", "asset_type",
        "easting_reported", "northing_reported"]
rows = con.execute("SELECT " + ",".join(cols) + " FROM fire_estate_dfrs_2016 ORDER BY fid").fetchall()
assert len(rows) == 56, len(rows)
def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return str(int(v)) if v == int(v) else repr(v)
    return str(v).strip()
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["uprn", "site", "postcode", "status", "gia_m2", "ownership", "asset_type", "easting", "northing"])
    for r in rows:
        w.writerow([fmt(v) for v in r])
PY

# ---------------------------------------------------------------- Rutland
r="$here/rutland"
mkdir -p "$r"
copy "$src/rutland_census2021_zones/rutland_zones.gpkg"                             "$r/rutland_zones.gpkg"
copy "$src/rutland_census2021_zones/rutland_oa21_lsoa21_msoa21_lad22_lookup.csv"    "$r/rutland_oa21_lsoa21_msoa21_lad22_lookup.csv"
copy "$src/rutland_census2021_zones/rutland_lsoa21_attributes.csv"                  "$r/rutland_lsoa21_attributes.csv"
copy "$src/rutland_osm/rutland-latest.osm.pbf"                                      "$r/rutland-latest.osm.pbf"

rm -f "$r/rutland_facilities.gpkg"
copy "$src/rutland_public_facilities/rutland_facilities.gpkg"                       "$r/rutland_facilities.gpkg"
drop_layer "$r/rutland_facilities.gpkg" council_offices_2022      # licence unknown: not redistributed
vacuum     "$r/rutland_facilities.gpkg"

# OSM GeoPackage: keep roads_bng, roads_wgs84, public_sector_pois_bng (size).
rm -f "$r/rutland_osm_geofabrik.gpkg"
copy "$src/rutland_osm/rutland_osm_geofabrik.gpkg"                                  "$r/rutland_osm_geofabrik.gpkg"
for layer in pois_wgs84 pois_areas_wgs84 places_wgs84 railways_wgs84 transport_wgs84 buildings_wgs84; do
  drop_layer "$r/rutland_osm_geofabrik.gpkg" "$layer"
done
vacuum "$r/rutland_osm_geofabrik.gpkg"

echo "testdata rebuilt from $src"
du -sh "$d" "$r"
