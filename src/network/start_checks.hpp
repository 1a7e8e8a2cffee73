#pragma once
// INTERNAL to libpooled: the checks every search makes of its starts (BoundedSearch, the
// hierarchy's ForwardSearch).

#include <pooled/core/error.hpp>
#include <pooled/network/search.hpp>

#include <cmath>
#include <span>
#include <string>

namespace pooled::network::detail {

/// @throws Error (Errc::argument) for a start outside a graph of `n` nodes, or with a negative
///         or NaN cost or other measure.
inline void check_starts(std::span<const Start> starts, NodeId n) {
    for (const Start &start : starts) {
        if (start.node >= n) {
            throw Error(Errc::argument, "search start node " + std::to_string(start.node) +
                                            " is not in the graph (it has " + std::to_string(n) + " nodes)");
        }
        if (std::isnan(start.cost) || start.cost < 0.0 || std::isnan(start.other) || start.other < 0.0) {
            throw Error(Errc::argument, "search start at node " + std::to_string(start.node) +
                                            " has a negative or NaN cost or other measure");
        }
    }
}

} // namespace pooled::network::detail
