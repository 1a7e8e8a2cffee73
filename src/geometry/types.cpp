#include <pooled/geometry/types.hpp>

#include <type_traits>

namespace pooled::geometry {

namespace {

template <typename... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
template <typename... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

void expand_all(Box &box, const std::vector<Point> &points) noexcept {
    for (const Point &p : points) {
        box.expand(p);
    }
}

void expand_polygon(Box &box, const Polygon &polygon) noexcept {
    // Holes too: in an invalid polygon a hole may lie outside the outer ring.
    expand_all(box, polygon.outer.points);
    for (const Ring &hole : polygon.holes) {
        expand_all(box, hole.points);
    }
}

} // namespace

Box envelope(const Geometry &geometry) {
    Box box;
    std::visit(Overloaded{
                   [](const Empty &) {},
                   [&box](const Point &p) { box.expand(p); },
                   [&box](const LineString &g) { expand_all(box, g.points); },
                   [&box](const Polygon &g) { expand_polygon(box, g); },
                   [&box](const MultiPoint &g) { expand_all(box, g.points); },
                   [&box](const MultiLineString &g) {
                       for (const LineString &line : g.lines) {
                           expand_all(box, line.points);
                       }
                   },
                   [&box](const MultiPolygon &g) {
                       for (const Polygon &polygon : g.polygons) {
                           expand_polygon(box, polygon);
                       }
                   },
               },
               geometry);
    return box;
}

GeometryFamily family(const Geometry &geometry) noexcept {
    return std::visit(Overloaded{
                          [](const Empty &) { return GeometryFamily::none; },
                          [](const Point &) { return GeometryFamily::point; },
                          [](const MultiPoint &) { return GeometryFamily::point; },
                          [](const LineString &) { return GeometryFamily::line; },
                          [](const MultiLineString &) { return GeometryFamily::line; },
                          [](const Polygon &) { return GeometryFamily::polygon; },
                          [](const MultiPolygon &) { return GeometryFamily::polygon; },
                      },
                      geometry);
}

const char *type_name(const Geometry &geometry) noexcept {
    return std::visit(Overloaded{
                          [](const Empty &) { return "Empty"; },
                          [](const Point &) { return "Point"; },
                          [](const LineString &) { return "LineString"; },
                          [](const Polygon &) { return "Polygon"; },
                          [](const MultiPoint &) { return "MultiPoint"; },
                          [](const MultiLineString &) { return "MultiLineString"; },
                          [](const MultiPolygon &) { return "MultiPolygon"; },
                      },
                      geometry);
}

// Empty in the OGC sense (as GEOSisEmpty): no coordinates at all. A Polygon is empty when its
// outer ring has no points; a Multi* when it has no members or only empty ones.
bool is_empty(const Geometry &geometry) noexcept {
    return std::visit(Overloaded{
                          [](const Empty &) { return true; },
                          [](const Point &) { return false; },
                          [](const LineString &g) { return g.points.empty(); },
                          [](const Polygon &g) { return g.outer.points.empty(); },
                          [](const MultiPoint &g) { return g.points.empty(); },
                          [](const MultiLineString &g) {
                              return std::all_of(g.lines.begin(), g.lines.end(),
                                                 [](const LineString &l) { return l.points.empty(); });
                          },
                          [](const MultiPolygon &g) {
                              return std::all_of(g.polygons.begin(), g.polygons.end(),
                                                 [](const Polygon &p) { return p.outer.points.empty(); });
                          },
                      },
                      geometry);
}

} // namespace pooled::geometry
