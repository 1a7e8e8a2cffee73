#!/usr/bin/env bash
# Regenerates the seed corpora in fuzz/corpus/<target>/ from testdata/ (deterministic: GeoPackage
# dates pinned, no random numbers). Small valid inputs cut from the real test data, plus the
# broken cases of testdata/bad/ and testdata/network/. Do not edit the seeds by hand.
# Needs: ogr2ogr and sqlite3 (GDAL 3.6.2), g++ with libosmium (fuzz/tools/osm_extract.cpp).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$root/fuzz/corpus"
data="$root/testdata"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export OGR_CURRENT_DATE=2024-01-01T00:00:00Z

fresh() { rm -rf "${corpus:?}/$1"; mkdir -p "$corpus/$1"; echo "$corpus/$1"; }
# A text seed: file name, then its content.
seed() { printf '%s' "$2" > "$1"; }

# units: first byte modulo 3 = the bare unit ('0' none, '1' s or m, '2' min or km), then the text.
dir="$(fresh units)"
seed "$dir/10min" "010min"; seed "$dir/1.5_km" "11.5 km"; seed "$dir/bare_90" "290"
seed "$dir/3_mi" "03 mi"; seed "$dir/2_hours" "02 hours"; seed "$dir/800m" "0800m"

# decay: the --decay forms of include/pooled/accessibility/decay.hpp.
dir="$(fresh decay)"
for text in step:20 stepped:10=1,20=0.68,30=0.22 linear:30 exponential:0.1 power:1 gaussian:15 \
            logistic:20,0.5 STEP:0; do
  seed "$dir/${text//[:,=]/_}" "$text"
done

# compatibility: the shipped co-location table and small tables with aliases and refusals.
dir="$(fresh compatibility)"
cp "$root/share/pooled/compatibility.csv" "$dir/default.csv"
seed "$dir/alias.csv" $'service,other_service,rule,reason\nhub,store,alias,\nhub,depot,yes,shared yard, and parking\n'
seed "$dir/conflict.csv" $'# a pair given twice\nservice,other_service,rule,reason\na,b,yes\nb,a,no\n'
seed "$dir/chain.csv" $'service,other_service,rule,reason\na,b,alias\nb,c,alias\n'

# layer_source: PATH[:LAYER] specs and connection strings.
dir="$(fresh layer_source)"
seed "$dir/gpkg_layer" "zones.gpkg:lsoa21"; seed "$dir/pg" "PG:host=localhost dbname=estate tables=sites"
seed "$dir/vsizip" "/vsizip/sites.zip/sites.shp"; seed "$dir/windows" 'C:\data\zones.gpkg:lsoa21'
seed "$dir/existing" "/etc/hostname:layer"; seed "$dir/plain" "sites.csv"

# schema_toml: the shipped schema and the other table kinds.
dir="$(fresh schema_toml)"
cp "$root/share/pooled/schemas/derbyshire.toml" "$dir/derbyshire.toml"
seed "$dir/users.toml" $'[users]\nid = "person"\nservice = "service"\nweight = "visits"\nguess = false\n[users.constants]\nservice = "library"\n'
seed "$dir/zones_pwc.toml" $'[zones]\nid = "oa21cd"\npopulation = "ts0010001"\ncentroid_x = "pwc_x"\ncentroid_y = "pwc_y"\ncentroid_crs = "EPSG:27700"\nvariables = ["age_*", "ts0410001"]\n'

# scenario: the shipped and test scenarios and every broken one of testdata/bad/scenario.
dir="$(fresh scenario)"
cp "$root/share/pooled/scenarios/"*.toml "$data/scenario/"*.toml "$data/bad/scenario/"*.toml "$dir/"

# csv_layer: X/Y and WKT layers, valid (cut from rutland_zones.gpkg) and every testdata/bad CSV.
dir="$(fresh csv_layer)"
ogr2ogr -f CSV "$dir/lsoa_pwc_xy.csv" "$data/rutland/rutland_zones.gpkg" \
  -sql "SELECT lsoa21cd, lsoa21nm, ts0010001, geom FROM lsoa21_pwc ORDER BY fid LIMIT 5" -lco GEOMETRY=AS_XY
ogr2ogr -f CSV "$dir/lsoa_wkt.csv" "$data/rutland/rutland_zones.gpkg" -simplify 150 \
  -sql "SELECT lsoa21cd, ts0010001, geom FROM lsoa21 ORDER BY fid LIMIT 2" -lco GEOMETRY=AS_WKT
cp "$data/bad/"*.csv "$data/bad/mixed_crs/zones_no_crs.csv" "$dir/"

# edge_table: the pgRouting-convention tables of testdata/network (good and bad).
dir="$(fresh edge_table)"
cp "$data/network/"*.csv "$dir/"

# osm_xml / osm_pbf: the highways of a few streets of Oakham cut from the Rutland extract.
g++ -std=c++17 -O1 -o "$tmp/osm_extract" "$root/fuzz/tools/osm_extract.cpp" -lz -lexpat -lbz2 -pthread
dir="$(fresh osm_xml)"
"$tmp/osm_extract" "$data/rutland/rutland-latest.osm.pbf" "$dir/oakham.osm" -0.7290 52.6695 -0.7265 52.6710
dir="$(fresh osm_pbf)"
"$tmp/osm_extract" "$data/rutland/rutland-latest.osm.pbf" "$dir/oakham.osm.pbf" -0.7290 52.6695 -0.7265 52.6710
"$tmp/osm_extract" "$data/rutland/rutland-latest.osm.pbf" "$dir/oakham_centre.osm.pbf" -0.7300 52.6690 -0.7255 52.6715

# gpkg: small GeoPackages (512-byte pages so the fuzzer mutates few bytes per page), points
# and polygons, plus the broken ones of testdata/bad.
dir="$(fresh gpkg)"
ogr2ogr -f GPKG "$tmp/libraries.gpkg" "$data/rutland/rutland_facilities.gpkg" libraries_2016 \
  -nln libraries -lco SPATIAL_INDEX=NO
ogr2ogr -f GPKG "$tmp/zones.gpkg" "$data/rutland/rutland_zones.gpkg" -simplify 150 -nln zones -nlt MULTIPOLYGON \
  -sql "SELECT lsoa21cd, ts0010001, geom FROM lsoa21 ORDER BY fid LIMIT 2" -lco SPATIAL_INDEX=NO
for name in libraries zones; do
  sqlite3 "$tmp/$name.gpkg" 'PRAGMA page_size=512; VACUUM;'
  cp "$tmp/$name.gpkg" "$dir/$name.gpkg"
done
cp "$data/bad/empty_layer.gpkg" "$data/bad/truncated.gpkg" "$dir/"

# orlib_pmedian: OR-Library's pmed1 and small instances: a repeated edge (the last counts), an
# isolated vertex, and refusals (a vertex out of range, a negative cost, a short file).
dir="$(fresh orlib_pmedian)"
cp "$data/orlib/pmed1.txt" "$dir/pmed1.txt"
seed "$dir/repeated_edge.txt" $' 4 4 2 \n 1 2 5 \n 2 3 1 \n 3 4 7 \n 2 1 3 \n'
seed "$dir/isolated_vertex.txt" $'5 2 1\n1 2 10\n2 3 4\n'
seed "$dir/vertex_out_of_range.txt" $'3 2 1\n1 2 10\n2 4 4\n'
seed "$dir/negative_cost.txt" $'3 2 1\n1 2 -10\n2 3 4\n'
seed "$dir/short_file.txt" $'3 3 2\n1 2 10\n'

# matrix_file: first line the origin ids, second the destination ids, then the file: a long
# table cut from testdata/spopt_sf (metres), a `pooled matrix` table (seconds and metres), a
# user's `cost` table with an empty cost, and refusals (an unknown id, a pair given twice).
dir="$(fresh matrix_file)"
sf="$(awk -F, 'NR == 1 || (($1 == "060750101.00" || $1 == "060750102.00") && ($2 == "Store_1" || $2 == "Store_2" || $2 == "Store_3"))' \
  "$data/spopt_sf/sf_costs_long.csv")"
# (GDAL's CSV driver reads the tract ids as numbers: 060750101.00 is 60750101, on both sides.)
seed "$dir/sf_metres.csv" $'60750101,60750102\nStore_1,Store_2,Store_3\n'"$sf"$'\n'
seed "$dir/pooled_matrix.csv" $'E01,E02\nlib1,lib2\norigin_id,destination_id,seconds,metres\nE01,lib1,120.5,900\nE01,lib2,700,5400.25\nE02,lib2,30,210\n'
seed "$dir/cost_empty.csv" $'1,2,3\n10,20\norigin_id,destination_id,cost\n1,10,4\n2,10,\n3,20,0\n'
seed "$dir/unknown_id.csv" $'1,2\n10\norigin_id,destination_id,cost\n1,10,4\n7,10,5\n'
seed "$dir/pair_twice.csv" $'1,2\n10\n"origin_id","destination_id","cost"\n1,10,4\n"1",10,5\n'

# variable_spec: the shipped OAC 2021-style spec and small ones with refusals.
dir="$(fresh variable_spec)"
cp "$root/share/pooled/oac2021_variables.csv" "$dir/oac2021.csv"
seed "$dir/small.csv" $'name,numerator,denominator\nflats,a+b+c,t\ndensity,d,\n'
seed "$dir/repeated.csv" $'# comment\n\nname,numerator,denominator\nx,a,t\nx,b,t\n'
seed "$dir/empty_part.csv" $'name,numerator,denominator\r\nx,a++b,t\r\n'
seed "$dir/wrong_header.csv" $'name,numerator\nx,a\n'

du -sh "$corpus"
