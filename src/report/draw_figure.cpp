#include "report/canvas.hpp"
#include "report/draw.hpp"

#include <pooled/core/error.hpp>

#include <cmath>
#include <string>

namespace pooled::report::detail {
namespace {

constexpr double max_symbol_pt = 200.0;

std::string figure_name(const Figure &figure) {
    const std::string title = std::visit([](const auto &f) { return f.title; }, figure);
    const char *kind = std::holds_alternative<Map>(figure) ? "the map" : "the chart";
    return title.empty() ? std::string(kind) : std::string(kind) + " '" + title + "'";
}

void check_size(double value, double max, const std::string &what) {
    if (!std::isfinite(value) || value < 0.0 || value > max) {
        throw Error(Errc::argument, what + " is " + std::to_string(value) + " pt; it must be 0.." +
                                        std::to_string(static_cast<int>(max)) + " pt");
    }
}

void check_map(const Map &map, const std::string &name) {
    if (!map.extent.empty() && !(std::isfinite(map.extent.min_x) && std::isfinite(map.extent.min_y) &&
                                 std::isfinite(map.extent.max_x) && std::isfinite(map.extent.max_y))) {
        throw Error(Errc::argument, "the extent of " + name + " is not finite");
    }
    for (std::size_t l = 0; l < map.layers.size(); ++l) {
        const std::string layer = " of layer " + std::to_string(l + 1) + " of " + name;
        std::visit(
            [&](const auto &layer_data) {
                using T = std::decay_t<decltype(layer_data)>;
                if constexpr (std::is_same_v<T, PolygonLayer>) {
                    check_size(layer_data.outline_width_pt, max_symbol_pt, "the outline width" + layer);
                    if (!std::isfinite(layer_data.opacity)) {
                        throw Error(Errc::argument, "the opacity" + layer + " is not a number");
                    }
                } else {
                    for (std::size_t f = 0; f < layer_data.features.size(); ++f) {
                        const std::string feature = "feature " + std::to_string(f + 1) + layer;
                        if constexpr (std::is_same_v<T, LineLayer>) {
                            check_size(layer_data.features[f].width_pt, max_symbol_pt, "the line width of " + feature);
                        } else {
                            check_size(layer_data.features[f].size_pt, max_symbol_pt, "the symbol size of " + feature);
                            const auto &p = layer_data.features[f].position;
                            if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
                                throw Error(Errc::argument, "the position of " + feature + " is not finite");
                            }
                        }
                    }
                }
            },
            map.layers[l]);
    }
}

} // namespace

void check_figure(const Figure &figure, double width, double height) {
    const std::string name = figure_name(figure);
    if (!std::isfinite(width) || !std::isfinite(height) || width <= 0.0 || height <= 0.0) {
        throw Error(Errc::argument, name + " needs a positive size, got " + std::to_string(width) + " x " +
                                        std::to_string(height) + " pt");
    }
    if (const auto *map = std::get_if<Map>(&figure)) {
        check_map(*map, name);
    }
}

void draw_figure(cairo_t *cr, const Figure &figure, double width, double height) {
    check_figure(figure, width, height);
    if (const auto *map = std::get_if<Map>(&figure)) {
        draw_map(cr, *map, width, height);
    } else {
        draw_bar_chart(cr, std::get<BarChart>(figure), width, height);
    }
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        throw Error(Errc::argument,
                    "cannot draw " + figure_name(figure) + ": " + cairo_status_to_string(cairo_status(cr)));
    }
}

} // namespace pooled::report::detail
