// pooled consolidate from the command line: golden JSON for the Derbyshire libraries (the fewest
// keeping 95% within 15 minutes' straight-line-equivalent travel) and the Rutland libraries by
// road (keep 2, checked by brute force on `pooled matrix`'s road times), the output layers, and
// bad input.

#include "support/catch.hpp"

#include "cli/support/checks.hpp"
#include "cli/support/golden.hpp"
#include "cli/support/run_cli.hpp"
#include "support/sqlite_query.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using pooled::test::check_golden_output;
using pooled::test::contains;
using pooled::test::sqlite_query;
using pooled::test::SqlRow;
using pooled::test::CliResult;
using pooled::test::run_pooled;
using pooled::test::TempDir;
using pooled::test::testdata;

namespace {

const std::vector<std::string> derbyshire_libraries = {
    "consolidate", "--assets", "testdata/derbyshire/derbyshire_facilities.gpkg:libraries_2016", "--zones",
    "testdata/derbyshire/derbyshire_zones.gpkg:lsoa21", "--service", "library", "--asset-field",
    "constants.service=library", "--exclude", "closed=XL,XLR"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string> &more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

/// The same arguments with testdata/ paths made absolute (for runs in a temporary directory).
std::vector<std::string> absolute(std::vector<std::string> args) {
    for (auto &a : args) {
        const auto at = a.find("testdata/");
        if (at != std::string::npos) {
            a = a.substr(0, at) + testdata(a.substr(at + 9));
        }
    }
    return args;
}

/// A clean failure (exit 1, one line on stderr) that leaves nothing in `cwd`; returns the line.
std::string clean_failure(const std::vector<std::string> &args, const TempDir &cwd) {
    const std::string err = pooled::test::failure(args, cwd);
    CHECK(cwd.entries().empty());
    return err;
}

/// The fields of one CSV line, with double-quoted fields (which may hold commas) unquoted.
std::vector<std::string> csv_fields(const std::string &line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (const char c : line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

/// Rows of a CSV file as maps from column name to text.
std::vector<std::map<std::string, std::string>> read_csv(const std::string &path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    const auto header = csv_fields(line);
    std::vector<std::map<std::string, std::string>> rows;
    while (std::getline(in, line)) {
        const auto fields = csv_fields(line);
        std::map<std::string, std::string> row;
        for (std::size_t k = 0; k < header.size() && k < fields.size(); ++k) {
            row[header[k]] = fields[k];
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace

TEST_CASE("consolidate golden: the fewest Derbyshire libraries keeping 95% within 15 minutes",
          "[cli][consolidate][golden]") {
    // Straight-line-equivalent travel at the default 30 km/h; the figures are those of
    // tests/integration/consolidation_derbyshire_test.cpp, checked there with PuLP + CBC
    // (consolidation_derbyshire_check.py): 15 of 60 libraries, proved; 98.237% -> 95.003%
    // within 15 minutes; rural residents 92.569% -> 78.936%, so they lose most.
    const auto out = check_golden_output(
        "consolidate.derbyshire_libraries",
        with(derbyshire_libraries, {"--min-coverage", "95%", "--within", "15min", "--by", "ruc21_urban_rural", "--json"}));
    CHECK(out["assets"] == 60);
    CHECK(out["zones"] == 651);
    CHECK(out["population"] == 1055975.0);
    CHECK(out["costs"] == "straight-line distance at 30 km/h");
    CHECK(out["goal"]["min_coverage"] == 0.95);
    CHECK(out["goal"]["within"] == 900.0);
    CHECK(out["status"] == "optimal");
    CHECK(out["kept"] == 15);
    CHECK(out["closed"] == 45);
    CHECK(out["bound"] == 15.0);
    CHECK(out["overall"]["share_within_before"].get<double>() == Approx(0.9823698477710173).epsilon(1e-6));
    CHECK(out["overall"]["share_within_after"].get<double>() == Approx(0.9500281730154596).epsilon(1e-6));
    CHECK(out["overall"]["mean_cost_before"].get<double>() == Approx(211.39782828846427).epsilon(1e-6));
    CHECK(out["groups"][0]["group"] == "Rural");
    CHECK(out["groups"][0]["share_within_after"].get<double>() == Approx(0.7893621267763052).epsilon(1e-6));
    CHECK(out["loses_most"] == "Rural");
    CHECK(out["moves"].size() == 45);
    CHECK(out["savings"]["running_cost_missing"] == 45);
}

TEST_CASE("consolidate golden: Rutland libraries by road, keep 2, match brute force on the road matrix",
          "[cli][consolidate][golden]") {
    const auto out = check_golden_output(
        "consolidate.rutland_libraries_road",
        {"consolidate", "--assets", "testdata/rutland/rutland_facilities.gpkg:libraries_2016", "--zones",
         "testdata/rutland/rutland_zones.gpkg:lsoa21", "--service", "library", "--asset-field",
         "constants.service=library", "--network", "testdata/rutland/rutland-latest.osm.pbf", "--keep", "2",
         "--within", "15min", "--by", "ruc21_urban_rural", "--json"});
    CHECK(out["costs"] == "road network");
    CHECK(out["kept"] == 2);
    CHECK(out["status"] == "optimal");

    // Independent of the solvers: the road times from `pooled matrix` and the 26 LSOAs'
    // residents (testdata/rutland/rutland_lsoa21_attributes.csv, ts0010001), every pair of the
    // 4 libraries tried; the least total person-seconds is the one pooled keeps.
    const TempDir dir;
    const std::string matrix = (dir.path() / "m.csv").string();
    const CliResult m = run_pooled({"matrix", "--network", testdata("rutland/rutland-latest.osm.pbf"), "--from",
                                    testdata("rutland/rutland_zones.gpkg:lsoa21"), "--to",
                                    testdata("rutland/rutland_facilities.gpkg:libraries_2016"), "-o", matrix},
                                   dir.str());
    REQUIRE(m.exit_code == 0);
    std::map<std::string, double> residents;
    for (const auto &row : read_csv(testdata("rutland/rutland_lsoa21_attributes.csv"))) {
        residents[row.at("lsoa21cd")] = std::stod(row.at("ts0010001"));
    }
    std::map<std::string, std::map<std::string, double>> seconds; // zone -> library -> s
    std::vector<std::string> libraries;
    for (const auto &row : read_csv(matrix)) {
        seconds[row.at("origin_id")][row.at("destination_id")] = std::stod(row.at("seconds"));
        if (std::find(libraries.begin(), libraries.end(), row.at("destination_id")) == libraries.end()) {
            libraries.push_back(row.at("destination_id"));
        }
    }
    REQUIRE(residents.size() == 26);
    REQUIRE(libraries.size() == 4);
    double best = std::numeric_limits<double>::infinity();
    std::vector<std::string> best_pair;
    for (std::size_t a = 0; a < 4; ++a) {
        for (std::size_t b = a + 1; b < 4; ++b) {
            double total = 0.0;
            for (const auto &[zone, people] : residents) {
                total += people * std::min(seconds.at(zone).at(libraries[a]), seconds.at(zone).at(libraries[b]));
            }
            if (total < best) {
                best = total;
                best_pair = {libraries[a], libraries[b]};
            }
        }
    }
    std::sort(best_pair.begin(), best_pair.end());
    CHECK(out["kept_ids"].get<std::vector<std::string>>() == best_pair);
    CHECK(out["objective"].get<double>() == Approx(best).epsilon(1e-9));
    CHECK(out["overall"]["mean_cost_after"].get<double>() == Approx(best / out["population"].get<double>()).epsilon(1e-6));
}

TEST_CASE("consolidate: 90% of every urban/rural group as well takes 16 libraries", "[cli][consolidate]") {
    // consolidation_derbyshire_check.py (PuLP + CBC): 16, optimal.
    const CliResult r = run_pooled(with(derbyshire_libraries, {"--min-coverage", "95%", "--within", "15min", "--by",
                                                               "ruc21_urban_rural", "--min-group-coverage", "90%",
                                                               "--json"}),
                                   pooled::test::repository_root().string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto out = nlohmann::json::parse(r.out);
    CHECK(out["kept"] == 16);
    CHECK(out["status"] == "optimal");
    CHECK(out["goal"]["min_group_coverage"] == 0.9);
    for (const auto &g : out["groups"]) {
        CHECK(g["share_within_after"].get<double>() >= 0.9);
    }
}

TEST_CASE("consolidate: keeping 20 of the 32 DFRS sites releases 4,434 m2", "[cli][consolidate]") {
    // The Derbyshire Fire & Rescue Service register (2016) with the shipped schema (floor area =
    // gia_m2), its 24 staff houses (status N/A) left out; p-median at 30 km/h straight line.
    // PuLP + CBC (consolidation_derbyshire_check.py --fire): optimum 386,248,058.816 person-seconds,
    // closing FIDs 4, 6, 7, 9, 13, 16, 18, 21, 24, 25, 27, 32, whose gia_m2 sum to 4,434 (also
    // ogrinfo -sql "select sum(gia_m2) from fire_estate_dfrs_2016 where fid in (4,6,...,32)").
    const CliResult r = run_pooled({"consolidate", "--assets", "testdata/derbyshire/derbyshire_facilities.gpkg:fire_estate_dfrs_2016",
                                    "--zones", "testdata/derbyshire/derbyshire_zones.gpkg:lsoa21", "--schema",
                                    "share/pooled/schemas/derbyshire.toml", "--service", "fire and rescue", "--exclude",
                                    "status=N/A", "--keep", "20", "--json"},
                                   pooled::test::repository_root().string());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto out = nlohmann::json::parse(r.out);
    CHECK(out["assets"] == 32);
    CHECK(out["status"] == "optimal");
    CHECK(out["objective"].get<double>() == Approx(386248058.81616426).epsilon(1e-9));
    CHECK(out["closed_ids"].get<std::vector<std::string>>() ==
          std::vector<std::string>{"4", "6", "7", "9", "13", "16", "18", "21", "24", "25", "27", "32"});
    CHECK(out["savings"]["floor_area_m2"] == 4434.0);
    CHECK(out["savings"]["floor_area_missing"] == 0);
    CHECK(out["savings"]["running_cost_missing"] == 12); // the register has no running costs or values
    CHECK(out["savings"]["value_missing"] == 12);
    CHECK(out["moves"].size() == 12);
}

TEST_CASE("consolidate writes assets, zones, moves and groups layers", "[cli][consolidate]") {
    const TempDir dir;
    const std::string path = (dir.path() / "out.gpkg").string();
    const CliResult r = run_pooled(absolute(with(derbyshire_libraries, {"--min-coverage", "95%", "--within", "15min",
                                                                        "--by", "ruc21_urban_rural", "-o", path})),
                                   dir.str());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "keep 15 of 60 library assets (optimal"));
    CHECK(contains(r.out, "loses most: ruc21_urban_rural Rural"));
    // One feature per library, zone, closed library and group (all, Urban, Rural).
    for (const auto &[layer, count] : std::vector<std::pair<std::string, int>>{
             {"assets", 60}, {"zones", 651}, {"moves", 45}, {"groups", 3}}) {
        const CliResult info = run_pooled({"info", path + ":" + layer, "--json"}, dir.str());
        REQUIRE(info.exit_code == 0);
        const auto j = nlohmann::json::parse(info.out);
        CHECK(j["layers"][0]["feature_count"] == count);
    }
    // The layers open styled in QGIS: kept/closed categories, the zones' change in 5 diverging
    // classes (the QML's <range> elements), the moves as lines; groups is a table.
    CHECK(sqlite_query(path, "SELECT f_table_name, styleName FROM layer_styles ORDER BY f_table_name") ==
          std::vector<SqlRow>{{"assets", "kept or closed"}, {"moves", "moves"}, {"zones", "change in access"}});
    CHECK(sqlite_query(path, "SELECT (length(styleQML) - length(replace(styleQML, '<range ', ''))) / 7 FROM "
                             "layer_styles WHERE f_table_name = 'zones' AND styleQML LIKE '%attr=\"cost_change\"%'") ==
          std::vector<SqlRow>{{"5"}});
}

TEST_CASE("consolidate: bad input names what is wrong", "[cli][consolidate][bad-input]") {
    const TempDir cwd;
    const auto base = absolute(derbyshire_libraries);
    CHECK(contains(clean_failure(with(base, {"--within", "15min"}), cwd), "give exactly one goal"));
    CHECK(contains(clean_failure(with(base, {"--keep", "3", "--min-coverage", "90%", "--within", "15min"}), cwd),
                   "give exactly one goal"));
    CHECK(contains(clean_failure(with(base, {"--min-coverage", "95%"}), cwd), "--min-coverage needs --within"));
    CHECK(contains(clean_failure(with(base, {"--min-coverage", "95%", "--within", "15min", "--min-group-coverage", "90%"}),
                                 cwd),
                   "--min-group-coverage needs --by FIELD"));
    CHECK(contains(clean_failure(with(base, {"--min-coverage", "150%", "--within", "15min"}), cwd),
                   "--min-coverage '150%': give a share such as 95%"));
    CHECK(contains(clean_failure(with(base, {"--min-coverage", "95%", "--within", "soon"}), cwd),
                   "--within 'soon': give a travel time (20min) or a distance (5km)"));
    CHECK(contains(clean_failure(with(base, {"--keep", "61"}), cwd), "cannot keep 61 of 60 assets"));
    CHECK(contains(clean_failure(with(base, {"--keep", "6", "--speed", "0"}), cwd), "--speed must be a number of km/h > 0"));
    CHECK(contains(clean_failure(with(base, {"--keep", "6", "--speed", "40", "--network", "roads.gpkg"}), cwd),
                   "--speed is for straight-line travel"));
    // 99% within 1 minute (500 m) cannot be met even with every library open.
    CHECK(contains(clean_failure(with(base, {"--min-coverage", "99%", "--within", "1min"}), cwd),
                   "the goal cannot be met even with every asset kept"));
    CHECK(contains(clean_failure(with(base, {"--min-coverage", "95%", "--within", "15min", "--by", "no_such_column"}), cwd),
                   "no_such_column"));
    CHECK(contains(clean_failure(with(base, {"--keep", "10", "--capacity", "floor-area", "--floor-area-per-head", "0.03"}),
                           cwd),
                   "has no floor area"));
    CHECK(contains(clean_failure(with(base, {"--keep", "10", "--capacity", "floor-area"}), cwd),
                   "--capacity floor-area needs --floor-area-per-head"));
    std::vector<std::string> no_value = base;
    *std::find(no_value.begin(), no_value.end(), "closed=XL,XLR") = "closed";
    CHECK(contains(clean_failure(with(no_value, {"--keep", "10"}), cwd), "give FIELD=VALUE"));
    // The service must be mapped, and offered by some asset.
    const std::vector<std::string> unmapped = absolute(
        {"consolidate", "--assets", "testdata/derbyshire/derbyshire_facilities.gpkg:libraries_2016", "--zones",
         "testdata/derbyshire/derbyshire_zones.gpkg:lsoa21", "--service", "library", "--keep", "10"});
    const std::string err = clean_failure(unmapped, cwd);
    CHECK(contains(err, "--asset-field constants.service=library"));
    CHECK(contains(err, "libraries_2016"));
    std::vector<std::string> pool = base;
    *std::find(pool.begin(), pool.end(), "library") = "swimming pool";
    CHECK(contains(clean_failure(with(pool, {"--keep", "10"}), cwd), "no asset offers the service 'swimming pool'"));
}
