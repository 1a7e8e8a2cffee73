// The estate report of a scenario run (src/scenario/stage_report.cpp, run_report.cpp):
// testdata/scenario/rutland_report.toml writes report.html and report.pdf with the other
// outputs, with every section, the expected figures and pages, the same bytes on a second
// run, nothing when [outputs] report = false, and nothing at all when the report cannot be
// committed.

#include "report/pdf_tools.hpp"

#include "support/catch.hpp"
#include "support/scratch.hpp"
#include "support/testdata_path.hpp"

#include <pooled/core/error.hpp>
#include <pooled/scenario/run.hpp>
#include <pooled/scenario/scenario.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using pooled::test::file_bytes;

namespace {
const std::string scenario_file = pooled::test::testdata("scenario/rutland_report.toml");

std::string out_dir(const std::string &name) { return (pooled::test::scratch().path() / name).string(); }

pooled::scenario::RunResults run_into(const std::string &name) {
    return pooled::scenario::run_scenario(pooled::scenario::load_scenario(scenario_file), out_dir(name));
}

// The scenario's text with [outputs] report_format = "png" replaced by `outputs_line`.
pooled::scenario::Scenario with_outputs(const std::string &outputs_line) {
    std::string text = file_bytes(scenario_file);
    const std::string line = "report_format = \"png\"";
    text.replace(text.find(line), line.size(), outputs_line);
    return pooled::scenario::parse_scenario(text, scenario_file);
}

/// The report's section headings, in order.
std::vector<std::string> headings_of(const std::string &html) {
    std::vector<std::string> headings;
    for (auto at = html.find("<h2>"); at != std::string::npos; at = html.find("<h2>", at + 4)) {
        headings.push_back(html.substr(at + 4, html.find("</h2>", at) - at - 4));
    }
    return headings;
}

std::size_t count(const std::string &text, const std::string &what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) {
        ++n;
    }
    return n;
}
} // namespace

TEST_CASE("run report: a run writes report.html and report.pdf beside its GeoPackage", "[report][run]") {
    const auto results = run_into("report_a");
    const fs::path dir = out_dir("report_a");
    CHECK(results.stages.back() == "report");
    CHECK(results.documents == std::vector<std::string>{(dir / "report.html").string(), (dir / "report.pdf").string()});
    const std::string html = file_bytes((dir / "report.html").string());

    // Every stage of the scenario has its section, in the order the stages ran.
    const std::vector<std::string> headings = headings_of(html);
    CHECK(headings == std::vector<std::string>{"The estate in numbers", "Assets by owner", "Catchments",
                                               "Accessibility", "Segments", "Asset use",
                                               "Location-allocation", "Consolidation"});
    // Figures, PNG (report_format = "png"): the assets map, the catchments map, the access map
    // and the access by IMD decile chart (the Rutland LSOAs carry
    // imd19_index_of_multiple_deprivation_imd_decile), one index chart per segment (levels = [3]),
    // the kept sites map, and the consolidation's before/after map (no savings chart: the
    // Rutland libraries carry no running cost, floor area or value): 1 + 1 + 2 + 3 + 1 + 1 = 9.
    CHECK(count(html, "<img") == 9);
    CHECK(count(html, "src=\"data:image/png;base64,") == 9);
    CHECK(count(html, "<script") == 0);
    // The estate in numbers: 4 libraries, 41,048 residents (testdata/README.md), 26 LSOAs.
    CHECK(html.find("41,048") != std::string::npos);
    // The segment sizes table and the assets with their catchment population.
    CHECK(html.find("Segment sizes") != std::string::npos);
    CHECK(html.find("Assets and the residents in their catchments") != std::string::npos);

#if defined(POOLED_PDFINFO) && defined(POOLED_PDFTOTEXT)
    const std::string pdf = (dir / "report.pdf").string();
    // Pages by src/report/pdf_layout.hpp: 725.9 pt of content a page (841.89 - 56 - 60); a
    // figure's caption takes 18 pt, a gap 10 pt after figures and tables, table rows 17 pt.
    // 1 title page; assets by owner: 1 (30 title + paragraph + 420 map); catchments: 1
    // (30 + 2 lines + 420 + 18 + 10 + table 16 + 5 x 17 = ~613); accessibility: 2 (map 498 pt
    // with title, then the 300 + 18 pt decile chart does not fit); segments: 3 (each index
    // chart is 80 + 9 x 49 variables = 521 pt, one a page; the 84 pt sizes table fits under the
    // last); asset use: 1 (two short tables); location-allocation: 1; consolidation: 1 (30 +
    // 5 lines + 420 + 18 + 10 map, the 3-row access table and the 2 moves, ~700 pt).
    // 1 + 1 + 1 + 2 + 3 + 1 + 1 + 1 = 11.
    CHECK(pooled::test::pdf_pages(pdf) == 11);
    // Attributions are drawn on the maps as text.
    CHECK(pooled::test::pdf_page_text(pdf, 2).find("Office for National Statistics") != std::string::npos);
    CHECK(pooled::test::pdf_page_text(pdf, 1).find("41,048") != std::string::npos);
    // The consolidation's effect on the summary page: 2 of 4 libraries kept (keep = 2) and the
    // group that loses most (its figures are the stage's, tested against pooled consolidate in
    // tests/cli/run_consolidation_cli_test.cpp); its section is the last page.
    CHECK(pooled::test::pdf_page_text(pdf, 1).find("2 of 4") != std::string::npos);
    CHECK(pooled::test::pdf_page_text(pdf, 1).find("loses most access") != std::string::npos);
    CHECK(pooled::test::pdf_page_text(pdf, 11).find("Consolidation") != std::string::npos);
#endif

    // The same scenario gives the same bytes.
    run_into("report_b");
    for (const char *name : {"report.html", "report.pdf"}) {
        INFO(name);
        CHECK(file_bytes((dir / name).string()) == file_bytes((fs::path(out_dir("report_b")) / name).string()));
    }
}

TEST_CASE("run report: outputs.report = false writes no report, and report_format = svg embeds SVG", "[report][run]") {
    const auto none = pooled::scenario::run_scenario(with_outputs("report = false"), out_dir("report_none"));
    CHECK(none.documents.empty());
    CHECK(std::find(none.stages.begin(), none.stages.end(), "report") == none.stages.end());
    CHECK_FALSE(fs::exists(fs::path(out_dir("report_none")) / "report.html"));
    CHECK_FALSE(fs::exists(fs::path(out_dir("report_none")) / "report.pdf"));

    pooled::scenario::run_scenario(with_outputs("report_format = \"svg\""), out_dir("report_svg"));
    const std::string html = file_bytes((fs::path(out_dir("report_svg")) / "report.html").string());
    CHECK(count(html, "src=\"data:image/png;base64,") == 0);
    CHECK(count(html, "data:image/svg+xml") == 9);
}

TEST_CASE("run report: a bad report_format is named with its file and line", "[report][run]") {
    try {
        with_outputs("report_format = \"jpg\"");
        FAIL("no error");
    } catch (const pooled::Error &e) {
        // The line of report_format in rutland_report.toml.
        CHECK(std::string(e.what()).find("rutland_report.toml:38: outputs.report_format") != std::string::npos);
    }
}

TEST_CASE("run report: a report that cannot be committed leaves none of the run's outputs", "[report][run]") {
    // A non-empty directory named report.pdf: the rename onto it fails after the GeoPackage,
    // the JSON files and report.html were in place.
    const fs::path dir = out_dir("report_blocked");
    fs::create_directories(dir / "report.pdf");
    std::ofstream(dir / "report.pdf" / "keep") << "x";
    CHECK_THROWS_AS(run_into("report_blocked"), pooled::Error);
    for (const char *name : {"results.gpkg", "summary.json", "provenance.json", "report.html"}) {
        INFO(name);
        CHECK_FALSE(fs::exists(dir / name));
    }
    CHECK(fs::exists(dir / "report.pdf" / "keep"));
}

TEST_CASE("run report: the co-location section (best groups in words, the groups map, the table)", "[report][run]") {
    // Rutland's libraries and GP practices, two owners, grouped within 1 km (a library and a
    // practice may share a building under the default compatibility table).
    const std::string text = "[scenario]\nname = \"rutland_colocation\"\n"
                             "[[layers.assets]]\nname = \"libraries\"\npath = \"../rutland/rutland_facilities.gpkg:libraries_2016\"\n"
                             "service = \"library\"\norganisation = \"Rutland County Council\"\non_invalid = \"skip\"\n"
                             "[[layers.assets]]\nname = \"gp\"\npath = \"../rutland/rutland_facilities.gpkg:gp_practices_2022\"\n"
                             "service = \"gp practice\"\norganisation = \"GP practices\"\non_invalid = \"skip\"\n"
                             "[layers.zones]\npath = \"../rutland/rutland_zones.gpkg:lsoa21\"\n"
                             "[colocation]\nwithin = \"1km\"\n[outputs]\nreport_format = \"png\"\n";
    const auto results = pooled::scenario::run_scenario(
        pooled::scenario::parse_scenario(text, pooled::test::testdata("scenario/rutland_colocation.toml")),
        out_dir("report_colocation"));
    const fs::path dir = out_dir("report_colocation");
    const std::string html = file_bytes((dir / "report.html").string());
    const std::vector<std::string> headings = headings_of(html);
    CHECK(headings == std::vector<std::string>{"The estate in numbers", "Assets by owner", "Co-location"});
    // Two maps: the assets by owner and the co-location groups.
    CHECK(count(html, "<img") == 2);
    CHECK(html.find("The best co-location groups") != std::string::npos);
    CHECK(html.find("co-location groups</") != std::string::npos); // the key figure's label
    // The best group's card: a library and a practice (the only services here), at a member.
    const std::size_t best = html.find("the best co-location opportunity: ");
    REQUIRE(best != std::string::npos);
    const std::string card = html.substr(best, html.find('<', best) - best);
    CHECK(card.find("library") != std::string::npos);
    CHECK(card.find("gp practice") != std::string::npos);
    CHECK(card.find(", at ") != std::string::npos);
    const auto groups = nlohmann::json::parse(results.summary_json)["stages"]["colocation"]["group_count"].get<std::size_t>();
    CHECK(groups >= 1);
    // The table lists the best ten at most, one row each (<tr> of the header and the rows).
    const std::size_t table = html.find("The best co-location groups");
    CHECK(count(html.substr(table, html.find("</table>", table) - table), "<tr") == 1 + std::min<std::size_t>(groups, 10));
    // The best group is described in words: "1. <members> (<owners>): ..." naming both owners.
    CHECK(html.find("1. ") != std::string::npos);
    CHECK(html.find("GP practices and Rutland County Council") != std::string::npos);

#if defined(POOLED_PDFINFO) && defined(POOLED_PDFTOTEXT)
    const std::string pdf = (dir / "report.pdf").string();
    // 1 title page, assets by owner 1, co-location: the paragraphs and the 420 pt map fill one
    // page (725.9 pt of content), the table of the best groups goes on the next: 1 + 1 + 2 = 4.
    CHECK(pooled::test::pdf_pages(pdf) == 4);
    CHECK(pooled::test::pdf_page_text(pdf, 3).find("Co-location groups") != std::string::npos);
#endif
}
