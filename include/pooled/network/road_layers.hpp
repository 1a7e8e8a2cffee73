#pragma once
/// @file
/// @brief Road segments from GDAL layers: road lines (noded at shared vertices) and edge
/// tables in the pgRouting convention.

#include <pooled/io/layer.hpp>
#include <pooled/network/profile.hpp>
#include <pooled/network/road_edges.hpp>
#include <pooled/pooled_cxx_export.h>

#include <string>

namespace pooled::network {

/// Which columns of a road line layer describe the roads. Empty = not mapped.
struct RoadLineFields {
    /// Speed in km/h; null, 0 or unmapped takes the class default (below). DEFAULT: "maxspeed".
    std::string speed_kmh = "maxspeed";
    /// Road class, OSM highway values ("primary", "residential", ...) as in the Geofabrik
    /// `fclass` column: chooses the default speed and whether the profile may use the road.
    /// DEFAULT: "fclass".
    std::string road_class = "fclass";
    /// Direction: "B" both, "F" forward only, "T" backward only (Geofabrik), also
    /// "yes"/"no"/"-1" (OSM). Null or unmapped = both. DEFAULT: "oneway".
    std::string oneway = "oneway";
};

/// Builds road segments from a line layer (already loaded in its working CRS). Lines are
/// split where they share a vertex with another line (or its end), so roads that cross
/// without a shared vertex (bridges, tunnels) stay unconnected, as in the data.
/// @throws Error naming the layer, feature and field for a speed that is not a number or not
///         positive, an unknown oneway value, or a non-line geometry.
POOLED_CXX_API RoadEdges read_road_lines(const io::Layer &layer, Profile profile, const RoadLineFields &fields = {});

/// Which columns of an edge table (pgRouting convention) to read.
struct EdgeTableFields {
    std::string id = "id";
    std::string source = "source";
    std::string target = "target";
    std::string cost = "cost";                 ///< source -> target; negative = not traversable
    std::string reverse_cost = "reverse_cost"; ///< target -> source; negative = not traversable; unmapped/missing = same as cost
    std::string length = "";                   ///< metres; empty = from the geometry or x1,y1,x2,y2, else the cost
    std::string x1 = "x1", y1 = "y1", x2 = "x2", y2 = "y2"; ///< optional node coordinates (used when the layer has no geometry)
};

/// What the costs of an edge table mean.
enum class EdgeCostUnit { seconds, metres };

/// Builds road segments from a pgRouting-style edge table (CSV or any GDAL layer). Node keys
/// are the table's source/target ids. Geometry comes from the layer's lines, else from
/// x1,y1,x2,y2 (in the layer's working CRS, or the CRS assumed for it), else there is none.
/// @throws Error naming the layer, feature and field for a missing column, a non-integer or
///         negative node id, a cost that is not a number, or an edge with both costs negative.
POOLED_CXX_API RoadEdges read_edge_table(const io::Layer &layer, EdgeCostUnit unit, const EdgeTableFields &fields = {});

} // namespace pooled::network
