#pragma once
/// @file
/// @brief Geometry value types. Coordinates are in the run's working CRS (metres).

#include <pooled/pooled_cxx_export.h>

#include <algorithm>
#include <limits>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace pooled::geometry {

/// A position in the working CRS: x = easting, y = northing, metres.
struct Point {
    double x = 0.0;
    double y = 0.0;
    friend bool operator==(const Point &, const Point &) = default;
};

struct LineString {
    std::vector<Point> points;
    friend bool operator==(const LineString &, const LineString &) = default;
};

/// A closed ring: the first and last points are equal.
struct Ring {
    std::vector<Point> points;
    friend bool operator==(const Ring &, const Ring &) = default;
};

struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
    friend bool operator==(const Polygon &, const Polygon &) = default;
};

struct MultiPoint {
    std::vector<Point> points;
    friend bool operator==(const MultiPoint &, const MultiPoint &) = default;
};

struct MultiLineString {
    std::vector<LineString> lines;
    friend bool operator==(const MultiLineString &, const MultiLineString &) = default;
};

struct MultiPolygon {
    std::vector<Polygon> polygons;
    friend bool operator==(const MultiPolygon &, const MultiPolygon &) = default;
};

/// No geometry (a feature without one, or an empty one).
struct Empty {
    friend bool operator==(const Empty &, const Empty &) = default;
};

using Geometry = std::variant<Empty, Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon>;

/// Broad geometry family, for checking that a layer is not mixed.
enum class GeometryFamily { none, point, line, polygon };

/// An axis-aligned box; a default one is empty and grows with expand().
struct Box {
    double min_x = std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity();
    double max_x = -std::numeric_limits<double>::infinity();
    double max_y = -std::numeric_limits<double>::infinity();

    bool empty() const noexcept { return min_x > max_x || min_y > max_y; }
    void expand(const Point &p) noexcept {
        min_x = std::min(min_x, p.x);
        min_y = std::min(min_y, p.y);
        max_x = std::max(max_x, p.x);
        max_y = std::max(max_y, p.y);
    }
    void expand(const Box &b) noexcept {
        if (!b.empty()) {
            expand(Point{b.min_x, b.min_y});
            expand(Point{b.max_x, b.max_y});
        }
    }
    bool contains(const Point &p) const noexcept {
        return p.x >= min_x && p.x <= max_x && p.y >= min_y && p.y <= max_y;
    }
    friend bool operator==(const Box &, const Box &) = default;
};

/// The bounding box of any geometry (empty for Empty).
POOLED_CXX_API Box envelope(const Geometry &geometry);
POOLED_CXX_API GeometryFamily family(const Geometry &geometry) noexcept;
/// "Point", "MultiPolygon", ... (OGC names); "Empty" for no geometry.
POOLED_CXX_API const char *type_name(const Geometry &geometry) noexcept;
POOLED_CXX_API bool is_empty(const Geometry &geometry) noexcept;
/// Calls `fn(Point *first, std::size_t count)` once per contiguous run of vertices (a point,
/// a line, a ring), e.g. to reproject a ring in one batch; `const Point *` for a const geometry.
template <typename TGeometry, typename Fn>
    requires std::is_same_v<std::remove_const_t<TGeometry>, Geometry>
void for_each_point_run(TGeometry &geometry, Fn &&fn);
/// Calls `fn(Point&)` on every vertex.
template <typename Fn>
void for_each_point(Geometry &geometry, Fn &&fn);

} // namespace pooled::geometry

#include <pooled/geometry/detail/for_each_point.hpp>
