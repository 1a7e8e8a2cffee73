// run_scenario: a run that fails or is cancelled after its stages leaves no output; the stages
// report progress with their names, in order; the road graph lasts as long as a stage needs it.

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/testdata_path.hpp"

#include <pooled/scenario/run.hpp>
#include <pooled/scenario/scenario.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <unistd.h>

using pooled::Errc;
using pooled::test::error_of;
using pooled::test::testdata;
namespace fs = std::filesystem;

namespace {
// The Rutland libraries against the LSOAs, straight-line only (fast); `extra` adds sections.
pooled::scenario::Scenario small(const std::string &extra) {
    const std::string text = "[layers.assets]\npath = \"rutland/rutland_facilities.gpkg:libraries_2016\"\n"
                             "[layers.zones]\npath = \"rutland/rutland_zones.gpkg:lsoa21\"\n" + extra;
    return pooled::scenario::parse_scenario(text, testdata("unit_run.toml"));
}

fs::path fresh_directory(const std::string &name) {
    const fs::path dir = fs::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    return dir;
}
} // namespace

TEST_CASE("run: a stage failing after others ran leaves no output", "[scenario][run]") {
    const fs::path dir = fresh_directory("pooled_run_fails");
    const auto s = small("[catchments]\nmethods = [\"buffer\"]\nradii = [\"2km\"]\n"
                         "[locate]\np = 1\nrequired = [\"no-such-library\"]\n");
    const auto e = error_of([&] { (void)pooled::scenario::run_scenario(s, dir.string()); });
    CHECK(e.code() == Errc::argument);
    CHECK(e.problem() == "locate.required: no asset has the id 'no-such-library'");
    CHECK(!fs::exists(dir));
}

TEST_CASE("run: more sites to keep than assets is named by its key", "[scenario][run]") {
    const fs::path dir = fresh_directory("pooled_run_p");
    const auto s = small("[locate]\np = 9\n");
    const auto e = error_of([&] { (void)pooled::scenario::run_scenario(s, dir.string()); });
    CHECK(e.code() == Errc::argument);
    CHECK(e.problem() == "locate.p: 9 sites to keep, but there are only 4 assets (" +
                             testdata("rutland/rutland_facilities.gpkg") + ":libraries_2016)");
    CHECK(e.where().field == "locate.p");
    CHECK(!fs::exists(dir));
}

TEST_CASE("run: cancelled at the last moment: nothing is written", "[scenario][run]") {
    const fs::path dir = fresh_directory("pooled_run_cancelled");
    const auto s = small("[catchments]\nmethods = [\"buffer\"]\nradii = [\"2km\"]\n");
    std::vector<std::string> stages;
    const pooled::Progress progress([&](double, std::string_view stage) {
        if (!stage.empty() && (stages.empty() || stages.back() != stage)) {
            stages.emplace_back(stage);
        }
        return stage != "outputs" || !fs::exists(dir); // stop once the output directory is made
    });
    CHECK(error_of([&] { (void)pooled::scenario::run_scenario(s, dir.string(), progress); }).code() == Errc::cancelled);
    // The stages' own names, in order (the readers inside a stage report theirs too, e.g. "reading").
    REQUIRE(stages.size() >= 4);
    CHECK(stages.front() == "load");
    CHECK(std::vector<std::string>(stages.end() - 3, stages.end()) ==
          std::vector<std::string>{"catchments", "report", "outputs"});
    CHECK(!fs::exists(dir));

    // Uncancelled: the three files, the report and nothing else.
    const auto results = pooled::scenario::run_scenario(s, dir.string());
    CHECK(results.stages == std::vector<std::string>{"load", "catchments", "report"});
    std::vector<std::string> names;
    for (const auto &entry : fs::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"provenance.json", "report.html", "report.pdf", "results.gpkg", "summary.json"});
    fs::remove_all(dir);
}

// The runner frees the road graph after the last stage that reads it (Stage::needs_roads): a road
// stage after one without roads must still find it, and a network no stage reads is loaded,
// reported and released without harm. The expected locate figures are those of the run where
// locate is the only stage after the network (nothing released before it), not hand values:
// what is checked is that releasing the graph changes nothing.
TEST_CASE("run: the road graph serves every stage that reads it, and only those", "[scenario][run]") {
    using json = nlohmann::json;
    const std::string network = "[network]\nsource = \"rutland/rutland-latest.osm.pbf\"\nprofile = \"drive\"\n";
    const std::string locate = "[locate]\np = 2\ncosts = \"network\"\n";
    const std::string straight = "[accessibility]\nmeasures = [\"2sfca\"]\ncosts = \"straight-line\"\ncutoff = \"5km\"\n";
    const auto summary_of = [](const std::string &extra, const std::string &name) {
        const fs::path dir = fresh_directory(name);
        const auto results = pooled::scenario::run_scenario(small(extra), dir.string());
        fs::remove_all(dir);
        return std::make_pair(results.stages, json::parse(results.summary_json));
    };
    const auto [alone_stages, alone] = summary_of(network + locate, "pooled_run_roads_alone");
    CHECK(alone_stages == std::vector<std::string>{"load", "network", "locate", "report"});
    const auto [after_stages, after] = summary_of(network + straight + locate, "pooled_run_roads_after");
    CHECK(after_stages == std::vector<std::string>{"load", "network", "accessibility", "locate", "report"});
    REQUIRE(alone["stages"].contains("locate"));
    CHECK(after["stages"]["locate"] == alone["stages"]["locate"]);
    CHECK(after["stages"]["locate"]["costs"] == "network");

    const auto [unread_stages, unread] = summary_of(network + straight, "pooled_run_roads_unread");
    CHECK(unread_stages == std::vector<std::string>{"load", "network", "accessibility", "report"});
    CHECK(unread["stages"]["network"] == alone["stages"]["network"]);
    CHECK(unread["stages"]["network"]["edges"].get<std::size_t>() > 0);
}
