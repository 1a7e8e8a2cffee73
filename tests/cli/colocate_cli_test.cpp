// pooled colocate from the command line: golden JSON on the hand-made estate of
// testdata/colocation_toy (groups and scores worked out below), the GeoPackage it writes, the
// same bytes twice, and bad input (compatibility file, options).

#include "support/catch.hpp"

#include "cli/support/checks.hpp"
#include "cli/support/golden.hpp"
#include "cli/support/run_cli.hpp"
#include "support/sqlite_query.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

using pooled::test::check_golden_output;
using pooled::test::contains;
using pooled::test::failure;
using pooled::test::CliResult;
using pooled::test::read_file;
using pooled::test::run_pooled;
using pooled::test::TempDir;
using pooled::test::testdata;

namespace {

const std::string toy = "testdata/colocation_toy/";

} // namespace

TEST_CASE("colocate golden: the toy estate with zones, 800 m, leases as of 2025-01-01", "[cli][colocate][golden]") {
    // Default table: library-gp, library-police and library-school may share; gp-police,
    // gp-school and police-school may not; the bowling alley is unknown (X1 left out). Within
    // 800 m the maximal cliques are {L1,S1} (141 m), {L1,G1} (300 m), {L1,P1} (400 m).
    // Measures (organisations - 1, floor area, running cost, spare area, leases by 2030-01-01,
    // poor condition, shared people in 500 m catchments, see testdata/colocation_toy/SOURCE.md):
    //   {L1,S1}: 1, 4000, 700000, 400, 1, 1, Z1 + Z2 = 1500  -> score 7
    //   {L1,P1}: 1, 1250, 200000, 400, 1, 1, Z1 + Z2 = 1500  -> 1 + 0.3125 + 0.285714 + 3 + 1 = 5.598214
    //   {G1,L1}: 1, 1400, 310000, 400, 1, 1, Z1 = 1000       -> 1 + 0.35 + 0.442857 + 3 + 0.666667 = 5.459524
    const auto out = check_golden_output(
        "colocate.toy", {"colocate", "--assets", toy + "estate.csv", "--zones", toy + "zones.csv", "--crs", "EPSG:27700",
                         "--catchment", "500m", "--as-of", "2025-01-01", "--json"});
    REQUIRE(out["group_count"] == 3);
    const auto &groups = out["groups"];
    CHECK(groups[0]["members"] == nlohmann::json::array({"L1", "S1"}));
    CHECK(groups[1]["members"] == nlohmann::json::array({"L1", "P1"}));
    CHECK(groups[2]["members"] == nlohmann::json::array({"G1", "L1"}));
    CHECK(groups[0]["score"].get<double>() == Approx(7.0));
    CHECK(groups[1]["score"].get<double>() == Approx(4.3125 + 200000.0 / 700000.0 + 1.0).epsilon(1e-9));
    CHECK(groups[2]["score"].get<double>() == Approx(4.35 + 310000.0 / 700000.0 + 1000.0 / 1500.0).epsilon(1e-9));
    CHECK(groups[0]["measures"]["shared_population"] == 1500.0);
    CHECK(groups[2]["measures"]["shared_population"] == 1000.0);
    CHECK(groups[2]["hub"] == "G1"); // both 300 m from the other: the smaller id
    CHECK(groups[0]["reasons"][0] == "2 organisations within 141 m");
    CHECK(groups[1]["missing"] == nlohmann::json::array({"no running cost for P1", "no utilisation for P1"}));
    REQUIRE(out["excluded"].size() == 1);
    CHECK(out["excluded"][0]["asset_id"] == "X1");
    CHECK(out["close_pairs"] == 6); // the 4 x 3 / 2 pairs among L1, G1, P1, S1 (all within 800 m)
    CHECK(out["linked_pairs"] == 3);
}

// (No ';' in the name: catch_discover_tests would cut it there and the test would never run.)
TEST_CASE("colocate: the GeoPackage has groups at hub points and their members, the same bytes twice", "[cli][colocate]") {
    const TempDir dir;
    const auto root = testdata("colocation_toy/");
    for (const char *name : {"a.gpkg", "b.gpkg"}) {
        const CliResult r = run_pooled({"colocate", "--assets", root + "estate.csv", "--crs", "EPSG:27700", "--within",
                                        "300m", "-o", name},
                                       dir.str());
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(contains(r.out, "2 co-location groups among 5 assets within 300m"));
    }
    CHECK(read_file(dir.path() / "a.gpkg") == read_file(dir.path() / "b.gpkg"));
    const CliResult info = run_pooled({"info", "a.gpkg", "--json"}, dir.str());
    REQUIRE(info.exit_code == 0);
    const auto layers = nlohmann::json::parse(info.out)["layers"];
    REQUIRE(layers.size() == 4); // and layer_styles, the QGIS styles' table
    CHECK(layers[0]["layer"] == "colocation_groups");
    CHECK(layers[0]["feature_count"] == 2); // {L1,S1} and {G1,L1}: 300 m is inclusive, P1 at 400 m is out
    CHECK(layers[0]["geometry_type"] == "Point");
    CHECK(layers[1]["layer"] == "colocation_members");
    CHECK(layers[1]["feature_count"] == 4);
    CHECK(layers[2]["layer"] == "colocation_excluded");
    CHECK(layers[2]["feature_count"] == 1);
    CHECK(layers[3]["layer"] == "layer_styles");
    // The hubs and members open styled in QGIS (graduated by score, by owner kind); the
    // excluded list is a table.
    CHECK(pooled::test::sqlite_query((dir.path() / "a.gpkg").string(),
                                     "SELECT f_table_name, styleName FROM layer_styles ORDER BY f_table_name") ==
          std::vector<pooled::test::SqlRow>{{"colocation_groups", "colocation groups by score"},
                                            {"colocation_members", "colocation members by owner"}});
}

TEST_CASE("colocate: a compatibility file of one's own, and its errors", "[cli][colocate][bad-input]") {
    const TempDir cwd;
    const TempDir dir;
    const auto estate = testdata("colocation_toy/estate.csv");
    // Only gp practices and police desks may share (against the default): one group {G1,P1}
    // (500 m); libraries and schools are known but linked to nothing; the bowling alley is now known.
    const auto table = dir.path() / "mine.csv";
    std::ofstream(table) << "service,other_service,rule,reason\ngp practice,gp surgery,alias,\n"
                            "gp practice,police front desk,yes,\nlibrary,school,no,\nbowling alley,library,no,\n";
    const CliResult r = run_pooled({"colocate", "--assets", estate, "--crs", "EPSG:27700", "--compatibility",
                                    table.string(), "--json"},
                                   cwd.str());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto out = nlohmann::json::parse(r.out);
    REQUIRE(out["group_count"] == 1);
    CHECK(out["groups"][0]["members"] == nlohmann::json::array({"G1", "P1"}));
    CHECK(out["excluded"].empty());

    const auto bad = dir.path() / "bad.csv";
    std::ofstream(bad) << "service,other_service,rule,reason\n# fine\nlibrary,school,perhaps,\n";
    const auto err = failure({"colocate", "--assets", estate, "--crs", "EPSG:27700", "--compatibility", bad.string()}, cwd);
    CHECK(contains(err, "line 3: unknown rule 'perhaps'"));
    CHECK(contains(err, "bad.csv"));
    CHECK(contains(err, "field 'rule'"));
    CHECK(contains(failure({"colocate", "--assets", estate, "--crs", "EPSG:27700", "--within", "10min"}, cwd),
                   "needs --network SOURCE"));
    CHECK(contains(failure({"colocate", "--assets", estate, "--crs", "EPSG:27700", "--service", "nowhere=library"}, cwd),
                   "expected LAYER=VALUE with LAYER one of estate"));
    CHECK(contains(failure({"colocate", "--assets", estate, "--crs", "EPSG:27700", "--as-of", "2025-02-30"}, cwd),
                   "YYYY-MM-DD"));
    CHECK(cwd.entries().empty());
}

TEST_CASE("colocate by road: Rutland schools, libraries and practices within 3 minutes, 10-minute catchments", "[cli][colocate]") {
    // Invariants of the road path (the counts themselves come from the network searches, tested in
    // tests/unit/network): every group's members are within 180 s of each other both ways, and no
    // two catchments share more people than live in the zones.
    const TempDir cwd;
    const auto facilities = testdata("rutland/rutland_facilities.gpkg");
    const auto out = run_json({"colocate", "--assets", facilities + ":schools_gias_2025", "--assets",
                               facilities + ":libraries_2016", "--assets", facilities + ":gp_practices_2022", "--service",
                               "schools_gias_2025=school", "--service", "libraries_2016=library", "--service",
                               "gp_practices_2022=gp practice", "--organisation", "schools_gias_2025=Schools",
                               "--organisation", "libraries_2016=Libraries", "--organisation", "gp_practices_2022=GPs",
                               "--within", "3min", "--network", testdata("rutland/rutland-latest.osm.pbf"), "--zones",
                               testdata("rutland/rutland_zones.gpkg:oa21_pwc"), "--catchment", "10min", "--json"},
                              cwd);
    CHECK(out["by"] == "road");
    CHECK(out["within_unit"] == "seconds");
    CHECK(out["within"] == 180.0);
    REQUIRE(out["group_count"].get<int>() > 0);
    for (const auto &g : out["groups"]) {
        CHECK(g["measures"]["largest_cost"].get<double>() <= 180.0);
        CHECK(g["measures"]["shared_population"].get<double>() <= out["zone_population"].get<double>());
        CHECK(g["organisations"].size() >= 2);
        // Schools may not share with practices, nor with each other (the default table).
        const auto &services = g["services"];
        CHECK_FALSE((std::find(services.begin(), services.end(), "school") != services.end() &&
                     std::find(services.begin(), services.end(), "gp practice") != services.end()));
    }
    CHECK(cwd.entries().empty());
}
