// Golden output of `pooled info <layer> --json` for every demo layer, compared byte for byte with
// tests/cli/expected/<name>.json. The CLI runs in the repository root with relative paths
// (testdata/...), so the JSON holds no absolute path and is the same in every checkout.
//
// POOLED_UPDATE_GOLDEN=1 writes the expected files instead of comparing (see tests/cli/README.md).
//
// The golden files were not trusted blindly: each test also checks the key numbers against what
// ogrinfo 3.6.2 says about the layer (`ogrinfo -ro -so FILE LAYER`, the same numbers as the table
// "Facts for tests" in testdata/README.md): feature count, geometry type, EPSG code, extent to 1 mm
// (the JSON rounds to the millimetre) and the field names. ogrinfo prints the extent of the *_wgs84
// layers in degrees while pooled prints it in the working CRS (EPSG:27700), so those are checked
// against the ogrinfo extent of their BNG twin layer to within 5 m (pooled is within 1.3 mm of it
// here, with PROJ's Helmert OSGB36<->WGS84; with the OSTN15 grid installed it may move by metres).

#include "cli/support/golden.hpp"
#include "cli/support/run_cli.hpp"
#include "support/catch.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// What ogrinfo -ro -so says about a layer.
struct Facts {
    long features;
    std::string geometry;                  ///< ogrinfo "Geometry:", which pooled also prints
    std::string crs;                       ///< the layer's own CRS, "EPSG:n"; empty = none
    std::array<double, 4> extent;          ///< min x, min y, max x, max y in EPSG:27700
    double tolerance;                      ///< metres: 0.001, or 5 for a reprojected extent
    std::size_t field_count;
    std::vector<std::string> first_fields; ///< the first field names in order (all of them if <= 10)
    std::string last_field;
};

/// `pooled info ARGS --json`, compared with expected/<name>.json (see support/golden.hpp).
json check_golden(const std::string &name, std::vector<std::string> args) {
    args.insert(args.begin(), "info");
    args.push_back("--json");
    return pooled::test::check_golden_output(name, args);
}

/// Checks a one-layer info document against ogrinfo's facts.
void check_facts(const json &doc, const std::string &path, const std::string &layer_name, const Facts &f) {
    INFO(path << ":" << layer_name);
    CHECK(doc["working_crs"]["code"] == "EPSG:27700");
    REQUIRE(doc["layers"].size() == 1);
    const json &layer = doc["layers"][0];
    CHECK(layer["path"] == path);
    CHECK(layer["layer"] == layer_name);
    CHECK(layer["source"] == path + ":" + layer_name);
    CHECK(layer["feature_count"] == f.features);
    CHECK(layer["geometry_type"] == f.geometry);
    if (f.crs.empty()) {
        CHECK(layer["crs"].is_null());
    } else {
        CHECK(layer["crs"]["code"] == f.crs);
    }
    const json &extent = layer["extent"];
    REQUIRE(extent.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
        INFO("extent[" << i << "] = " << extent[i].get<double>() << ", ogrinfo " << f.extent[i] << " +- "
                       << f.tolerance);
        CHECK(std::abs(extent[i].get<double>() - f.extent[i]) <= f.tolerance);
    }
    const json &fields = layer["fields"];
    CHECK(fields.size() == f.field_count);
    REQUIRE(fields.size() >= f.first_fields.size());
    for (std::size_t i = 0; i < f.first_fields.size(); ++i) {
        CHECK(fields[i]["name"] == f.first_fields[i]);
    }
    REQUIRE_FALSE(fields.empty());
    CHECK(fields.back()["name"] == f.last_field);
}

/// A GeoPackage layer: golden comparison plus the ogrinfo checks, every record loaded.
void check_gpkg_layer(const std::string &file, const std::string &layer, const Facts &facts) {
    const std::string path = "testdata/" + file;
    const std::string stem = fs::path(file).stem().string();
    const json doc = check_golden(stem + "." + layer, {path + ":" + layer});
    check_facts(doc, path, layer, facts);
    const json &report = doc["layers"][0]["load_report"];
    CHECK(report["read"] == facts.features);
    CHECK(report["loaded"] == facts.features);
    CHECK(report["skipped"] == 0);
    CHECK(report["repaired"] == 0);
    CHECK(report["issues"].empty());
}

constexpr double mm = 0.001;
constexpr double reprojected = 5.0;

} // namespace

// ---------------------------------------------------------------------------------------------
// derbyshire/derbyshire_zones.gpkg (6 layers). Numbers: ogrinfo -ro -so derbyshire_zones.gpkg LAYER.

TEST_CASE("info golden derbyshire_zones.gpkg:lsoa21", "[cli][golden]") {
    // ogrinfo: Multi Polygon, 651, EPSG:27700, (397850.373554, 311057.309951) - (455676.174321, 404872.313024),
    // 260 fields lsoa21cd ... imd19_living_environment_decile.
    check_gpkg_layer("derbyshire/derbyshire_zones.gpkg", "lsoa21",
                     {651, "Multi Polygon", "EPSG:27700", {397850.373554, 311057.309951, 455676.174321, 404872.313024},
                      mm, 260, {"lsoa21cd", "lsoa21nm", "lad22cd", "lad22nm", "msoa21nm", "msoa21cd"},
                      "imd19_living_environment_decile"});
}

TEST_CASE("info golden derbyshire_zones.gpkg:lsoa21_wgs84", "[cli][golden]") {
    // ogrinfo: Multi Polygon, 651, EPSG:4326, (-2.033775, 52.696539) - (-1.166489, 53.540429) degrees;
    // in BNG compare the twin lsoa21: (397850.373554, 311057.309951) - (455676.174321, 404872.313024).
    check_gpkg_layer("derbyshire/derbyshire_zones.gpkg", "lsoa21_wgs84",
                     {651, "Multi Polygon", "EPSG:4326", {397850.373554, 311057.309951, 455676.174321, 404872.313024},
                      reprojected, 4, {"lsoa21cd", "lsoa21nm", "lad22cd", "lad22nm"}, "lad22nm"});
}

TEST_CASE("info golden derbyshire_zones.gpkg:oa21_pwc", "[cli][golden]") {
    // ogrinfo: Point, 3447, EPSG:27700, (398616.888548, 313069.836878) - (454305.118215, 397351.676148), 229 fields.
    check_gpkg_layer("derbyshire/derbyshire_zones.gpkg", "oa21_pwc",
                     {3447, "Point", "EPSG:27700", {398616.888548, 313069.836878, 454305.118215, 397351.676148}, mm,
                      229, {"oa21cd", "lsoa21cd", "pip_agrees", "ts0010001", "ts0010002", "ts0010003"}, "lad22cd"});
}

TEST_CASE("info golden derbyshire_zones.gpkg:lsoa21_pwc", "[cli][golden]") {
    // ogrinfo: Point, 651, EPSG:27700, (399453.685070, 313495.864240) - (453366.971921, 397047.030541).
    check_gpkg_layer("derbyshire/derbyshire_zones.gpkg", "lsoa21_pwc",
                     {651, "Point", "EPSG:27700", {399453.685070, 313495.864240, 453366.971921, 397047.030541}, mm, 5,
                      {"lsoa21cd", "lsoa21nm", "lad22cd", "ts0010001", "ts0410001"}, "ts0410001"});
}

TEST_CASE("info golden derbyshire_zones.gpkg:msoa21", "[cli][golden]") {
    // ogrinfo: Multi Polygon, 130, EPSG:27700, (398030.834095, 311057.309951) - (455676.174321, 404872.313024).
    check_gpkg_layer("derbyshire/derbyshire_zones.gpkg", "msoa21",
                     {130, "Multi Polygon", "EPSG:27700", {398030.834095, 311057.309951, 455676.174321, 404872.313024},
                      mm, 4, {"msoa21cd", "msoa21nm", "ts0010001", "ts0410001"}, "ts0410001"});
}

TEST_CASE("info golden derbyshire_zones.gpkg:lad21_buc", "[cli][golden]") {
    // ogrinfo: Multi Polygon, 9, EPSG:27700, (397850.360248, 311291.500791) - (455676.260226, 404872.357549).
    check_gpkg_layer("derbyshire/derbyshire_zones.gpkg", "lad21_buc",
                     {9, "Multi Polygon", "EPSG:27700", {397850.360248, 311291.500791, 455676.260226, 404872.357549}, mm,
                      2, {"lad21nm", "lad21cd"}, "lad21cd"});
}

// ---------------------------------------------------------------------------------------------
// derbyshire/derbyshire_facilities.gpkg (6 point layers).

TEST_CASE("info golden derbyshire_facilities.gpkg:schools_gias_2025", "[cli][golden]") {
    // ogrinfo: Point, 570, EPSG:27700, (394864, 312840) - (454132, 396997), 17 fields urn ... in_area.
    check_gpkg_layer("derbyshire/derbyshire_facilities.gpkg", "schools_gias_2025",
                     {570, "Point", "EPSG:27700", {394864.0, 312840.0, 454132.0, 396997.0}, mm, 17,
                      {"urn", "la_code", "la_name", "establishment_number", "establishment_name", "establishment_type"},
                      "in_area"});
}

TEST_CASE("info golden derbyshire_facilities.gpkg:libraries_2016", "[cli][golden]") {
    // ogrinfo: Point, 62, EPSG:27700, (399947.618938, 319292.000156) - (452897.997782, 396069.908758), 36 fields.
    check_gpkg_layer("derbyshire/derbyshire_facilities.gpkg", "libraries_2016",
                     {62, "Point", "EPSG:27700", {399947.618938, 319292.000156, 452897.997782, 396069.908758}, mm, 36,
                      {"name", "id", "authority_id", "address", "postcode", "lat"}, "in_area"});
}

TEST_CASE("info golden derbyshire_facilities.gpkg:hospitals_2022", "[cli][golden]") {
    // ogrinfo: Point, 54, EPSG:27700, (390726.869760, 302589.069347) - (459378.133072, 409140.473341).
    check_gpkg_layer("derbyshire/derbyshire_facilities.gpkg", "hospitals_2022",
                     {54, "Point", "EPSG:27700", {390726.869760, 302589.069347, 459378.133072, 409140.473341}, mm, 2,
                      {"hospital22_name", "in_area"}, "in_area"});
}

TEST_CASE("info golden derbyshire_facilities.gpkg:gp_practices_2022", "[cli][golden]") {
    // ogrinfo: Point, 420, EPSG:27700, (388936, 302256) - (462613, 414125), 22 fields.
    check_gpkg_layer("derbyshire/derbyshire_facilities.gpkg", "gp_practices_2022",
                     {420, "Point", "EPSG:27700", {388936.0, 302256.0, 462613.0, 414125.0}, mm, 22,
                      {"code", "publication", "extract_date", "type", "ccg_code", "ons_ccg_code"}, "in_area"});
}

TEST_CASE("info golden derbyshire_facilities.gpkg:fire_stations_homeoffice", "[cli][golden]") {
    // ogrinfo: Point, 82, EPSG:27700, (389015.6, 302210) - (462458, 414157), 8 fields.
    check_gpkg_layer("derbyshire/derbyshire_facilities.gpkg", "fire_stations_homeoffice",
                     {82, "Point", "EPSG:27700", {389015.6, 302210.0, 462458.0, 414157.0}, mm, 8,
                      {"frs_fullname", "e_code", "station_name", "station_address", "station_postcode",
                       "station_easting", "station_northing", "in_area"},
                      "in_area"});
}

TEST_CASE("info golden derbyshire_facilities.gpkg:fire_estate_dfrs_2016", "[cli][golden]") {
    // ogrinfo: Point, 56, EPSG:27700, (400913, 319816) - (452948, 393297), 18 fields uprn ... y_use.
    check_gpkg_layer("derbyshire/derbyshire_facilities.gpkg", "fire_estate_dfrs_2016",
                     {56, "Point", "EPSG:27700", {400913.0, 319816.0, 452948.0, 393297.0}, mm, 18,
                      {"uprn", "site", "address", "postcode", "status", "site_area"}, "y_use"});
}

// ---------------------------------------------------------------------------------------------
// rutland/rutland_zones.gpkg (6 layers).

TEST_CASE("info golden rutland_zones.gpkg:lsoa21", "[cli][golden]") {
    // ogrinfo: Multi Polygon, 26, EPSG:27700, (479689.050412, 292676.003709) - (506145.780667, 318919.298519).
    check_gpkg_layer("rutland/rutland_zones.gpkg", "lsoa21",
                     {26, "Multi Polygon", "EPSG:27700", {479689.050412, 292676.003709, 506145.780667, 318919.298519},
                      mm, 260, {"lsoa21cd", "lsoa21nm", "lad22cd", "lad22nm", "msoa21nm", "msoa21cd"},
                      "imd19_living_environment_decile"});
}

TEST_CASE("info golden rutland_zones.gpkg:lsoa21_wgs84", "[cli][golden]") {
    // ogrinfo: Multi Polygon, 26, EPSG:4326, (-0.821753, 52.524964) - (-0.430443, 52.759713) degrees;
    // in BNG compare the twin lsoa21: (479689.050412, 292676.003709) - (506145.780667, 318919.298519).
    check_gpkg_layer("rutland/rutland_zones.gpkg", "lsoa21_wgs84",
                     {26, "Multi Polygon", "EPSG:4326", {479689.050412, 292676.003709, 506145.780667, 318919.298519},
                      reprojected, 4, {"lsoa21cd", "lsoa21nm", "lad22cd", "lad22nm"}, "lad22nm"});
}

TEST_CASE("info golden rutland_zones.gpkg:oa21_pwc", "[cli][golden]") {
    // ogrinfo: Point, 128, EPSG:27700, (481635.527076, 293648.580968) - (504591.438298, 317423.817290).
    check_gpkg_layer("rutland/rutland_zones.gpkg", "oa21_pwc",
                     {128, "Point", "EPSG:27700", {481635.527076, 293648.580968, 504591.438298, 317423.817290}, mm, 229,
                      {"oa21cd", "lsoa21cd", "pip_agrees", "ts0010001", "ts0010002", "ts0010003"}, "lad22cd"});
}

TEST_CASE("info golden rutland_zones.gpkg:lsoa21_pwc", "[cli][golden]") {
    // ogrinfo: Point, 26, EPSG:27700, (482637.567753, 297416.463077) - (503753.139787, 317091.438940).
    check_gpkg_layer("rutland/rutland_zones.gpkg", "lsoa21_pwc",
                     {26, "Point", "EPSG:27700", {482637.567753, 297416.463077, 503753.139787, 317091.438940}, mm, 5,
                      {"lsoa21cd", "lsoa21nm", "lad22cd", "ts0010001", "ts0410001"}, "ts0410001"});
}

TEST_CASE("info golden rutland_zones.gpkg:msoa21", "[cli][golden]") {
    // ogrinfo: Multi Polygon, 5, EPSG:27700, (479689.050412, 292676.003709) - (506145.780667, 318919.298519).
    check_gpkg_layer("rutland/rutland_zones.gpkg", "msoa21",
                     {5, "Multi Polygon", "EPSG:27700", {479689.050412, 292676.003709, 506145.780667, 318919.298519}, mm,
                      4, {"msoa21cd", "msoa21nm", "ts0010001", "ts0410001"}, "ts0410001"});
}

TEST_CASE("info golden rutland_zones.gpkg:lad21_buc", "[cli][golden]") {
    // ogrinfo: Multi Polygon, 1, EPSG:27700, (479689.050231, 292676.014952) - (506145.787423, 318929.101895).
    check_gpkg_layer("rutland/rutland_zones.gpkg", "lad21_buc",
                     {1, "Multi Polygon", "EPSG:27700", {479689.050231, 292676.014952, 506145.787423, 318929.101895}, mm,
                      2, {"lad21nm", "lad21cd"}, "lad21cd"});
}

// ---------------------------------------------------------------------------------------------
// rutland/rutland_facilities.gpkg (5 point layers).

TEST_CASE("info golden rutland_facilities.gpkg:schools_gias_2025", "[cli][golden]") {
    // ogrinfo: Point, 27, EPSG:27700, (483070, 298778) - (503702, 315573), 17 fields.
    check_gpkg_layer("rutland/rutland_facilities.gpkg", "schools_gias_2025",
                     {27, "Point", "EPSG:27700", {483070.0, 298778.0, 503702.0, 315573.0}, mm, 17,
                      {"urn", "la_code", "la_name", "establishment_number", "establishment_name", "establishment_type"},
                      "in_area"});
}

TEST_CASE("info golden rutland_facilities.gpkg:libraries_2016", "[cli][golden]") {
    // ogrinfo: Point, 4, EPSG:27700, (486258.244184, 299655.000202) - (503446.997865, 310576.000228), 36 fields.
    check_gpkg_layer("rutland/rutland_facilities.gpkg", "libraries_2016",
                     {4, "Point", "EPSG:27700", {486258.244184, 299655.000202, 503446.997865, 310576.000228}, mm, 36,
                      {"name", "id", "authority_id", "address", "postcode", "lat"}, "in_area"});
}

TEST_CASE("info golden rutland_facilities.gpkg:hospitals_2022", "[cli][golden]") {
    // ogrinfo: Point, 5, EPSG:27700, (475956.036892, 307504.895518) - (503676.046698, 319296.918947).
    check_gpkg_layer("rutland/rutland_facilities.gpkg", "hospitals_2022",
                     {5, "Point", "EPSG:27700", {475956.036892, 307504.895518, 503676.046698, 319296.918947}, mm, 2,
                      {"hospital22_name", "in_area"}, "in_area"});
}

TEST_CASE("info golden rutland_facilities.gpkg:gp_practices_2022", "[cli][golden]") {
    // ogrinfo: Point, 19, EPSG:27700, (471899, 286594) - (513921, 324637), 22 fields.
    check_gpkg_layer("rutland/rutland_facilities.gpkg", "gp_practices_2022",
                     {19, "Point", "EPSG:27700", {471899.0, 286594.0, 513921.0, 324637.0}, mm, 22,
                      {"code", "publication", "extract_date", "type", "ccg_code", "ons_ccg_code"}, "in_area"});
}

TEST_CASE("info golden rutland_facilities.gpkg:fire_stations_homeoffice", "[cli][golden]") {
    // ogrinfo: Point, 9, EPSG:27700, (472160, 289244) - (514405, 324589), 8 fields.
    check_gpkg_layer("rutland/rutland_facilities.gpkg", "fire_stations_homeoffice",
                     {9, "Point", "EPSG:27700", {472160.0, 289244.0, 514405.0, 324589.0}, mm, 8,
                      {"frs_fullname", "e_code", "station_name", "station_address", "station_postcode",
                       "station_easting", "station_northing", "in_area"},
                      "in_area"});
}

// ---------------------------------------------------------------------------------------------
// rutland/rutland_osm_geofabrik.gpkg (3 layers).

TEST_CASE("info golden rutland_osm_geofabrik.gpkg:roads_wgs84", "[cli][golden]") {
    // ogrinfo: Line String, 6665, EPSG:4326, (-0.846970, 52.522786) - (-0.395414, 52.762197) degrees;
    // in BNG compare the twin roads_bng: (478089.770467, 292420.044182) - (508533.002468, 319193.319353).
    check_gpkg_layer("rutland/rutland_osm_geofabrik.gpkg", "roads_wgs84",
                     {6665, "Line String", "EPSG:4326", {478089.770467, 292420.044182, 508533.002468, 319193.319353},
                      reprojected, 10,
                      {"osm_id", "code", "fclass", "name", "ref", "oneway", "maxspeed", "layer", "bridge", "tunnel"},
                      "tunnel"});
}

TEST_CASE("info golden rutland_osm_geofabrik.gpkg:roads_bng", "[cli][golden]") {
    // ogrinfo: Line String, 6665, EPSG:27700, (478089.770467, 292420.044182) - (508533.002468, 319193.319353).
    check_gpkg_layer("rutland/rutland_osm_geofabrik.gpkg", "roads_bng",
                     {6665, "Line String", "EPSG:27700", {478089.770467, 292420.044182, 508533.002468, 319193.319353}, mm,
                      10, {"osm_id", "code", "fclass", "name", "ref", "oneway", "maxspeed", "layer", "bridge", "tunnel"},
                      "tunnel"});
}

TEST_CASE("info golden rutland_osm_geofabrik.gpkg:public_sector_pois_bng", "[cli][golden]") {
    // ogrinfo: Point, 123, EPSG:27700, (482663.879752, 293611.404345) - (504586.037268, 317632.380700).
    check_gpkg_layer("rutland/rutland_osm_geofabrik.gpkg", "public_sector_pois_bng",
                     {123, "Point", "EPSG:27700", {482663.879752, 293611.404345, 504586.037268, 317632.380700}, mm, 5,
                      {"osm_id", "code", "fclass", "name", "osm_geom"}, "osm_geom"});
}

// ---------------------------------------------------------------------------------------------
// The DFRS register as published (CSV, no CRS), skipping its two wrong rows.

TEST_CASE("info golden dfrs_register_reported.csv --on-invalid skip", "[cli][golden]") {
    const std::string path = "testdata/derbyshire/dfrs_register_reported.csv";
    const json doc = check_golden("dfrs_register_reported.skip",
                                  {path, "--crs", "EPSG:27700", "--on-invalid", "skip", "--study-area",
                                   "testdata/derbyshire/derbyshire_zones.gpkg:lsoa21"});
    // ogrinfo -ro -so -oo AUTODETECT_TYPE=YES -oo X_POSSIBLE_NAMES=easting -oo Y_POSSIBLE_NAMES=northing:
    // Point, 56 features, no CRS, fields uprn (Integer), site, postcode, status, gia_m2 (Integer), ownership,
    // asset_type, easting, northing (pooled takes easting/northing as the geometry and does not list them).
    // Its extent (345678, 318327) - (452948, 393297) includes the two wrong rows; without them it is the
    // corrected register's (ogrinfo derbyshire_facilities.gpkg fire_estate_dfrs_2016):
    // (400913, 319816) - (452948, 393297).
    check_facts(doc, path, "dfrs_register_reported",
                {56, "Point", "", {400913.0, 319816.0, 452948.0, 393297.0}, mm, 7,
                 {"uprn", "site", "postcode", "status", "gia_m2", "ownership", "asset_type"}, "asset_type"});
    const json &layer = doc["layers"][0];
    CHECK(layer["driver"] == "CSV");
    CHECK(layer["fields"][0]["type"] == "integer");
    CHECK(layer["fields"][4]["type"] == "integer");
    const json &report = layer["load_report"];
    CHECK(report["read"] == 56);
    CHECK(report["loaded"] == 54);
    CHECK(report["skipped"] == 2);
    REQUIRE(report["issues"].size() == 2);
    // testdata/README.md "suspect rows": FID 15 Dronfield, FID 31 Whaley Bridge. Distances: SpatiaLite
    // ST_Distance via ogrinfo -dialect sqlite gives 52840.61 m and 17135.85 m (info_bad_input_test.cpp).
    CHECK(report["issues"][0]["feature"] == 15);
    CHECK(report["issues"][0]["problem"].get<std::string>().find("52841 m") != std::string::npos);
    CHECK(report["issues"][1]["feature"] == 31);
    CHECK(report["issues"][1]["problem"].get<std::string>().find("17136 m") != std::string::npos);
}
