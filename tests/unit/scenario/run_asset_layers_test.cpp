// A run over two assets layers ([[layers.assets]]): one estate with ids NAME:ID, the load
// figures per layer, and the provenance listing both layers (the shared file once).
// Counts from ogrinfo -sql "select count(*) from <layer>" testdata/rutland/rutland_facilities.gpkg:
// libraries_2016 4, schools_gias_2025 27.

#include "support/catch.hpp"
#include "support/layers.hpp"
#include "support/testdata_path.hpp"

#include <pooled/scenario/run.hpp>
#include <pooled/scenario/scenario.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using pooled::test::testdata;
namespace fs = std::filesystem;

TEST_CASE("run: two assets layers make one estate with ids NAME:ID", "[scenario][run]") {
    const std::string text = "[[layers.assets]]\nname = \"libraries\"\n"
                             "path = \"rutland/rutland_facilities.gpkg:libraries_2016\"\nservice = \"library\"\n"
                             "[[layers.assets]]\nname = \"schools\"\n"
                             "path = \"rutland/rutland_facilities.gpkg:schools_gias_2025\"\n"
                             "organisation = \"Schools\"\n"
                             "[layers.zones]\npath = \"rutland/rutland_zones.gpkg:lsoa21\"\n"
                             "[outputs]\nreport = false\n";
    const auto s = pooled::scenario::parse_scenario(text, testdata("two_layers.toml"));
    const fs::path dir = fs::temp_directory_path() / ("pooled_run_two_layers_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const auto results = pooled::scenario::run_scenario(s, dir.string());
    REQUIRE(results.layers.at(0).first == "assets");
    CHECK(results.layers.at(0).second == 31);

    const auto summary = nlohmann::json::parse(results.summary_json);
    const auto &load = summary["stages"]["load"];
    CHECK(load["assets"]["features"] == 31);
    CHECK(load["assets"]["read"] == 31);
    CHECK(load["asset_layers"]["libraries"]["features"] == 4);
    CHECK(load["asset_layers"]["schools"]["features"] == 27);

    const auto assets = pooled::io::read_layer(pooled::io::LayerSource{results.geopackage, "assets"}, pooled::test::bng());
    REQUIRE(assets.features().size() == 31);
    const std::size_t id = *assets.field_index("asset_id");
    const std::size_t owner = *assets.field_index("organisation");
    CHECK(pooled::io::to_text(assets.features()[0].values[id]).starts_with("libraries:"));
    CHECK(pooled::io::to_text(assets.features()[4].values[id]).starts_with("schools:"));
    CHECK(pooled::io::to_text(assets.features()[4].values[owner]) == "Schools");

    std::ifstream in(results.provenance);
    const auto provenance = nlohmann::json::parse(in);
    const auto &layers = provenance["parameters"]["layers"]["assets"];
    REQUIRE(layers.is_array());
    CHECK(layers[0]["name"] == "libraries");
    CHECK(layers[0]["service"] == "library");
    CHECK(layers[1]["organisation"] == "Schools");
    std::size_t facility_files = 0;
    for (const auto &input : provenance["inputs"]) {
        facility_files += input["path"].get<std::string>().find("rutland_facilities.gpkg") != std::string::npos ? 1 : 0;
    }
    CHECK(facility_files == 1);
    fs::remove_all(dir);
}
