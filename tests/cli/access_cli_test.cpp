// pooled access from the command line: golden JSON on the hospital toy (costs from a file, plain
// CSV layers without geometry) and on Derbyshire (straight line, by IMD decile), the measures'
// invariants, and the bad input of issue 4 (zero supply, an unreachable zone, ids missing from the
// layers, a negative population).

#include "support/catch.hpp"

#include "cli/support/checks.hpp"
#include "cli/support/golden.hpp"
#include "cli/support/run_cli.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

using pooled::test::check_golden_output;
using pooled::test::contains;
using pooled::test::failure;
using pooled::test::write;
using pooled::test::CliResult;
using pooled::test::run_pooled;
using pooled::test::TempDir;
using pooled::test::testdata;

namespace {

const std::string toy = "testdata/access_hospital_toy/";
const std::vector<std::string> toy_layers = {"--demand", toy + "tracts.csv", "--supply", toy + "tracts.csv",
                                             "--demand-field", "pop", "--supply-field", "doc", "--demand-id",
                                             "geoid", "--supply-id", "geoid"};

std::vector<std::string> toy_args(const std::string &measure, std::vector<std::string> more) {
    std::vector<std::string> args = {"access", "--measure", measure};
    args.insert(args.end(), toy_layers.begin(), toy_layers.end());
    args.insert(args.end(), more.begin(), more.end());
    args.push_back("--json");
    return args;
}


} // namespace

TEST_CASE("access golden: 2SFCA on the hospital toy, costs from a file, layers without geometry", "[cli][access][golden]") {
    // Scenario 0, w = 1/c, cutoff 60 inclusive (= pysal/access's < 61 for these whole-number costs).
    // Hand values (tests/unit/accessibility/measures_test.cpp): A = (1462/4411, 1282/2211, 7.286418170);
    // the population-weighted mean is sum P_i A_i / sum P_i = 135 doctors / 160 people = 0.84375.
    const auto out = check_golden_output(
        "access.hospital_toy.2sfca", toy_args("2sfca", {"--costs", toy + "scenario0_costs.csv", "--decay", "power:1",
                                                        "--cutoff", "60"}));
    CHECK(out["costs"] == "costs");
    CHECK(out["cost_unit"] == "unknown (column 'cost')");
    CHECK(out["pairs_stored"] == 9);
    CHECK(out["overall"]["mean"].get<double>() == Approx(135.0 / 160.0).epsilon(1e-12));
    CHECK(out["overall"]["minimum"].get<double>() == Approx(1462.0 / 4411.0).epsilon(1e-12));
    CHECK(out["overall"]["maximum"].get<double>() == Approx(7.286418170).epsilon(1e-9));
    CHECK(out["unallocated_supply"] == 0.0);
}

TEST_CASE("access golden: GP list size per head in Derbyshire, 2SFCA 10 km straight line, by IMD decile", "[cli][access][golden]") {
    // All 420 practices (118 in Derbyshire, the rest within 10 km outside), list sizes May 2022.
    // The population-weighted mean is (supply allocated) / population: 78 practices are > 10 km from every
    // LSOA's representative point and keep their 644,253 patients unallocated, so
    // (3,711,460 - 644,253) / 1,055,975 = 2.9046 patients per resident. Above 1 because practices just
    // outside the county give their whole lists to the Derbyshire LSOAs they reach (an edge effect; the
    // integration test restricts the supply to the county's own practices).
    const auto out = check_golden_output(
        "access.derbyshire.gp_2sfca",
        {"access", "--measure", "2sfca", "--demand", "testdata/derbyshire/derbyshire_zones.gpkg:lsoa21", "--supply",
         "testdata/derbyshire/derbyshire_facilities.gpkg:gp_practices_2022", "--straight-line", "--cutoff", "10km", "--by",
         "imd19_index_of_multiple_deprivation_imd_decile", "--json"});
    CHECK(out["zones"] == 651);
    CHECK(out["assets"] == 420);
    CHECK(out["total_demand"] == 1055975.0);  // sum of ts0010001 (testdata/README.md)
    CHECK(out["total_supply"] == 3711460.0);  // ogrinfo: select sum(number_of_patients) from gp_practices_2022
    const double allocated = 3711460.0 - out["unallocated_supply"].get<double>();
    CHECK(out["overall"]["mean"].get<double>() == Approx(allocated / 1055975.0).epsilon(1e-12));
    REQUIRE(out["by"]["groups"].size() == 10);
    CHECK(out["by"]["groups"][0]["group"] == "1");
    CHECK(out["by"]["groups"][9]["group"] == "10");
    CHECK(out["by"]["concentration_ranked_by_it"] == true);
    double zones = 0, shares = 0;
    for (const auto &g : out["by"]["groups"]) {
        zones += g["summary"]["zones"].get<double>();
        shares += g["summary"]["share_of_total"].get<double>();
    }
    CHECK(zones == 651);
    CHECK(shares == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("access: every measure runs on the toy, with its invariants", "[cli][access]") {
    TempDir cwd;
    const std::string costs = testdata("access_hospital_toy/scenario0_costs.csv");
    const auto run = [&](const std::string &measure, std::vector<std::string> more) {
        std::vector<std::string> args = toy_args(measure, more);
        for (std::string &a : args) {
            if (a.rfind(toy, 0) == 0) {
                a = testdata(a.substr(std::string("testdata/").size()));
            }
        }
        const CliResult r = run_pooled(args, cwd.str());
        INFO(measure << " stderr: " << r.err);
        REQUIRE(r.exit_code == 0);
        return nlohmann::json::parse(r.out);
    };
    // Spatial availability conserves the 135 doctors: the population-weighted mean per head is 135 / 160.
    CHECK(run("availability", {"--costs", costs, "--decay", "power:1"})["overall"]["mean"].get<double>() ==
          Approx(135.0 / 160.0).epsilon(1e-12));
    CHECK(run("3sfca", {"--costs", costs, "--decay", "power:1", "--cutoff", "60"})["overall"]["mean"].get<double>() ==
          Approx(135.0 / 160.0).epsilon(1e-12));
    // Huff: supply per expected user also conserves; every tract's users add up to its population.
    const auto huff = run("huff", {"--costs", costs, "--decay", "power:2"});
    CHECK(huff["overall"]["mean"].get<double>() == Approx(135.0 / 160.0).epsilon(1e-12));
    double users = 0;
    for (const auto &a : huff["assets"]) {
        users += a["expected_users"].get<double>();
    }
    CHECK(users == Approx(160.0));
    // Coverage within 1: each tract reaches its own doctors (cost 1), so everybody is covered.
    CHECK(run("coverage", {"--costs", costs, "--cutoff", "1"})["coverage_share"] == 1.0);
    // Cumulative within 40: tract 1 reaches 1 and 3 (15 + 100), 2 reaches 2 and 3 (120), 3 all (135).
    const auto cumulative = run("cumulative", {"--costs", costs, "--cutoff", "40"});
    CHECK(cumulative["overall"]["minimum"] == 115.0);
    CHECK(cumulative["overall"]["maximum"] == 135.0);
    // Gravity with 1/c, no cutoff: tract 3 = 15/40 + 20/40 + 100/1 = 100.875, the largest.
    CHECK(run("gravity", {"--costs", costs, "--decay", "power:1"})["overall"]["maximum"].get<double>() ==
          Approx(100.875));
    CHECK(cwd.entries().empty());
}

TEST_CASE("access writes zones and a summary table", "[cli][access]") {
    TempDir cwd;
    const std::string output = (cwd.path() / "access.gpkg").string();
    const CliResult r = run_pooled({"access", "--measure", "e2sfca", "--demand",
                                    testdata("derbyshire/derbyshire_zones.gpkg:lsoa21"), "--supply",
                                    testdata("derbyshire/derbyshire_facilities.gpkg:gp_practices_2022"),
                                    "--straight-line", "--cutoff", "10km", "--by", "ruc21_urban_rural", "-o", output},
                                   cwd.str());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "e2sfca for 651 zones and 420 assets"));
    const CliResult zones = pooled::test::run_cli({"/usr/bin/ogrinfo", "-ro", "-so", output, "zones"}, cwd.str());
    CHECK(contains(zones.out, "Feature Count: 651"));
    CHECK(contains(zones.out, "lsoa21cd: String"));  // the demand layer's id column is kept
    CHECK(contains(zones.out, "access: Real"));
    const CliResult summary = pooled::test::run_cli({"/usr/bin/ogrinfo", "-ro", "-q", output, "-sql",
                                                     "select group_field, \"group\" from summary"},
                                                    cwd.str());
    CHECK(contains(summary.out, "group (String) = all"));
    CHECK(contains(summary.out, "group (String) = Urban"));
    CHECK(contains(summary.out, "group (String) = Rural"));
}

TEST_CASE("access bad input: zero supply, unreachable zone, unknown ids, negative population", "[cli][access][bad-input]") {
    TempDir inputs;
    TempDir cwd;
    const std::string costs = testdata("access_hospital_toy/scenario0_costs.csv");
    const std::string tracts = testdata("access_hospital_toy/tracts.csv");
    const auto layers = [](const std::string &demand, const std::string &supply) {
        return std::vector<std::string>{"--demand", demand, "--supply", supply, "--demand-field", "pop",
                                        "--supply-field", "doc", "--demand-id", "geoid", "--supply-id", "geoid"};
    };
    const auto args = [&](std::vector<std::string> middle, std::vector<std::string> more) {
        std::vector<std::string> a = {"access", "--measure", "2sfca"};
        a.insert(a.end(), middle.begin(), middle.end());
        a.insert(a.end(), more.begin(), more.end());
        return a;
    };

    SECTION("a supply of zero everywhere is an error naming the layer and field") {
        const std::string zero = write(inputs, "zero.csv", "geoid,pop,doc\n1,100,0\n2,50,0\n3,10,0\n");
        const std::string err = failure(args(layers(tracts, zero), {"--costs", costs, "--cutoff", "60"}), cwd);
        CHECK(contains(err, "pooled access: the supply is zero everywhere (field 'doc')"));
        CHECK(contains(err, "zero.csv"));
    }
    SECTION("a zone no asset reaches gets 0 and is reported") {
        // Tract 3 has no rows in the file: it reaches nothing. Tracts 1 and 2 reach only their own site within 60:
        // A_1 = 15/100 = 0.15, A_2 = 20/50 = 0.4, A_3 = 0; the city's 100 doctors are reached by nobody.
        const std::string partial = write(inputs, "partial.csv", "origin_id,destination_id,cost\n1,1,1\n1,2,80\n2,2,1\n");
        const CliResult r = run_pooled(args(layers(tracts, tracts), {"--costs", partial, "--cutoff", "60", "--json"}), cwd.str());
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const auto out = nlohmann::json::parse(r.out);
        CHECK(out["zones_reaching_nothing"] == 1);
        CHECK(out["zones_reaching_nothing_first"] == nlohmann::json::array({"3"}));
        CHECK(out["overall"]["minimum"] == 0.0);
        CHECK(out["overall"]["maximum"].get<double>() == Approx(0.4));
        CHECK(out["unallocated_supply"] == 100.0);
    }
    SECTION("a matrix naming ids missing from the layers names the file, row and field") {
        const std::string unknown = write(inputs, "unknown.csv", "origin_id,destination_id,cost\n1,1,1\n7,1,3\n");
        const std::string err = failure(args(layers(tracts, tracts), {"--costs", unknown, "--cutoff", "60"}), cwd);
        CHECK(contains(err, "data row 2: id '7' is not among the demand (origin) layer's ids"));
        CHECK(contains(err, "unknown.csv"));
        CHECK(contains(err, "field 'origin_id'"));
    }
    SECTION("a negative population names the feature and field") {
        const std::string negative = write(inputs, "negative.csv", "geoid,pop,doc\n1,100,15\n2,-50,20\n3,10,100\n");
        const std::string err = failure(args(layers(negative, tracts), {"--costs", costs, "--cutoff", "60"}), cwd);
        CHECK(contains(err, "negative.csv"));
        CHECK(contains(err, "field 'pop'"));
    }
    SECTION("one cost source, and the options each measure needs") {
        CHECK(contains(failure(args(layers(tracts, tracts), {"--cutoff", "60"}), cwd),
                       "give exactly one of --network SOURCE, --costs FILE or --straight-line"));
        CHECK(contains(failure(args(layers(tracts, tracts), {"--costs", costs}), cwd), "needs --cutoff"));
        CHECK(contains(failure(args(layers(tracts, tracts), {"--costs", costs, "--cutoff", "20min"}), cwd),
                       "give the cutoff as a plain number"));
    }
    CHECK(cwd.entries().empty());
}

TEST_CASE("access on the road network: Rutland GP lists within 15 minutes' drive conserve supply", "[cli][access]") {
    // 2SFCA conserves supply: sum_i P_i A_i + unallocated = total supply, so the population-weighted
    // mean times the population plus the unallocated lists gives back the 19 practices' lists.
    TempDir cwd;
    const CliResult r = run_pooled({"access", "--measure", "2sfca", "--demand", testdata("rutland/rutland_zones.gpkg:lsoa21"),
                                    "--supply", testdata("rutland/rutland_facilities.gpkg:gp_practices_2022"), "--network",
                                    testdata("rutland/rutland-latest.osm.pbf"), "--cutoff", "15min", "--json"},
                                   cwd.str());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto out = nlohmann::json::parse(r.out);
    CHECK(out["costs"] == "network");
    CHECK(out["cost_unit"] == "seconds");
    CHECK(out["cutoff"] == 900.0);
    CHECK(out["zones"] == 26);
    CHECK(out["assets"] == 19);
    CHECK(out["total_demand"] == 41048.0); // Rutland's 26 LSOAs (testdata/README.md)
    const double served = out["overall"]["mean"].get<double>() * 41048.0;
    CHECK(served + out["unallocated_supply"].get<double>() == Approx(out["total_supply"].get<double>()).epsilon(1e-12));
    CHECK(out["overall"]["gini"].get<double>() >= 0.0);
    CHECK(cwd.entries().empty());
}

TEST_CASE("access: Huff calibrated from observed users agrees with scipy", "[cli][access][huff]") {
    // The hospital toy with observed users (55, 5, 40 / 4, 26, 20 / 1, 1, 8 from tracts 1 / 2 / 3 at sites
    // 1, 2, 3). Expected values: the same log-likelihood maximised by scipy 1.10.1 (BFGS with the analytic
    // gradient, |gradient| < 1e-6 at the optimum), tests/cli/access_huff_calibration_check.py:
    //   power:       alpha = 0.7608769870816697, lambda = 0.45995905774855644, LL = -138.28757016288935,
    //                LL0 = -175.77796618689754 (= -100 ln 3 - 50 ln 3 - 10 ln 3), rho^2 = 0.21328268176766918,
    //                expected users with those exponents and pop 100/50/10: 54.97729032882074,
    //                37.92050356350436, 67.10220610767489
    //   exponential: alpha = 0.445587365522569, lambda = 0.0284807316083128, LL = -136.99153187515375,
    //                rho^2 = 0.22065583732208938
    TempDir inputs;
    TempDir cwd;
    const std::string users = write(inputs, "users.csv",
                                    "origin_id,destination_id,users\n1,1,55\n1,2,5\n1,3,40\n2,1,4\n2,2,26\n2,3,20\n"
                                    "3,1,1\n3,2,1\n3,3,8\n");
    std::vector<std::string> args = toy_args("huff", {"--costs", testdata("access_hospital_toy/scenario0_costs.csv"),
                                                      "--calibrate-from", users});
    for (std::string &a : args) {
        if (a.rfind(toy, 0) == 0) {
            a = testdata(a.substr(std::string("testdata/").size()));
        }
    }
    const auto power = pooled::test::run_json(args, cwd);
    const auto &fit = power["calibration"];
    CHECK(fit["decay_form"] == "power");
    CHECK(fit["observed_pairs"] == 9);
    CHECK(fit["observed_users"] == 160.0);
    CHECK(fit["attractiveness_exponent"].get<double>() == Approx(0.7608769870816697).epsilon(1e-7));
    CHECK(fit["decay_parameter"].get<double>() == Approx(0.45995905774855644).epsilon(1e-7));
    CHECK(fit["log_likelihood"].get<double>() == Approx(-138.28757016288935).epsilon(1e-11));
    CHECK(fit["null_log_likelihood"].get<double>() == Approx(-175.77796618689754).epsilon(1e-13));
    CHECK(fit["pseudo_r2"].get<double>() == Approx(0.21328268176766918).epsilon(1e-9));
    CHECK(fit["attractiveness_exponent_se"].get<double>() > 0.0);
    CHECK(fit["decay_parameter_se"].get<double>() > 0.0);
    // The measure runs with the fitted exponents.
    CHECK(power["huff_exponent"] == fit["attractiveness_exponent"]);
    CHECK(contains(power["decay"].get<std::string>(), "power:0.4599"));
    const double expected_users[] = {54.97729032882074, 37.92050356350436, 67.10220610767489};
    REQUIRE(power["assets"].size() == 3);
    for (std::size_t j = 0; j < 3; ++j) {
        CHECK(power["assets"][j]["expected_users"].get<double>() == Approx(expected_users[j]).epsilon(1e-7));
    }

    args.insert(args.end() - 1, {"--calibrate-decay", "exponential"});
    const auto exponential = pooled::test::run_json(args, cwd)["calibration"];
    CHECK(exponential["decay_form"] == "exponential");
    CHECK(exponential["attractiveness_exponent"].get<double>() == Approx(0.445587365522569).epsilon(1e-6));
    CHECK(exponential["decay_parameter"].get<double>() == Approx(0.0284807316083128).epsilon(1e-6));
    CHECK(exponential["log_likelihood"].get<double>() == Approx(-136.99153187515375).epsilon(1e-11));
    CHECK(exponential["pseudo_r2"].get<double>() == Approx(0.22065583732208938).epsilon(1e-9));
    CHECK(cwd.entries().empty());
}

TEST_CASE("access bad input: Huff calibration", "[cli][access][huff][bad-input]") {
    TempDir inputs;
    TempDir cwd;
    const std::string tracts = testdata("access_hospital_toy/tracts.csv");
    const std::vector<std::string> base = {"access", "--demand", tracts, "--supply", tracts, "--demand-field", "pop",
                                           "--supply-field", "doc", "--demand-id", "geoid", "--supply-id", "geoid",
                                           "--costs", testdata("access_hospital_toy/scenario0_costs.csv")};
    const auto args = [&](std::vector<std::string> more) {
        std::vector<std::string> a = base;
        a.insert(a.end(), more.begin(), more.end());
        return a;
    };
    const std::string users = write(inputs, "users.csv", "origin_id,destination_id,users\n1,1,55\n1,3,40\n2,2,26\n");
    CHECK(contains(failure(args({"--measure", "2sfca", "--cutoff", "60", "--calibrate-from", users}), cwd),
                   "--calibrate-from fits the Huff model: it needs --measure huff, not 2sfca"));
    CHECK(contains(failure(args({"--measure", "huff", "--decay", "power:1", "--calibrate-from", users}), cwd),
                   "leave out --huff-exponent and --decay"));
    CHECK(contains(failure(args({"--measure", "huff", "--huff-exponent", "2", "--calibrate-from", users}), cwd),
                   "leave out --huff-exponent and --decay"));
    // An id the layers do not have names the file, row and field.
    const std::string unknown = write(inputs, "unknown.csv", "origin_id,destination_id,users\n1,1,5\n1,9,4\n");
    const std::string err = failure(args({"--measure", "huff", "--calibrate-from", unknown}), cwd);
    CHECK(contains(err, "data row 2: id '9' is not among the supply (destination) layer's ids"));
    CHECK(contains(err, "unknown.csv"));
    CHECK(contains(err, "field 'destination_id'"));
    // A table without a users column.
    const std::string no_users = write(inputs, "no_users.csv", "origin_id,destination_id,flow\n1,1,5\n");
    CHECK(contains(failure(args({"--measure", "huff", "--calibrate-from", no_users}), cwd), "users"));
    // Users who prefer the far sites: the maximum-likelihood lambda is negative (Nelder-Mead in scipy on
    // this table: alpha = 0.302, lambda = -0.772), which no decay can express.
    const std::string far = write(inputs, "far.csv", "origin_id,destination_id,users\n1,1,1\n1,2,30\n1,3,30\n"
                                                     "2,1,30\n2,2,1\n2,3,30\n3,1,10\n3,2,10\n3,3,1\n");
    const std::string negative = failure(args({"--measure", "huff", "--calibrate-from", far}), cwd);
    CHECK(contains(negative, "the fitted decay parameter is not positive (-0.772"));
    CHECK(contains(negative, "far.csv"));
    CHECK(cwd.entries().empty());
}
