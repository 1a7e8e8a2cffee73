#include <pooled/report/choropleth.hpp>

#include <pooled/core/error.hpp>
#include <pooled/report/format.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace pooled::report {
namespace {

// numpy.quantile's default ("linear", Hyndman and Fan type 7) on sorted values.
double linear_quantile(const std::vector<double> &sorted, double q) {
    const double h = static_cast<double>(sorted.size() - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    if (lo + 1 >= sorted.size()) {
        return sorted.back();
    }
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

} // namespace

Classification classify(std::span<const double> values, ClassMethod method, std::size_t classes) {
    if (classes < 1 || classes > 9) {
        throw Error(Errc::argument, "a map needs 1 to 9 classes, got " + std::to_string(classes));
    }
    std::vector<double> sorted;
    sorted.reserve(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isinf(values[i])) {
            throw Error(Errc::data, "cannot class an infinite value (value " + std::to_string(i + 1) + ")");
        }
        if (!std::isnan(values[i])) {
            sorted.push_back(values[i]);
        }
    }
    if (sorted.empty()) {
        throw Error(Errc::data, "no values to class: all " + std::to_string(values.size()) + " are missing");
    }
    std::sort(sorted.begin(), sorted.end());
    double lo = sorted.front();
    double hi = sorted.back();
    if (method == ClassMethod::symmetric) {
        hi = std::max(std::abs(lo), std::abs(hi));
        lo = -hi;
    }

    Classification result;
    result.breaks.push_back(lo);
    for (std::size_t i = 1; i < classes; ++i) {
        double b = 0.0;
        if (method == ClassMethod::quantile) {
            b = linear_quantile(sorted, static_cast<double>(i) / static_cast<double>(classes));
        } else if (2 * i <= classes) {
            b = lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(classes);
        } else {
            // Counted from the top end, so symmetric classes mirror each other exactly
            // (-0.6 and 0.6, not -0.6 and 0.6000000000000001).
            b = hi - (hi - lo) * static_cast<double>(classes - i) / static_cast<double>(classes);
        }
        if (b > result.breaks.back() && b < hi) {
            result.breaks.push_back(b);
        }
    }
    result.breaks.push_back(hi); // == lo when every value is equal: one class holding them all

    result.class_of.reserve(values.size());
    const auto inner_begin = result.breaks.begin() + 1;
    const auto inner_end = result.breaks.end() - 1;
    for (const double v : values) {
        if (std::isnan(v)) {
            result.class_of.emplace_back(std::nullopt);
        } else {
            // Class i holds [breaks[i], breaks[i+1]); the last also holds the maximum.
            result.class_of.emplace_back(static_cast<std::size_t>(std::upper_bound(inner_begin, inner_end, v) - inner_begin));
        }
    }
    return result;
}

std::vector<Rgb> class_colours(Ramp ramp, std::size_t classes) {
    const auto scheme = [&](std::size_t n) { return ramp == Ramp::sequential ? sequential_ramp(n) : diverging_ramp(n); };
    if (classes >= 3) {
        return scheme(classes);
    }
    const auto three = scheme(3);
    return classes == 1 ? std::vector<Rgb>{three[1]} : std::vector<Rgb>{three[0], three[2]};
}

Choropleth choropleth(const std::vector<geometry::Geometry> &shapes, std::span<const double> values,
                      const ChoroplethOptions &options) {
    if (shapes.size() != values.size()) {
        throw Error(Errc::argument, "a choropleth needs one value per shape, got " + std::to_string(shapes.size()) +
                                        " shapes and " + std::to_string(values.size()) + " values");
    }
    Choropleth result;
    result.classification = classify(values, options.method, options.classes);
    const auto colours = class_colours(options.ramp, result.classification.classes());
    result.layer.outline = options.outline;
    result.layer.outline_width_pt = options.outline_width_pt;
    result.layer.features.reserve(shapes.size());
    bool any_missing = false;
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        const auto &cls = result.classification.class_of[i];
        any_missing = any_missing || !cls;
        result.layer.features.push_back({shapes[i], cls ? colours[*cls] : options.no_data, {}});
    }
    const auto &breaks = result.classification.breaks;
    for (std::size_t c = 0; c < colours.size(); ++c) {
        result.legend.push_back({format_number(breaks[c], options.decimals) + " – " +
                                     format_number(breaks[c + 1], options.decimals),
                                 colours[c], LegendKey::fill, Symbol::circle});
    }
    if (any_missing) {
        result.legend.push_back({"No data", options.no_data, LegendKey::fill, Symbol::circle});
    }
    return result;
}

Categorised categorised(const std::vector<geometry::Geometry> &shapes, std::span<const std::size_t> category_of,
                        const std::vector<std::string> &names, std::optional<Rgb> outline) {
    if (shapes.size() != category_of.size()) {
        throw Error(Errc::argument, "a categorised map needs one category per shape, got " +
                                        std::to_string(shapes.size()) + " shapes and " +
                                        std::to_string(category_of.size()) + " categories");
    }
    Categorised result;
    result.layer.outline = outline;
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        if (category_of[i] >= names.size()) {
            throw Error(Errc::argument, "shape " + std::to_string(i + 1) + " has category " +
                                            std::to_string(category_of[i]) + " but only " +
                                            std::to_string(names.size()) + " are named");
        }
        result.layer.features.push_back({shapes[i], segment_colour(category_of[i]), {}});
    }
    for (std::size_t c = 0; c < names.size(); ++c) {
        result.legend.push_back({names[c], segment_colour(c), LegendKey::fill, Symbol::circle});
    }
    return result;
}

} // namespace pooled::report
