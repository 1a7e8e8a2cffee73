#pragma once
/// @file
/// @brief Road segments as the graph builders produce them, before the graph is compacted.
///
/// Every source of roads (OSM PBF, road line layers, pgRouting edge tables) is turned into
/// RoadEdges; build_graph() turns RoadEdges into the one compact Graph all searches use.

#include <pooled/crs/crs.hpp>
#include <pooled/geometry/types.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace pooled::network {

/// Marks a direction that cannot be travelled.
inline constexpr double not_traversable = std::numeric_limits<double>::infinity();

/// One road segment between two junctions (or ends).
struct RoadEdge {
    std::uint64_t source = 0;       ///< key of the start junction (OSM node id, pgRouting id, vertex index)
    std::uint64_t target = 0;       ///< key of the end junction
    double metres = 0.0;            ///< length along the road, >= 0
    double forward_seconds = 0.0;   ///< source -> target; not_traversable if closed that way
    double backward_seconds = 0.0;  ///< target -> source; not_traversable if closed that way
    /// The road's line from source to target in the working CRS (first and last points are
    /// the junctions); empty when the source gives no geometry (a bare pgRouting table).
    std::vector<geometry::Point> shape;
    std::int64_t origin_id = -1;    ///< id of the way, feature or row it came from, for messages
};

/// The road segments of one network, all in one working CRS.
struct RoadEdges {
    std::optional<crs::WorkingCrs> crs; ///< none when the source has no coordinates
    std::vector<RoadEdge> edges;
    std::string source;                 ///< where they came from, for messages
};

} // namespace pooled::network
