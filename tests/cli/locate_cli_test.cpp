// pooled locate from the command line: OR-Library p-median instances (heuristic and exact mode
// reach OR-Library's published optima), the pysal/spopt San Francisco instance from a long CSV
// with a demand table, and bad input. Golden JSON leaves out "seconds" (a wall-clock time).

#include "support/catch.hpp"

#include "cli/support/checks.hpp"
#include "cli/support/golden.hpp"
#include "cli/support/run_cli.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

using pooled::test::check_golden_output;
using pooled::test::contains;
using pooled::test::failure;
using pooled::test::write;
using pooled::test::run_json;
using pooled::test::CliResult;
using pooled::test::run_pooled;
using pooled::test::TempDir;
using pooled::test::testdata;

namespace {



} // namespace

TEST_CASE("locate golden: p-median on OR-Library pmed1", "[cli][locate][golden]") {
    // OR-Library pmedopt: pmed1 (n = 100, p = 5) has optimum 5819 (testdata/orlib/SOURCE.md);
    // the Lagrangian bound proves it, so the status is optimal with gap 0.
    const auto out = check_golden_output("locate.orlib_pmed1.pmedian",
                                         {"locate", "--problem", "pmedian", "--costs", "orlib:testdata/orlib/pmed1.txt",
                                          "--json"},
                                         {"seconds"});
    CHECK(out["objective"] == 5819.0);
    CHECK(out["lower_bound"] == 5819.0);
    CHECK(out["status"] == "optimal");
    CHECK(out["p"] == 5);
    CHECK(out["selected"].size() == 5);
    CHECK(out["seconds"].is_number());
}

TEST_CASE("locate: OR-Library optima, heuristic and exact", "[cli][locate]") {
    const TempDir cwd;
    // pmedopt optima (testdata/orlib/SOURCE.md): pmed2 4093, pmed3 4250, pmed4 3034, pmed5 1355.
    const std::vector<std::pair<std::string, double>> optima = {
        {"pmed2", 4093}, {"pmed3", 4250}, {"pmed4", 3034}, {"pmed5", 1355}};
    for (const auto &[name, optimum] : optima) {
        const auto out = run_json({"locate", "--problem", "pmedian", "--costs", "orlib:" + testdata("orlib/" + name + ".txt"),
                                   "--json"},
                                  cwd);
        INFO(name);
        CHECK(out["objective"] == optimum);
        CHECK(out["lower_bound"].get<double>() <= optimum);
    }
    // Exact mode proves pmed1's optimum through CBC.
    const auto exact = run_json({"locate", "--problem", "pmedian", "--costs", "orlib:" + testdata("orlib/pmed1.txt"),
                                 "--exact", "--time-limit", "60s", "--json"},
                                cwd);
    CHECK(exact["status"] == "optimal");
    CHECK(exact["objective"] == 5819.0);
    CHECK(exact["gap"] == 0.0);
    CHECK(exact["exact"] == true);
    // -p overrides the file's p; the answer does not depend on the thread count.
    const auto p10 = run_json({"locate", "--problem", "pmedian", "--costs", "orlib:" + testdata("orlib/pmed1.txt"), "-p",
                               "10", "--threads", "1", "--json"},
                              cwd);
    const auto p10_threads = run_json({"locate", "--problem", "pmedian", "--costs",
                                       "orlib:" + testdata("orlib/pmed1.txt"), "-p", "10", "--threads", "2", "--json"},
                                      cwd);
    CHECK(p10["p"] == 10);
    CHECK(p10["selected"] == p10_threads["selected"]);
    CHECK(p10["objective"] == p10_threads["objective"]);
}

TEST_CASE("locate golden: p-median on the San Francisco instance of pysal/spopt", "[cli][locate][golden]") {
    // testdata/spopt_sf/sf_costs_long.csv and sf_demand.csv (made from spopt's file, see its SOURCE.md).
    // spopt's p-median test: p = 4, mean weighted distance 2982.1268579890657; check_with_pulp.py
    // (PuLP + CBC): objective 2,848,268,129.7145104 with Store_11, Store_12, Store_15, Store_2.
    const auto out = check_golden_output(
        "locate.spopt_sf.pmedian",
        {"locate", "--problem", "pmedian", "-p", "4", "--costs", "testdata/spopt_sf/sf_costs_long.csv", "--demand",
         "testdata/spopt_sf/sf_demand.csv", "--demand-id", "id", "--demand-field", "demand", "--json"},
        {"seconds"});
    CHECK(out["mean_cost"].get<double>() == Approx(2982.1268579890657).epsilon(1e-12));
    CHECK(out["objective"].get<double>() == Approx(2848268129.7145104).epsilon(1e-12));
    CHECK(out["status"] == "optimal");
    CHECK(out["origins"] == 205);
    CHECK(out["sites"] == 16);
    CHECK(out["cost_unit"] == "metres");
    CHECK(out["selected"] == nlohmann::json::array({"Store_11", "Store_12", "Store_15", "Store_2"}));
}

TEST_CASE("locate: covering and p-center on the San Francisco instance", "[cli][locate]") {
    const TempDir cwd;
    const std::vector<std::string> layers = {"--costs", testdata("spopt_sf/sf_costs_long.csv"), "--demand",
                                             testdata("spopt_sf/sf_demand.csv"), "--demand-id", "id", "--demand-field",
                                             "demand", "--json"};
    auto args = [&](std::vector<std::string> head) {
        head.insert(head.begin(), "locate");
        head.insert(head.end(), layers.begin(), layers.end());
        return head;
    };
    // spopt's MCLP test: 5,000 m, p = 4 leaves 21 of 205 tracts uncovered (875,247 people covered,
    // check_with_pulp.py). The matrix is in metres, so the cutoff takes a unit or is metres bare.
    const auto mclp = run_json(args({"--problem", "mclp", "-p", "4", "--cutoff", "5km"}), cwd);
    CHECK(mclp["cutoff"] == 5000.0);
    CHECK(mclp["origins_uncovered"] == 21);
    CHECK(mclp["objective"] == 875247.0);
    CHECK(mclp["sense"] == "maximise");
    CHECK(mclp["upper_bound"].get<double>() >= 875247.0);
    CHECK(mclp["lower_bound"].is_null());
    CHECK(run_json(args({"--problem", "mclp", "-p", "4", "--cutoff", "5000"}), cwd)["origins_uncovered"] == 21);
    // check_with_pulp.py (CBC, optimal): LSCP at 5,000 m needs 8 stores; strict backup covering with
    // those 8 backs up 145 tracts; p-center p = 4 is 7403.0638 m.
    CHECK(run_json(args({"--problem", "lscp", "--cutoff", "5000"}), cwd)["objective"] == 8.0);
    CHECK(run_json(args({"--problem", "lscp", "--cutoff", "5000", "--exact"}), cwd)["status"] == "optimal");
    CHECK(run_json(args({"--problem", "lscpb", "--cutoff", "5000"}), cwd)["objective"] == 145.0);
    CHECK(run_json(args({"--problem", "pcenter", "-p", "4"}), cwd)["objective"].get<double>() == Approx(7403.0638).margin(1e-4));
    // Without a demand table every origin weighs 1 and the ids come from the file.
    const auto lscp = run_json({"locate", "--problem", "lscp", "--cutoff", "5000", "--costs",
                                testdata("spopt_sf/sf_costs_long.csv"), "--json"},
                               cwd);
    CHECK(lscp["total_demand"] == 205.0);
    CHECK(lscp["origins"] == 205);
    CHECK(lscp["objective"] == 8.0);
    CHECK(cwd.entries().empty());
}

TEST_CASE("locate: capacitated problems take capacities and opening costs from the candidates table", "[cli][locate]") {
    const TempDir dir;
    // Two origins (demand 3 and 2) and three sites. Hand solution of the CPMP with p = 1: only S3
    // (capacity 5) can take both, at cost 3 x 4 + 2 x 1 = 14. CFLP: opening S1 (cost 10) and S2
    // (cost 1) serves A from S1 (3 x 1) and B from S2 (2 x 1): 10 + 1 + 3 + 2 = 16; S3 alone:
    // 20 + 14 = 34; S1 + S3 or S2 + S3 cost more than 16 (their opening costs alone are 30, 21).
    const auto costs = write(dir, "c.csv", "origin_id,destination_id,cost\nA,S1,1\nA,S2,5\nA,S3,4\nB,S1,6\nB,S2,1\nB,S3,1\n");
    const auto demand = write(dir, "d.csv", "id,n\nA,3\nB,2\n");
    const auto sites = write(dir, "s.csv", "id,cap,open\nS1,3,10\nS2,2,1\nS3,5,20\n");
    const std::vector<std::string> common = {"--costs", costs, "--demand", demand, "--demand-id", "id", "--demand-field",
                                             "n", "--candidates", sites, "--candidate-id", "id", "--capacity-field",
                                             "cap", "--json"};
    auto args = [&](std::vector<std::string> head) {
        head.insert(head.begin(), "locate");
        head.insert(head.end(), common.begin(), common.end());
        return head;
    };
    const auto cpmp = run_json(args({"--problem", "cpmp", "-p", "1"}), dir);
    CHECK(cpmp["objective"] == 14.0);
    CHECK(cpmp["selected"] == nlohmann::json::array({"S3"}));
    const auto cflp = run_json(args({"--problem", "cflp", "--opening-cost-field", "open"}), dir);
    CHECK(cflp["objective"] == 16.0);
    CHECK(cflp["selected"] == nlohmann::json::array({"S1", "S2"}));
    const auto cflp_exact = run_json(args({"--problem", "cflp", "--opening-cost-field", "open", "--exact"}), dir);
    CHECK(cflp_exact["objective"] == 16.0);
    CHECK(cflp_exact["status"] == "optimal");
}

TEST_CASE("locate: bad input names what is wrong", "[cli][locate][bad-input]") {
    const TempDir cwd;
    const TempDir dir;
    const auto costs = write(dir, "c.csv", "origin_id,destination_id,cost\nA,S1,1\nB,S1,2\n");
    const auto pmed1 = "orlib:" + testdata("orlib/pmed1.txt");
    CHECK(contains(failure({"locate", "--problem", "pmedian", "--costs", costs}, cwd), "needs -p N"));
    CHECK(contains(failure({"locate", "--problem", "mclp", "-p", "1", "--costs", costs}, cwd), "needs --cutoff"));
    CHECK(contains(failure({"locate", "--problem", "lscp", "-p", "1", "--cutoff", "3", "--costs", costs}, cwd),
                   "-p does not apply"));
    CHECK(contains(failure({"locate", "--problem", "pmedian", "-p", "1", "--cutoff", "20min", "--costs", costs}, cwd),
                   "give the cutoff as a plain number"));
    CHECK(contains(failure({"locate", "--problem", "pcenter", "-p", "1", "--exact", "--costs", costs}, cwd),
                   "has no exact mode"));
    CHECK(contains(failure({"locate", "--problem", "cpmp", "-p", "1", "--costs", costs}, cwd),
                   "needs --candidates LAYER --capacity-field FIELD"));
    CHECK(contains(failure({"locate", "--problem", "pmedian", "-p", "1", "--costs", costs, "--demand-field", "n"}, cwd),
                   "--demand-field needs --demand LAYER"));
    CHECK(contains(failure({"locate", "--problem", "pmedian", "--costs", pmed1, "--demand", costs}, cwd),
                   "--demand and --candidates do not apply"));
    // Ids of the demand table that the matrix does not know, and the reverse, name file and row.
    const auto demand = write(dir, "d.csv", "id,n\nA,1\nC,1\n");
    const auto unknown = failure({"locate", "--problem", "pmedian", "-p", "1", "--costs", costs, "--demand", demand,
                                  "--demand-id", "id", "--demand-field", "n"},
                                 cwd);
    CHECK(contains(unknown, "data row 2: id 'B' is not among the demand (origin) layer's ids"));
    CHECK(contains(unknown, "c.csv"));
    CHECK(contains(unknown, "field 'origin_id'"));
    const auto negative = write(dir, "n.csv", "id,n\nA,1\nB,-1\n");
    CHECK(contains(failure({"locate", "--problem", "pmedian", "-p", "1", "--costs", costs, "--demand", negative,
                            "--demand-id", "id", "--demand-field", "n"},
                           cwd),
                   "field 'n'"));
    const auto bad_orlib = write(dir, "bad.txt", "3 2 1\n1 2 x\n2 3 4\n");
    const auto orlib = failure({"locate", "--problem", "pmedian", "--costs", "orlib:" + bad_orlib}, cwd);
    CHECK(contains(orlib, "bad.txt"));
    CHECK(contains(orlib, "line 2"));
    CHECK(contains(failure({"locate", "--problem", "pmedian", "-p", "1", "--costs", dir.str() + "/none.csv"}, cwd),
                   "none.csv"));
    CHECK(cwd.entries().empty());
}
