#pragma once
// Implementation of pooled::geometry::for_each_point; included by types.hpp only.

#include <type_traits>

namespace pooled::geometry {

template <typename Fn>
void for_each_point(Geometry &geometry, Fn &&fn) {
    const auto on_points = [&fn](std::vector<Point> &points) {
        for (auto &p : points) {
            fn(p);
        }
    };
    const auto on_polygon = [&on_points](Polygon &polygon) {
        on_points(polygon.outer.points);
        for (auto &hole : polygon.holes) {
            on_points(hole.points);
        }
    };
    std::visit(
        [&](auto &g) {
            using T = std::decay_t<decltype(g)>;
            if constexpr (std::is_same_v<T, Point>) {
                fn(g);
            } else if constexpr (std::is_same_v<T, LineString> || std::is_same_v<T, MultiPoint>) {
                on_points(g.points);
            } else if constexpr (std::is_same_v<T, Polygon>) {
                on_polygon(g);
            } else if constexpr (std::is_same_v<T, MultiLineString>) {
                for (auto &line : g.lines) {
                    on_points(line.points);
                }
            } else if constexpr (std::is_same_v<T, MultiPolygon>) {
                for (auto &polygon : g.polygons) {
                    on_polygon(polygon);
                }
            }
        },
        geometry);
}

} // namespace pooled::geometry
