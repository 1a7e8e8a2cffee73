// Map layout, outside in: the title on top, the attribution lines at the bottom, the legend in
// a panel on the right, and the map frame in the rest, holding the layers (clipped to it),
// their labels, the scale bar (bottom left) and the north arrow (top right).

#include "report/canvas.hpp"
#include "report/draw.hpp"

#include <pooled/geometry/algorithms.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <vector>

namespace pooled::report::detail {
namespace {

constexpr double margin = 6.0;
constexpr double title_size = 12.0;
constexpr double attribution_size = 6.5;
constexpr double legend_title_size = 8.5;
constexpr double legend_size = 7.5;
constexpr double label_size = 7.0;
constexpr double key_width = 14.0;
constexpr double key_height = 9.0;
// Vertices closer than this to the last one drawn are skipped: invisible at the drawing's
// size, and they would only bloat SVG and PDF output.
constexpr double min_vertex_gap_pt = 0.3;
constexpr Rgb grey{90, 90, 90};
constexpr Rgb frame_grey{150, 150, 150};

struct Rect {
    double x = 0, y = 0, w = 0, h = 0;
    bool overlaps(const Rect &o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
    bool inside(const Rect &o) const { return x >= o.x && y >= o.y && x + w <= o.x + o.w && y + h <= o.y + o.h; }
};

// Working CRS (metres, y up) to points on the page (y down), one scale for both axes.
class View {
public:
    View(geometry::Box extent, const Rect &frame) {
        const double ew = std::max(extent.max_x - extent.min_x, 1.0);
        const double eh = std::max(extent.max_y - extent.min_y, 1.0);
        m_scale = std::min(frame.w / ew, frame.h / eh);
        const double cx = (extent.min_x + extent.max_x) / 2.0;
        const double cy = (extent.min_y + extent.max_y) / 2.0;
        m_x0 = frame.x + frame.w / 2.0 - cx * m_scale;
        m_y0 = frame.y + frame.h / 2.0 + cy * m_scale;
    }
    double x(double easting) const { return m_x0 + easting * m_scale; }
    double y(double northing) const { return m_y0 - northing * m_scale; }
    double metres_per_pt() const { return 1.0 / m_scale; }

private:
    double m_scale = 1.0, m_x0 = 0.0, m_y0 = 0.0;
};

void add_run(cairo_t *cr, const View &view, const std::vector<geometry::Point> &points, bool closed) {
    if (points.empty()) {
        return;
    }
    double last_x = view.x(points.front().x);
    double last_y = view.y(points.front().y);
    cairo_move_to(cr, last_x, last_y);
    for (std::size_t i = 1; i < points.size(); ++i) {
        const double px = view.x(points[i].x);
        const double py = view.y(points[i].y);
        const bool final = i + 1 == points.size();
        if (std::abs(px - last_x) + std::abs(py - last_y) >= min_vertex_gap_pt || (final && !closed)) {
            cairo_line_to(cr, px, py);
            last_x = px;
            last_y = py;
        }
    }
    if (closed) {
        cairo_close_path(cr);
    }
}

void add_polygon(cairo_t *cr, const View &view, const geometry::Polygon &polygon) {
    add_run(cr, view, polygon.outer.points, true);
    for (const auto &hole : polygon.holes) {
        add_run(cr, view, hole.points, true);
    }
}

// Adds the geometry's outline to the path: rings closed, lines open, points ignored.
void add_geometry(cairo_t *cr, const View &view, const geometry::Geometry &shape) {
    std::visit(
        [&](const auto &g) {
            using T = std::decay_t<decltype(g)>;
            if constexpr (std::is_same_v<T, geometry::Polygon>) {
                add_polygon(cr, view, g);
            } else if constexpr (std::is_same_v<T, geometry::MultiPolygon>) {
                for (const auto &polygon : g.polygons) {
                    add_polygon(cr, view, polygon);
                }
            } else if constexpr (std::is_same_v<T, geometry::LineString>) {
                add_run(cr, view, g.points, false);
            } else if constexpr (std::is_same_v<T, geometry::MultiLineString>) {
                for (const auto &line : g.lines) {
                    add_run(cr, view, line.points, false);
                }
            }
        },
        shape);
}

struct Label {
    std::string text;
    double x = 0, y = 0; // anchor: left end of the baseline's middle height
    bool centred = false;
};

void draw_polygons(cairo_t *cr, const View &view, const PolygonLayer &layer, std::vector<Label> &labels) {
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD); // holes, whatever the ring orientation
    for (const auto &feature : layer.features) {
        cairo_new_path(cr);
        add_geometry(cr, view, feature.shape);
        if (feature.fill) {
            set_colour(cr, *feature.fill, std::clamp(layer.opacity, 0.0, 1.0));
            cairo_fill_preserve(cr);
        }
        if (layer.outline && layer.outline_width_pt > 0.0) {
            set_colour(cr, *layer.outline);
            cairo_set_line_width(cr, layer.outline_width_pt);
            cairo_stroke(cr);
        }
        cairo_new_path(cr);
        if (!feature.label.empty() && !geometry::is_empty(feature.shape)) {
            const geometry::Point at = geometry::representative_point(feature.shape);
            labels.push_back({feature.label, view.x(at.x), view.y(at.y), true});
        }
    }
}

void draw_lines(cairo_t *cr, const View &view, const LineLayer &layer, std::vector<Label> &labels) {
    for (const auto &feature : layer.features) {
        cairo_new_path(cr);
        add_geometry(cr, view, feature.line);
        set_colour(cr, feature.colour);
        cairo_set_line_width(cr, feature.width_pt);
        cairo_stroke(cr);
        if (feature.label.empty()) {
            continue;
        }
        const std::vector<geometry::Point> *points = nullptr;
        if (const auto *line = std::get_if<geometry::LineString>(&feature.line)) {
            points = &line->points;
        } else if (const auto *lines = std::get_if<geometry::MultiLineString>(&feature.line);
                   lines && !lines->lines.empty()) {
            points = &lines->lines.front().points;
        }
        if (points && !points->empty()) {
            const geometry::Point &middle = (*points)[points->size() / 2];
            labels.push_back({feature.label, view.x(middle.x), view.y(middle.y), true});
        }
    }
}

void draw_points(cairo_t *cr, const View &view, const PointLayer &layer, std::vector<Label> &labels) {
    for (const auto &feature : layer.features) {
        const double x = view.x(feature.position.x);
        const double y = view.y(feature.position.y);
        symbol_path(cr, feature.symbol, x, y, feature.size_pt);
        set_colour(cr, feature.colour);
        cairo_fill_preserve(cr);
        if (layer.outline) {
            set_colour(cr, *layer.outline);
            cairo_set_line_width(cr, 0.6);
            cairo_stroke(cr);
        }
        cairo_new_path(cr);
        if (!feature.label.empty()) {
            labels.push_back({feature.label, x + feature.size_pt / 2.0 + 2.0, y, false});
        }
    }
}

// Labels in order, each with a white halo; one that would overlap an earlier label or leave
// the frame is skipped, so dense maps stay legible.
void draw_labels(cairo_t *cr, const std::vector<Label> &labels, const Rect &frame) {
    set_font(cr, Weight::regular, label_size);
    std::vector<Rect> placed;
    for (const auto &label : labels) {
        const double width = text_width(cr, label.text);
        const double left = label.centred ? label.x - width / 2.0 : label.x;
        const Rect box{left - 1.0, label.y - label_size * 0.55, width + 2.0, label_size * 1.1};
        if (!box.inside(frame) ||
            std::any_of(placed.begin(), placed.end(), [&](const Rect &other) { return other.overlaps(box); })) {
            continue;
        }
        placed.push_back(box);
        const std::string text = label.text;
        cairo_move_to(cr, left, label.y + label_size * 0.35);
        cairo_text_path(cr, text.c_str());
        set_colour(cr, white, 0.85);
        cairo_set_line_width(cr, 2.0);
        cairo_stroke_preserve(cr);
        set_colour(cr, black);
        cairo_fill(cr);
    }
}

void draw_scale_bar(cairo_t *cr, const View &view, const Rect &frame) {
    const ScaleBar bar = scale_bar(view.metres_per_pt(), frame.w * 0.25);
    set_font(cr, Weight::regular, legend_size);
    const double label_width = text_width(cr, bar.label);
    const double x = frame.x + 8.0;
    const double y = frame.y + frame.h - 10.0; // the bar's bottom
    // A pale backing so the bar reads over any fill.
    cairo_rectangle(cr, x - 4.0, y - 16.0, bar.length_pt + label_width / 2.0 + 8.0, 20.0);
    set_colour(cr, white, 0.8);
    cairo_fill(cr);
    const double half = bar.length_pt / 2.0;
    for (int i = 0; i < 2; ++i) {
        cairo_rectangle(cr, x + i * half, y - 4.0, half, 4.0);
        set_colour(cr, i == 0 ? black : white);
        cairo_fill_preserve(cr);
        set_colour(cr, black);
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
    }
    set_colour(cr, black);
    draw_text(cr, x, y - 6.0, "0", HAlign::centre);
    draw_text(cr, x + bar.length_pt, y - 6.0, bar.label, HAlign::centre);
}

void draw_north_arrow(cairo_t *cr, const Rect &frame) {
    const double cx = frame.x + frame.w - 14.0;
    const double top = frame.y + 18.0;
    const double height = 16.0;
    const double half_width = 5.0;
    cairo_set_line_width(cr, 0.6);
    // Two halves of an arrowhead, dark west and light east, as on Ordnance Survey maps.
    for (int side = 0; side < 2; ++side) {
        const double dx = side == 0 ? -half_width : half_width;
        cairo_move_to(cr, cx, top);
        cairo_line_to(cr, cx + dx, top + height);
        cairo_line_to(cr, cx, top + height * 0.7);
        cairo_close_path(cr);
        set_colour(cr, side == 0 ? black : white);
        cairo_fill_preserve(cr);
        set_colour(cr, black);
        cairo_stroke(cr);
    }
    set_font(cr, Weight::bold, 8.0);
    draw_text(cr, cx, top - 3.0, "N", HAlign::centre);
}

double legend_width(cairo_t *cr, const Map &map, double total_width) {
    if (map.legend.empty()) {
        return 0.0;
    }
    set_font(cr, Weight::bold, legend_title_size);
    double widest = text_width(cr, map.legend_title);
    set_font(cr, Weight::regular, legend_size);
    for (const auto &entry : map.legend) {
        widest = std::max(widest, key_width + 5.0 + text_width(cr, entry.label));
    }
    return std::min(widest + 12.0, total_width * 0.32);
}

void draw_legend(cairo_t *cr, const Map &map, const Rect &panel) {
    cairo_save(cr);
    cairo_rectangle(cr, panel.x, panel.y, panel.w, panel.h);
    cairo_clip(cr);
    double y = panel.y + 4.0;
    if (!map.legend_title.empty()) {
        set_font(cr, Weight::bold, legend_title_size);
        set_colour(cr, black);
        for (const auto &line : wrap_text(cr, map.legend_title, panel.w - 12.0)) {
            y += legend_title_size * 1.25;
            draw_text(cr, panel.x + 6.0, y, line);
        }
        y += 5.0;
    }
    set_font(cr, Weight::regular, legend_size);
    const double text_x = panel.x + 6.0 + key_width + 5.0;
    for (const auto &entry : map.legend) {
        const auto lines = wrap_text(cr, entry.label, panel.x + panel.w - 6.0 - text_x);
        const double row_height = std::max(key_height + 4.0, lines.size() * legend_size * 1.25 + 3.0);
        const double key_x = panel.x + 6.0;
        const double key_y = y + 1.0;
        cairo_set_line_width(cr, 0.5);
        switch (entry.key) {
        case LegendKey::fill:
            cairo_rectangle(cr, key_x, key_y, key_width, key_height);
            set_colour(cr, entry.colour);
            cairo_fill_preserve(cr);
            set_colour(cr, frame_grey);
            cairo_stroke(cr);
            break;
        case LegendKey::outline:
            cairo_rectangle(cr, key_x + 0.75, key_y + 0.75, key_width - 1.5, key_height - 1.5);
            set_colour(cr, entry.colour);
            cairo_set_line_width(cr, 1.5);
            cairo_stroke(cr);
            break;
        case LegendKey::line:
            cairo_move_to(cr, key_x, key_y + key_height / 2.0);
            cairo_line_to(cr, key_x + key_width, key_y + key_height / 2.0);
            set_colour(cr, entry.colour);
            cairo_set_line_width(cr, 2.0);
            cairo_stroke(cr);
            break;
        case LegendKey::point:
            symbol_path(cr, entry.symbol, key_x + key_width / 2.0, key_y + key_height / 2.0, 7.0);
            set_colour(cr, entry.colour);
            cairo_fill_preserve(cr);
            set_colour(cr, white);
            cairo_stroke(cr);
            break;
        }
        set_colour(cr, black);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            draw_text(cr, text_x, y + legend_size + 1.5 + static_cast<double>(i) * legend_size * 1.25, lines[i]);
        }
        y += row_height;
    }
    // The box around it all, as tall as its content.
    cairo_rectangle(cr, panel.x + 0.5, panel.y + 0.5, panel.w - 1.0, std::min(y + 3.0, panel.y + panel.h) - panel.y - 1.0);
    set_colour(cr, frame_grey);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    cairo_restore(cr);
}

geometry::Box layers_extent(const Map &map) {
    geometry::Box box;
    for (const auto &layer : map.layers) {
        std::visit(
            [&](const auto &l) {
                using T = std::decay_t<decltype(l)>;
                for (const auto &feature : l.features) {
                    if constexpr (std::is_same_v<T, PolygonLayer>) {
                        box.expand(geometry::envelope(feature.shape));
                    } else if constexpr (std::is_same_v<T, LineLayer>) {
                        box.expand(geometry::envelope(feature.line));
                    } else {
                        box.expand(feature.position);
                    }
                }
            },
            layer);
    }
    if (box.empty()) {
        return geometry::Box{0.0, 0.0, 1000.0, 1000.0};
    }
    // 3% around, and at least 1 km across, so a single point still gets a map around it.
    const double pad = std::max({(box.max_x - box.min_x) * 0.03, (box.max_y - box.min_y) * 0.03,
                                 500.0 - (box.max_x - box.min_x) / 2.0, 500.0 - (box.max_y - box.min_y) / 2.0, 0.0});
    return geometry::Box{box.min_x - pad, box.min_y - pad, box.max_x + pad, box.max_y + pad};
}

} // namespace

void symbol_path(cairo_t *cr, Symbol symbol, double x, double y, double size) {
    const double r = size / 2.0;
    cairo_new_path(cr);
    switch (symbol) {
    case Symbol::circle: cairo_arc(cr, x, y, r, 0.0, 2.0 * std::numbers::pi); break;
    case Symbol::square: cairo_rectangle(cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8); break;
    case Symbol::triangle:
        cairo_move_to(cr, x, y - r * 1.1);
        cairo_line_to(cr, x + r * 1.1, y + r * 0.8);
        cairo_line_to(cr, x - r * 1.1, y + r * 0.8);
        cairo_close_path(cr);
        break;
    case Symbol::diamond:
        cairo_move_to(cr, x, y - r * 1.2);
        cairo_line_to(cr, x + r, y);
        cairo_line_to(cr, x, y + r * 1.2);
        cairo_line_to(cr, x - r, y);
        cairo_close_path(cr);
        break;
    }
}

void draw_map(cairo_t *cr, const Map &map, double width, double height) {
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, width, height);
    set_colour(cr, white);
    cairo_fill(cr);

    double top = margin;
    if (!map.title.empty()) {
        set_font(cr, Weight::bold, title_size);
        set_colour(cr, black);
        draw_text(cr, margin, top + title_size, map.title);
        top += title_size * 1.6;
    }
    const double attribution_height =
        map.attribution.empty() ? 0.0 : static_cast<double>(map.attribution.size()) * attribution_size * 1.3 + 3.0;
    const double legend = legend_width(cr, map, width);
    const double legend_gap = legend > 0.0 ? 4.0 : 0.0;
    const Rect frame{margin, top, std::max(width - 2.0 * margin - legend - legend_gap, 10.0),
                     std::max(height - top - margin - attribution_height, 10.0)};

    set_font(cr, Weight::regular, attribution_size);
    set_colour(cr, grey);
    for (std::size_t i = 0; i < map.attribution.size(); ++i) {
        draw_text(cr, frame.x + frame.w, frame.y + frame.h + 3.0 + (static_cast<double>(i) + 1.0) * attribution_size * 1.3,
                  map.attribution[i], HAlign::right);
    }
    if (legend > 0.0) {
        draw_legend(cr, map, Rect{frame.x + frame.w + legend_gap, frame.y, legend, frame.h});
    }

    const View view(map.extent.empty() ? layers_extent(map) : map.extent, frame);
    cairo_save(cr);
    cairo_rectangle(cr, frame.x, frame.y, frame.w, frame.h);
    cairo_clip(cr);
    std::vector<Label> labels;
    for (const auto &layer : map.layers) {
        std::visit(
            [&](const auto &l) {
                using T = std::decay_t<decltype(l)>;
                if constexpr (std::is_same_v<T, PolygonLayer>) {
                    draw_polygons(cr, view, l, labels);
                } else if constexpr (std::is_same_v<T, LineLayer>) {
                    draw_lines(cr, view, l, labels);
                } else {
                    draw_points(cr, view, l, labels);
                }
            },
            layer);
    }
    draw_labels(cr, labels, frame);
    if (map.scale_bar) {
        draw_scale_bar(cr, view, frame);
    }
    if (map.north_arrow) {
        draw_north_arrow(cr, frame);
    }
    cairo_restore(cr);

    cairo_rectangle(cr, frame.x, frame.y, frame.w, frame.h);
    set_colour(cr, frame_grey);
    cairo_set_line_width(cr, 0.8);
    cairo_stroke(cr);
    cairo_restore(cr);
}

} // namespace pooled::report::detail
