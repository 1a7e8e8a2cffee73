// Overlay and construction through GEOS: buffer, intersection, union, Voronoi cells.
// Like algorithms.cpp, every function makes its own GeosContext (no state shared between calls
// or threads).

#include <pooled/geometry/algorithms.hpp>

#include "geometry/geos_handle.hpp"
#include "geometry/rtree_types.hpp"

#include <pooled/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <utility>

namespace pooled::geometry {

using detail::from_geos;
using detail::GeosContext;
using detail::GeosGeometry;
using detail::to_geos;

namespace {

namespace bgi = boost::geometry::index;
using detail::box_of;
using detail::PointValue;
using detail::RTree;
using detail::to_bbox;
using detail::to_bpoint;

int rank(GeometryFamily f) noexcept {
    switch (f) {
    case GeometryFamily::point:
        return 0;
    case GeometryFamily::line:
        return 1;
    case GeometryFamily::polygon:
        return 2;
    case GeometryFamily::none:
        break;
    }
    return 3;
}

/// Crossing-number test of a point strictly inside a ring (points on the ring may go either way).
bool inside_ring(const Point &p, const std::vector<Point> &ring) noexcept {
    bool inside = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const Point &a = ring[i];
        const Point &b = ring[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) {
            inside = !inside;
        }
    }
    return inside;
}

bool inside_polygon(const Point &p, const Polygon &polygon) noexcept {
    if (polygon.outer.points.size() < 4 || !inside_ring(p, polygon.outer.points)) {
        return false;
    }
    return std::none_of(polygon.holes.begin(), polygon.holes.end(),
                        [&p](const Ring &hole) { return hole.points.size() >= 4 && inside_ring(p, hole.points); });
}

void check_buffer(double distance, int quadrant_segments) {
    if (!std::isfinite(distance)) {
        throw Error(Errc::argument, "buffer distance must be a finite number of metres");
    }
    if (quadrant_segments < 1) {
        throw Error(Errc::argument,
                    "buffer quadrant segments must be 1 or more, not " + std::to_string(quadrant_segments));
    }
}

} // namespace

Geometry buffer(const Geometry &geometry, double distance, int quadrant_segments) {
    check_buffer(distance, quadrant_segments);
    if (is_empty(geometry)) {
        return Empty{};
    }
    GeosContext context;
    const GeosGeometry g = to_geos(context, geometry);
    const GeosGeometry result = context.own(GEOSBuffer_r(context.handle(), g.get(), distance, quadrant_segments),
                                            Errc::data, "cannot buffer the geometry");
    return from_geos(context, result.get(), GeometryFamily::polygon);
}

Geometry buffer_union(const std::vector<LineString> &lines, double distance, int quadrant_segments) {
    check_buffer(distance, quadrant_segments);
    if (lines.empty()) {
        return Empty{};
    }
    GeosContext context;
    GEOSContextHandle_t h = context.handle();
    std::vector<GeosGeometry> bands;
    bands.reserve(lines.size());
    for (const LineString &line : lines) {
        const GeosGeometry g = to_geos(context, line);
        bands.push_back(
            context.own(GEOSBuffer_r(h, g.get(), distance, quadrant_segments), Errc::data, "cannot buffer a line"));
    }
    const GeosGeometry collection =
        collect(context, GEOS_GEOMETRYCOLLECTION, std::move(bands), "cannot collect the buffers");
    const GeosGeometry result =
        context.own(GEOSUnaryUnion_r(h, collection.get()), Errc::data, "cannot union the buffers");
    return from_geos(context, result.get(), GeometryFamily::polygon);
}

Geometry intersection(const Geometry &a, const Geometry &b) {
    if (is_empty(a) || is_empty(b)) {
        return Empty{};
    }
    GeosContext context;
    const GeosGeometry ga = to_geos(context, a);
    const GeosGeometry gb = to_geos(context, b);
    const GeosGeometry result = context.own(GEOSIntersection_r(context.handle(), ga.get(), gb.get()), Errc::data,
                                            "cannot intersect the geometries");
    const GeometryFamily keep = rank(family(a)) <= rank(family(b)) ? family(a) : family(b);
    return from_geos(context, result.get(), keep);
}

double intersection_area(const Geometry &a, const Geometry &b) {
    if (is_empty(a) || is_empty(b) || family(a) != GeometryFamily::polygon ||
        family(b) != GeometryFamily::polygon) {
        return 0.0;
    }
    GeosContext context;
    const GeosGeometry ga = to_geos(context, a);
    const GeosGeometry gb = to_geos(context, b);
    const GeosGeometry result = context.own(GEOSIntersection_r(context.handle(), ga.get(), gb.get()), Errc::data,
                                            "cannot intersect the geometries");
    double value = 0.0;
    context.require(GEOSArea_r(context.handle(), result.get(), &value) != 0, Errc::data,
                    "cannot compute the area of the intersection");
    return value;
}

Geometry unary_union(const Geometry &geometry) {
    if (is_empty(geometry)) {
        return Empty{};
    }
    GeosContext context;
    const GeosGeometry g = to_geos(context, geometry);
    const GeosGeometry result =
        context.own(GEOSUnaryUnion_r(context.handle(), g.get()), Errc::data, "cannot union the geometry");
    return from_geos(context, result.get());
}

std::vector<Geometry> voronoi_cells(const std::vector<Point> &sites, const Box &extent) {
    if (sites.empty()) {
        throw Error(Errc::argument, "Voronoi cells need at least one site");
    }
    Box box = extent;
    for (std::size_t i = 0; i < sites.size(); ++i) {
        if (!std::isfinite(sites[i].x) || !std::isfinite(sites[i].y)) {
            throw Error(Errc::argument, "Voronoi site " + std::to_string(i) + " has a coordinate that is not finite");
        }
        box.expand(sites[i]);
    }
    {
        std::vector<Point> sorted = sites;
        std::sort(sorted.begin(), sorted.end(),
                  [](const Point &p, const Point &q) { return p.x < q.x || (p.x == q.x && p.y < q.y); });
        if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
            throw Error(Errc::argument, "Voronoi sites must be at distinct locations");
        }
    }
    if (sites.size() == 1) {
        // GEOS draws no diagram for one site: its cell is everything, here the box.
        if (box.min_x == box.max_x || box.min_y == box.max_y) {
            const double grow = std::max({1.0, box.max_x - box.min_x, box.max_y - box.min_y});
            box.expand(Point{box.min_x - grow, box.min_y - grow});
            box.expand(Point{box.max_x + grow, box.max_y + grow});
        }
        return {Polygon{Ring{{{box.min_x, box.min_y},
                              {box.max_x, box.min_y},
                              {box.max_x, box.max_y},
                              {box.min_x, box.max_y},
                              {box.min_x, box.min_y}}},
                        {}}};
    }

    GeosContext context;
    GEOSContextHandle_t h = context.handle();
    const GeosGeometry points = to_geos(context, MultiPoint{sites});
    const GeosGeometry envelope =
        context.own(GEOSGeom_createRectangle_r(h, box.min_x, box.min_y, box.max_x, box.max_y), Errc::internal,
                    "cannot build the Voronoi extent");
    const GeosGeometry diagram = context.own(GEOSVoronoiDiagram_r(h, points.get(), envelope.get(), 0.0, 0),
                                             Errc::data, "cannot build the Voronoi diagram");
    const Geometry cells = from_geos(context, diagram.get(), GeometryFamily::polygon);
    const auto *polygons = std::get_if<MultiPolygon>(&cells);
    if (polygons == nullptr) {
        throw Error(Errc::internal, "GEOS returned no Voronoi cells");
    }

    // GEOS 3.11 returns the cells in its own order: give each its site, the one inside it.
    std::vector<PointValue> values;
    values.reserve(sites.size());
    for (std::size_t i = 0; i < sites.size(); ++i) {
        values.emplace_back(to_bpoint(sites[i]), i);
    }
    const RTree<PointValue> tree(values.begin(), values.end());
    std::vector<Geometry> out(sites.size());
    std::vector<bool> assigned(sites.size(), false);
    std::vector<PointValue> found;
    for (const Polygon &cell : polygons->polygons) {
        found.clear();
        tree.query(bgi::intersects(to_bbox(box_of(cell.outer.points))), std::back_inserter(found));
        std::sort(found.begin(), found.end(), [](const auto &l, const auto &r) { return l.second < r.second; });
        for (const auto &[point, index] : found) {
            if (!assigned[index] && inside_polygon(sites[index], cell)) {
                out[index] = cell;
                assigned[index] = true;
                break;
            }
        }
    }
    for (std::size_t i = 0; i < sites.size(); ++i) {
        if (!assigned[i]) {
            throw Error(Errc::internal, "GEOS returned no Voronoi cell for site " + std::to_string(i));
        }
    }
    return out;
}

} // namespace pooled::geometry
