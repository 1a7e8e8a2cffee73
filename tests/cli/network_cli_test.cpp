// pooled network and pooled matrix from the command line: summaries, the written matrix, and
// bad input that must fail cleanly without writing anything.

#include "support/catch.hpp"
#include "support/run_cli.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using pooled::test::CliResult;
using pooled::test::run_pooled;
using pooled::test::TempDir;
using pooled::test::testdata;

namespace {
const std::string pbf = testdata("rutland/rutland-latest.osm.pbf");
const std::string oas = testdata("rutland/rutland_zones.gpkg:oa21_pwc");
const std::string pois = testdata("rutland/rutland_osm_geofabrik.gpkg:public_sector_pois_bng");

nlohmann::json json_of(const CliResult &r) {
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
}

void check_fails_cleanly(const std::vector<std::string> &args, const std::string &expected_in_err) {
    TempDir cwd;
    const CliResult r = run_pooled(args, cwd.str());
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(pooled::test::line_count(r.err) == 1);
    CHECK(r.err.find(expected_in_err) != std::string::npos);
    CHECK(cwd.entries().empty());
}
} // namespace

TEST_CASE("pooled network describes the Rutland drive graph", "[cli][network]") {
    TempDir cwd;
    const auto out = json_of(run_pooled({"network", pbf, "--json"}, cwd.str()));
    CHECK(out["kind"] == "osm");
    CHECK(out["profile"] == "drive");
    CHECK(out["working_crs"] == "EPSG:27700");
    // 4,310 usable drive ways (osm_test.cpp cross-checks this against GDAL's OSM driver).
    CHECK(out["osm"]["ways_used"] == 4310);
    CHECK(out["nodes"].get<int>() > 0);
    CHECK(out["arcs"].get<int>() >= out["edges"].get<int>()); // most edges are two-way
    // The kept component is the largest of the reported ones.
    CHECK(out["largest_components"][0]["nodes"] == out["nodes"]);
    CHECK(out["speed"]["max_kmh"].get<double>() <= 112.7); // 70 mph = 112.65 km/h
}

TEST_CASE("pooled network reads road lines and edge tables too", "[cli][network]") {
    TempDir cwd;
    const auto lines = json_of(
        run_pooled({"network", testdata("rutland/rutland_osm_geofabrik.gpkg:roads_bng"), "--json"}, cwd.str()));
    CHECK(lines["kind"] == "road lines");
    // testdata/network/SOURCE.md: an independent noding of the drive classes gives 8,387
    // segments; build_graph keeps the largest strongly connected component of them.
    CHECK(lines["input_edges"] == 8387);
    const auto table = json_of(run_pooled(
        {"network", testdata("network/pgrouting_sample.csv"), "--all-components", "--json"}, cwd.str()));
    CHECK(table["kind"] == "edge table");
    CHECK(table["input_edges"] == 18); // the pgRouting sample network has 18 edges
}

TEST_CASE("pooled matrix writes origin, destination, seconds and metres", "[cli][matrix]") {
    TempDir cwd;
    const std::string output = (cwd.path() / "matrix.csv").string();
    const auto out = json_of(run_pooled(
        {"matrix", "--network", pbf, "--from", oas, "--to", pois, "--cutoff", "10min", "-o", output, "--json"},
        cwd.str()));
    CHECK(out["origins"] == 128);
    CHECK(out["destinations"] == 123);
    CHECK(out["cutoff"] == 600.0);
    std::ifstream in(output);
    std::string header;
    std::getline(in, header);
    CHECK(header == "origin_id,destination_id,seconds,metres");
    std::size_t rows = 0;
    for (std::string line; std::getline(in, line);) {
        ++rows;
        std::stringstream fields(line);
        std::string origin, destination, seconds;
        std::getline(fields, origin, ',');
        std::getline(fields, destination, ',');
        std::getline(fields, seconds, ',');
        REQUIRE(std::stod(seconds) <= 600.0);
    }
    CHECK(rows == out["stored_pairs"].get<std::size_t>());
    CHECK(cwd.entries() == std::vector<std::string>{"matrix.csv"});
}

TEST_CASE("pooled matrix refuses a cutoff of zero or below, writing nothing", "[cli][matrix][bad-input]") {
    TempDir cwd;
    for (const char *cutoff : {"0min", "-5min"}) {
        const CliResult r = run_pooled({"matrix", "--network", pbf, "--from", oas, "--to", pois, "--cutoff", cutoff,
                                        "-o", (cwd.path() / "m.csv").string()},
                                       cwd.str());
        INFO(cutoff << ": " << r.err);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find(cutoff[0] == '-' ? "negative" : "positive") != std::string::npos);
        CHECK(cwd.entries().empty());
    }
    check_fails_cleanly({"matrix", "--network", pbf, "--from", oas, "--to", pois, "--cutoff", "10"}, "needs a unit");
}

TEST_CASE("bad networks fail naming the file, feature and field", "[cli][network][bad-input]") {
    check_fails_cleanly({"network", testdata("network/edges_both_negative.csv")}, "feature 2");
    check_fails_cleanly({"network", testdata("network/edges_text_cost.csv")}, "field 'cost'");
    check_fails_cleanly({"network", testdata("network/edges_negative_id.csv")}, "field 'target'");
    check_fails_cleanly({"network", testdata("does_not_exist.osm.pbf")}, "does_not_exist.osm.pbf");
}

TEST_CASE("origins in another CRS are reprojected, never mixed", "[cli][matrix][crs]") {
    // lsoa21_wgs84 holds the same LSOAs as lsoa21 in EPSG:4326: both become EPSG:27700 points.
    TempDir cwd;
    const auto wgs84 = json_of(run_pooled({"matrix", "--network", pbf, "--from",
                                           testdata("rutland/rutland_zones.gpkg:lsoa21_wgs84"), "--to", pois, "--json"},
                                          cwd.str()));
    const auto bng = json_of(run_pooled(
        {"matrix", "--network", pbf, "--from", testdata("rutland/rutland_zones.gpkg:lsoa21"), "--to", pois, "--json"},
        cwd.str()));
    CHECK(wgs84["working_crs"] == "EPSG:27700");
    CHECK(wgs84["origins"] == 26);
    CHECK(wgs84["stored_pairs"] == bng["stored_pairs"]);
    CHECK(wgs84["unsnapped_origins"].empty());
}

TEST_CASE("pooled matrix honours --study-area like pooled info", "[cli][matrix][bad-input]") {
    // Derbyshire fire stations are 55 km and more from Rutland's LSOAs: the first (feature 1,
    // Alfreton) fails the 10 km study-area check before any routing.
    check_fails_cleanly({"matrix", "--network", pbf, "--from", testdata("derbyshire/dfrs_register_reported.csv"), "--crs",
                         "EPSG:27700", "--to", pois, "--study-area", testdata("rutland/rutland_zones.gpkg:lsoa21")},
                        "feature 1,");
}
