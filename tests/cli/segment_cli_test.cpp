// pooled segment, segment assign and profile from the command line, on the 128 Rutland Output
// Areas with the shipped OAC 2021-style spec: the golden --json summary, the same bytes on 1
// and 2 threads, a saved model that assigns the zones back to their segments, users' profiles,
// and bad input that must fail with a message naming its source and write nothing.

#include "support/catch.hpp"
#include "support/failure.hpp"
#include "support/run_cli.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

using pooled::test::CliResult;
using pooled::test::failure;
using pooled::test::run_pooled;
using pooled::test::TempDir;
using pooled::test::testdata;
namespace fs = std::filesystem;

namespace {
const fs::path root = fs::path(pooled::test::testdata_dir).parent_path();
const std::string spec = (root / "share/pooled/oac2021_variables.csv").string();
const std::string oas = testdata("rutland/rutland_zones.gpkg:oa21_pwc");
const std::string lsoas = testdata("rutland/rutland_zones.gpkg:lsoa21");
const std::string schools = testdata("rutland/rutland_facilities.gpkg:schools_gias_2025");

nlohmann::json run_json(const std::vector<std::string> &args, const std::string &cwd) {
    const CliResult r = run_pooled(args, cwd);
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
}

bool has(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

const std::vector<std::string> golden_args{"segment", "--zones", "testdata/rutland/rutland_zones.gpkg:oa21_pwc",
                                           "--variables", "share/pooled/oac2021_variables.csv", "--levels", "4,2",
                                           "--restarts", "10", "--seed", "7", "--json"};
} // namespace

TEST_CASE("segment --json on the Rutland OAs matches the golden file", "[cli][segment][golden]") {
    const auto r = run_pooled(golden_args, root.string());
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    const fs::path expected_file = fs::path(POOLED_CLI_EXPECTED_DIR) / "segment.rutland_oa21_pwc.json";
    const char *update = std::getenv("POOLED_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::ofstream(expected_file, std::ios::binary) << r.out;
        WARN("POOLED_UPDATE_GOLDEN=1: wrote " << expected_file.string());
    } else {
        CHECK(r.out == pooled::test::read_file(expected_file));
    }
    const auto out = nlohmann::json::parse(r.out);
    CHECK(out["zones"] == 128);            // ogrinfo -so rutland_zones.gpkg oa21_pwc: Feature Count 128
    CHECK(out["population"] == 41048.0);   // testdata/README.md: Rutland's usual residents
    CHECK(out["variables"] == 49);
    const auto &levels = out["levels"];
    REQUIRE(levels.size() == 2);
    CHECK(levels[0]["k"] == 4);
    CHECK(levels[1]["segments"] == 8);
    // scikit-learn KMeans(k=4, n_init=10, random_state=0, lloyd) on the same matrix:
    // within-SS 178.8108282299816 (tests/integration/segmentation_derbyshire_reference.py 10 4
    // testdata/rutland/rutland_zones.gpkg); 10 restarts of pooled do no worse. Splitting every
    // segment in two can only lower it, and the total sum of squares 256.4293619347725 (same
    // script) bounds it from above.
    CHECK(levels[0]["within_ss"].get<double>() <= 178.8108282299816 + 1e-6);
    CHECK(levels[1]["within_ss"].get<double>() < levels[0]["within_ss"].get<double>());
    std::size_t zones = 0;
    for (const auto &s : levels[1]["sizes"]) {
        zones += s["zones"].get<std::size_t>();
    }
    CHECK(zones == 128);
}

TEST_CASE("segment gives the same bytes on 1 and 2 threads", "[cli][segment]") {
    auto one = golden_args;
    one.insert(one.end(), {"--threads", "1"});
    auto two = golden_args;
    two.insert(two.end(), {"--threads", "2"});
    const auto a = run_pooled(one, root.string());
    const auto b = run_pooled(two, root.string());
    REQUIRE(a.exit_code == 0);
    CHECK(a.out == b.out);
}

TEST_CASE("a saved model assigns the zones to the segments they were fitted in, and profiles users",
          "[cli][segment][profile]") {
    TempDir cwd;
    const std::string model = (cwd.path() / "model.json").string();
    const std::string output = (cwd.path() / "segments.gpkg").string();
    const auto fitted = run_json({"segment", "--zones", oas, "--variables", spec, "--levels", "4,2", "--restarts", "10",
                                  "--seed", "7", "--save-model", model, "-o", output, "--json"},
                                 cwd.str());
    CHECK(cwd.entries() == std::vector<std::string>{"model.json", "segments.gpkg"});
    const auto assigned = run_json({"segment", "assign", "--model", model, "--zones", oas, "--json"}, cwd.str());
    REQUIRE(assigned["levels"].size() == 2);
    for (std::size_t l = 0; l < 2; ++l) {
        for (std::size_t s = 0; s < fitted["levels"][l]["sizes"].size(); ++s) {
            CHECK(assigned["levels"][l]["sizes"][s]["zones"] == fitted["levels"][l]["sizes"][s]["zones"]);
        }
    }

    // Users per zone from a column: the schoolchildren and students (TS068), as if they were a
    // service's users. Shares sum to 1 and the index averages 100 over the residents.
    const auto field = run_json({"profile", "--model", model, "--zones", oas, "--users-field", "ts0680002", "--json"},
                                cwd.str());
    double share = 0, weighted_index = 0;
    for (const auto &s : field["levels"][0]["segments"]) {
        share += s["user_share"].get<double>();
        weighted_index += s["resident_share"].get<double>() * s["index"].get<double>();
    }
    CHECK(share == Approx(1.0).epsilon(1e-5));
    CHECK(weighted_index == Approx(100.0).epsilon(1e-4));

    // Geocoded users: the Rutland schools as points, each counted in the nearest OA centroid.
    const auto points = run_json({"profile", "--model", model, "--zones", oas, "--users", schools, "--json"}, cwd.str());
    CHECK(points["users_in_zones"].get<double>() + points["users_outside_zones"].get<double>() ==
          points["user_records"].get<double>());
    CHECK(points["users_outside_zones"] == 0.0); // point zones: every user has a nearest one
    CHECK(cwd.entries() == std::vector<std::string>{"model.json", "segments.gpkg"});
}

TEST_CASE("segment: a spec column missing from the zones names the spec, line and column", "[cli][segment][bad-input]") {
    TempDir cwd;
    const std::string bad = (cwd.path() / "spec.csv").string();
    std::ofstream(bad) << "name,numerator,denominator\nowned,ts0540002,ts0540001\nflats,ts044005,ts0440001\n";
    const auto err = failure({"segment", "--zones", oas, "--variables", bad, "-k", "3", "-o", "out.gpkg"}, cwd);
    CHECK(has(err, "line 3 (variable 'flats'): no column 'ts044005'"));
    CHECK(has(err, "did you mean 'ts0440005'?"));
    CHECK(has(err, bad));
    CHECK(cwd.entries() == std::vector<std::string>{"spec.csv"});
}

TEST_CASE("segment: a non-numeric census count names the file, feature and field", "[cli][segment][bad-input]") {
    TempDir cwd;
    const std::string zones = (cwd.path() / "zones.csv").string();
    std::ofstream(zones) << "oa21cd,ts0010001,total,part,X,Y\n"
                            "E1,300,100,10,486000,308000\n"
                            "E2,320,100,n/a,486500,308500\n"
                            "E3,280,100,30,487000,309000\n";
    const std::string s = (cwd.path() / "spec.csv").string();
    std::ofstream(s) << "name,numerator,denominator\nshare,part,total\n";
    const auto err = failure({"segment", "--zones", zones, "--variables", s, "-k", "2", "--crs", "EPSG:27700",
                              "--x-field", "X", "--y-field", "Y"},
                             cwd);
    CHECK(has(err, "zones.csv"));
    CHECK(has(err, "feature 2"));
    CHECK(has(err, "field 'part'"));
}

TEST_CASE("segment: a zero-variance variable is named with its spec line", "[cli][segment][bad-input]") {
    TempDir cwd;
    const std::string s = (cwd.path() / "spec.csv").string();
    // Households / households = 100 % in every OA.
    std::ofstream(s) << "name,numerator,denominator\nowned,ts0540002,ts0540001\nall,ts0410001,ts0410001\n";
    const auto err = failure({"segment", "--zones", oas, "--variables", s, "-k", "3", "-o", "out.gpkg"}, cwd);
    CHECK(has(err, "line 3 (variable 'all'): the same value (100) in all 128 zones"));
    CHECK(cwd.entries() == std::vector<std::string>{"spec.csv"});
}

TEST_CASE("segment: k larger than the number of zones", "[cli][segment][bad-input]") {
    TempDir cwd;
    const auto err = failure({"segment", "--zones", oas, "--variables", spec, "-k", "500", "-o", "out.gpkg"}, cwd);
    CHECK(has(err, "k = 500 is more than the 128 zones"));
    CHECK(has(err, "oa21_pwc"));
    CHECK(cwd.entries().empty());
}

TEST_CASE("segment: usage errors", "[cli][segment][usage]") {
    TempDir cwd;
    CHECK(has(failure({"segment", "--zones", oas, "-k", "3"}, cwd), "--variables SPEC is required"));
    CHECK(has(failure({"segment", "--zones", oas, "--variables", spec}, cwd), "-k K or --levels"));
    CHECK(has(failure({"segment", "--zones", oas, "--variables", spec, "--levels", "4,x"}, cwd), "--levels takes"));
    CHECK(has(failure({"segment", "--zones", oas, "--variables", spec, "-k", "3", "--transform", "sqrt"}, cwd),
              "unknown transform 'sqrt'"));
    CHECK(has(failure({"profile", "--model", "m.json", "--zones", oas}, cwd), "either --users"));
    CHECK(has(failure({"segment", "assign", "--model", "missing.json", "--zones", oas}, cwd), "missing.json"));
}

TEST_CASE("profile: geocoded users fall in the LSOA polygon containing them", "[cli][profile]") {
    TempDir cwd;
    const std::string s = (cwd.path() / "spec.csv").string();
    std::ofstream(s) << "name,numerator,denominator\nowned,ts0540002,ts0540001\nsocial_rented,ts0540007,ts0540001\n"
                        "flat,ts0440005+ts0440006,ts0440001\nno_car,ts0450002,ts0450001\nlevel_4,ts0670007,ts0670001\n";
    const std::string model = (cwd.path() / "lsoa.json").string();
    run_json({"segment", "--zones", lsoas, "--variables", s, "-k", "3", "--restarts", "5", "--save-model", model, "--json"},
             cwd.str());
    // ogrinfo -dialect sqlite: of the 19 GP practices in rutland_facilities.gpkg:gp_practices_2022
    // (Rutland and 10 km around), 4 lie ST_Within one of the 26 Rutland LSOA polygons.
    const auto out = run_json({"profile", "--model", model, "--zones", lsoas, "--users",
                               testdata("rutland/rutland_facilities.gpkg:gp_practices_2022"), "--json"},
                              cwd.str());
    CHECK(out["user_records"] == 19);
    CHECK(out["users_in_zones"] == 4.0);
    CHECK(out["users_outside_zones"] == 15.0);
    CHECK(out["user_records_outside_zones"] == 15);
    double users = 0;
    for (const auto &seg : out["levels"][0]["segments"]) {
        users += seg["users"].get<double>();
    }
    CHECK(users == 4.0);
}
