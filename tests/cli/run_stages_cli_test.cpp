// pooled run with the estate stages (indicators, ...): each stage's figures equal those of the
// command that does the same job alone (`pooled indicators`, ...) on the same inputs (those
// commands' outputs were checked independently in their own tests: ogrinfo, geopandas, hand
// calculations), the same bytes on a second run, and the layers' QGIS styles read back.

#include "support/catch.hpp"
#include "support/run_cli.hpp"
#include "support/run_json.hpp"
#include "support/sqlite_query.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

using pooled::test::CliResult;
using pooled::test::run_pooled;
using pooled::test::run_pooled_json;
using pooled::test::sqlite_query;
using pooled::test::SqlRow;
using pooled::test::TempDir;
using pooled::test::testdata;

namespace {

const std::string fire = testdata("derbyshire/derbyshire_facilities.gpkg:fire_estate_dfrs_2016");
const std::string derbyshire_lsoas = testdata("derbyshire/derbyshire_zones.gpkg:lsoa21");
const std::string &schema = pooled::test::derbyshire_schema;

/// A scenario file in `cwd`: the Derbyshire fire estate against the LSOAs, plus `sections`.
std::string fire_scenario(const TempDir &cwd, const std::string &sections) {
    const std::string path = (cwd.path() / "fire.toml").string();
    std::ofstream(path) << "[layers.assets]\npath = \"" << fire << "\"\nschema = \"" << schema << "\"\n"
                        << "[layers.zones]\npath = \"" << derbyshire_lsoas << "\"\nschema = \"" << schema << "\"\n"
                        << sections;
    return path;
}

/// Every figure of a group's totals, the CLI's (rounded to 2-4 decimals) against the run's (12 digits).
void check_totals(const nlohmann::json &cli, const nlohmann::json &run, const char *key) {
    REQUIRE(cli.size() == run.size());
    for (std::size_t i = 0; i < cli.size(); ++i) {
        INFO(cli[i][key]);
        CHECK(run[i][key] == cli[i][key]);
        for (const char *count : {"assets", "missing_floor_area", "missing_running_cost", "missing_catchment"}) {
            CHECK(run[i][count] == cli[i][count]);
        }
        for (const char *number : {"floor_area_m2", "running_cost_gbp", "cost_per_m2", "population_served"}) {
            INFO(number);
            CHECK(run[i][number].is_null() == cli[i][number].is_null());
            if (!cli[i][number].is_null()) {
                CHECK(run[i][number].get<double>() == Approx(cli[i][number].get<double>()).margin(0.005));
            }
        }
    }
}

} // namespace

TEST_CASE("run [indicators]: the figures of pooled indicators on the same catchments", "[cli][run][indicators]") {
    TempDir cwd;
    const std::string scenario = fire_scenario(cwd, "[catchments]\nmethods = [\"buffer\"]\nradii = [\"2km\", \"5km\"]\n"
                                                    "[indicators]\nas_of = \"2026-04-01\"\nlease_horizon = 24\n");
    const auto run = run_pooled_json({"run", scenario, "-o", (cwd.path() / "a").string(), "--json"}, cwd);
    // The first catchment set of the run is the 2 km buffers, as `pooled indicators`' default radius.
    const auto cli = run_pooled_json({"indicators", "--assets", fire, "--zones", derbyshire_lsoas, "--schema", schema,
                                      "--as-of", "2026-04-01", "--lease-horizon", "24", "--json"},
                                     cwd);
    const auto &stage = run["summary"]["stages"]["indicators"];
    CHECK(stage["catchment"] == "buffer");
    CHECK(stage["cutoff"] == 2000.0);
    CHECK(stage["assets_with_catchment"] == 56);
    CHECK(stage["flags"] == cli["flags"]);
    CHECK(stage["missing"] == cli["missing"]);
    check_totals(cli["organisations"], stage["organisations"], "organisation");
    check_totals(cli["services"], stage["services"], "service");
    // The geopandas reference of indicators_cli_test.cpp: 860177.6411417647 people in the 2 km catchments.
    CHECK(stage["organisations"][0]["population_served"].get<double>() == Approx(860177.6411417647).epsilon(1e-9));
    CHECK(run["layers"]["organisation_indicators"] == 1);
    CHECK(run["layers"]["service_indicators"] == cli["services"].size());

    // The per-asset indicators are columns of the run's assets layer.
    const std::string gpkg = (cwd.path() / "a" / "results.gpkg").string();
    CHECK(sqlite_query(gpkg, "SELECT count(*), count(catchment_population), count(cost_per_m2), "
                             "sum(lease_ends_within_horizon) FROM assets") == std::vector<SqlRow>{{"56", "56", "0", "0"}});
    // Each asset's catchment population is the catchments stage's own 2 km column.
    CHECK(sqlite_query(gpkg, "SELECT count(*) FROM assets WHERE catchment_population = population_buffer_2000m") ==
          std::vector<SqlRow>{{"56"}});

    // Every layer with geometry opens styled in QGIS; the tables without (indicator totals,
    // overlaps) have nothing to draw.
    CHECK(sqlite_query(gpkg, "SELECT f_table_name, styleName, useAsDefault FROM layer_styles ORDER BY f_table_name") ==
          std::vector<SqlRow>{{"assets", "assets by owner", "1"},
                              {"catchments", "catchments by population", "1"},
                              {"zones", "zones by population", "1"}});
    CHECK(sqlite_query(gpkg, "SELECT count(*) FROM layer_styles WHERE styleQML LIKE '%attr=\"organisation_kind\"%'") ==
          std::vector<SqlRow>{{"1"}});

    // A second run: the same bytes.
    REQUIRE(run_pooled({"run", scenario, "-o", (cwd.path() / "b").string(), "--quiet"}, cwd.str()).exit_code == 0);
    for (const char *file : {"results.gpkg", "summary.json", "provenance.json"}) {
        INFO(file);
        CHECK(pooled::test::read_file(cwd.path() / "a" / file) == pooled::test::read_file(cwd.path() / "b" / file));
    }
}

TEST_CASE("run [indicators]: without [catchments] the scenario is refused before any work", "[cli][run][indicators]") {
    TempDir cwd;
    const std::string scenario = fire_scenario(cwd, "[indicators]\nas_of = \"2026-02-30x\"\n");
    const CliResult r = run_pooled({"run", scenario, "-o", (cwd.path() / "out").string()}, cwd.str());
    CHECK(r.exit_code != 0);
    CHECK(r.err.find("fire.toml:8: indicators.as_of: expected a date like \"2026-04-01\"") != std::string::npos);
    CHECK(r.err.find("fire.toml:7: indicators: needs a [catchments] section") != std::string::npos);
    CHECK(!std::filesystem::exists(cwd.path() / "out"));
}
