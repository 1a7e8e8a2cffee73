#include "io/ogr_convert.hpp"

#include <ogr_geometry.h>

#include <memory>
#include <type_traits>

namespace pooled::io::detail {

namespace {
using namespace pooled::geometry;

std::vector<Point> points_of(const OGRSimpleCurve &curve) {
    std::vector<Point> points(static_cast<std::size_t>(curve.getNumPoints()));
    for (std::size_t i = 0; i < points.size(); ++i) {
        const int k = static_cast<int>(i);
        points[i] = Point{curve.getX(k), curve.getY(k)};
    }
    return points;
}

Polygon polygon_of(const OGRPolygon &polygon) {
    Polygon out;
    if (const auto *outer = polygon.getExteriorRing()) {
        out.outer.points = points_of(*outer);
    }
    for (int i = 0; i < polygon.getNumInteriorRings(); ++i) {
        out.holes.push_back(Ring{points_of(*polygon.getInteriorRing(i))});
    }
    return out;
}

// Adds one part to a Multi* accumulator of its family, creating it on first use.
void append_part(Geometry &acc, const Geometry &part) {
    std::visit(
        [&acc](const auto &g) {
            using T = std::decay_t<decltype(g)>;
            if constexpr (std::is_same_v<T, Point>) {
                if (std::holds_alternative<Empty>(acc)) acc = MultiPoint{};
                if (auto *m = std::get_if<MultiPoint>(&acc)) m->points.push_back(g);
            } else if constexpr (std::is_same_v<T, MultiPoint>) {
                if (std::holds_alternative<Empty>(acc)) acc = MultiPoint{};
                if (auto *m = std::get_if<MultiPoint>(&acc)) m->points.insert(m->points.end(), g.points.begin(), g.points.end());
            } else if constexpr (std::is_same_v<T, LineString>) {
                if (std::holds_alternative<Empty>(acc)) acc = MultiLineString{};
                if (auto *m = std::get_if<MultiLineString>(&acc)) m->lines.push_back(g);
            } else if constexpr (std::is_same_v<T, MultiLineString>) {
                if (std::holds_alternative<Empty>(acc)) acc = MultiLineString{};
                if (auto *m = std::get_if<MultiLineString>(&acc)) m->lines.insert(m->lines.end(), g.lines.begin(), g.lines.end());
            } else if constexpr (std::is_same_v<T, Polygon>) {
                if (std::holds_alternative<Empty>(acc)) acc = MultiPolygon{};
                if (auto *m = std::get_if<MultiPolygon>(&acc)) m->polygons.push_back(g);
            } else if constexpr (std::is_same_v<T, MultiPolygon>) {
                if (std::holds_alternative<Empty>(acc)) acc = MultiPolygon{};
                if (auto *m = std::get_if<MultiPolygon>(&acc)) m->polygons.insert(m->polygons.end(), g.polygons.begin(), g.polygons.end());
            }
        },
        part);
}

Geometry convert(const OGRGeometry &geometry) {
    if (geometry.IsEmpty()) {
        return Empty{};
    }
    if (geometry.hasCurveGeometry(TRUE)) {
        std::unique_ptr<OGRGeometry> linear(geometry.getLinearGeometry());
        return linear ? convert(*linear) : Geometry{Empty{}};
    }
    switch (wkbFlatten(geometry.getGeometryType())) {
    case wkbPoint: {
        const auto *p = geometry.toPoint();
        return Point{p->getX(), p->getY()};
    }
    case wkbLineString:
        return LineString{points_of(*geometry.toLineString())};
    case wkbPolygon:
        return polygon_of(*geometry.toPolygon());
    case wkbMultiPoint: {
        MultiPoint out;
        for (const auto *p : *geometry.toMultiPoint()) {
            if (!p->IsEmpty()) out.points.push_back(Point{p->getX(), p->getY()});
        }
        return out;
    }
    case wkbMultiLineString: {
        MultiLineString out;
        for (const auto *line : *geometry.toMultiLineString()) {
            out.lines.push_back(LineString{points_of(*line)});
        }
        return out;
    }
    case wkbMultiPolygon: {
        MultiPolygon out;
        for (const auto *polygon : *geometry.toMultiPolygon()) {
            out.polygons.push_back(polygon_of(*polygon));
        }
        return out;
    }
    case wkbGeometryCollection: {
        Geometry acc = Empty{};
        for (const auto *part : *geometry.toGeometryCollection()) {
            const Geometry converted = convert(*part);
            if (is_empty(converted)) continue;
            if (!std::holds_alternative<Empty>(acc) && family(acc) != family(converted)) continue;
            append_part(acc, converted);
        }
        return acc;
    }
    default:
        return Empty{};
    }
}

OGRLinearRing *ring_to_ogr(const std::vector<Point> &points) {
    auto *ring = new OGRLinearRing();
    ring->setNumPoints(static_cast<int>(points.size()), FALSE);
    for (std::size_t i = 0; i < points.size(); ++i) {
        ring->setPoint(static_cast<int>(i), points[i].x, points[i].y);
    }
    return ring;
}

OGRLineString *line_to_ogr(const std::vector<Point> &points) {
    auto *line = new OGRLineString();
    line->setNumPoints(static_cast<int>(points.size()), FALSE);
    for (std::size_t i = 0; i < points.size(); ++i) {
        line->setPoint(static_cast<int>(i), points[i].x, points[i].y);
    }
    return line;
}

OGRPolygon *polygon_to_ogr(const Polygon &polygon) {
    auto *out = new OGRPolygon();
    out->addRingDirectly(ring_to_ogr(polygon.outer.points));
    for (const auto &hole : polygon.holes) {
        out->addRingDirectly(ring_to_ogr(hole.points));
    }
    return out;
}
} // namespace

geometry::Geometry from_ogr(OGRGeometryH geometry) {
    if (geometry == nullptr) {
        return geometry::Empty{};
    }
    return convert(*OGRGeometry::FromHandle(geometry));
}

OGRGeometryH to_ogr(const geometry::Geometry &value) {
    OGRGeometry *out = std::visit(
        [](const auto &g) -> OGRGeometry * {
            using T = std::decay_t<decltype(g)>;
            if constexpr (std::is_same_v<T, Empty>) {
                return nullptr;
            } else if constexpr (std::is_same_v<T, Point>) {
                return new OGRPoint(g.x, g.y);
            } else if constexpr (std::is_same_v<T, LineString>) {
                return line_to_ogr(g.points);
            } else if constexpr (std::is_same_v<T, Polygon>) {
                return polygon_to_ogr(g);
            } else if constexpr (std::is_same_v<T, MultiPoint>) {
                auto *m = new OGRMultiPoint();
                for (const auto &p : g.points) m->addGeometryDirectly(new OGRPoint(p.x, p.y));
                return m;
            } else if constexpr (std::is_same_v<T, MultiLineString>) {
                auto *m = new OGRMultiLineString();
                for (const auto &line : g.lines) m->addGeometryDirectly(line_to_ogr(line.points));
                return m;
            } else {
                auto *m = new OGRMultiPolygon();
                for (const auto &polygon : g.polygons) m->addGeometryDirectly(polygon_to_ogr(polygon));
                return m;
            }
        },
        value);
    return OGRGeometry::ToHandle(out);
}

OGRwkbGeometryType ogr_type_of(const geometry::Geometry &value) noexcept {
    switch (value.index()) {
    case 1: return wkbPoint;
    case 2: return wkbLineString;
    case 3: return wkbPolygon;
    case 4: return wkbMultiPoint;
    case 5: return wkbMultiLineString;
    case 6: return wkbMultiPolygon;
    default: return wkbNone;
    }
}

} // namespace pooled::io::detail
