#pragma once
/// @file
/// @brief Bar charts as plain data (segment index scores against 100, access by deprivation
/// decile, savings), drawn by the same code as maps (report/render.hpp). Sizes in points.

#include <pooled/pooled_cxx_export.h>
#include <pooled/report/palette.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace pooled::report {

struct Bar {
    std::string label;
    double value = 0.0;
    std::optional<Rgb> colour; ///< none: the chart's colour
};

/// A line across the bars at a value, e.g. 100 for index scores (the average).
struct ReferenceLine {
    double value = 0.0;
    std::string label;
};

/// Horizontal: categories down the side, values along the bottom. Vertical: categories
/// along the bottom, values up the side.
enum class BarOrientation { horizontal, vertical };

struct BarChart {
    std::string title;
    BarOrientation orientation = BarOrientation::horizontal;
    std::vector<Bar> bars; ///< in drawing order: top to bottom, or left to right
    std::string category_axis_label;
    std::string value_axis_label;
    std::optional<ReferenceLine> reference;
    Rgb colour = Rgb{29, 145, 192}; ///< YlGnBu class 6 (palette.hpp's sequential ramp)
    bool value_labels = true;       ///< each bar's value at its end
    int decimals = 0;               ///< of the value labels
    std::string value_prefix;       ///< e.g. "£"
    std::string value_suffix;       ///< e.g. "%"
};

/// Axis ticks at "nice" numbers (1, 2 or 5 times a power of ten), covering [lo, hi].
struct Ticks {
    double first = 0.0; ///< <= lo
    double last = 0.0;  ///< >= hi
    double step = 0.0;
    std::vector<double> values; ///< first, first + step, ..., last
};

/// Heckbert's "nice numbers for graph labels" (Graphics Gems, 1990): about `target` ticks
/// spanning lo..hi. lo == hi gives a unit range around the value.
/// @throws Error (Errc::argument) if lo > hi, either is not finite, or target < 2.
POOLED_CXX_API Ticks nice_ticks(double lo, double hi, std::size_t target = 5);

} // namespace pooled::report
