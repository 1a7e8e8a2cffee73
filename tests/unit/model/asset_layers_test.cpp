// read_asset_layers: several assets layers into one estate, as `pooled colocate --assets A
// --assets B` and a scenario's [[layers.assets]] read them. Counts from ogrinfo:
//   ogrinfo -q -sql "select count(*) from libraries_2016" testdata/rutland/rutland_facilities.gpkg  -> 4
//   ogrinfo -q -sql "select count(*) from schools_gias_2025" ...                                     -> 27

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/layers.hpp"

#include <pooled/model/asset_layers.hpp>

using namespace pooled;

namespace {
model::AssetLayerInput rutland(const std::string &layer, const std::string &service = {},
                               const std::string &organisation = {}) {
    model::AssetLayerInput input;
    input.source = test::testdata_source("rutland/rutland_facilities.gpkg:" + layer);
    input.service = service;
    input.organisation = organisation;
    return input;
}
} // namespace

TEST_CASE("asset layers: one layer keeps its ids, its name is the layer's", "[model][asset_layers]") {
    const auto read = model::read_asset_layers({rutland("libraries_2016")}, test::bng());
    REQUIRE(read.estate.assets.size() == 4);
    // Its id column, guessed: ogrinfo -sql "select fid, id from libraries_2016" gives 1, 2386 first.
    CHECK(read.estate.assets[0].id == "2386");
    REQUIRE(read.layers.size() == 1);
    CHECK(read.layers[0].name == "libraries_2016");
    CHECK(read.layers[0].assets == 4);
    CHECK(read.estate.report.read == 4);
}

TEST_CASE("asset layers: several layers prefix ids with their names and sum the reports", "[model][asset_layers]") {
    auto libraries = rutland("libraries_2016", "library", "Rutland County Council");
    auto schools = rutland("schools_gias_2025", "school", "Schools");
    schools.name = "schools";
    const auto read = model::read_asset_layers({libraries, schools}, test::bng());
    REQUIRE(read.estate.assets.size() == 4 + 27);
    CHECK(read.estate.assets[0].id.starts_with("libraries_2016:"));
    CHECK(read.estate.assets[4].id.starts_with("schools:"));
    CHECK(read.estate.report.read == 31);
    CHECK(read.estate.source == test::testdata("rutland/rutland_facilities.gpkg") + ":libraries_2016, " +
                                    test::testdata("rutland/rutland_facilities.gpkg") + ":schools_gias_2025");
    // The layer's service and owner replace any column that would supply them.
    CHECK(read.estate.assets[0].services == std::vector<std::string>{"library"});
    CHECK(read.estate.assets[0].organisation == "Rutland County Council");
    CHECK(read.estate.assets[30].services == std::vector<std::string>{"school"});
    CHECK(read.estate.assets[30].organisation == "Schools");
    REQUIRE(read.layers.size() == 2);
    CHECK(read.layers[1].name == "schools");
    CHECK(read.layers[1].assets == 27);
    CHECK(read.layers[1].schema.constants.service == "school");
    CHECK(read.layers[1].schema.services.empty());
}

TEST_CASE("asset layers: two layers of one name are refused, naming both", "[model][asset_layers]") {
    auto a = rutland("libraries_2016");
    auto b = rutland("schools_gias_2025");
    a.name = b.name = "sites";
    const auto e = test::error_of([&] { (void)model::read_asset_layers({a, b}, test::bng()); });
    CHECK(e.code() == Errc::argument);
    CHECK(e.problem() == "two assets layers are named 'sites' (" + test::testdata("rutland/rutland_facilities.gpkg") +
                             ":libraries_2016 and " + test::testdata("rutland/rutland_facilities.gpkg") +
                             ":schools_gias_2025): their ids would clash; give each its own name");
    CHECK(e.where().layer == "schools_gias_2025");
    CHECK(test::code_of([] { (void)model::read_asset_layers({}, test::bng()); }) == Errc::argument);
}
