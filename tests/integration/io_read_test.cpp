// Reading the real demo layers. Expected counts and extents come from `ogrinfo -ro -so`
// (GDAL 3.6.2) on the same files, recorded in testdata/README.md.

#include "support/catch.hpp"
#include "support/testdata_path.hpp"

#include <pooled/io/reader.hpp>

#include <cmath>

using namespace pooled;
using pooled::test::testdata;

namespace {
io::LayerSource source(const std::string &relative) { return io::LayerSource::parse(testdata(relative)); }

Errc code_of(const std::function<void()> &body) {
    try {
        body();
    } catch (const Error &e) {
        return e.code();
    }
    return Errc::internal;
}
} // namespace

TEST_CASE("Derbyshire LSOAs load in British National Grid with ogrinfo's count and extent", "[io][read][integration]") {
    const auto bng = crs::WorkingCrs::british_national_grid();
    const auto layer = io::read_layer(source("derbyshire/derbyshire_zones.gpkg:lsoa21"), bng);
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
    const auto loaded = io::read_layers({source("derbyshire/derbyshire_zones.gpkg:lsoa21_wgs84"),
                                         source("derbyshire/derbyshire_zones.gpkg:lsoa21")},
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
    const auto chosen = io::working_crs_for({source("rutland/rutland_osm_geofabrik.gpkg:roads_wgs84")}, std::nullopt);
    CHECK(chosen.crs().authority_code() == "EPSG:27700");
    const auto utm = io::working_crs_for({source("rutland/rutland_osm_geofabrik.gpkg:roads_wgs84")},
                                         crs::Crs::from_user_input("EPSG:32630"));
    CHECK(utm.crs().authority_code() == "EPSG:32630");
}

TEST_CASE("the published fire register: skip leaves out the two mistyped stations", "[io][read][integration]") {
    // Dronfield (FID 15, easting 345678) and Whaley Bridge (FID 31, northing 318327) as
    // published (SOURCE.md). Distances to the nearest LSOA from SpatiaLite's ST_Distance via
    // ogrinfo -dialect sqlite: 52840.61 m and 17135.85 m.
    const auto bng = crs::WorkingCrs::british_national_grid();
    const auto zones = io::read_layer(source("derbyshire/derbyshire_zones.gpkg:lsoa21"), bng);
    io::ReadOptions options;
    options.assume_crs = crs::Crs::from_user_input("EPSG:27700");
    options.study_area = io::polygons_of(zones);
    options.on_invalid = io::OnInvalid::skip;
    options.non_negative_fields = {"gia_m2"};
    const auto register_ = io::read_layer(source("derbyshire/dfrs_register_reported.csv"), bng, options);
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
    try {
        (void)io::read_layer(source("derbyshire/dfrs_register_reported.csv"), bng, options);
        FAIL("no exception");
    } catch (const Error &e) {
        CHECK(e.code() == Errc::data);
        CHECK(e.where().feature == 15);
        CHECK(e.where().layer == "dfrs_register_reported");
    }
}

TEST_CASE("the repair policy mends a bow-tie with MakeValid and counts it", "[io][read][repair]") {
    // testdata/bad/bowtie.geojson: feature 1 ("Z2") self-intersects (bad/README.md).
    const auto bng = crs::WorkingCrs::british_national_grid();
    io::ReadOptions options;
    options.on_invalid = io::OnInvalid::repair;
    const auto layer = io::read_layer(source("bad/bowtie.geojson"), bng, options);
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
    const auto skipped = io::read_layer(source("bad/bowtie.geojson"), bng, options);
    CHECK(skipped.features().size() == 2);
    CHECK(skipped.report().skipped == 1);
}

TEST_CASE("sources that cannot be read fail with the right kind of error", "[io][read][bad-input]") {
    const auto bng = crs::WorkingCrs::british_national_grid();
    CHECK(code_of([&] { (void)io::read_layer(source("bad/truncated.gpkg"), bng); }) == Errc::io);
    CHECK(code_of([&] { (void)io::read_layer(source("bad/zero_byte.gpkg"), bng); }) == Errc::io);
    CHECK(code_of([&] { (void)io::read_layer(source("bad/not_json.geojson"), bng); }) == Errc::io);
    CHECK(code_of([&] { (void)io::read_layer(source("bad/no_prj.shp"), bng); }) == Errc::crs);
    CHECK(code_of([&] { (void)io::read_layer(source("bad/unknown_epsg.geojson"), bng); }) == Errc::crs);
    CHECK(code_of([&] { (void)io::read_layer(source("bad/empty_layer.gpkg:zones"), bng); }) == Errc::data);
    CHECK(code_of([&] { (void)io::read_layer(source("rutland/rutland_zones.gpkg:no_such_layer"), bng); }) == Errc::io);
    io::ReadOptions allow;
    allow.allow_empty = true;
    CHECK(io::read_layer(source("bad/empty_layer.gpkg:zones"), bng, allow).features().empty());
}

TEST_CASE("a table without geometry needs no CRS", "[io][read]") {
    // The OA lookup CSV: 3,447 rows (ogrinfo), no geometry columns.
    const auto layer = io::read_layer(source("derbyshire/derbyshire_oa21_lsoa21_msoa21_lad22_lookup.csv"),
                                      crs::WorkingCrs::british_national_grid());
    CHECK(layer.features().size() == 3447);
    CHECK(layer.info().geometry_type == "None");
    CHECK_FALSE(layer.info().crs.has_value());
}

TEST_CASE("progress reaches 1 and a sink returning false cancels", "[io][read][progress]") {
    const auto bng = crs::WorkingCrs::british_national_grid();
    double last = 0.0;
    const Progress progress([&](double fraction, std::string_view) {
        last = fraction;
        return true;
    });
    (void)io::read_layer(source("derbyshire/derbyshire_zones.gpkg:oa21_pwc"), bng, {}, progress);
    CHECK(last == Approx(1.0));
    const Progress stop([](double, std::string_view) { return false; });
    CHECK(code_of([&] { (void)io::read_layer(source("derbyshire/derbyshire_zones.gpkg:oa21_pwc"), bng, {}, stop); }) ==
          Errc::cancelled);
}
