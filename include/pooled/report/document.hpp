#pragma once
/// @file
/// @brief The estate report as plain data (title, the estate in numbers, sections of
/// paragraphs, maps, charts and tables), written as one self-contained HTML file (inline CSS,
/// figures as data: URIs, no scripts, no external resources) or as an A4 PDF.

#include <pooled/pooled_cxx_export.h>
#include <pooled/report/render.hpp>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pooled::report {

/// One headline number of the summary: value "56", label "fire and rescue sites".
struct KeyFigure {
    std::string value;
    std::string label;
};

struct Paragraph {
    std::string text;
};

struct FigureBlock {
    Figure figure;
    std::string caption; ///< also the image's alternative text in HTML
    ImageSize size{495.0, 400.0, 2.0}; ///< points (495 = the A4 text width); PNG at 2 px/pt
};

enum class Align { left, right };

struct Table {
    std::string caption;
    std::vector<std::string> header;
    std::vector<Align> align; ///< per column; missing columns are left-aligned
    std::vector<std::vector<std::string>> rows;
};

using Block = std::variant<Paragraph, FigureBlock, Table>;

struct Section {
    std::string title;
    std::vector<Block> blocks;
};

struct Report {
    std::string title;
    std::string subtitle;
    std::string summary_title = "The estate in numbers";
    std::vector<KeyFigure> summary;
    std::vector<Section> sections;
    std::vector<std::string> footer; ///< e.g. data sources, "Made with pooled 0.1.0"
};

/// Text with &, <, >, " and ' replaced by character references, for element content and
/// attribute values alike; control characters other than tab and line breaks become spaces.
POOLED_CXX_API std::string html_escape(std::string_view text);

struct HtmlOptions {
    /// How figures are embedded: SVG (sharp at any zoom) or PNG at the block's pixels_per_pt.
    ImageFormat figures = ImageFormat::svg;
};

/// The report as one HTML5 document.
/// @throws Error (Errc::argument) if a table row has more cells than its header, a figure
/// has a size (its own, a symbol's, a line's) that is not finite and positive, or
/// HtmlOptions::figures is pdf.
POOLED_CXX_API std::string report_html(const Report &report, const HtmlOptions &options = {});
POOLED_CXX_API void write_report_html(const Report &report, const std::string &path, const HtmlOptions &options = {});

struct PdfOptions {
    /// The PDF's creation date (ISO 8601), fixed so the same report gives the same bytes.
    std::string creation_date = "2000-01-01T00:00:00Z";
};

/// The report as an A4 PDF: the title page with the summary, then each section from a new
/// page; paragraphs wrap, figures move to the next page when they do not fit (and shrink to
/// fit a page), tables break between rows and repeat their header.
/// @throws Error as report_html().
POOLED_CXX_API std::string report_pdf(const Report &report, const PdfOptions &options = {});
POOLED_CXX_API void write_report_pdf(const Report &report, const std::string &path, const PdfOptions &options = {});

} // namespace pooled::report
