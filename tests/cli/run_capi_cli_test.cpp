// The C API's pooled_scenario_run against `pooled run`: the same scenario gives the same files,
// byte for byte (both run pooled::scenario::run_scenario; this checks nothing in between, such
// as the C progress callback or the output path, changes what is written).

#include "support/catch.hpp"
#include "support/run_cli.hpp"
#include "support/testdata_path.hpp"

#include <pooled/pooled.h>

#include <filesystem>
#include <memory>

using pooled::test::CliResult;
using pooled::test::run_pooled;
using pooled::test::TempDir;
using pooled::test::testdata;

TEST_CASE("run: pooled_scenario_run writes the bytes pooled run writes", "[cli][run][capi]") {
    TempDir cwd;
    const std::string small = testdata("scenario/rutland_small.toml");
    const CliResult r = run_pooled({"run", small, "-o", (cwd.path() / "cli").string(), "--quiet"}, cwd.str());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);

    const std::unique_ptr<pooled_context, void (*)(pooled_context *)> ctx(pooled_context_create(),
                                                                          pooled_context_destroy);
    REQUIRE(ctx);
    const std::string out = (cwd.path() / "capi").string();
    INFO(pooled_context_error_message(ctx.get()));
    REQUIRE(pooled_scenario_run(ctx.get(), small.c_str(), out.c_str(), nullptr, nullptr) == POOLED_OK);

    const auto files = pooled::test::directory_listing(cwd.path() / "cli");
    CHECK(files.size() == 5); // results.gpkg, summary.json, provenance.json, report.html, report.pdf
    CHECK(pooled::test::directory_listing(out) == files);
    for (const char *file : {"results.gpkg", "summary.json", "provenance.json", "report.html", "report.pdf"}) {
        INFO(file);
        CHECK(pooled::test::read_file(cwd.path() / "cli" / file) == pooled::test::read_file(cwd.path() / "capi" / file));
    }
}
