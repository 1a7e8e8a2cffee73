#include <pooled/core/error.hpp>
#include <pooled/report/document.hpp>

#include "support/catch.hpp"
#include "support/errors.hpp"

#include <cmath>
#include <string>
#include <thread>
#include <vector>

using namespace pooled::report;
using pooled::test::contains;

namespace {

Report small_report() {
    Report report;
    report.title = "Estate <review> & \"options\"";
    report.subtitle = "Derbyshire's public estate";
    report.summary = {{"56", "fire & rescue sites"}, {"1,055,975", "residents"}};
    Section section;
    section.title = "Sites <by owner>";
    section.blocks.push_back(Paragraph{"Access falls where <b>bold</b> & 'quoted' text is."});
    BarChart chart;
    chart.title = "Sites by owner";
    chart.bars = {{"NHS", 12.0, std::nullopt}, {"Council", 30.0, std::nullopt}};
    section.blocks.push_back(FigureBlock{chart, "Sites by <owner>", ImageSize{300.0, 200.0, 1.0}});
    section.blocks.push_back(Table{"Sites", {"owner", "sites"}, {Align::left, Align::right}, {{"NHS & partners", "12"}, {"<script>", "1"}}});
    report.sections.push_back(section);
    report.footer = {"Contains OS data © Crown copyright"};
    return report;
}

} // namespace

TEST_CASE("HTML text is escaped for content and attributes", "[report][html]") {
    CHECK(html_escape("a < b & c > d") == "a &lt; b &amp; c &gt; d");
    CHECK(html_escape("say \"hi\" it's") == "say &quot;hi&quot; it&apos;s");
    CHECK(html_escape("&amp;") == "&amp;amp;"); // escaped again: text is text, not markup
    CHECK(html_escape("© £ – ü") == "© £ – ü");  // UTF-8 passes through (the page is UTF-8)
    CHECK(html_escape("") == "");
}

TEST_CASE("the HTML report is one self-contained document", "[report][html]") {
    const std::string html = report_html(small_report());
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(contains(html, "<meta charset=\"utf-8\">"));
    CHECK(contains(html, "<title>Estate &lt;review&gt; &amp; &quot;options&quot;</title>"));
    CHECK(contains(html, "<h2>Sites &lt;by owner&gt;</h2>"));
    CHECK(contains(html, "<p>Access falls where &lt;b&gt;bold&lt;/b&gt; &amp; &apos;quoted&apos; text is.</p>"));
    CHECK(contains(html, "<td>&lt;script&gt;</td>"));
    CHECK(contains(html, "<td class=\"num\">12</td>"));
    CHECK(contains(html, "<dt>fire &amp; rescue sites</dt><dd>56</dd>"));
    CHECK(contains(html, "alt=\"Sites by &lt;owner&gt;\""));
    CHECK(contains(html, "src=\"data:image/svg+xml;base64,"));
    // Nothing to fetch or run: no scripts, no external URLs (the only "http" is the SVG
    // namespace inside the base64 figure, which is not visible as text here).
    CHECK_FALSE(contains(html, "<script"));
    CHECK_FALSE(contains(html, "http://"));
    CHECK_FALSE(contains(html, "https://"));
    CHECK_FALSE(contains(html, "src=\"/"));
    // 300 x 200 pt is 400 x 267 CSS px (96 / 72).
    CHECK(contains(html, "width=\"400\" height=\"267\""));
}

TEST_CASE("the same report gives the same HTML and PDF bytes", "[report][html][pdf]") {
    const Report report = small_report();
    CHECK(report_html(report) == report_html(report));
    HtmlOptions png;
    png.figures = ImageFormat::png;
    const std::string with_png = report_html(report, png);
    CHECK(contains(with_png, "src=\"data:image/png;base64,iVBORw0KGgo")); // the PNG signature in base64
    CHECK(with_png == report_html(report, png));
    const std::string pdf = report_pdf(report);
    CHECK(pdf.rfind("%PDF-", 0) == 0);
    CHECK(pdf == report_pdf(report));
    CHECK(contains(pdf, "/CreationDate (20000101000000Z)")); // PdfOptions' fixed date
}

TEST_CASE("a table row wider than its header is refused, naming it", "[report][html]") {
    Report report = small_report();
    std::get<Table>(report.sections[0].blocks[2]).rows.push_back({"a", "b", "c"});
    const auto message = pooled::test::message_of([&] { report_html(report); });
    CHECK(contains(message, "row 3 of the table 'Sites' in the section 'Sites <by owner>' has 3 cells for 2 columns"));
    CHECK(pooled::test::code_of([&] { report_pdf(report); }) == pooled::Errc::argument);
}

TEST_CASE("figures with sizes cairo cannot draw are refused, naming the feature", "[report][render]") {
    Map map;
    map.title = "Sites";
    PointLayer points;
    points.features.push_back({pooled::geometry::Point{0, 0}, Rgb{}, 6.0, Symbol::circle, {}});
    points.features.push_back({pooled::geometry::Point{10, 0}, Rgb{}, std::nan(""), Symbol::circle, {}});
    map.layers.push_back(points);
    CHECK(contains(pooled::test::message_of([&] { render_figure(map, ImageFormat::svg); }),
                   "the symbol size of feature 2 of layer 1 of the map 'Sites' is nan pt"));
    CHECK(pooled::test::code_of([] { render_figure(BarChart{}, ImageFormat::png, ImageSize{0.0, 10.0, 1.0}); }) ==
          pooled::Errc::argument);
    Report report = small_report();
    std::get<FigureBlock>(report.sections[0].blocks[1]).size.height_pt = -5.0;
    CHECK(contains(pooled::test::message_of([&] { report_pdf(report); }), "the chart 'Sites by owner' needs a positive size"));
}

TEST_CASE("a figure gives the same bytes in every format, twice", "[report][render]") {
    BarChart chart;
    chart.title = "Savings";
    chart.bars = {{"Option A", 1.5, std::nullopt}, {"Option B", -0.5, std::nullopt}};
    const std::string svg = render_figure(chart, ImageFormat::svg, ImageSize{200.0, 100.0, 1.0});
    CHECK(svg.rfind("<?xml", 0) == 0);
    // cairo numbers surfaces process-wide; each image has its own numbering from 1.
    CHECK(contains(svg, "id=\"surface1\""));
    CHECK(svg == render_figure(chart, ImageFormat::svg, ImageSize{200.0, 100.0, 1.0}));
    const std::string png = render_figure(chart, ImageFormat::png, ImageSize{200.0, 100.0, 2.0});
    CHECK(png.rfind("\x89PNG", 0) == 0);
    // 200 x 100 pt at 2 px/pt: the IHDR chunk holds width 400 and height 200, big-endian.
    CHECK(png.substr(16, 8) == std::string("\0\0\x01\x90\0\0\0\xc8", 8));
    CHECK(png == render_figure(chart, ImageFormat::png, ImageSize{200.0, 100.0, 2.0}));
    const std::string pdf = render_figure(chart, ImageFormat::pdf);
    CHECK(pdf.rfind("%PDF-", 0) == 0);
    CHECK(pdf == render_figure(chart, ImageFormat::pdf));
}

TEST_CASE("figures drawn on several threads at once give the same bytes", "[report][render]") {
    BarChart chart;
    chart.title = "Index";
    chart.reference = ReferenceLine{100.0, "average"};
    chart.bars = {{"One", 80.0, std::nullopt}, {"Two", 125.0, std::nullopt}};
    const std::string expected = render_figure(chart, ImageFormat::png);
    std::vector<std::string> results(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int repeat = 0; repeat < 3; ++repeat) {
                results[t] = render_figure(chart, ImageFormat::png);
            }
        });
    }
    for (auto &thread : threads) {
        thread.join();
    }
    for (const auto &result : results) {
        CHECK(result == expected);
    }
}

TEST_CASE("images larger than 8,000 pixels a side are refused", "[report][render]") {
    // 1000 pt at 10 px/pt would be 10,000 px across (400 MB at 4 bytes a pixel).
    CHECK(contains(pooled::test::message_of([] { render_figure(BarChart{}, ImageFormat::png, ImageSize{1000.0, 100.0, 10.0}); }),
                   "at most 8000 pixels a side"));
}
