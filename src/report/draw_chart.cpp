// Bar charts: a title on top, the value axis with ticks at nice numbers and light grid lines,
// bars from zero (so negative savings point the other way), an optional dashed reference
// line, value labels at the bars' ends, and the category labels beside or below the bars.

#include "report/canvas.hpp"
#include "report/draw.hpp"

#include <pooled/report/format.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace pooled::report::detail {
namespace {

constexpr double margin = 8.0;
constexpr double title_size = 11.0;
constexpr double axis_label_size = 8.0;
constexpr double tick_size = 7.5;
constexpr double category_size = 7.5;
constexpr double value_size = 7.0;
constexpr Rgb grid{225, 225, 225};
constexpr Rgb axis{110, 110, 110};
constexpr Rgb reference_colour{178, 24, 43}; // RdBu class 1 (palette.hpp's diverging ramp)

std::string value_text(const BarChart &chart, double value) {
    return chart.value_prefix + format_number(value, chart.decimals) + chart.value_suffix;
}

// Decimals that show a tick step exactly: 0 for 5 or 20, 1 for 0.5, 2 for 0.25.
int tick_decimals(double step) {
    int decimals = 0;
    while (decimals < 6 && std::abs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-6) {
        ++decimals;
    }
    return decimals;
}

// The text cut to max_width with an ellipsis.
std::string fit(cairo_t *cr, const std::string &text, double max_width) {
    if (text_width(cr, text) <= max_width) {
        return text;
    }
    std::string cut = text;
    while (!cut.empty() && text_width(cr, cut + "…") > max_width) {
        cut.pop_back();
        while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) {
            cut.pop_back(); // never split a UTF-8 sequence
        }
        if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0xC0) {
            cut.pop_back();
        }
    }
    return cut + "…";
}

struct Scale {
    Ticks ticks;
    double from = 0, to = 1; // where ticks.first and ticks.last are drawn (points)
    double at(double value) const {
        return from + (value - ticks.first) / (ticks.last - ticks.first) * (to - from);
    }
};

Ticks value_ticks(const BarChart &chart) {
    double lo = 0.0;
    double hi = 0.0;
    for (const auto &bar : chart.bars) {
        if (std::isfinite(bar.value)) {
            lo = std::min(lo, bar.value);
            hi = std::max(hi, bar.value);
        }
    }
    if (chart.reference && std::isfinite(chart.reference->value)) {
        lo = std::min(lo, chart.reference->value);
        hi = std::max(hi, chart.reference->value);
    }
    if (lo == hi) {
        hi = lo + 1.0; // all zero: an axis from 0 to 1
    }
    return nice_ticks(lo, hi, 6);
}

// A grid line across the plot at a tick, with the tick's label at (label_x, label_y); the
// zero line is darker, as the bars start there.
void draw_tick(cairo_t *cr, double tick, int decimals, double x0, double y0, double x1, double y1, double label_x,
               double label_y, HAlign align) {
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    set_colour(cr, tick == 0.0 ? axis : grid);
    cairo_set_line_width(cr, tick == 0.0 ? 0.9 : 0.6);
    cairo_stroke(cr);
    set_colour(cr, axis);
    draw_text(cr, label_x, label_y, format_number(tick, decimals), align);
}

void draw_bar(cairo_t *cr, const BarChart &chart, const Bar &bar, double x, double y, double w, double h) {
    cairo_rectangle(cr, x, y, w, h);
    set_colour(cr, bar.colour.value_or(chart.colour));
    cairo_fill(cr);
}

void draw_reference(cairo_t *cr, const BarChart &chart, double x0, double y0, double x1, double y1) {
    const double dash[] = {4.0, 3.0};
    cairo_set_dash(cr, dash, 2, 0.0);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    set_colour(cr, reference_colour);
    cairo_set_line_width(cr, 1.2);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0.0);
    if (!chart.reference->label.empty()) {
        set_font(cr, Weight::regular, value_size);
        if (x0 == x1) { // a vertical line: its label above the plot, clear of the bars
            draw_text(cr, x0, std::min(y0, y1) - 3.0, chart.reference->label, HAlign::centre);
        } else { // a horizontal line: its label at the right end, above the line
            draw_text(cr, x1, y0 - 3.0, chart.reference->label, HAlign::right);
        }
    }
}

void draw_horizontal(cairo_t *cr, const BarChart &chart, double width, double top, double bottom) {
    set_font(cr, Weight::regular, category_size);
    double label_width = 0.0;
    for (const auto &bar : chart.bars) {
        label_width = std::max(label_width, text_width(cr, bar.label));
    }
    label_width = std::min(label_width, width * 0.38);
    set_font(cr, Weight::regular, value_size);
    double value_width = 0.0;
    if (chart.value_labels) {
        for (const auto &bar : chart.bars) {
            value_width = std::max(value_width, text_width(cr, value_text(chart, bar.value)));
        }
    }
    const double axis_height = tick_size * 1.8 + (chart.value_axis_label.empty() ? 0.0 : axis_label_size * 1.6);
    const double plot_top = top + (chart.reference && !chart.reference->label.empty() ? value_size * 1.6 : 0.0);
    const double plot_bottom = bottom - axis_height;
    Scale scale{value_ticks(chart), margin + label_width + 8.0 + value_width, width - margin - value_width - 4.0};

    // Grid and ticks.
    set_font(cr, Weight::regular, tick_size);
    const int decimals = tick_decimals(scale.ticks.step);
    for (const double tick : scale.ticks.values) {
        const double x = scale.at(tick);
        draw_tick(cr, tick, decimals, x, plot_top, x, plot_bottom, x, plot_bottom + tick_size * 1.3, HAlign::centre);
    }
    if (!chart.value_axis_label.empty()) {
        set_font(cr, Weight::regular, axis_label_size);
        set_colour(cr, black);
        draw_text(cr, (scale.from + scale.to) / 2.0, bottom - 2.0, chart.value_axis_label, HAlign::centre);
    }

    const double slot = chart.bars.empty() ? 0.0 : (plot_bottom - plot_top) / static_cast<double>(chart.bars.size());
    const double zero = scale.at(0.0);
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const Bar &bar = chart.bars[i];
        const double y = plot_top + slot * static_cast<double>(i);
        const double end = std::isfinite(bar.value) ? scale.at(bar.value) : zero;
        draw_bar(cr, chart, bar, std::min(zero, end), y + slot * 0.15, std::abs(end - zero), slot * 0.7);
        const double middle = y + slot / 2.0 + category_size * 0.35;
        set_font(cr, Weight::regular, category_size);
        set_colour(cr, black);
        draw_text(cr, margin + label_width, middle, fit(cr, bar.label, label_width), HAlign::right);
        if (chart.value_labels) {
            set_font(cr, Weight::regular, value_size);
            const bool negative = bar.value < 0.0;
            draw_text(cr, negative ? end - 3.0 : end + 3.0, middle, value_text(chart, bar.value),
                      negative ? HAlign::right : HAlign::left);
        }
    }
    if (chart.reference) {
        const double x = scale.at(chart.reference->value);
        draw_reference(cr, chart, x, plot_top, x, plot_bottom);
    }
}

void draw_vertical(cairo_t *cr, const BarChart &chart, double width, double top, double bottom) {
    Ticks ticks = value_ticks(chart);
    const int decimals = tick_decimals(ticks.step);
    set_font(cr, Weight::regular, tick_size);
    double tick_width = 0.0;
    for (const double tick : ticks.values) {
        tick_width = std::max(tick_width, text_width(cr, format_number(tick, decimals)));
    }
    const double value_axis_room = chart.value_axis_label.empty() ? 0.0 : axis_label_size * 1.8;
    const double plot_left = margin + value_axis_room + tick_width + 5.0;
    const double plot_right = width - margin;
    const double slot = chart.bars.empty() ? 0.0 : (plot_right - plot_left) / static_cast<double>(chart.bars.size());

    // Category labels wrap to their slot, at most three lines.
    set_font(cr, Weight::regular, category_size);
    std::vector<std::vector<std::string>> labels;
    std::size_t lines = 1;
    for (const auto &bar : chart.bars) {
        auto wrapped = wrap_text(cr, bar.label, std::max(slot - 2.0, 10.0));
        if (wrapped.size() > 3) {
            wrapped.resize(3);
            wrapped[2] += "…";
        }
        for (auto &line : wrapped) {
            line = fit(cr, line, std::max(slot - 2.0, 10.0));
        }
        lines = std::max(lines, wrapped.size());
        labels.push_back(std::move(wrapped));
    }
    const double category_height = static_cast<double>(lines) * category_size * 1.25 + 4.0 +
                                   (chart.category_axis_label.empty() ? 0.0 : axis_label_size * 1.8);
    const double value_room = chart.value_labels ? value_size * 1.6 : 0.0;
    Scale scale{ticks, bottom - category_height, top + value_room};

    set_font(cr, Weight::regular, tick_size);
    for (const double tick : ticks.values) {
        const double y = scale.at(tick);
        draw_tick(cr, tick, decimals, plot_left, y, plot_right, y, plot_left - 4.0, y + tick_size * 0.35, HAlign::right);
    }
    if (!chart.value_axis_label.empty()) {
        cairo_save(cr);
        cairo_translate(cr, margin + axis_label_size, (scale.from + scale.to) / 2.0);
        cairo_rotate(cr, -std::numbers::pi / 2.0);
        set_font(cr, Weight::regular, axis_label_size);
        set_colour(cr, black);
        draw_text(cr, 0.0, 0.0, chart.value_axis_label, HAlign::centre);
        cairo_restore(cr);
    }

    const double zero = scale.at(0.0);
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const Bar &bar = chart.bars[i];
        const double x = plot_left + slot * static_cast<double>(i);
        const double end = std::isfinite(bar.value) ? scale.at(bar.value) : zero;
        draw_bar(cr, chart, bar, x + slot * 0.15, std::min(zero, end), slot * 0.7, std::abs(end - zero));
        set_font(cr, Weight::regular, category_size);
        set_colour(cr, black);
        for (std::size_t line = 0; line < labels[i].size(); ++line) {
            draw_text(cr, x + slot / 2.0, scale.from + 3.0 + category_size * (1.0 + 1.25 * static_cast<double>(line)),
                      labels[i][line], HAlign::centre);
        }
        if (chart.value_labels) {
            set_font(cr, Weight::regular, value_size);
            const bool negative = bar.value < 0.0;
            draw_text(cr, x + slot / 2.0, negative ? end + value_size + 2.0 : end - 3.0, value_text(chart, bar.value),
                      HAlign::centre);
        }
    }
    if (!chart.category_axis_label.empty()) {
        set_font(cr, Weight::regular, axis_label_size);
        set_colour(cr, black);
        draw_text(cr, (plot_left + plot_right) / 2.0, bottom - 2.0, chart.category_axis_label, HAlign::centre);
    }
    if (chart.reference) {
        const double y = scale.at(chart.reference->value);
        draw_reference(cr, chart, plot_left, y, plot_right, y);
    }
}

} // namespace

void draw_bar_chart(cairo_t *cr, const BarChart &chart, double width, double height) {
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, width, height);
    set_colour(cr, white);
    cairo_fill(cr);
    double top = margin;
    if (!chart.title.empty()) {
        set_font(cr, Weight::bold, title_size);
        set_colour(cr, black);
        draw_text(cr, margin, top + title_size, chart.title);
        top += title_size * 1.8;
    }
    if (chart.orientation == BarOrientation::horizontal) {
        draw_horizontal(cr, chart, width, top, height - margin);
    } else {
        draw_vertical(cr, chart, width, top, height - margin);
    }
    cairo_restore(cr);
}

} // namespace pooled::report::detail
