// The report as one self-contained HTML5 file: inline CSS, figures as data: URIs (an SVG in
// an <img> keeps cairo's glyph ids private to each figure, where inline <svg> elements would
// share one id space), no scripts and nothing fetched, so it opens offline and mails as one file.

#include <pooled/report/document.hpp>

#include "core/atomic_file.hpp"
#include "core/text.hpp"
#include "report/document_checks.hpp"

#include <pooled/core/error.hpp>

#include <cmath>
#include <string>

namespace pooled::report {
namespace {

constexpr const char *style = R"(
body{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:60rem;padding:1.5rem;line-height:1.45}
header h1{font-size:1.9rem;margin:0 0 .3rem}
.subtitle{color:#555;font-size:1.1rem;margin:0 0 1.5rem}
h2{font-size:1.35rem;border-bottom:2px solid #2b3f5c;padding-bottom:.2rem;margin-top:2.2rem}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.8rem;margin:0;padding:0}
.figures div{display:flex;flex-direction:column-reverse;border:1px solid #c6dbef;background:#f4f7fb;border-radius:4px;padding:.7rem}
.figures dd{font-size:1.6rem;font-weight:bold;margin:0;color:#1f2f4d}
.figures dt{font-size:.9rem;color:#333}
figure{margin:1.2rem 0}
figure img{max-width:100%;height:auto;border:1px solid #ddd}
figcaption{font-size:.9rem;color:#444;margin-top:.3rem}
table{border-collapse:collapse;margin:1.2rem 0;font-size:.9rem;width:100%}
caption{text-align:left;font-weight:bold;padding-bottom:.4rem}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #888;background:#f4f4f4}
tbody tr:nth-child(even){background:#fafafa}
.num{text-align:right;font-variant-numeric:tabular-nums}
footer{margin-top:2.5rem;border-top:1px solid #ccc;color:#555;font-size:.85rem}
)";

std::string base64(const std::string &bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
        out += alphabet[v >> 6 & 63];
        out += alphabet[v & 63];
    }
    if (i < bytes.size()) {
        const bool two = i + 1 < bytes.size();
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | (two ? static_cast<unsigned char>(bytes[i + 1]) << 8 : 0U);
        out += alphabet[v >> 18 & 63];
        out += alphabet[v >> 12 & 63];
        out += two ? alphabet[v >> 6 & 63] : '=';
        out += '=';
    }
    return out;
}

void write_paragraph(std::string &out, const Paragraph &paragraph) {
    out += "<p>" + html_escape(paragraph.text) + "</p>\n";
}

void write_figure_block(std::string &out, const FigureBlock &block, const HtmlOptions &options) {
    const std::string bytes = render_figure(block.figure, options.figures, block.size);
    const char *mime = options.figures == ImageFormat::svg ? "image/svg+xml" : "image/png";
    // CSS pixels are 1/96 inch, points 1/72.
    const auto css_px = [](double pt) { return std::to_string(std::lround(pt * 96.0 / 72.0)); };
    out += "<figure><img src=\"data:" + std::string(mime) + ";base64," + base64(bytes) + "\" width=\"" +
           css_px(block.size.width_pt) + "\" height=\"" + css_px(block.size.height_pt) + "\" alt=\"" +
           html_escape(block.caption) + "\">";
    if (!block.caption.empty()) {
        out += "<figcaption>" + html_escape(block.caption) + "</figcaption>";
    }
    out += "</figure>\n";
}

void write_table(std::string &out, const Table &table) {
    const auto cell_class = [&](std::size_t column) {
        return column < table.align.size() && table.align[column] == Align::right ? " class=\"num\"" : "";
    };
    out += "<table>\n";
    if (!table.caption.empty()) {
        out += "<caption>" + html_escape(table.caption) + "</caption>\n";
    }
    out += "<thead><tr>";
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        out += std::string("<th scope=\"col\"") + cell_class(c) + ">" + html_escape(table.header[c]) + "</th>";
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const auto &row : table.rows) {
        out += "<tr>";
        for (std::size_t c = 0; c < table.header.size(); ++c) {
            out += std::string("<td") + cell_class(c) + ">" + (c < row.size() ? html_escape(row[c]) : "") + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
}

} // namespace

// XML's escaping serves HTML5 too (&apos; is an HTML5 entity); one escaper for both.
std::string html_escape(std::string_view text) { return pooled::detail::xml_escape(text); }

std::string report_html(const Report &report, const HtmlOptions &options) {
    detail::check_report(report);
    if (options.figures == ImageFormat::pdf) {
        throw Error(Errc::argument, "an HTML report embeds figures as SVG or PNG, not PDF");
    }
    std::string out;
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + html_escape(report.title) + "</title>\n";
    // An empty icon, so a browser does not ask the server (or file system) for /favicon.ico.
    out += "<link rel=\"icon\" href=\"data:,\">\n<style>" + std::string(style) + "</style>\n</head>\n<body>\n";
    out += "<header><h1>" + html_escape(report.title) + "</h1>\n";
    if (!report.subtitle.empty()) {
        out += "<p class=\"subtitle\">" + html_escape(report.subtitle) + "</p>\n";
    }
    out += "</header>\n<main>\n";
    if (!report.summary.empty()) {
        out += "<section class=\"summary\">\n<h2>" + html_escape(report.summary_title) + "</h2>\n<dl class=\"figures\">\n";
        for (const auto &figure : report.summary) {
            out += "<div><dt>" + html_escape(figure.label) + "</dt><dd>" + html_escape(figure.value) + "</dd></div>\n";
        }
        out += "</dl>\n</section>\n";
    }
    for (const auto &section : report.sections) {
        out += "<section>\n<h2>" + html_escape(section.title) + "</h2>\n";
        for (const auto &block : section.blocks) {
            std::visit(
                [&](const auto &b) {
                    using T = std::decay_t<decltype(b)>;
                    if constexpr (std::is_same_v<T, Paragraph>) {
                        write_paragraph(out, b);
                    } else if constexpr (std::is_same_v<T, FigureBlock>) {
                        write_figure_block(out, b, options);
                    } else {
                        write_table(out, b);
                    }
                },
                block);
        }
        out += "</section>\n";
    }
    out += "</main>\n";
    if (!report.footer.empty()) {
        out += "<footer>\n";
        for (const auto &line : report.footer) {
            out += "<p>" + html_escape(line) + "</p>\n";
        }
        out += "</footer>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

void write_report_html(const Report &report, const std::string &path, const HtmlOptions &options) {
    pooled::detail::write_file_atomically(path, report_html(report, options), "the HTML report");
}

} // namespace pooled::report
