#pragma once
/// @file
/// @brief Allocation of zones to their nearest asset by road (one multi-source search).

#include <pooled/catchment/catchment.hpp>
#include <pooled/network/graph.hpp>
#include <pooled/network/snap.hpp>
#include <pooled/pooled_cxx_export.h>

#include <limits>
#include <optional>
#include <vector>

namespace pooled::catchment {

/// One zone's nearest asset.
struct Allocation {
    std::size_t zone = 0;
    std::optional<std::size_t> site;  ///< none if no site is reachable (or the zone is off the network)
    double seconds = std::numeric_limits<double>::infinity();
    double metres = std::numeric_limits<double>::infinity();
};

/// Allocates every zone (by its point, e.g. a population-weighted centroid) to the site it
/// reaches fastest by road, in the direction people travel (zone -> site), which one-way
/// streets make differ from site -> zone: one multi-source search from all sites on the
/// reversed graph gives every node its fastest site.
/// Ties go to the smaller site index.
POOLED_CXX_API std::vector<Allocation> allocate_to_nearest(const network::Graph &graph,
                                                           const network::Snapper &snapper,
                                                           const std::vector<geometry::Point> &zone_points,
                                                           const std::vector<Site> &sites,
                                                           double max_snap_m = 1000.0,
                                                           const network::AccessLeg &access = {});

/// Allocates every zone to the site nearest in a straight line (the allocation that matches
/// the nearest-facility areas). `metres` is that distance and `seconds` NaN. Ties go to the
/// smaller site index; with no sites, no zone is allocated.
POOLED_CXX_API std::vector<Allocation> allocate_to_nearest_straight(const std::vector<geometry::Point> &zone_points,
                                                                    const std::vector<Site> &sites);

} // namespace pooled::catchment
