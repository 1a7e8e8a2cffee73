#pragma once
/// @file
/// @brief Choropleth maps: values classed into quantile or equal-interval classes, coloured
/// from palette.hpp's ramps, with a legend giving each class's bounds.

#include <pooled/geometry/types.hpp>
#include <pooled/pooled_cxx_export.h>
#include <pooled/report/map.hpp>
#include <pooled/report/palette.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pooled::report {

enum class ClassMethod {
    quantile,       ///< about as many values in each class (numpy's default linear quantiles)
    equal_interval, ///< classes of equal width from the minimum to the maximum
    /// Classes of equal width from -m to m, m the largest |value|, so an odd number of classes
    /// has a middle class centred on zero: change maps (before/after) on the diverging ramp.
    symmetric
};

/// Class breaks and each value's class. Class i holds breaks[i] <= v < breaks[i + 1]; the
/// last class also holds the maximum.
struct Classification {
    std::vector<double> breaks; ///< ascending and distinct; classes() + 1 of them
    std::vector<std::optional<std::size_t>> class_of; ///< per value; none for NaN (no data)
    std::size_t classes() const noexcept { return breaks.empty() ? 0 : breaks.size() - 1; }
};

/// Classes `values` (NaN = no data) into `classes` classes. Quantile breaks that coincide
/// (many equal values) are merged, so fewer classes may come back; all values equal give one.
/// @throws Error (Errc::argument) if classes is not 1..9, or (Errc::data) if no value is a
/// finite number (or one is infinite).
POOLED_CXX_API Classification classify(std::span<const double> values, ClassMethod method, std::size_t classes);

enum class Ramp { sequential, diverging };

struct ChoroplethOptions {
    ClassMethod method = ClassMethod::quantile;
    std::size_t classes = 5;
    Ramp ramp = Ramp::sequential;
    int decimals = 0;                       ///< of the class bounds in the legend
    Rgb no_data = Rgb{217, 217, 217};       ///< and a "No data" legend entry when any value is NaN
    std::optional<Rgb> outline = Rgb{255, 255, 255};
    double outline_width_pt = 0.2;
};

struct Choropleth {
    Classification classification;
    PolygonLayer layer;              ///< one feature per shape, in order
    std::vector<LegendEntry> legend; ///< one per class, "lo – hi", then "No data" if needed
};

/// The classes' colours: `classes` colours of the ramp (for 1 or 2 classes, the middle or the
/// two ends of the 3-colour ramp).
POOLED_CXX_API std::vector<Rgb> class_colours(Ramp ramp, std::size_t classes);

/// A choropleth of `shapes` (polygons) coloured by `values` (same order and length).
/// @throws Error (Errc::argument) if the lengths differ; see classify().
POOLED_CXX_API Choropleth choropleth(const std::vector<geometry::Geometry> &shapes, std::span<const double> values,
                                     const ChoroplethOptions &options = {});

/// Polygons coloured by category (segments, districts, co-location groups).
struct Categorised {
    PolygonLayer layer;              ///< one feature per shape, in order
    std::vector<LegendEntry> legend; ///< one per category name, in the given order
};

/// Shape i takes the colour of category category_of[i]: segment_colour(category), the
/// palette shared with the QGIS styles; `names` label the legend.
/// @throws Error (Errc::argument) if the lengths of shapes and category_of differ, or a
/// category is not an index into `names`.
POOLED_CXX_API Categorised categorised(const std::vector<geometry::Geometry> &shapes,
                                       std::span<const std::size_t> category_of, const std::vector<std::string> &names,
                                       std::optional<Rgb> outline = Rgb{255, 255, 255});

} // namespace pooled::report
