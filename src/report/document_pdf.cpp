// The report as an A4 PDF on cairo's PDF surface: text is laid out here (wrapped with the
// report font's real widths), figures are drawn by the same code as PNG and SVG figures,
// straight onto the page as vectors.

#include <pooled/report/document.hpp>

#include "core/atomic_file.hpp"
#include "report/canvas.hpp"
#include "report/document_checks.hpp"
#include "report/draw.hpp"
#include "report/pdf_layout.hpp"
#include "report/surfaces.hpp"

#include <algorithm>
#include <string>

namespace pooled::report {
namespace {

using namespace detail::pdf_layout;
using detail::HAlign;
using detail::Weight;
using detail::black;

constexpr Rgb grey{90, 90, 90};
constexpr Rgb rule{43, 63, 92};         // slate, as the HTML headings
constexpr Rgb card_fill{244, 247, 251}; // pale blue-grey, as the HTML cards (no ramp colour: the
                                        // browser check counts ramp colours to find the map)
constexpr Rgb card_edge{198, 219, 239};
constexpr Rgb figure_value{31, 47, 77};
constexpr Rgb header_fill{244, 244, 244};
constexpr Rgb row_line{221, 221, 221};

class PdfWriter {
public:
    PdfWriter(cairo_t *cr, std::string footer) : m_cr(cr), m_footer(std::move(footer)) {}

    cairo_t *cr() const { return m_cr; }
    double y() const { return m_y; }
    void advance(double height) { m_y += height; }
    double room() const { return content_bottom - m_y; }

    // Ends the current page (with its footer) and starts the next.
    void new_page() {
        if (m_page > 0) {
            finish_page();
        }
        ++m_page;
        m_y = margin_top;
    }
    // Starts a new page unless `height` still fits on this one.
    void ensure(double height) {
        if (m_y + height > content_bottom && m_y > margin_top) {
            new_page();
        }
    }
    void finish() { finish_page(); }

private:
    void finish_page() {
        detail::set_font(m_cr, Weight::regular, 8.0);
        detail::set_colour(m_cr, grey);
        const double baseline = page_height - margin_bottom / 2.0;
        detail::draw_text(m_cr, margin_x, baseline, m_footer);
        detail::draw_text(m_cr, page_width - margin_x, baseline, "Page " + std::to_string(m_page), HAlign::right);
        cairo_show_page(m_cr);
    }

    cairo_t *m_cr;
    std::string m_footer;
    int m_page = 0;
    double m_y = margin_top;
};

// Wrapped lines of text in the current font, each moved to the next page as needed.
void write_lines(PdfWriter &page, const std::string &text, double size, double line_height, Weight weight, Rgb colour) {
    detail::set_font(page.cr(), weight, size);
    for (const auto &line : detail::wrap_text(page.cr(), text, text_width)) {
        page.ensure(line_height);
        detail::set_font(page.cr(), weight, size); // new_page() drew the footer in its own font
        detail::set_colour(page.cr(), colour);
        detail::draw_text(page.cr(), margin_x, page.y() + size, line);
        page.advance(line_height);
    }
}

void write_title_page(PdfWriter &page, const Report &report) {
    page.advance(40.0);
    write_lines(page, report.title, 22.0, 28.0, Weight::bold, black);
    if (!report.subtitle.empty()) {
        page.advance(4.0);
        write_lines(page, report.subtitle, 13.0, 17.0, Weight::regular, grey);
    }
    if (report.summary.empty()) {
        return;
    }
    page.advance(30.0);
    write_lines(page, report.summary_title, section_title_size, section_title_height, Weight::bold, black);
    constexpr int columns = 3;
    constexpr double gap = 10.0;
    constexpr double card_height = 64.0;
    const double card_width = (text_width - gap * (columns - 1)) / columns;
    cairo_t *cr = page.cr();
    for (std::size_t i = 0; i < report.summary.size(); ++i) {
        const int column = static_cast<int>(i % columns);
        if (column == 0) {
            page.ensure(card_height);
        }
        const double x = margin_x + column * (card_width + gap);
        cairo_rectangle(cr, x, page.y(), card_width, card_height);
        detail::set_colour(cr, card_fill);
        cairo_fill_preserve(cr);
        detail::set_colour(cr, card_edge);
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
        detail::set_font(cr, Weight::bold, 18.0);
        detail::set_colour(cr, figure_value);
        detail::draw_text(cr, x + 8.0, page.y() + 26.0, report.summary[i].value);
        detail::set_font(cr, Weight::regular, 8.5);
        detail::set_colour(cr, black);
        const auto lines = detail::wrap_text(cr, report.summary[i].label, card_width - 16.0);
        for (std::size_t l = 0; l < std::min<std::size_t>(lines.size(), 3); ++l) {
            detail::draw_text(cr, x + 8.0, page.y() + 40.0 + static_cast<double>(l) * 10.5, lines[l]);
        }
        if (column == columns - 1 || i + 1 == report.summary.size()) {
            page.advance(card_height + gap);
        }
    }
}

void write_figure(PdfWriter &page, const FigureBlock &block) {
    const double caption_height = block.caption.empty() ? 0.0 : body_line + 4.0;
    // Scaled down (never up) to the text width, and to a page.
    const double scale = std::min({1.0, text_width / block.size.width_pt,
                                   (content_bottom - margin_top - caption_height) / block.size.height_pt});
    const double height = block.size.height_pt * scale;
    page.ensure(height + caption_height);
    cairo_t *cr = page.cr();
    cairo_save(cr);
    cairo_translate(cr, margin_x, page.y());
    cairo_scale(cr, scale, scale);
    detail::draw_figure(cr, block.figure, block.size.width_pt, block.size.height_pt);
    cairo_restore(cr);
    page.advance(height + 4.0);
    if (!block.caption.empty()) {
        write_lines(page, block.caption, 8.5, 12.0, Weight::regular, grey);
    }
    page.advance(block_gap);
}

// Column widths: each column's widest text, then all scaled to the text width (cells wrap).
std::vector<double> column_widths(cairo_t *cr, const Table &table) {
    std::vector<double> widths(table.header.size(), 0.0);
    for (std::size_t c = 0; c < widths.size(); ++c) {
        detail::set_font(cr, Weight::bold, table_size);
        widths[c] = detail::text_width(cr, table.header[c]);
        detail::set_font(cr, Weight::regular, table_size);
        for (const auto &row : table.rows) {
            if (c < row.size()) {
                widths[c] = std::max(widths[c], detail::text_width(cr, row[c]));
            }
        }
        widths[c] += 2.0 * 4.0 + 1.0; // padding either side
    }
    double total = 0.0;
    for (const double w : widths) {
        total += w;
    }
    if (total > 0.0) {
        for (double &w : widths) {
            w *= text_width / total;
        }
    }
    return widths;
}

// One row: wraps each cell, returns the row's height; draws it when `draw`.
double table_row(PdfWriter &page, const Table &table, const std::vector<std::string> &cells,
                 const std::vector<double> &widths, bool header, bool draw) {
    cairo_t *cr = page.cr();
    detail::set_font(cr, header ? Weight::bold : Weight::regular, table_size);
    std::vector<std::vector<std::string>> wrapped;
    std::size_t lines = 1;
    for (std::size_t c = 0; c < widths.size(); ++c) {
        wrapped.push_back(detail::wrap_text(cr, c < cells.size() ? cells[c] : std::string(), widths[c] - 8.0));
        lines = std::max(lines, wrapped.back().size());
    }
    const double height = static_cast<double>(lines) * table_line + 2.0 * table_padding;
    if (!draw) {
        return height;
    }
    const double top = page.y();
    if (header) {
        cairo_rectangle(cr, margin_x, top, text_width, height);
        detail::set_colour(cr, header_fill);
        cairo_fill(cr);
    }
    detail::set_colour(cr, black);
    double x = margin_x;
    for (std::size_t c = 0; c < widths.size(); ++c) {
        const bool right = c < table.align.size() && table.align[c] == Align::right;
        for (std::size_t l = 0; l < wrapped[c].size(); ++l) {
            const double baseline = top + table_padding + table_size + static_cast<double>(l) * table_line;
            detail::draw_text(cr, right ? x + widths[c] - 4.0 : x + 4.0, baseline, wrapped[c][l],
                              right ? HAlign::right : HAlign::left);
        }
        x += widths[c];
    }
    cairo_move_to(cr, margin_x, top + height);
    cairo_line_to(cr, margin_x + text_width, top + height);
    detail::set_colour(cr, header ? grey : row_line);
    cairo_set_line_width(cr, header ? 1.0 : 0.5);
    cairo_stroke(cr);
    page.advance(height);
    return height;
}

void write_table(PdfWriter &page, const Table &table) {
    const auto widths = column_widths(page.cr(), table);
    const double header_height = table_row(page, table, table.header, widths, true, false);
    const double first_row = table.rows.empty() ? 0.0 : table_row(page, table, table.rows.front(), widths, false, false);
    // The caption and header never end a page alone.
    page.ensure(table_caption_height + header_height + first_row);
    if (!table.caption.empty()) {
        detail::set_font(page.cr(), Weight::bold, 9.5);
        detail::set_colour(page.cr(), black);
        detail::draw_text(page.cr(), margin_x, page.y() + 9.5, table.caption);
        page.advance(table_caption_height);
    }
    table_row(page, table, table.header, widths, true, true);
    for (const auto &row : table.rows) {
        const double height = table_row(page, table, row, widths, false, false);
        if (page.room() < height) {
            page.new_page();
            table_row(page, table, table.header, widths, true, true); // the header again
        }
        table_row(page, table, row, widths, false, true);
    }
    page.advance(block_gap);
}

void write_section(PdfWriter &page, const Section &section) {
    page.new_page();
    cairo_t *cr = page.cr();
    detail::set_font(cr, Weight::bold, section_title_size);
    detail::set_colour(cr, black);
    detail::draw_text(cr, margin_x, page.y() + section_title_size, section.title);
    cairo_move_to(cr, margin_x, page.y() + section_title_size + 6.0);
    cairo_line_to(cr, margin_x + text_width, page.y() + section_title_size + 6.0);
    detail::set_colour(cr, rule);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);
    page.advance(section_title_height);
    for (const auto &block : section.blocks) {
        std::visit(
            [&](const auto &b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, Paragraph>) {
                    write_lines(page, b.text, body_size, body_line, Weight::regular, black);
                    page.advance(paragraph_gap);
                } else if constexpr (std::is_same_v<T, FigureBlock>) {
                    write_figure(page, b);
                } else {
                    write_table(page, b);
                }
            },
            block);
    }
}

} // namespace

std::string report_pdf(const Report &report, const PdfOptions &options) {
    detail::check_report(report);
    std::string pdf;
    {
        auto surface = detail::make_pdf_surface(&pdf, page_width, page_height, report.title, options.creation_date);
        {
            auto cr = detail::make_context(surface.get());
            PdfWriter page(cr.get(), report.title);
            page.new_page();
            write_title_page(page, report);
            if (!report.footer.empty()) {
                page.advance(20.0);
                for (const auto &line : report.footer) {
                    write_lines(page, line, 8.5, 12.0, Weight::regular, grey);
                }
            }
            for (const auto &section : report.sections) {
                write_section(page, section);
            }
            page.finish();
        }
        cairo_surface_finish(surface.get());
        detail::check_surface(surface.get(), "the PDF report");
    }
    return pdf;
}

void write_report_pdf(const Report &report, const std::string &path, const PdfOptions &options) {
    pooled::detail::write_file_atomically(path, report_pdf(report, options), "the PDF report");
}

} // namespace pooled::report
