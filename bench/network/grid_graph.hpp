#pragma once
// Shared by the grid benchmark programs: the graph of an edge list (common.hpp) with
// coordinates, node id -> a 100 m grid in British National Grid.

#include "common.hpp"

#include <pooled/network/graph.hpp>

#include <optional>
#include <span>

namespace bench {

inline pooled::geometry::Point grid_position(const EdgeList &list, std::uint64_t node) {
    return {400000.0 + 100.0 * static_cast<double>(node % list.width),
            200000.0 + 100.0 * static_cast<double>(node / list.width)};
}

/// The graph of `list`, with straight edge shapes when `shapes`; the build time to `*build_s`.
inline pooled::network::Graph grid_graph(const EdgeList &list, bool shapes, double *build_s) {
    using namespace pooled::network;
    GraphBuilder builder("grid", shapes ? std::optional(pooled::crs::WorkingCrs::british_national_grid()) : std::nullopt);
    builder.reserve(list.size(), shapes ? 2 * list.size() : 0);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const pooled::geometry::Point shape[2] = {grid_position(list, list.u[i]), grid_position(list, list.v[i])};
        const double metres =
            list.v[i] - list.u[i] == 1 || list.v[i] - list.u[i] == list.width ? 100.0 : 141.42135623730951;
        builder.add(list.u[i], list.v[i], metres, std::isfinite(list.fwd[i]) ? list.fwd[i] : not_traversable,
                    std::isfinite(list.bwd[i]) ? list.bwd[i] : not_traversable,
                    shapes ? std::span<const pooled::geometry::Point>(shape) : std::span<const pooled::geometry::Point>());
    }
    const double t = now_s();
    Graph graph = builder.build();
    *build_s = now_s() - t;
    return graph;
}

} // namespace bench
