// pooled run [consolidation]: the stage's layers and key figures equal `pooled consolidate`'s for
// the same settings (the command's figures are checked independently in
// consolidate_cli_test.cpp: PuLP + CBC for the Derbyshire libraries, brute force on `pooled
// matrix`'s road times for Rutland), column for column and geometry for geometry, and the
// layers open styled in QGIS.

#include "support/catch.hpp"
#include "support/run_cli.hpp"
#include "support/run_json.hpp"
#include "support/sqlite_query.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using pooled::test::run_pooled_json;
using pooled::test::sqlite_query;
using pooled::test::SqlRow;
using pooled::test::TempDir;
using pooled::test::testdata;

namespace {

/// A scenario file `name` in `cwd` of the libraries of `assets` against `zones`, plus `sections`;
/// seed 1 as `pooled consolidate`'s default --seed, no report (not compared here).
std::string library_scenario(const TempDir &cwd, const std::string &name, const std::string &assets,
                             const std::string &zones, const std::string &sections) {
    const std::string path = (cwd.path() / name).string();
    std::ofstream(path) << "[scenario]\nseed = 1\n[layers.assets]\npath = \"" << assets
                        << "\"\nconstants = { service = \"library\" }\n[layers.zones]\npath = \"" << zones << "\"\n"
                        << sections << "[outputs]\nreport = false\n";
    return path;
}

std::string file_bytes(const std::filesystem::path &path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Every row of a layer, every column (fid and, for a layer with geometry, its GeoPackage blob
/// in hex), in feature order.
std::vector<SqlRow> rows(const std::string &gpkg, const std::string &layer, bool geometry) {
    return sqlite_query(gpkg, std::string("SELECT *") + (geometry ? ", hex(geom)" : "") + " FROM \"" + layer +
                                  "\" ORDER BY fid");
}

/// The run's consolidation layers equal the command's, and its summary the command's --json
/// (but for the command's own "output").
void check_same(const std::string &run_gpkg, const nlohmann::json &stage, const std::string &cli_gpkg,
                nlohmann::json cli) {
    cli.erase("output");
    CHECK(stage == cli);
    for (const char *layer : {"assets", "zones", "moves", "groups"}) {
        INFO(layer);
        const bool geometry = std::string(layer) != "groups";
        const auto expected = rows(cli_gpkg, layer, geometry);
        CHECK(!expected.empty());
        CHECK(rows(run_gpkg, std::string("consolidation_") + layer, geometry) == expected);
    }
}

} // namespace

TEST_CASE("run [consolidation]: the Derbyshire libraries as pooled consolidate keeps them", "[cli][run][consolidation]") {
    TempDir cwd;
    const std::string libraries = testdata("derbyshire/derbyshire_facilities.gpkg:libraries_2016");
    const std::string lsoas = testdata("derbyshire/derbyshire_zones.gpkg:lsoa21");
    const std::string scenario =
        library_scenario(cwd, "libraries.toml", libraries, lsoas,
                         "[consolidation]\nservice = \"library\"\nmin_coverage = \"95%\"\nwithin = \"15min\"\n"
                         "by = \"ruc21_urban_rural\"\nexclude = \"closed=XL,XLR\"\n");
    const auto run = run_pooled_json({"run", scenario, "-o", (cwd.path() / "run").string(), "--json"}, cwd);
    const std::string cli_gpkg = (cwd.path() / "cli.gpkg").string();
    const auto cli = run_pooled_json({"consolidate", "--assets", libraries, "--zones", lsoas, "--service", "library",
                                      "--asset-field", "constants.service=library", "--exclude", "closed=XL,XLR",
                                      "--min-coverage", "95%", "--within", "15min", "--by", "ruc21_urban_rural", "-o",
                                      cli_gpkg, "--json"},
                                     cwd);
    const auto &stage = run["summary"]["stages"]["consolidation"];
    // consolidate_cli_test.cpp's figures (PuLP + CBC): 15 of 60 libraries, 98.24% -> 95.00%.
    CHECK(stage["kept"] == 15);
    CHECK(stage["assets"] == 60);
    CHECK(stage["status"] == "optimal");
    CHECK(stage["overall"]["share_within_before"].get<double>() == Approx(0.9823698477710173).epsilon(1e-6));
    CHECK(stage["overall"]["share_within_after"].get<double>() == Approx(0.9500281730154596).epsilon(1e-6));
    CHECK(stage["loses_most"] == "Rural");
    const std::string run_gpkg = (cwd.path() / "run/results.gpkg").string();
    check_same(run_gpkg, stage, cli_gpkg, cli);
    CHECK(run["layers"]["consolidation_assets"] == 60);
    CHECK(run["layers"]["consolidation_zones"] == 651);
    CHECK(run["layers"]["consolidation_moves"] == 45);
    CHECK(run["layers"]["consolidation_groups"] == 3); // all, Rural, Urban
    // The same QGIS styles as the command's layers: kept/closed, the change in access, the moves.
    CHECK(sqlite_query(run_gpkg, "SELECT f_table_name, styleName FROM layer_styles WHERE f_table_name LIKE "
                                 "'consolidation%' ORDER BY f_table_name") ==
          std::vector<SqlRow>{{"consolidation_assets", "kept or closed"},
                              {"consolidation_moves", "moves"},
                              {"consolidation_zones", "change in access"}});
    CHECK(sqlite_query(run_gpkg, "SELECT styleQML FROM layer_styles WHERE f_table_name = 'consolidation_zones'") ==
          sqlite_query(cli_gpkg, "SELECT styleQML FROM layer_styles WHERE f_table_name = 'zones'"));
}

TEST_CASE("run [consolidation]: the Rutland libraries by road as pooled consolidate keeps them",
          "[cli][run][consolidation]") {
    TempDir cwd;
    const std::string libraries = testdata("rutland/rutland_facilities.gpkg:libraries_2016");
    const std::string lsoas = testdata("rutland/rutland_zones.gpkg:lsoa21");
    const std::string roads = testdata("rutland/rutland-latest.osm.pbf");
    const std::string scenario =
        library_scenario(cwd, "rutland.toml", libraries, lsoas,
                         "[network]\nsource = \"" + roads + "\"\n[consolidation]\nservice = \"library\"\nkeep = 2\n"
                         "within = \"15min\"\nby = \"ruc21_urban_rural\"\ncosts = \"network\"\n");
    const auto run = run_pooled_json({"run", scenario, "-o", (cwd.path() / "run").string(), "--json"}, cwd);
    const std::string cli_gpkg = (cwd.path() / "cli.gpkg").string();
    const auto cli = run_pooled_json({"consolidate", "--assets", libraries, "--zones", lsoas, "--service", "library",
                                      "--asset-field", "constants.service=library", "--network", roads, "--keep", "2",
                                      "--within", "15min", "--by", "ruc21_urban_rural", "-o", cli_gpkg, "--json"},
                                     cwd);
    const auto &stage = run["summary"]["stages"]["consolidation"];
    // consolidate_cli_test.cpp (brute force over the 6 pairs of `pooled matrix`'s road times):
    // keep 2386 and 2387.
    CHECK(stage["costs"] == "road network");
    CHECK(stage["kept_ids"] == nlohmann::json::array({"2386", "2387"}));
    check_same((cwd.path() / "run/results.gpkg").string(), stage, cli_gpkg, cli);
}

TEST_CASE("run [consolidation]: the Derbyshire demo keeps the fewest fire stations, the same bytes twice",
          "[cli][run][consolidation][demo]") {
    TempDir cwd;
    const std::string demo = pooled::test::testdata_dir + "/../share/pooled/scenarios/derbyshire_demo.toml";
    const auto run = run_pooled_json({"run", demo, "-o", (cwd.path() / "a").string(), "--json"}, cwd);
    CHECK(run["stages"] == nlohmann::json::array({"load", "catchments", "accessibility", "segmentation", "locate",
                                                  "indicators", "colocation", "consolidation", "report"}));
    // 30 candidates: the register's 56 rows less its 24 staff houses (status N/A) and the 2
    // sites whose mistyped coordinates fall outside the LSOAs (Dronfield, Whaley Bridge).
    CHECK(run["layers"]["consolidation_assets"] == 30);
    CHECK(run["layers"]["consolidation_zones"] == 651);
    CHECK(run["layers"]["consolidation_moves"] == 11);
    CHECK(run["layers"]["consolidation_groups"] == 3);
    // PuLP + CBC on the same inputs (fewest sites covering 95% of the 1,055,975 residents within
    // 600 s at 48 km/h; LSOAs at GEOS PointOnSurface; sites inside the LSOAs by shapely): 30
    // sites, 19 at the fewest, optimal; 95.7657% within 10 minutes with every site open.
    const auto &c = run["summary"]["stages"]["consolidation"];
    CHECK(c["assets"] == 30);
    CHECK(c["kept"] == 19);
    CHECK(c["status"] == "optimal");
    CHECK(c["overall"]["share_within_before"].get<double>() == Approx(0.9576571415042969).epsilon(1e-6));
    CHECK(c["overall"]["share_within_after"].get<double>() >= 0.95);
    CHECK(c["savings"]["floor_area_missing"] == 0); // every station has its gia_m2
    CHECK(c["savings"]["running_cost_missing"] == 11); // the register has no running costs
    // A second run gives the same bytes: GeoPackage, summary, report.
    run_pooled_json({"run", demo, "-o", (cwd.path() / "b").string(), "--json"}, cwd);
    for (const char *name : {"derbyshire_demo.gpkg", "summary.json", "report.html", "report.pdf"}) {
        INFO(name);
        const std::string a = file_bytes(cwd.path() / "a" / name);
        CHECK(!a.empty());
        CHECK(a == file_bytes(cwd.path() / "b" / name));
    }
}
