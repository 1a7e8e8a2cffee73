#pragma once
/// @file
/// @brief Isochrones: the area reachable within travel times, as valid polygons.

#include <pooled/network/graph.hpp>
#include <pooled/network/search.hpp>
#include <pooled/network/snap.hpp>
#include <pooled/pooled_cxx_export.h>
#include <pooled/catchment/catchment.hpp>
#include <pooled/core/progress.hpp>

#include <cstddef>

#include <vector>

namespace pooled::catchment {

/// How isochrones are drawn. DEFAULTs as documented.
struct IsochroneOptions {
    /// Half-width of the band drawn around every reached road, metres (DEFAULT: 100 m, about
    /// the depth of a plot fronting the road): people live beside roads, not on them.
    double road_buffer_m = 100.0;
    network::AccessLeg access;   ///< from the site to its road; DEFAULT walking pace
    double max_snap_m = 1000.0;  ///< DEFAULT 1 km
};

/// Isochrones of one site for increasing `cutoffs_s` (seconds, > 0): for each cutoff, the
/// union of a band of road_buffer_m around every road reached within it, including the
/// reached part of partly reached edges. Valid polygons, with holes where the network does
/// not reach; nested (each contains the previous) by construction.
/// @throws Error (Errc::argument) for unsorted or non-positive cutoffs;
///         (Errc::unreachable) if the site is further than max_snap_m from any road.
POOLED_CXX_API std::vector<Catchment> isochrones(const network::Graph &graph, const network::Snapper &snapper,
                                                 const Site &site, std::size_t site_index,
                                                 const std::vector<double> &cutoffs_s,
                                                 const IsochroneOptions &options = {});

/// The isochrones of every site, in site order (what isochrones() gives for each, site index
/// = its position in `sites`), the sites drawn in parallel on `threads` (0 = one per hardware
/// thread): the same catchments whatever the thread count. A site further than max_snap_m
/// from any road: with `off_network` null, the Error isochrones() throws for it (for the first
/// such site in site order); else the site is left out and its index appended to
/// *off_network (in site order). Progress is reported from the calling thread.
/// @throws Error as isochrones(); Cancelled if `progress` cancels.
POOLED_CXX_API std::vector<Catchment> isochrones_of_sites(const network::Graph &graph,
                                                          const network::Snapper &snapper,
                                                          const std::vector<Site> &sites,
                                                          const std::vector<double> &cutoffs_s,
                                                          const IsochroneOptions &options = {}, unsigned threads = 0,
                                                          std::vector<std::size_t> *off_network = nullptr,
                                                          const Progress &progress = {});

} // namespace pooled::catchment
