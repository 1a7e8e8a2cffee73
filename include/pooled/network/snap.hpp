#pragma once
/// @file
/// @brief Snapping points to the nearest road edge (not just the nearest node).

#include <pooled/geometry/types.hpp>
#include <pooled/network/graph.hpp>
#include <pooled/network/search.hpp>
#include <pooled/pooled_cxx_export.h>

#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace pooled::network {

/// Where a point meets the network.
struct Snap {
    EdgeId edge = 0;
    /// Position along the edge's shape from Edge::from, as a fraction of its length (0..1).
    double fraction = 0.0;
    geometry::Point on_road;  ///< the nearest point on the edge
    double distance_m = 0.0;  ///< from the point to on_road (the access leg), metres
};

/// Finds the nearest edge to points with a bulk-loaded R-tree over every edge segment.
/// Thread safety: const members may be called from any thread.
class POOLED_CXX_API Snapper {
public:
    /// @throws Error (Errc::argument) if the graph has no coordinates.
    explicit Snapper(const Graph &graph);
    ~Snapper();
    Snapper(Snapper &&) noexcept;
    Snapper &operator=(Snapper &&) noexcept;
    Snapper(const Snapper &) = delete;
    Snapper &operator=(const Snapper &) = delete;

    /// The nearest edge within `max_distance_m`, or nullopt. Ties go to the smaller edge id.
    std::optional<Snap> snap(const geometry::Point &point, double max_distance_m) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// How the leg between a point and the road is costed.
struct AccessLeg {
    double speed_mps = 5.0 / 3.6; ///< DEFAULT: walking pace, 5 km/h, whatever the profile
};

/// Search starts for a point snapped onto an edge: the edge's end nodes that can be reached
/// along the edge from the snap, with the partial edge cost plus the access leg.
POOLED_CXX_API std::vector<Start> starts_from(const Graph &graph, const Snap &snap, Cost cost,
                                              const AccessLeg &access, std::uint32_t source = 0);

/// The cost of reaching a snapped point after a search: through whichever end node of its
/// edge is cheaper (entering the edge in a direction it may be travelled), plus the partial
/// edge cost and the access leg; +inf if neither end was reached. `other` (if given) gets
/// the other measure along that path. When `origin` is on the same edge, travelling along
/// that edge directly is considered too.
POOLED_CXX_API double cost_to_snap(const BoundedSearch &search, const Snap &destination, const AccessLeg &access,
                                   const Snap *origin = nullptr, double *other = nullptr);

/// What a search found at a node: the cost and the other measure to it (+inf if not reached).
struct NodeReach {
    double cost = std::numeric_limits<double>::infinity();
    double other = std::numeric_limits<double>::infinity();
};

/// cost_to_snap() from the costs to the destination edge's end nodes however they were found
/// (a BoundedSearch, a contraction hierarchy), minimising `cost`.
POOLED_CXX_API double cost_to_snap(const Graph &graph, Cost cost, NodeReach at_from, NodeReach at_to,
                                   const Snap &destination, const AccessLeg &access, const Snap *origin = nullptr,
                                   double *other = nullptr);

} // namespace pooled::network
