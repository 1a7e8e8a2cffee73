// The report documents: PDF page counts read by poppler's pdfinfo, byte-identical output on a
// second render, atomic files, and the Derbyshire demo report in both formats.

#include "report/derbyshire_report.hpp"
#include "report/pdf_tools.hpp"

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/scratch.hpp"

#include <pooled/report/document.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace pooled::report;

namespace {


// One-line cells, so every row is 11 + 2 x 3 = 17 pt high (src/report/pdf_layout.hpp).
Table numbered_table(std::size_t rows) {
    Table table{{}, {"row", "value"}, {Align::left, Align::right}, {}};
    for (std::size_t i = 0; i < rows; ++i) {
        table.rows.push_back({"row " + std::to_string(i + 1), std::to_string(i * 7)});
    }
    return table;
}

Report paged_report(std::size_t table_rows) {
    Report report;
    report.title = "Paging";
    report.summary = {{"3", "sections"}};
    report.sections.push_back({"Text", {Paragraph{"One short paragraph."}}});
    report.sections.push_back({"Table", {numbered_table(table_rows)}});
    BarChart chart;
    chart.bars = {{"a", 1.0, std::nullopt}};
    report.sections.push_back({"Figures", {FigureBlock{chart, "first", ImageSize{495.0, 400.0, 1.0}},
                                            FigureBlock{chart, "second", ImageSize{495.0, 400.0, 1.0}}}});
    return report;
}


} // namespace

#if defined(POOLED_PDFINFO) && defined(POOLED_PDFTOTEXT)
TEST_CASE("PDF pages: the title page, then sections, tables and figures break onto new pages", "[report][pdf]") {
    // By hand, with the page geometry of src/report/pdf_layout.hpp: content runs from y = 56
    // to 841.89 - 60 = 781.89. Page 1: title and summary. Section "Text": one page.
    // Section "Table": the title takes 30 pt (y = 86), the header row 17 (y = 103); a row
    // fits while it ends by 781.89: floor((781.89 - 103) / 17) = 39 rows; each further page
    // has the header again at 56 (y = 73) and floor((781.89 - 73) / 17) = 41 rows. So 80 rows
    // fill two pages exactly and the 81st starts a third.
    // Section "Figures": first figure at 86, 400 pt + 4 + a caption line 12 + gap 10 -> 512;
    // the second needs 400 + 18 (caption) and 512 + 418 > 781.89: a page of its own. 2 pages.
    const pooled::test::Scratch dir("pooled_report_pages");
    const std::string path = (dir.path() / "paged.pdf").string();
    write_report_pdf(paged_report(80), path);
    CHECK(pooled::test::pdf_pages(path) == 1 + 1 + 2 + 2);
    write_report_pdf(paged_report(81), path);
    CHECK(pooled::test::pdf_pages(path) == 1 + 1 + 3 + 2);
    // The text is text (pdftotext reads it), and a table's later pages repeat its header: page
    // 4 holds rows 40..80, page 5 the header and row 81 alone.
    const std::string page4 = pooled::test::pdf_page_text(path, 4);
    CHECK(pooled::test::contains(page4, "row 40 "));
    CHECK(pooled::test::contains(page4, "row 80 "));
    CHECK_FALSE(pooled::test::contains(page4, "row 39 "));
    const std::string page5 = pooled::test::pdf_page_text(path, 5);
    CHECK(pooled::test::contains(page5, "value"));
    CHECK(pooled::test::contains(page5, "row 81 "));
    CHECK(pooled::test::contains(page5, "Page 5"));
    write_report_pdf(paged_report(0), path);
    CHECK(pooled::test::pdf_pages(path) == 1 + 1 + 1 + 2);
}
#endif

TEST_CASE("the Derbyshire report: HTML and PDF, the same bytes twice, written atomically", "[report][derbyshire]") {
    const Report report = pooled::test::derbyshire_report();
    REQUIRE(report.sections.size() == 3);
    // 651 LSOAs and 1,055,975 residents: testdata/derbyshire/SOURCE.md.
    CHECK(report.summary[0].value == "651");
    CHECK(report.summary[1].value == "1,055,975");

    const pooled::test::Scratch dir("pooled_report_derbyshire");
    const auto &base = dir.path();
    const std::string html_path = (base / "report.html").string();
    const std::string pdf_path = (base / "report.pdf").string();
    write_report_html(report, html_path);
    write_report_pdf(report, pdf_path);
    const std::string html = pooled::test::file_bytes(html_path);
    const std::string pdf = pooled::test::file_bytes(pdf_path);
    CHECK(html == report_html(report));
    CHECK(pdf == report_pdf(report));
    // Nothing but the two files: the temporary files were renamed into place.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto &entry : std::filesystem::directory_iterator(base)) {
        ++files;
    }
    CHECK(files == 2);
#if defined(POOLED_PDFINFO) && defined(POOLED_PDFTOTEXT)
    // At least the title page and one page per section; the 56-row register table and the
    // maps make it more, so only the lower bound is certain by hand.
    CHECK(pooled::test::pdf_pages(pdf_path) >= 1 + 3);
#endif
    CHECK_THROWS_AS(write_report_html(report, (base / "missing" / "report.html").string()), pooled::Error);
}
