// pooled info --as assets|zones|users: columns mapped onto the data model, checked and summarised.
// Expected totals are sums printed by ogrinfo -dialect sqlite on the same files (quoted below).

#include "support/catch.hpp"
#include "support/run_cli.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

using pooled::test::CliResult;
using pooled::test::run_pooled;
using pooled::test::TempDir;
using pooled::test::testdata;

namespace {
const std::string &schema = pooled::test::derbyshire_schema;

nlohmann::json model_of(const CliResult &r) {
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out)["layers"][0]["model"];
}
} // namespace

TEST_CASE("Derbyshire LSOAs as zones: 651 zones, 1,055,975 residents", "[cli][model]") {
    // ogrinfo -dialect sqlite -sql "select count(*), sum(ts0010001) from lsoa21": 651, 1055975.
    TempDir cwd;
    const auto model = model_of(run_pooled(
        {"info", testdata("derbyshire/derbyshire_zones.gpkg:lsoa21"), "--as", "zones", "--json"}, cwd.str()));
    CHECK(model["role"] == "zones");
    CHECK(model["count"] == 651);
    CHECK(model["population"] == 1055975.0);
    CHECK(model["mapping"]["id"] == "lsoa21cd");
    CHECK(model["mapping"]["population"] == "ts0010001");

    // The schema file also loads its variables: 6 listed columns + the 6 age bands.
    const auto with_schema = model_of(run_pooled({"info", testdata("derbyshire/derbyshire_zones.gpkg:lsoa21"), "--as",
                                                  "zones", "--schema", schema, "--json"},
                                                 cwd.str()));
    CHECK(with_schema["variables"] == 12);
    CHECK(cwd.entries().empty());
}

TEST_CASE("the published fire register as assets: 54 kept, 26,386 m2", "[cli][model]") {
    // ogrinfo -dialect sqlite -sql "select sum(gia_m2) from fire_estate_dfrs_2016": 26743;
    // without FIDs 15 and 31 (Dronfield, Whaley Bridge: "... where fid not in (15, 31)"): 26386.
    TempDir cwd;
    const auto model = model_of(run_pooled({"info", testdata("derbyshire/dfrs_register_reported.csv"), "--crs",
                                            "EPSG:27700", "--as", "assets", "--schema", schema, "--study-area",
                                            testdata("derbyshire/derbyshire_zones.gpkg:lsoa21"), "--on-invalid", "skip",
                                            "--json"},
                                           cwd.str()));
    CHECK(model["count"] == 54);
    CHECK(model["organisations"] == 1);
    CHECK(model["floor_area_m2"]["total"] == 26386.0);
    CHECK(model["floor_area_m2"]["with_value"] == 54);
    CHECK(model["mapping"]["floor_area"] == "gia_m2");
}

TEST_CASE("a field override maps a column and is checked like the schema's", "[cli][model][bad-input]") {
    TempDir cwd;
    const CliResult r = run_pooled({"info", testdata("bad/text_population.csv"), "--crs", "EPSG:27700", "--as", "zones",
                                    "--field", "population=ts0010001"},
                                   cwd.str());
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find("not a number: 'n/a'") != std::string::npos);
    CHECK(r.err.find("feature 3") != std::string::npos);
    CHECK(r.err.find("field 'ts0010001'") != std::string::npos);

    const CliResult unknown = run_pooled({"info", testdata("derbyshire/derbyshire_zones.gpkg:lsoa21"), "--as", "zones",
                                          "--field", "populaton=ts0010001"},
                                         cwd.str());
    CHECK(unknown.exit_code == 1);
    CHECK(unknown.err.find("populaton") != std::string::npos);
    CHECK(cwd.entries().empty());
}

TEST_CASE("a schema file with an unknown key names the file, line and key", "[cli][model][bad-input]") {
    TempDir cwd;
    const auto bad = cwd.path() / "bad.toml";
    {
        std::ofstream out(bad);
        out << "[assets]\nname = \"site\"\nflor_area = \"gia_m2\"\n";
    }
    const CliResult r = run_pooled(
        {"info", testdata("derbyshire/derbyshire_zones.gpkg:lsoa21"), "--as", "zones", "--schema", bad.string()},
        cwd.str());
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("flor_area") != std::string::npos);
    CHECK(r.err.find("line 3") != std::string::npos);
    CHECK(r.err.find(bad.string()) != std::string::npos);
}
