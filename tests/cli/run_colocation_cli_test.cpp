// pooled run with [colocation]: the stage's layers and figures equal `pooled colocate`'s for the
// same settings (both come from colocation/layers.hpp; the grouping and the people counted are
// the stage's own code), and the Derbyshire figures of
// tests/integration/colocation_derbyshire_test.cpp, checked there independently with geopandas,
// shapely and networkx (tests/integration/colocation_derbyshire_check.py): among the schools,
// libraries, GP practices, hospitals and fire estate, 1162 assets, 1094 pairs within 500 m,
// 486 of them with compatible services, 151 groups (the 3 assets a run leaves out as outside
// the zones are in none of those pairs).

#include "support/catch.hpp"
#include "support/run_cli.hpp"
#include "support/run_json.hpp"
#include "support/sqlite_query.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

using pooled::test::run_pooled;
using pooled::test::run_pooled_json;
using pooled::test::sqlite_query;
using pooled::test::SqlRow;
using pooled::test::TempDir;
using pooled::test::testdata;

namespace {

const std::string &facilities = pooled::test::derbyshire_facilities;
const std::string lsoas = testdata("derbyshire/derbyshire_zones.gpkg:lsoa21");
const std::string &schema = pooled::test::derbyshire_schema;

struct Layer {
    const char *layer, *service, *owner;
};
// The owners of tests/integration/colocation_derbyshire_test.cpp.
const Layer layers[] = {{"schools_gias_2025", "school", "Schools"},
                        {"libraries_2016", "library", "Library services"},
                        {"gp_practices_2022", "gp practice", "GP practices"},
                        {"hospitals_2022", "hospital", "NHS hospitals"}};

/// The four facility layers (and the fire estate under the Derbyshire schema when `fire`)
/// against the LSOAs, plus `sections`. The zones are the study area of the assets: three
/// facilities lie just over 10 km outside them (a GP practice at 10,004 m, ...), which
/// on_invalid = "skip" leaves out, as `pooled colocate --study-area --on-invalid skip` does.
std::string scenario(const TempDir &cwd, bool fire, const std::string &sections) {
    const std::string path = (cwd.path() / (fire ? "five.toml" : "four.toml")).string();
    std::ofstream out(path);
    for (const auto &l : layers) {
        out << "[[layers.assets]]\nname = \"" << l.layer << "\"\npath = \"" << facilities << ":" << l.layer
            << "\"\nservice = \"" << l.service << "\"\norganisation = \"" << l.owner << "\"\non_invalid = \"skip\"\n";
    }
    if (fire) {
        out << "[[layers.assets]]\nname = \"fire_estate_dfrs_2016\"\npath = \"" << facilities
            << ":fire_estate_dfrs_2016\"\nschema = \"" << schema << "\"\non_invalid = \"skip\"\n";
    }
    out << "[layers.zones]\npath = \"" << lsoas << "\"\nschema = \"" << schema << "\"\n"
        << "[outputs]\nreport = false\n" << sections;
    return path;
}

std::vector<SqlRow> groups_of(const std::string &gpkg) {
    return sqlite_query(gpkg, "SELECT rank, hub_id, members, organisations, services, score, largest_cost, "
                              "floor_area_m2, shared_population, reasons, missing FROM colocation_groups ORDER BY rank");
}

} // namespace

TEST_CASE("run [colocation]: the layers and figures of pooled colocate for the same settings", "[cli][run][colocation]") {
    TempDir cwd;
    const std::string four = scenario(cwd, false, "[colocation]\nwithin = \"500m\"\ncatchment = \"2km\"\n");
    const auto run = run_pooled_json({"run", four, "-o", (cwd.path() / "run").string(), "--json"}, cwd);
    std::vector<std::string> args{"colocate", "--zones", lsoas, "--within", "500m", "--catchment", "2km",
                                  "--study-area", lsoas, "--on-invalid", "skip",
                                  "-o", (cwd.path() / "cli.gpkg").string(), "--json"};
    for (const auto &l : layers) {
        args.insert(args.end(), {"--assets", facilities + ":" + l.layer, "--service", std::string(l.layer) + "=" + l.service,
                                 "--organisation", std::string(l.layer) + "=" + l.owner});
    }
    const auto cli = run_pooled_json(args, cwd);
    const auto &stage = run["summary"]["stages"]["colocation"];
    CHECK(stage["catchments_from"] == "counted for co-location"); // no [catchments] in this run
    for (const char *key : {"assets", "within", "within_unit", "by", "compatibility", "catchment", "zone_population",
                            "close_pairs", "linked_pairs", "excluded", "group_count"}) {
        INFO(key);
        CHECK(stage[key] == cli[key]);
    }
    CHECK(stage["group_count"] == 151);
    // The summary lists the best ten; the CLI all of them.
    REQUIRE(stage["groups"].size() == 10);
    for (std::size_t g = 0; g < 10; ++g) {
        INFO("group " << g + 1);
        CHECK(stage["groups"][g] == cli["groups"][g]);
    }
    // The layers: every group with its hub, members, score and people; members; exclusions.
    const std::string gpkg = (cwd.path() / "run" / "results.gpkg").string();
    const auto run_groups = groups_of(gpkg);
    REQUIRE(run_groups.size() == 151);
    CHECK(run_groups == groups_of((cwd.path() / "cli.gpkg").string()));
    const char *members = "SELECT rank, asset_id, organisation, organisation_kind, is_hub FROM colocation_members "
                          "ORDER BY fid";
    CHECK(sqlite_query(gpkg, members) == sqlite_query((cwd.path() / "cli.gpkg").string(), members));
    CHECK(run["layers"]["colocation_members"] == 130 * 2 + 18 * 3 + 2 * 4 + 5); // groups by size, from the python check
    CHECK(run["layers"]["colocation_excluded"] == 0);
    // Styled as the CLI styles them: hubs graduated by score, members by owner.
    CHECK(sqlite_query(gpkg, "SELECT f_table_name, styleName FROM layer_styles WHERE f_table_name LIKE 'colocation%' "
                             "ORDER BY f_table_name") ==
          std::vector<SqlRow>{{"colocation_groups", "colocation groups by score"},
                              {"colocation_members", "colocation members by owner"}});
}

TEST_CASE("run [colocation]: the Derbyshire figures with the fire estate, over the run's own catchments",
          "[cli][run][colocation]") {
    TempDir cwd;
    const std::string five = scenario(cwd, true, "[catchments]\nmethods = [\"buffer\"]\nradii = [\"2km\", \"5km\"]\n"
                                                 "[colocation]\nwithin = \"500m\"\ncatchment = \"2km\"\n");
    const auto run = run_pooled_json({"run", five, "-o", (cwd.path() / "a").string(), "--json"}, cwd);
    const auto &summary = run["summary"]["stages"];
    // 570 + 62 + 420 + 54 + 56 = 1162 read, 3 of them more than 10 km outside the zones.
    CHECK(summary["load"]["assets"]["read"] == 1162);
    CHECK(summary["load"]["assets"]["skipped"] == 3);
    CHECK(summary["load"]["assets"]["features"] == 1159);
    CHECK(summary["load"]["asset_layers"]["fire_estate_dfrs_2016"]["features"] == 56);
    const auto &stage = summary["colocation"];
    CHECK(stage["catchments_from"] == "the run's catchments");
    CHECK(stage["assets"] == 1159);
    // The three left out are in no pair within 500 m: the python check's figures hold.
    CHECK(stage["close_pairs"] == 1094);
    CHECK(stage["linked_pairs"] == 486);
    CHECK(stage["group_count"] == 151);
    CHECK(stage["excluded"].empty());

    // The fire sites are in no group, so the groups, their scores and the people their 2 km
    // catchments share are those of the four layers alone, counted by the stage itself.
    TempDir other;
    const std::string four = scenario(other, false, "[colocation]\nwithin = \"500m\"\ncatchment = \"2km\"\n");
    const auto alone = run_pooled_json({"run", four, "-o", (other.path() / "b").string(), "--json"}, other);
    CHECK(stage["groups"] == alone["summary"]["stages"]["colocation"]["groups"]);

    // A second run: the same bytes.
    REQUIRE(run_pooled({"run", five, "-o", (cwd.path() / "c").string(), "--quiet"}, cwd.str()).exit_code == 0);
    for (const char *file : {"results.gpkg", "summary.json", "provenance.json"}) {
        INFO(file);
        CHECK(pooled::test::read_file(cwd.path() / "a" / file) == pooled::test::read_file(cwd.path() / "c" / file));
    }
}

TEST_CASE("run: the Derbyshire demo scenario's layers, key figures and bytes", "[cli][run][colocation][demo]") {
    TempDir cwd;
    const std::string demo = pooled::test::testdata_dir + "/../share/pooled/scenarios/derbyshire_demo.toml";
    const auto run = run_pooled_json({"run", demo, "-o", (cwd.path() / "a").string(), "--quiet", "--json"}, cwd);
    const auto &summary = run["summary"];
    const auto &layers = summary["layers"];
    // 56 register rows + 570 schools + 62 libraries + 420 practices + 54 hospitals = 1162 read;
    // 5 left out: the register's 2 mistyped coordinates (testdata/derbyshire/SOURCE.md) and the
    // 3 facilities just over 10 km outside the zones (the test above).
    CHECK(summary["stages"]["load"]["assets"] ==
          nlohmann::json{{"features", 1157}, {"read", 1162}, {"skipped", 5}, {"repaired", 0}});
    CHECK(layers["assets"] == 1157);
    CHECK(layers["zones"] == 651);
    CHECK(layers["catchments"] == 3 * 1157); // 2 km and 5 km buffers and the nearest-facility area of each
    CHECK(layers["segments"] == 8 + 8 * 3);  // levels = [8, 3]
    CHECK(layers["locate"] == 20);           // p = 20
    CHECK(layers["organisation_indicators"] == 5);
    CHECK(layers["service_indicators"] == 5);
    // The python check's groups (tests/integration/colocation_derbyshire_check.py): 151 groups of
    // 130 x 2 + 18 x 3 + 2 x 4 + 1 x 5 = 327 members; 486 linked pairs (the fire estate links
    // with none).
    CHECK(layers["colocation_groups"] == 151);
    CHECK(layers["colocation_members"] == 327);
    CHECK(layers["colocation_excluded"] == 0);
    const auto &coloc = summary["stages"]["colocation"];
    CHECK(coloc["linked_pairs"] == 486);
    CHECK(coloc["catchments_from"] == "the run's catchments");
    CHECK(summary["stages"]["load"]["asset_layers"]["fire"]["features"] == 54);

    // A second run: the same bytes, the report included.
    REQUIRE(run_pooled({"run", demo, "-o", (cwd.path() / "b").string(), "--quiet"}, cwd.str()).exit_code == 0);
    for (const char *file : {"derbyshire_demo.gpkg", "summary.json", "provenance.json", "report.html", "report.pdf"}) {
        INFO(file);
        CHECK(pooled::test::read_file(cwd.path() / "a" / file) == pooled::test::read_file(cwd.path() / "b" / file));
    }
}
