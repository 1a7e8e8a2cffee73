// run_scenario: a run that fails or is cancelled after its stages leaves no output; the stages
// report progress with their names, in order.

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/testdata_path.hpp"

#include <pooled/scenario/run.hpp>
#include <pooled/scenario/scenario.hpp>

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
