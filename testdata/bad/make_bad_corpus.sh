#!/usr/bin/env bash
# Regenerate the bad-input corpus testdata/bad/ from the real test data in testdata/rutland and
# testdata/derbyshire (run testdata/make_testdata.sh first if those are missing).
#
# Usage: testdata/bad/make_bad_corpus.sh        (no arguments; writes next to this script)
#
# Deterministic: running it twice gives byte-identical files (GeoPackage timestamps are pinned with
# OGR_CURRENT_DATE, the shapefile .dbf "last update" date is pinned, no random numbers are used).
# Needs: ogr2ogr (GDAL 3.6.2 used), sqlite3, python3, head. See README.md here for what each file tests.
set -euo pipefail
export LC_ALL=C

bad="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"          # .../testdata/bad
td="$(cd "$bad/.." && pwd)"                                   # .../testdata
rz="$td/rutland/rutland_zones.gpkg"
rf="$td/rutland/rutland_facilities.gpkg"
df="$td/derbyshire/derbyshire_facilities.gpkg"
for f in "$rz" "$rf" "$df"; do
  [ -s "$f" ] || { echo "make_bad_corpus.sh: missing $f (run testdata/make_testdata.sh)" >&2; exit 1; }
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Old generated files out (README.md and this script stay).
rm -f "$bad"/*.gpkg "$bad"/*.geojson "$bad"/*.csv "$bad"/*.shp "$bad"/*.shx "$bad"/*.dbf "$bad"/*.prj "$bad"/*.cpg
rm -rf "$bad/mixed_crs"
mkdir -p "$bad/mixed_crs"

# Pin GeoPackage timestamps (gpkg_contents.last_change) so the output is reproducible.
GPKG_DATE=(--config OGR_CURRENT_DATE 2024-01-01T00:00:00Z)

# ----------------------------------------------------------------------------------------------
# 1. truncated.gpkg: the first 20 KB of a real GeoPackage (SQLite header says 46 pages of 4 KB).
head -c 20480 "$rf" > "$bad/truncated.gpkg"

# 19. zero_byte.gpkg: an empty file.
: > "$bad/zero_byte.gpkg"

# 6. empty_layer.gpkg: layer "zones" (Polygon, EPSG:27700, integer field "pop"), zero features.
ogr2ogr "${GPKG_DATE[@]}" -f GPKG "$bad/empty_layer.gpkg" "$rz" \
  -sql "SELECT ts0010001 AS pop, geom FROM lsoa21 LIMIT 0" \
  -nln zones -nlt POLYGON -a_srs EPSG:27700
sqlite3 "$bad/empty_layer.gpkg" "PRAGMA page_size=1024; VACUUM;"   # 96 KB -> 36 KB, same content

# 2. no_prj.shp: the 4 Rutland libraries (all there are in libraries_2016) with the .prj removed.
ogr2ogr -f "ESRI Shapefile" "$bad/no_prj.shp" "$rf" -lco ENCODING=UTF-8 \
  -dialect SQLite -sql "SELECT name, id AS lib_id, postcode, type, staffhours AS staff_hrs, geom FROM libraries_2016 ORDER BY fid" \
  -nln no_prj
rm -f "$bad/no_prj.prj"

# 16. bad_crs.shp: the first 5 Rutland schools, .prj replaced with garbage text.
ogr2ogr -f "ESRI Shapefile" "$bad/bad_crs.shp" "$rf" -lco ENCODING=UTF-8 \
  -dialect SQLite -sql "SELECT CAST(urn AS INTEGER) AS urn, establishment_name AS name, CAST(number_of_pupils AS INTEGER) AS pupils, geom FROM schools_gias_2025 ORDER BY fid LIMIT 5" \
  -nln bad_crs
printf 'Projection: British National Grid (I think). Ask Dave in the GIS team for the proper file.\n' > "$bad/bad_crs.prj"

# Pin the .dbf header "date of last update" (bytes 1-3) so the shapefiles are reproducible.
python3 - "$bad/no_prj.dbf" "$bad/bad_crs.dbf" <<'PY'
import sys
for p in sys.argv[1:]:
    with open(p, "r+b") as f:
        f.seek(1); f.write(bytes([124, 1, 1]))   # 2024-01-01
PY

# 9. mixed_crs/: three Oakham LSOAs in EPSG:27700 and the 4 Rutland libraries in WGS84 (no "crs" member,
#    RFC 7946). Oakham library lies inside E01035106 once both are in one CRS.
ogr2ogr -f GeoJSON "$bad/mixed_crs/zones_bng.geojson" "$rz" -lco RFC7946=NO -lco COORDINATE_PRECISION=2 \
  -dialect SQLite -sql "SELECT lsoa21cd, lsoa21nm, ts0010001, geom FROM lsoa21 WHERE lsoa21cd IN ('E01013798','E01013799','E01035106') ORDER BY lsoa21cd" \
  -nln zones_bng
ogr2ogr -f GeoJSON "$bad/mixed_crs/assets_wgs84.geojson" "$rf" -lco RFC7946=YES \
  -dialect SQLite -sql "SELECT name, id AS lib_id, postcode, geom FROM libraries_2016 ORDER BY fid" \
  -t_srs EPSG:4326 -nln assets_wgs84

# Intermediate extracts (CSV, with WKT/X/Y) that the hand-written files below are derived from.
ogr2ogr -f CSV "$tmp/rut_lsoa.csv" "$rz" -lco GEOMETRY=AS_WKT \
  -dialect SQLite -sql "SELECT l.lsoa21cd, l.lsoa21nm, l.ts0010001, ST_X(p.geom) AS px, ST_Y(p.geom) AS py, l.geom FROM lsoa21 l JOIN lsoa21_pwc p ON p.lsoa21cd = l.lsoa21cd ORDER BY l.fid"
ogr2ogr -f CSV "$tmp/rut_schools.csv" "$rf" \
  -dialect SQLite -sql "SELECT CAST(urn AS INTEGER) AS urn, establishment_name, CAST(number_of_pupils AS INTEGER) AS pupils, ST_X(geom) AS x, ST_Y(geom) AS y FROM schools_gias_2025 ORDER BY fid"
ogr2ogr -f CSV "$tmp/rut_gp.csv" "$rf" \
  -dialect SQLite -sql "SELECT code, name, number_of_patients, ST_X(geom) AS x, ST_Y(geom) AS y FROM gp_practices_2022 WHERE in_area ORDER BY fid"
ogr2ogr -f CSV "$tmp/rut_lib.csv" "$rf" \
  -dialect SQLite -sql "SELECT name, postcode, lng, lat FROM libraries_2016 ORDER BY fid"
ogr2ogr -f CSV "$tmp/der_fire.csv" "$df" \
  -dialect SQLite -sql "SELECT station_name, station_postcode, CAST(station_easting AS INTEGER) AS e, CAST(station_northing AS INTEGER) AS n FROM fire_stations_homeoffice WHERE in_area ORDER BY fid"
ogr2ogr -f CSV "$tmp/dfrs.csv" "$df" \
  -dialect SQLite -sql "SELECT uprn, site, postcode, CAST(gia_m2 AS INTEGER) AS gia_m2, CAST(easting_reported AS INTEGER) AS e, CAST(northing_reported AS INTEGER) AS n FROM fire_estate_dfrs_2016 ORDER BY fid"

# All remaining hand-written files.
python3 - "$tmp" "$bad" <<'PY'
import csv, json, os, sys
tmp, bad = sys.argv[1], sys.argv[2]

def rows(name):
    with open(os.path.join(tmp, name), newline="") as f:
        return list(csv.DictReader(f))

def write_csv(name, header, data):
    with open(os.path.join(bad, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(data)

def write_text(name, text):
    with open(os.path.join(bad, name), "w", newline="") as f:
        f.write(text)

BNG = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}

def fc(name, feats, crs=BNG):
    d = {"type": "FeatureCollection", "name": name}
    if crs is not None:
        d["crs"] = crs
    d["features"] = feats
    return d

def dump_geojson(name, obj):
    # One feature per line: small, diffable, stable.
    head = {k: v for k, v in obj.items() if k != "features"}
    s = json.dumps(head, separators=(", ", ": "))[:-1] + ', "features": [\n'
    s += ",\n".join(json.dumps(f, separators=(", ", ": ")) for f in obj["features"])
    s += "\n]}\n"
    write_text(name, s)
    return s

def r1(v):  # metres, 0.1 m
    return round(float(v), 1)

def wkt_coords(wkt):
    """MULTIPOLYGON (((x y,...)))  ->  list of rings of the first polygon, coordinates rounded to 0.1 m."""
    body = wkt[wkt.index("(((") + 3: wkt.index(")))")]
    rings = body.split("),(")
    out = []
    for ring in rings:
        out.append([[r1(c.split()[0]), r1(c.split()[1])] for c in ring.strip("()").split(",")])
    return out

def poly_wkt(rings):
    return "POLYGON (" + ",".join("(" + ",".join(f"{x:.1f} {y:.1f}" for x, y in ring) + ")" for ring in rings) + ")"

lsoa = rows("rut_lsoa.csv")                     # 26 Rutland LSOAs, fid order
by_code = {r["lsoa21cd"]: r for r in lsoa}
for r in lsoa:
    assert r["WKT"].startswith("MULTIPOLYGON") and r["WKT"].count("(((") == 1, r["lsoa21cd"]

def zone_row(r, pop=None):
    return [r["lsoa21cd"], r["lsoa21nm"], r["ts0010001"] if pop is None else pop, f"{r1(r['px']):.1f}", f"{r1(r['py']):.1f}"]

# 4. text_population.csv: row 3 (FID 3) has ts0010001 = "n/a".
z = lsoa[:5]
write_csv("text_population.csv", ["lsoa21cd", "lsoa21nm", "ts0010001", "X", "Y"],
          [zone_row(r, "n/a" if i == 2 else None) for i, r in enumerate(z)])

# 13. negative_population.csv: row 4 (FID 4) has ts0010001 = -12.
write_csv("negative_population.csv", ["lsoa21cd", "lsoa21nm", "ts0010001", "X", "Y"],
          [zone_row(r, "-12" if i == 3 else None) for i, r in enumerate(z)])

# 7. duplicate_ids.csv: row 5 (FID 5) repeats the lsoa21cd of row 2 (its other values are E01013791's).
dup = [[r["lsoa21cd"], r["ts0010001"], f"{r1(r['px']):.1f}", f"{r1(r['py']):.1f}"] for r in z]
dup[4][0] = dup[1][0]
write_csv("duplicate_ids.csv", ["lsoa21cd", "ts0010001", "X", "Y"], dup)

# 8. swapped_coordinates.csv: 6 Derbyshire fire stations (Swadlincote .. Duffield, the 11th-16th in-area
#    stations by fid); row 3 (FID 3, Kingsway, Derby) has easting/northing exchanged: the point moves
#    ~100 km north-west, out of Derbyshire (still a valid-looking BNG coordinate in Lancashire).
fire = rows("der_fire.csv")[10:16]
sw = []
for i, r in enumerate(fire):
    e, n = r["e"], r["n"]
    if i == 2:
        e, n = n, e
    sw.append([r["station_name"], r["station_postcode"], e, n])
write_csv("swapped_coordinates.csv", ["station_name", "postcode", "easting", "northing"], sw)

# 18. not_a_number_float.csv: 5 DFRS register rows; row 2 (FID 2) gia_m2 = "12,5O0" (comma, letter O).
dfrs = rows("dfrs.csv")
nn = []
for i, r in enumerate(dfrs[:5]):
    nn.append([r["uprn"], r["site"], r["postcode"], "12,5O0" if i == 1 else r["gia_m2"], r["e"], r["n"]])
write_csv("not_a_number_float.csv", ["uprn", "site", "postcode", "gia_m2", "easting", "northing"], nn)

# 21. missing_coordinates.csv: 5 DFRS register rows; row 4 (FID 4) has empty easting and northing.
mc = []
for i, r in enumerate(dfrs[:5]):
    mc.append([r["uprn"], r["site"], r["postcode"], r["gia_m2"]] + (["", ""] if i == 3 else [r["e"], r["n"]]))
write_csv("missing_coordinates.csv", ["uprn", "site", "postcode", "gia_m2", "easting", "northing"], mc)

# 22. lonlat_declared_bng.csv: the 4 Rutland libraries with x,y = longitude/latitude (degrees);
#     the test declares --crs EPSG:27700, so every point lands a few metres from the BNG false origin.
lib = rows("rut_lib.csv")
write_csv("lonlat_declared_bng.csv", ["name", "postcode", "x", "y"],
          [[r["name"], r["postcode"], f"{float(r['lng']):.6f}", f"{float(r['lat']):.6f}"] for r in lib])

# 20. wrong_geom_wkt.csv: 3 Oakham LSOAs as WKT (no CRS; user gives --crs EPSG:27700); row 2 (FID 2) unparseable.
oak = [by_code[c] for c in ("E01013798", "E01013799", "E01035105")]
ww = []
for i, r in enumerate(oak):
    w = "POLYGON((1 2, 3" if i == 1 else poly_wkt(wkt_coords(r["WKT"]))
    ww.append([r["lsoa21cd"], r["lsoa21nm"], r["ts0010001"], w])
write_csv("wrong_geom_wkt.csv", ["lsoa21cd", "lsoa21nm", "ts0010001", "WKT"], ww)

# 9c. mixed_crs/zones_no_crs.csv: the 3 LSOAs of zones_bng.geojson as WKT (valid, BNG metres), no CRS anywhere.
mix = [by_code[c] for c in ("E01013798", "E01013799", "E01035106")]
write_csv("mixed_crs/zones_no_crs.csv", ["lsoa21cd", "lsoa21nm", "ts0010001", "WKT"],
          [[r["lsoa21cd"], r["lsoa21nm"], r["ts0010001"], poly_wkt(wkt_coords(r["WKT"]))] for r in mix])

def zone_feature(r, zid=None, geom=None):
    props = {}
    if zid is not None:
        props["id"] = zid
    props.update({"lsoa21cd": r["lsoa21cd"], "lsoa21nm": r["lsoa21nm"], "pop": int(r["ts0010001"])})
    if geom is None:
        geom = {"type": "Polygon", "coordinates": wkt_coords(r["WKT"])}
    return {"type": "Feature", "properties": props, "geometry": geom}

# 5. bowtie.geojson: 3 Oakham zones (EPSG:27700 crs member); "Z2" (FID 1) is a bow-tie drawn on
#    the bounding-box corners of E01013799.
b = oak[1]
ring = wkt_coords(b["WKT"])[0]
xs, ys = [p[0] for p in ring], [p[1] for p in ring]
x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
bow = {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]]}
dump_geojson("bowtie.geojson", fc("bowtie", [zone_feature(oak[0], "Z1"), zone_feature(b, "Z2", bow), zone_feature(oak[2], "Z3")]))

# 15. mixed_geometry.geojson: zones layer where FID 1 is a Point (the LSOA's population-weighted centroid).
mg_pt = {"type": "Point", "coordinates": [r1(b["px"]), r1(b["py"])]}
dump_geojson("mixed_geometry.geojson", fc("mixed_geometry", [zone_feature(oak[0]), zone_feature(b, geom=mg_pt), zone_feature(oak[2])]))

# 3. not_json.geojson: the first half (by bytes) of a valid GeoJSON document of 3 zones.
full = json.dumps(fc("zones", [zone_feature(r) for r in oak]), separators=(", ", ": "))
write_text("not_json.geojson", full[: len(full) // 2])

# 14. empty_geometry.geojson: 3 Rutland GP practices (EPSG:27700); FID 1 has "geometry": null.
gp = rows("rut_gp.csv")[:3]
feats = []
for i, r in enumerate(gp):
    g = None if i == 1 else {"type": "Point", "coordinates": [r1(r["x"]), r1(r["y"])]}
    feats.append({"type": "Feature", "properties": {"code": r["code"], "name": r["name"],
                  "number_of_patients": int(r["number_of_patients"])}, "geometry": g})
dump_geojson("empty_geometry.geojson", fc("empty_geometry", feats))

# 17. far_outside.geojson: 4 Rutland schools (EPSG:27700); FID 2 has x = 5000000 (far east of GB, off any map).
sc = rows("rut_schools.csv")[:4]
feats = []
for i, r in enumerate(sc):
    x = 5000000.0 if i == 2 else r1(r["x"])
    feats.append({"type": "Feature", "properties": {"urn": int(r["urn"]), "name": r["establishment_name"],
                  "pupils": int(r["pupils"])}, "geometry": {"type": "Point", "coordinates": [x, r1(r["y"])]}})
dump_geojson("far_outside.geojson", fc("far_outside", feats))

# 23. unknown_epsg.geojson: the same 4 schools with "crs" naming EPSG:999999 (no such CRS).
feats = [{"type": "Feature", "properties": {"urn": int(r["urn"]), "name": r["establishment_name"]},
          "geometry": {"type": "Point", "coordinates": [r1(r["x"]), r1(r["y"])]}} for r in sc]
dump_geojson("unknown_epsg.geojson", fc("unknown_epsg", feats,
             {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::999999"}}))
PY

echo "bad corpus written to $bad"
du -sh "$bad"
