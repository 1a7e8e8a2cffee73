#pragma once
/// @file
/// @brief One entry point for a road network from any source: OSM file, road lines, edge table.

#include <pooled/crs/crs.hpp>
#include <pooled/io/reader.hpp>
#include <pooled/network/graph.hpp>
#include <pooled/network/osm.hpp>
#include <pooled/network/profile.hpp>
#include <pooled/network/road_layers.hpp>
#include <pooled/pooled_cxx_export.h>

#include <optional>
#include <string>

namespace pooled::network {

/// The kinds of network source.
enum class NetworkKind { osm, road_lines, edge_table };
POOLED_CXX_API const char *network_kind_name(NetworkKind kind) noexcept;

/// How to read a network. DEFAULTs as documented.
struct NetworkOptions {
    Profile profile = Profile::drive;             ///< DEFAULT: drive
    EdgeCostUnit edge_cost_unit = EdgeCostUnit::seconds; ///< for edge tables; DEFAULT: seconds
    RoadLineFields line_fields;                   ///< for road line layers
    EdgeTableFields table_fields;                 ///< for edge tables
    BuildOptions build;                           ///< DEFAULT: largest strongly connected component only
    io::ReadOptions read;                         ///< for GDAL layers (CRS to assume, policy)
};

/// A network read and built, with what was found on the way.
struct LoadedNetwork {
    Graph graph;
    NetworkKind kind = NetworkKind::osm;
    BuildReport build;
    std::optional<OsmReport> osm; ///< for OSM sources
};

/// Reads `spec` and builds its graph in `working_crs`. The kind is decided by the source:
/// a .pbf/.osm/.osm.bz2 file is OSM; a GDAL layer with the edge table's source and target
/// columns is an edge table; any other line layer is road lines.
/// @throws Error naming the source, as the readers and build_graph do.
POOLED_CXX_API LoadedNetwork load_network(const std::string &spec, const crs::WorkingCrs &working_crs,
                                          const NetworkOptions &options = {});

/// The working CRS a network source implies on its own (see io::working_crs_for): for OSM
/// files, from the extent GDAL's OSM driver reports.
POOLED_CXX_API crs::WorkingCrs working_crs_for_network(const std::string &spec, const NetworkOptions &options = {});

} // namespace pooled::network
