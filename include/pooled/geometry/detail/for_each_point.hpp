#pragma once
// Implementation of pooled::geometry::for_each_point_run and for_each_point; included by
// types.hpp only.

#include <cstddef>
#include <type_traits>

namespace pooled::geometry {

template <typename TGeometry, typename Fn>
    requires std::is_same_v<std::remove_const_t<TGeometry>, Geometry>
void for_each_point_run(TGeometry &geometry, Fn &&fn) {
    const auto run = [&fn](auto &points) {
        if (!points.empty()) {
            fn(points.data(), points.size());
        }
    };
    const auto polygon = [&run](auto &p) {
        run(p.outer.points);
        for (auto &hole : p.holes) {
            run(hole.points);
        }
    };
    std::visit(
        [&](auto &g) {
            using T = std::remove_cvref_t<decltype(g)>;
            if constexpr (std::is_same_v<T, Point>) {
                fn(&g, std::size_t{1});
            } else if constexpr (std::is_same_v<T, LineString> || std::is_same_v<T, MultiPoint>) {
                run(g.points);
            } else if constexpr (std::is_same_v<T, Polygon>) {
                polygon(g);
            } else if constexpr (std::is_same_v<T, MultiLineString>) {
                for (auto &line : g.lines) {
                    run(line.points);
                }
            } else if constexpr (std::is_same_v<T, MultiPolygon>) {
                for (auto &p : g.polygons) {
                    polygon(p);
                }
            }
        },
        geometry);
}

template <typename Fn>
void for_each_point(Geometry &geometry, Fn &&fn) {
    for_each_point_run(geometry, [&fn](Point *first, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) {
            fn(first[i]);
        }
    });
}

} // namespace pooled::geometry
