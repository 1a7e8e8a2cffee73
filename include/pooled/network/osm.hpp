#pragma once
/// @file
/// @brief Road segments from OpenStreetMap PBF or XML files (libosmium kept inside).

#include <pooled/crs/crs.hpp>
#include <pooled/network/profile.hpp>
#include <pooled/network/road_edges.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <string>

namespace pooled::network {

/// What reading an OSM file found.
struct OsmReport {
    std::size_t ways_read = 0;     ///< ways with a highway tag
    std::size_t ways_used = 0;     ///< of those, usable by the profile
    std::size_t ways_default_speed = 0; ///< used ways without a usable maxspeed (class default applied)
    std::size_t missing_nodes = 0; ///< node references absent from the file (extract edges), ways cut there
};

/// Reads the highways of `path` (.osm.pbf, .osm, .osm.bz2) usable by `profile` and splits
/// them into segments at every node shared by two usable ways (and at their ends), projected
/// into `working_crs`. Speeds, one-way rules and access restrictions are documented in
/// src/network/osm_profile.cpp with their sources.
/// @throws Error (Errc::io) naming the file if it cannot be read; (Errc::data) if it has no
///         highway usable by the profile, or a node of a usable highway lies more than 5
///         degrees outside the working CRS's area of use (naming the node).
POOLED_CXX_API RoadEdges read_osm_roads(const std::string &path, Profile profile, const crs::WorkingCrs &working_crs,
                                        OsmReport *report = nullptr);

} // namespace pooled::network
