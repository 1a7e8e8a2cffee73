#pragma once
/// @file
/// @brief Road segments from GDAL layers: road lines (noded at shared vertices) and edge
/// tables in the pgRouting convention.

#include <pooled/io/layer.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/network/profile.hpp>
#include <pooled/network/road_edges.hpp>
#include <pooled/pooled_cxx_export.h>

#include <string>

namespace pooled::network {

/// Which columns of a road line layer describe the roads. Empty = not mapped; a mapped column
/// the layer does not have is an Errc::argument error (unmap it to do without).
struct RoadLineFields {
    /// Speed in km/h; null, 0 or unmapped takes the class default (below). DEFAULT: "maxspeed".
    std::string speed_kmh = "maxspeed";
    /// Road class, OSM highway values ("primary", "residential", ...) as in the Geofabrik
    /// `fclass` column: chooses the default speed and whether the profile may use the road
    /// (the tables are in src/network/osm_profile.cpp; Geofabrik's "track_grade1".."5" count
    /// as "track"). Unmapped: every line is a road of unknown class, OSM "road". DEFAULT: "fclass".
    std::string road_class = "fclass";
    /// Direction: "B" both, "F" forward only, "T" backward only (Geofabrik), also
    /// "yes"/"no"/"-1" (OSM), in any case. Null, "B" or unmapped = both, unless the class
    /// implies one way (motorway); walking ignores one-way streets. DEFAULT: "oneway".
    std::string oneway = "oneway";
};

/// Builds road segments from a line layer (already loaded in its working CRS). Lines are
/// split where they share a vertex with another line (or its end), so roads that cross
/// without a shared vertex (bridges, tunnels) stay unconnected, as in the data. Vertices are
/// shared when their coordinates are equal doubles in the working CRS. Only lines the profile
/// may use are noded; the others are left out. Junction keys are 0, 1, ... in the (x, y) order
/// of the junctions' coordinates; MultiLineString parts are separate lines; origin_id is the
/// feature's FID.
/// @throws Error (Errc::data) naming the layer, feature and field for a speed that is not a
///         number or is negative, an unknown oneway value, or a non-line geometry; (Errc::data)
///         if no line may be used by the profile (listing the classes seen); (Errc::argument)
///         for a mapped column the layer does not have.
POOLED_CXX_API RoadEdges read_road_lines(const io::Layer &layer, Profile profile, const RoadLineFields &fields = {});

/// Which columns of an edge table (pgRouting convention) to read.
struct EdgeTableFields {
    std::string id = "id";
    std::string source = "source";
    std::string target = "target";
    std::string cost = "cost";                 ///< source -> target; negative = not traversable
    /// target -> source; negative = not traversable. Unmapped, not in the layer, or null = the
    /// same as cost, i.e. two-way (pgRouting's directed := false); note pgRouting's own default,
    /// when the column is absent from a directed query, is -1 (one-way).
    std::string reverse_cost = "reverse_cost";
    /// metres; unmapped (or null in a row) = for costs in metres the cost (the reverse cost
    /// if closed forwards), for costs in seconds the planar length of the line or of
    /// x1,y1 -> x2,y2 in the working CRS, else 0 (unknown: such a table has no distances).
    std::string length = "";
    std::string x1 = "x1", y1 = "y1", x2 = "x2", y2 = "y2"; ///< optional node coordinates (used when the layer has no geometry)
};

/// What the costs of an edge table mean. For metres, travel times are taken at walking pace,
/// 5 km/h (the access leg's pace), so a seconds matrix on such a table is a walking-time one;
/// ask for metres (Cost::metres) for its own costs.
enum class EdgeCostUnit { seconds, metres };

/// Builds road segments from a pgRouting-style edge table (CSV or any GDAL layer). Node keys
/// are the table's source/target ids. Geometry comes from the layer's lines, else from
/// x1,y1,x2,y2 (in the layer's stored or assumed CRS, reprojected into the working CRS; with
/// neither, taken as already in the working CRS), else there is none and RoadEdges::crs is
/// empty. origin_id is the table's id.
/// @throws Error naming the layer, feature and field for a missing column, a non-integer or
///         negative node id, a cost that is not a number, or an edge with both costs negative.
POOLED_CXX_API RoadEdges read_edge_table(const io::Layer &layer, EdgeCostUnit unit, const EdgeTableFields &fields = {});

/// The same, read from `source` row by row without holding the table (io::stream_layer):
/// memory for the edges only, where a Layer of a national table would take several GiB.
/// @throws as read_edge_table, and io::stream_layer's errors (naming the source).
POOLED_CXX_API RoadEdges read_edge_table(const io::LayerSource &source, const crs::WorkingCrs &working_crs,
                                         const io::ReadOptions &options, EdgeCostUnit unit,
                                         const EdgeTableFields &fields = {});

} // namespace pooled::network
