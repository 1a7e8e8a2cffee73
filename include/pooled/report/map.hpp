#pragma once
/// @file
/// @brief A map as plain data: an extent in the working CRS (metres), layers of polygons,
/// lines and points with their own colours, a legend, a title and attribution lines. One
/// drawing function (report/render.hpp) puts it on a PNG, SVG or PDF surface alike, with a
/// scale bar and a north arrow. Sizes of symbols, lines and text are in points (1/72 inch).

#include <pooled/geometry/types.hpp>
#include <pooled/pooled_cxx_export.h>
#include <pooled/report/palette.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace pooled::report {

/// A polygon or multipolygon with its own fill; `fill` empty draws the outline only.
struct PolygonFeature {
    geometry::Geometry shape;
    std::optional<Rgb> fill;
    std::string label; ///< drawn at the shape's representative point when not empty
};

struct PolygonLayer {
    std::vector<PolygonFeature> features;
    std::optional<Rgb> outline = Rgb{255, 255, 255}; ///< none: no outline
    double outline_width_pt = 0.4;
    double opacity = 1.0; ///< of the fills, 0..1
};

struct LineFeature {
    geometry::Geometry line; ///< a LineString or MultiLineString (polygon rings are drawn too)
    Rgb colour;
    double width_pt = 1.0;
    std::string label; ///< drawn at the middle vertex of the first line
};

struct LineLayer {
    std::vector<LineFeature> features;
};

enum class Symbol { circle, square, triangle, diamond };

struct PointFeature {
    geometry::Point position;
    Rgb colour;
    double size_pt = 6.0; ///< the symbol's width
    Symbol symbol = Symbol::circle;
    std::string label; ///< drawn to the right of the symbol
};

struct PointLayer {
    std::vector<PointFeature> features;
    std::optional<Rgb> outline = Rgb{255, 255, 255};
};

/// Layers are drawn in order, the first at the bottom; labels go on top of all layers, in
/// layer and feature order, and a label that would overlap an earlier one is left out.
using MapLayer = std::variant<PolygonLayer, LineLayer, PointLayer>;

/// What a legend entry's key looks like.
enum class LegendKey {
    fill,    ///< a filled box
    outline, ///< an empty box drawn in the colour (catchment boundaries, study areas)
    line,
    point
};

struct LegendEntry {
    std::string label;
    Rgb colour;
    LegendKey key = LegendKey::fill;
    Symbol symbol = Symbol::circle; ///< for LegendKey::point
};

struct Map {
    std::string title;
    /// The area to show, working CRS. Empty (the default): the layers' extent plus 3%. The
    /// frame keeps one scale for x and y, so the extent grows on one axis to fill it.
    geometry::Box extent;
    std::vector<MapLayer> layers;
    std::string legend_title;
    std::vector<LegendEntry> legend;
    /// One line each, e.g. "© OpenStreetMap contributors", "Contains OS data © Crown
    /// copyright and database right 2024", "Source: Office for National Statistics".
    std::vector<std::string> attribution;
    bool scale_bar = true;
    bool north_arrow = true;
};

/// A scale bar: a round length and how long it is drawn.
struct ScaleBar {
    double length_m = 0.0;  ///< 1, 2 or 5 times a power of ten metres
    double length_pt = 0.0; ///< length_m at the map's scale
    std::string label;      ///< "500 m", "2 km", "1.5 km" never (always round)
};

/// The longest round length (1, 2 or 5 x 10^n m) that is drawn no longer than `max_length_pt`
/// at `metres_per_pt` metres per point. Below 1 km the label is in m, from 1 km in km.
/// @throws Error (Errc::argument) if either argument is not positive and finite.
POOLED_CXX_API ScaleBar scale_bar(double metres_per_pt, double max_length_pt);

} // namespace pooled::report
