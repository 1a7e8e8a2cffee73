#pragma once
/// @file
/// @brief Travel-cost matrices on the road network, computed in parallel across origins.

#include <pooled/core/progress.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/network/contraction.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/network/graph.hpp>
#include <pooled/network/search.hpp>
#include <pooled/network/snap.hpp>
#include <pooled/pooled_cxx_export.h>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pooled::network {

/// A point to route from or to, with its id (zone code, asset id).
struct Located {
    std::string id;
    geometry::Point point; ///< in the graph's working CRS
};

/// How route_matrix finds the costs; every method gives the same matrix (see contraction.hpp
/// for the one condition, exact float sums, that real networks meet).
enum class MatrixMethod {
    /// A contraction hierarchy when one is given, or without a cutoff for 64 origins or more
    /// per thread (its preprocessing then costs about what the searches it saves cost);
    /// Dijkstra otherwise.
    automatic,
    dijkstra,  ///< one BoundedSearch per origin, bounded by the cutoff
    hierarchy, ///< bucket many-to-many on a contraction hierarchy (built here unless given)
};

/// Options of route_matrix. DEFAULTs as documented.
struct MatrixOptions {
    Cost cost = Cost::seconds;         ///< what is minimised (DEFAULT: seconds); the other measure is kept too
    std::optional<double> cutoff;      ///< in the cost's unit, inclusive; DEFAULT: none (all pairs)
    double max_snap_m = 1000.0;        ///< DEFAULT: 1 km; points further from any road are reported
    AccessLeg access;                  ///< DEFAULT: walking pace
    unsigned threads = 0;              ///< DEFAULT: 0 = all cores; the result does not depend on it
    MatrixMethod method = MatrixMethod::automatic; ///< DEFAULT: automatic
    /// A hierarchy built from this graph for `cost`, to share between matrices (DEFAULT: none:
    /// one is built when the method calls for it).
    const ContractionHierarchy *hierarchy = nullptr;
};

/// Points that could not be used.
struct MatrixReport {
    std::vector<std::string> unsnapped_origins;      ///< ids further than max_snap_m from any road
    std::vector<std::string> unsnapped_destinations;
};

/// Travel costs from every origin to every destination: each origin is snapped to its nearest
/// edge and searched once (bounded by the cutoff), each destination read off its snapped edge.
/// Unsnapped points get no entries (+inf) and are listed in `report`.
/// @throws Error (Errc::argument) for a non-positive cutoff, a graph without coordinates, or a
///         hierarchy for the other cost or another graph (its node count);
///         Cancelled if `progress` says stop.
POOLED_CXX_API CostMatrix route_matrix(const Graph &graph, std::span<const Located> origins,
                                       std::span<const Located> destinations, const MatrixOptions &options = {},
                                       MatrixReport *report = nullptr, const Progress &progress = {});

} // namespace pooled::network
