// pooled run with [layers.users] and a segmentation: the indicators stage counts each asset's
// users per top-level segment (the users_* columns of `pooled indicators --users`), and the
// report has their table.

#include "support/catch.hpp"
#include "support/run_cli.hpp"
#include "support/run_json.hpp"
#include "support/sqlite_query.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <string>

using pooled::test::run_pooled_json;
using pooled::test::sqlite_query;
using pooled::test::TempDir;
using pooled::test::testdata;

TEST_CASE("run [indicators]: users per segment where users are given", "[cli][run][indicators][segment]") {
    TempDir cwd;
    const std::string path = (cwd.path() / "users.toml").string();
    const std::string spec = pooled::test::testdata_dir + "/../share/pooled/oac2021_variables.csv";
    std::ofstream(path) << "[layers.assets]\npath = \"" << testdata("rutland/rutland_facilities.gpkg:libraries_2016")
                        << "\"\n[layers.zones]\npath = \"" << testdata("rutland/rutland_zones.gpkg:oa21_pwc")
                        << "\"\n[layers.users]\npath = \"" << testdata("rutland/rutland_facilities.gpkg:schools_gias_2025")
                        << "\"\n[catchments]\nmethods = [\"buffer\"]\nradii = [\"50km\"]\n"
                        << "[segmentation]\nvariables = \"" << spec << "\"\nlevels = [3]\nrestarts = 5\n[indicators]\n";
    const auto run = run_pooled_json({"run", path, "-o", (cwd.path() / "out").string(), "--json"}, cwd);
    CHECK(run["summary"]["stages"]["indicators"]["segments"] == nlohmann::json{"1", "2", "3"});
    // 50 km around any Rutland library holds every OA point, so each library's catchment has
    // every user: the 27 schools (ogrinfo -sql "select count(*) from schools_gias_2025"), and
    // every library the same split by segment, which adds up to them.
    const auto rows = sqlite_query((cwd.path() / "out/results.gpkg").string(),
                                   "SELECT users, users_1, users_2, users_3 FROM assets ORDER BY fid");
    REQUIRE(rows.size() == 4);
    for (const auto &row : rows) {
        CHECK(std::stod(row[0]) == 27.0);
        CHECK(std::stod(row[1]) + std::stod(row[2]) + std::stod(row[3]) == 27.0);
        CHECK(row == rows.front());
    }
    std::ifstream html(cwd.path() / "out/report.html");
    const std::string text{std::istreambuf_iterator<char>(html), std::istreambuf_iterator<char>()};
    CHECK(text.find("catchment, per segment of their zone") != std::string::npos);
}
