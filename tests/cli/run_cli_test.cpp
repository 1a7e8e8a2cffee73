// pooled run: the small Rutland scenario (testdata/scenario/rutland_small.toml) end to end, its
// layers and key figures against an independent computation and the existing commands, the same
// bytes on a second run, --compare, the progress bar (never in a pipe, drawn on a terminal),
// broken scenarios and Ctrl-C, which leave no output behind.

#include "support/catch.hpp"
#include "support/run_cli.hpp"
#include "support/testdata_path.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <sstream>

using pooled::test::CliResult;
using pooled::test::run_cli;
using pooled::test::run_pooled;
using pooled::test::TempDir;
using pooled::test::testdata;
namespace fs = std::filesystem;

namespace {
const std::string small = testdata("scenario/rutland_small.toml");
const std::string small_p3 = testdata("scenario/rutland_small_p3.toml");

nlohmann::json run_json(const std::vector<std::string> &args, const TempDir &cwd) {
    const CliResult r = run_pooled(args, cwd.str());
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
}
} // namespace

TEST_CASE("run: the small scenario's layers and key figures", "[cli][run]") {
    TempDir cwd;
    const std::string out = (cwd.path() / "out").string();
    const auto j = run_json({"run", small, "-o", out, "--json"}, cwd);
    CHECK(j["scenario"] == "rutland_small");
    CHECK(j["stages"] == nlohmann::json::array({"load", "catchments", "accessibility", "locate", "report"}));
    // 4 libraries, 26 LSOAs (testdata/README.md); 4 x (2 buffers + 1 nearest area) catchments;
    // p = 2 sites kept.
    CHECK(j["layers"] == nlohmann::json({{"assets", 4},
                                         {"zones", 26},
                                         {"catchments", 12},
                                         {"catchment_overlap", 2},
                                         {"locate", 2}}));
    CHECK(j["outputs"]["geopackage"] == (fs::path(out) / "results.gpkg").string());
    const auto &stages = j["summary"]["stages"];
    // Expected values: tests/cli/run_rutland_small_check.py (geopandas/shapely, brute force).
    CHECK(stages["load"]["population"] == 41048.0);
    const auto &buffers = stages["catchments"]["by_catchment"];
    CHECK(buffers["buffer_2000m"]["mean_population"].get<double>() == Approx(4389.651066).epsilon(1e-9));
    CHECK(buffers["buffer_2000m"]["max_population"].get<double>() == Approx(11475.022515).epsilon(1e-9));
    CHECK(buffers["buffer_5000m"]["mean_population"].get<double>() == Approx(7694.895232).epsilon(1e-9));
    CHECK(buffers["buffer_5000m"]["max_population"].get<double>() == Approx(16349.028091).epsilon(1e-9));
    // The nearest-facility areas share out the whole county: 41048 / 4 on average.
    CHECK(buffers["nearest"]["mean_population"].get<double>() == Approx(10262.0).epsilon(1e-9));
    const auto &access = stages["accessibility"];
    CHECK(access["2sfca"]["mean"].get<double>() == Approx(9.74468914442e-05).epsilon(1e-11));
    CHECK(access["2sfca"]["minimum"].get<double>() == Approx(3.17783144782e-05).epsilon(1e-11));
    CHECK(access["2sfca"]["maximum"].get<double>() == Approx(0.000222311279877).epsilon(1e-11));
    CHECK(access["coverage"]["mean"] == 1.0); // all 26 LSOAs lie within 10 km of a library
    const auto &locate = stages["locate"];
    CHECK(locate["status"] == "optimal");
    CHECK(locate["objective"].get<double>() == Approx(208287533.591).epsilon(1e-11));
    CHECK(locate["selected"] == nlohmann::json::array({"2386", "2387"})); // Ketton and Oakham (sites 0 and 1)

    SECTION("the 2SFCA figures are those of pooled access") {
        const auto a = run_json({"access", "--measure", "2sfca", "--demand", testdata("rutland/rutland_zones.gpkg:lsoa21"),
                                 "--supply", testdata("rutland/rutland_facilities.gpkg:libraries_2016"), "--straight-line",
                                 "--cutoff", "10km", "--json"},
                                cwd);
        CHECK(access["2sfca"]["mean"].get<double>() == Approx(a["overall"]["mean"].get<double>()).epsilon(1e-11));
        CHECK(access["2sfca"]["gini"].get<double>() == Approx(a["overall"]["gini"].get<double>()).epsilon(1e-11));
    }
    SECTION("provenance names the inputs as written, with their SHA-256 (sha256sum)") {
        const auto p = nlohmann::json::parse(pooled::test::read_file(fs::path(out) / "provenance.json"));
        CHECK(p["seed"] == 7);
        CHECK(p["scenario"]["file"] == "rutland_small.toml");
        REQUIRE(p["inputs"].size() == 2);
        CHECK(p["inputs"][0]["role"] == "assets");
        CHECK(p["inputs"][0]["path"] == "../rutland/rutland_facilities.gpkg:libraries_2016");
        CHECK(p["inputs"][0]["size"] == fs::file_size(testdata("rutland/rutland_facilities.gpkg")));
        const CliResult sum = run_cli({"/usr/bin/sha256sum", testdata("rutland/rutland_facilities.gpkg")}, cwd.str());
        CHECK(sum.out.substr(0, 64) == p["inputs"][0]["sha256"].get<std::string>());
        CHECK(p["parameters"]["locate"]["p"] == 2);
    }
}

TEST_CASE("run: a second run gives the same bytes", "[cli][run]") {
    TempDir cwd;
    for (const char *dir : {"a", "b"}) {
        const CliResult r = run_pooled({"run", small, "-o", (cwd.path() / dir).string()}, cwd.str());
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
    }
    for (const char *file : {"results.gpkg", "summary.json", "provenance.json", "report.html", "report.pdf"}) {
        INFO(file);
        CHECK(pooled::test::read_file(cwd.path() / "a" / file) == pooled::test::read_file(cwd.path() / "b" / file));
    }
    CHECK(pooled::test::directory_listing(cwd.path() / "a").size() == 5); // no temporary file left
}

TEST_CASE("run --timings: one line a stage and the total on stderr, the same output bytes", "[cli][run]") {
    TempDir cwd;
    const CliResult plain = run_pooled({"run", small, "-o", (cwd.path() / "plain").string()}, cwd.str());
    const CliResult timed = run_pooled({"run", small, "-o", (cwd.path() / "timed").string(), "--timings"}, cwd.str());
    INFO(timed.err);
    REQUIRE(plain.exit_code == 0);
    REQUIRE(timed.exit_code == 0);
    CHECK(plain.err.find("timing") == std::string::npos);
    // The stages of rutland_small.toml (as in the first test case), then writing the outputs.
    std::vector<std::string> steps;
    double sum = 0.0, total = -1.0, peak = -1.0, last_mib = 0.0;
    std::istringstream lines(timed.err);
    for (std::string line; std::getline(lines, line);) {
        char step[64];
        double seconds = 0.0, mib = 0.0;
        REQUIRE(std::sscanf(line.c_str(), "timing %63s %lf s, peak %lf MiB", step, &seconds, &mib) == 3);
        CHECK(seconds >= 0.0);
        CHECK(mib > 0.0); // a process holding GDAL and the layers has some memory
        if (std::string(step) == "total") {
            total = seconds;
            peak = mib;
        } else {
            steps.emplace_back(step);
            sum += seconds;
            CHECK(mib >= last_mib); // a peak never goes down
            last_mib = mib;
        }
    }
    CHECK(steps == std::vector<std::string>{"load", "catchments", "accessibility", "locate", "report", "outputs"});
    CHECK(total == Approx(sum).margin(0.01)); // the total is the steps' sum (each printed to 1 ms)
    CHECK(peak == last_mib); // the run's peak is the last step's peak so far
    for (const char *file : {"results.gpkg", "summary.json", "provenance.json", "report.html", "report.pdf"}) {
        INFO(file);
        CHECK(pooled::test::read_file(cwd.path() / "plain" / file) == pooled::test::read_file(cwd.path() / "timed" / file));
    }
    // stdout is the same too, but for the output directory it names.
    std::string expected = plain.out;
    for (std::size_t at = expected.find("/plain/"); at != std::string::npos; at = expected.find("/plain/", at)) {
        expected.replace(at, 7, "/timed/");
    }
    CHECK(expected == timed.out);
}

TEST_CASE("run --compare: before, after and the difference", "[cli][run]") {
    TempDir cwd;
    const std::string before = (cwd.path() / "p2").string();
    const std::string after = (cwd.path() / "p3").string();
    REQUIRE(run_pooled({"run", small, "-o", before, "--quiet"}, cwd.str()).exit_code == 0);
    REQUIRE(run_pooled({"run", small_p3, "-o", after, "--quiet"}, cwd.str()).exit_code == 0);
    const auto j = run_json({"run", "--compare", before, after, "--json"}, cwd);
    std::map<std::string, nlohmann::json> rows;
    for (const auto &row : j["figures"]) {
        rows[row["figure"]] = row;
    }
    CHECK(rows.at("locate.p")["before"] == 2.0);
    CHECK(rows.at("locate.p")["after"] == 3.0);
    CHECK(rows.at("locate.p")["difference"] == 1.0);
    // Brute force (tests/cli/run_rutland_small_check.py): 208287533.591 with 2 libraries, 152599928.099 with 3.
    CHECK(rows.at("locate.objective")["difference"].get<double>() == Approx(152599928.099 - 208287533.591).epsilon(1e-9));
    CHECK(rows.at("layers.locate")["difference"] == 1.0);
    CHECK(rows.at("load.population")["difference"] == 0.0);

    const CliResult text = run_pooled({"run", "--compare", before, after}, cwd.str());
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("locate.p") != std::string::npos);
    CHECK(text.out.find("figure") == text.out.find('\n', text.out.find("after:")) + 1); // header after the two paths

    const CliResult missing = run_pooled({"run", "--compare", before, (cwd.path() / "none").string()}, cwd.str());
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.find("cannot read the run summary") != std::string::npos);
}

TEST_CASE("run: no progress bar in a pipe, drawn on a terminal unless --quiet", "[cli][run]") {
    TempDir cwd;
    const CliResult piped = run_pooled({"run", small, "-o", (cwd.path() / "piped").string()}, cwd.str());
    REQUIRE(piped.exit_code == 0);
    CHECK(piped.err.empty()); // stderr is a pipe here (run_cli): nothing drawn

    // script(1) runs the command on a pseudo-terminal and copies what it writes to our pipe.
    const auto on_terminal = [&](const std::string &extra) {
        const std::string command = pooled::test::pooled_cli + " run " + small + " -o " +
                                    (cwd.path() / "tty").string() + extra + " >/dev/null";
        return run_cli({"/usr/bin/script", "-qec", command, "/dev/null"}, cwd.str());
    };
    const CliResult drawn = on_terminal("");
    REQUIRE(drawn.exit_code == 0);
    CHECK(drawn.out.find("] 100% outputs") != std::string::npos);
    CHECK(drawn.out.find("catchments") != std::string::npos);
    const CliResult quiet = on_terminal(" --quiet");
    REQUIRE(quiet.exit_code == 0);
    CHECK(quiet.out.find('%') == std::string::npos);
}

TEST_CASE("run: a broken scenario fails before any work and writes nothing", "[cli][run]") {
    TempDir cwd;
    const std::string bad = testdata("bad/scenario/cutoff_not_duration.toml");
    const CliResult r = run_pooled({"run", bad, "-o", (cwd.path() / "out").string()}, cwd.str());
    CHECK(r.exit_code == 1);
    CHECK(r.err == "pooled run: " + bad +
                       ":9: catchments.cutoffs: expected a list of durations like \"10min\", found \"ten minutes\"\n");
    CHECK(cwd.entries().empty());
    CHECK(run_pooled({"run"}, cwd.str()).exit_code == 1);
    CHECK(run_pooled({"run", small, "--compare", "a", "b"}, cwd.str()).exit_code == 1);
}

TEST_CASE("run: Ctrl-C stops the run with exit code 130 and no output", "[cli][run]") {
    TempDir cwd;
    // The Rutland demo takes seconds (isochrones of 27 schools). SIGINT goes 0.5 s after the run
    // has installed its handler (SIGINT's bit in /proc/PID/status SigCgt): a fixed delay from
    // the start could land before it on a loaded machine and kill the process outright.
    const std::string demo = pooled::test::testdata_dir + "/../share/pooled/scenarios/rutland_demo.toml";
    const std::string interrupt_when_ready = R"(
        "$@" & pid=$!
        while kill -0 $pid 2>/dev/null; do
            mask=$(sed -n 's/^SigCgt:[[:space:]]*//p' /proc/$pid/status 2>/dev/null)
            [ -n "$mask" ] && [ $(( 0x$mask & 2 )) -ne 0 ] && break
            sleep 0.05
        done
        sleep 0.5; kill -INT $pid 2>/dev/null; wait $pid)";
    const CliResult r = run_cli({"/bin/bash", "-c", interrupt_when_ready, "interrupt", pooled::test::pooled_cli, "run",
                                 demo, "-o", (cwd.path() / "out").string()},
                                cwd.str());
    CHECK(r.exit_code == 130);
    CHECK(r.err == "pooled run: cancelled by caller\n");
    CHECK(cwd.entries().empty());
}

TEST_CASE("segment and matrix draw their progress only on a terminal", "[cli][run]") {
    TempDir cwd;
    const std::vector<std::string> segment{"segment", "--zones", testdata("rutland/rutland_zones.gpkg:oa21_pwc"),
                                           "--variables", pooled::test::testdata_dir + "/../share/pooled/oac2021_variables.csv",
                                           "-k", "4", "--restarts", "5"};
    const CliResult piped = run_pooled(segment, cwd.str());
    REQUIRE(piped.exit_code == 0);
    CHECK(piped.err.empty());
    std::string command = pooled::test::pooled_cli;
    for (std::size_t i = 0; i < segment.size(); ++i) {
        command += " " + segment[i];
    }
    const CliResult drawn = run_cli({"/usr/bin/script", "-qec", command + " >/dev/null", "/dev/null"}, cwd.str());
    REQUIRE(drawn.exit_code == 0);
    CHECK(drawn.out.find("k-means restarts") != std::string::npos);

    const CliResult matrix = run_cli({"/usr/bin/script", "-qec",
                                      pooled::test::pooled_cli + " matrix --network " +
                                          testdata("rutland/rutland-latest.osm.pbf") + " --from " +
                                          testdata("rutland/rutland_facilities.gpkg:libraries_2016") + " --to " +
                                          testdata("rutland/rutland_facilities.gpkg:libraries_2016") + " >/dev/null",
                                      "/dev/null"},
                                     cwd.str());
    REQUIRE(matrix.exit_code == 0);
    CHECK(matrix.out.find("travel costs") != std::string::npos);
}
