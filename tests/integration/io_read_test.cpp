// Reading the real demo layers. Expected counts and extents come from `ogrinfo -ro -so`
// (GDAL 3.6.2) on the same files, recorded in testdata/README.md.

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/layers.hpp"

#include <pooled/io/reader.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace pooled;
using pooled::test::code_of;
using pooled::test::error_of;
using pooled::test::read_testdata_layer;
using pooled::test::testdata_source;

TEST_CASE("Derbyshire LSOAs load in British National Grid with ogrinfo's count and extent", "[io][read][integration]") {
    const auto layer = read_testdata_layer("derbyshire/derbyshire_zones.gpkg:lsoa21");
    CHECK(layer.features().size() == 651);
    CHECK(layer.info().driver == "GPKG");
    CHECK(layer.info().crs->authority_code() == "EPSG:27700");
    CHECK(layer.info().geometry_type == "Multi Polygon");
    CHECK(layer.report().loaded == 651);
    CHECK(layer.report().issue_count() == 0);
    // ogrinfo: Extent: (397850.373554, 311057.309951) - (455676.174321, 404872.313024)
    const auto box = layer.extent();
    CHECK(box.min_x == Approx(397850.373554).margin(1e-6));
    CHECK(box.min_y == Approx(311057.309951).margin(1e-6));
    CHECK(box.max_x == Approx(455676.174321).margin(1e-6));
    CHECK(box.max_y == Approx(404872.313024).margin(1e-6));
    CHECK(layer.fields().front().name == "lsoa21cd");
    CHECK(layer.fields().size() == 260);
}

TEST_CASE("the WGS 84 copy of the LSOAs reprojects onto the British National Grid copy", "[io][read][crs][integration]") {
    // Same polygons stored twice (SOURCE.md); after PROJ's 4326 -> 27700 (no OSTN15 grid) the
    // extents agree to the metre: the residual is the datum shift the grid-less transform lacks.
    const auto loaded = io::read_layers({testdata_source("derbyshire/derbyshire_zones.gpkg:lsoa21_wgs84"),
                                         testdata_source("derbyshire/derbyshire_zones.gpkg:lsoa21")},
                                        std::nullopt);
    REQUIRE(loaded.working_crs.crs().authority_code() == "EPSG:27700");
    const auto a = loaded.layers[0].extent();
    const auto b = loaded.layers[1].extent();
    CHECK(std::fabs(a.min_x - b.min_x) < 1.0);
    CHECK(std::fabs(a.min_y - b.min_y) < 1.0);
    CHECK(std::fabs(a.max_x - b.max_x) < 1.0);
    CHECK(std::fabs(a.max_y - b.max_y) < 1.0);
}

TEST_CASE("a WGS 84 layer alone outside Britain gets its UTM zone", "[io][read][crs]") {
    // Rutland roads in degrees are British, so BNG; forcing a UTM choice checks the user wins.
    const auto chosen =
        io::working_crs_for({testdata_source("rutland/rutland_osm_geofabrik.gpkg:roads_wgs84")}, std::nullopt);
    CHECK(chosen.crs().authority_code() == "EPSG:27700");
    const auto utm = io::working_crs_for({testdata_source("rutland/rutland_osm_geofabrik.gpkg:roads_wgs84")},
                                         crs::Crs::from_user_input("EPSG:32630"));
    CHECK(utm.crs().authority_code() == "EPSG:32630");
}

TEST_CASE("the published fire register: skip leaves out the two mistyped stations", "[io][read][integration]") {
    // Dronfield (FID 15, easting 345678) and Whaley Bridge (FID 31, northing 318327) as
    // published (SOURCE.md). Distances to the nearest LSOA from SpatiaLite's ST_Distance via
    // ogrinfo -dialect sqlite: 52840.61 m and 17135.85 m.
    const auto zones = read_testdata_layer("derbyshire/derbyshire_zones.gpkg:lsoa21");
    io::ReadOptions options;
    options.assume_crs = crs::Crs::from_user_input("EPSG:27700");
    options.study_area = io::polygons_of(zones);
    options.on_invalid = io::OnInvalid::skip;
    options.non_negative_fields = {"gia_m2"};
    const auto register_ = read_testdata_layer("derbyshire/dfrs_register_reported.csv", options);
    CHECK(register_.report().read == 56);
    CHECK(register_.report().skipped == 2);
    CHECK(register_.features().size() == 54);
    CHECK(register_.report().count(io::IssueKind::outside_area) == 2);
    REQUIRE(register_.report().issues.size() == 2);
    CHECK(register_.report().issues[0].where.feature == 15);
    CHECK(register_.report().issues[0].problem == "feature at (345678 377946) lies 52841 m outside the study area (limit 10000 m)");
    CHECK(register_.report().issues[1].where.feature == 31);
    CHECK(register_.report().issues[1].problem == "feature at (401252 318327) lies 17136 m outside the study area (limit 10000 m)");

    options.on_invalid = io::OnInvalid::fail;
    const Error e = error_of([&] { (void)read_testdata_layer("derbyshire/dfrs_register_reported.csv", options); });
    CHECK(e.code() == Errc::data);
    CHECK(e.where().feature == 15);
    CHECK(e.where().layer == "dfrs_register_reported");
}

TEST_CASE("the repair policy mends a bow-tie with MakeValid and counts it", "[io][read][repair]") {
    // testdata/bad/bowtie.geojson: feature 1 ("Z2") self-intersects (bad/README.md).
    io::ReadOptions options;
    options.on_invalid = io::OnInvalid::repair;
    const auto layer = read_testdata_layer("bad/bowtie.geojson", options);
    CHECK(layer.report().read == 3);
    CHECK(layer.report().repaired == 1);
    CHECK(layer.report().skipped == 0);
    CHECK(layer.features().size() == 3);
    REQUIRE(layer.report().issues.size() == 1);
    CHECK(layer.report().issues[0].action == io::IssueAction::repaired);
    CHECK(layer.report().issues[0].kind == io::IssueKind::invalid_geometry);
    CHECK(layer.report().issues[0].where.feature == 1);
    CHECK(std::holds_alternative<geometry::MultiPolygon>(layer.features()[1].geometry));

    options.on_invalid = io::OnInvalid::skip;
    const auto skipped = read_testdata_layer("bad/bowtie.geojson", options);
    CHECK(skipped.features().size() == 2);
    CHECK(skipped.report().skipped == 1);
}

TEST_CASE("sources that cannot be read fail with the right kind of error", "[io][read][bad-input]") {
    CHECK(code_of([&] { (void)read_testdata_layer("bad/truncated.gpkg"); }) == Errc::io);
    CHECK(code_of([&] { (void)read_testdata_layer("bad/zero_byte.gpkg"); }) == Errc::io);
    CHECK(code_of([&] { (void)read_testdata_layer("bad/not_json.geojson"); }) == Errc::io);
    CHECK(code_of([&] { (void)read_testdata_layer("bad/no_prj.shp"); }) == Errc::crs);
    CHECK(code_of([&] { (void)read_testdata_layer("bad/unknown_epsg.geojson"); }) == Errc::crs);
    CHECK(code_of([&] { (void)read_testdata_layer("bad/empty_layer.gpkg:zones"); }) == Errc::data);
    CHECK(code_of([&] { (void)read_testdata_layer("rutland/rutland_zones.gpkg:no_such_layer"); }) == Errc::io);
    io::ReadOptions allow;
    allow.allow_empty = true;
    CHECK(read_testdata_layer("bad/empty_layer.gpkg:zones", allow).features().empty());
}

TEST_CASE("a table without geometry needs no CRS", "[io][read]") {
    // The OA lookup CSV: 3,447 rows (ogrinfo), no geometry columns.
    const auto layer = read_testdata_layer("derbyshire/derbyshire_oa21_lsoa21_msoa21_lad22_lookup.csv");
    CHECK(layer.features().size() == 3447);
    CHECK(layer.info().geometry_type == "None");
    CHECK_FALSE(layer.info().crs.has_value());
}

TEST_CASE("progress reaches 1 and a sink returning false cancels", "[io][read][progress]") {
    double last = 0.0;
    const Progress progress([&](double fraction, std::string_view) {
        last = fraction;
        return true;
    });
    (void)read_testdata_layer("derbyshire/derbyshire_zones.gpkg:oa21_pwc", {}, progress);
    CHECK(last == Approx(1.0));
    const Progress stop([](double, std::string_view) { return false; });
    CHECK(code_of([&] { (void)read_testdata_layer("derbyshire/derbyshire_zones.gpkg:oa21_pwc", {}, stop); }) ==
          Errc::cancelled);
}

TEST_CASE("a polygon that MakeValid cannot save is skipped, not counted as repaired", "[io][read][repair]") {
    // Feature 1 is a zero-area "polygon" along a line: GEOS reports a self-intersection and
    // MakeValid leaves no polygon of it (geometry tests: "a zero-area polygon repairs to Empty").
    const auto path = std::filesystem::temp_directory_path() / "pooled-collapsed-polygon.geojson";
    {
        std::ofstream out(path);
        out << R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},
"features":[
{"type":"Feature","properties":{"id":"ok"},"geometry":{"type":"Polygon","coordinates":[[[430000,360000],[430100,360000],[430100,360100],[430000,360000]]]}},
{"type":"Feature","properties":{"id":"flat"},"geometry":{"type":"Polygon","coordinates":[[[430000,360000],[430100,360000],[430200,360000],[430000,360000]]]}}
]})";
    }
    io::ReadOptions options;
    options.on_invalid = io::OnInvalid::repair;
    const auto layer = io::read_layer(io::LayerSource{path.string(), {}}, crs::WorkingCrs::british_national_grid(), options);
    std::filesystem::remove(path);
    CHECK(layer.features().size() == 1);
    CHECK(layer.report().repaired == 0);
    CHECK(layer.report().skipped == 1);
    REQUIRE(layer.report().issues.size() == 1);
    CHECK(layer.report().issues[0].action == io::IssueAction::skipped);
    CHECK(layer.report().issues[0].where.feature == 1);
}

TEST_CASE("a CSV of longitudes and latitudes loads into British National Grid", "[io][read][crs]") {
    // testdata/bad/lonlat_declared_bng.csv holds lon/lat degrees; read as EPSG:4326 (its true
    // CRS) the Oakham row (-0.725849, 52.669391) lands at cs2cs's
    // `echo 52.669391 -0.725849 | cs2cs -f %.4f EPSG:4326 EPSG:27700` (PROJ 9.1, no OSTN15 grid)
    // prints 486258.2541 308726.0027 (testdata/bad/README.md gives Oakham library there, +-5 m).
    io::ReadOptions options;
    options.assume_crs = crs::Crs::from_user_input("EPSG:4326");
    const auto layer = io::read_layer(io::LayerSource::parse(test::testdata("bad/lonlat_declared_bng.csv")),
                                      crs::WorkingCrs::british_national_grid(), options);
    REQUIRE(layer.features().size() >= 2);
    const auto &oakham = std::get<geometry::Point>(layer.features()[1].geometry);
    CHECK(oakham.x == Approx(486258.2541).margin(0.001));
    CHECK(oakham.y == Approx(308726.0027).margin(0.001));
    CHECK(layer.info().geometry_columns == std::vector<std::string>{"x", "y"});
}

TEST_CASE("a coordinate that overflows to infinity is an invalid geometry with or without the area check", "[io][read][bad-input]") {
    // Found by fuzz/csv_layer_fuzz.cpp (testdata/bad/README.md F6): GDAL reads y =
    // "3603081e308" as +inf; with the area-of-use check off the point was loaded at infinity.
    const auto source = io::LayerSource::parse(test::testdata("bad/fuzz/csv_layer/y_overflows_to_infinity.csv"));
    for (const bool check_area : {false, true}) {
        io::ReadOptions options;
        options.assume_crs = crs::Crs::from_user_input("EPSG:27700");
        options.check_area = check_area;
        options.on_invalid = io::OnInvalid::skip;
        const auto layer = io::read_layer(source, crs::WorkingCrs::british_national_grid(), options);
        CHECK(layer.features().size() == 2); // rows 1 and 3
        REQUIRE(layer.report().issues.size() == 1);
        const auto &issue = layer.report().issues[0];
        CHECK(issue.kind == io::IssueKind::invalid_geometry);
        CHECK(issue.where.feature == 2);
        CHECK(issue.problem == "coordinates (430380 inf) are not finite numbers");
    }
}
