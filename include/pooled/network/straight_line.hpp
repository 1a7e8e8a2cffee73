#pragma once
/// @file
/// @brief A cost matrix of straight-line distances, for analyses without a road network.

#include <pooled/network/cost_matrix.hpp>
#include <pooled/network/route_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <optional>
#include <vector>

namespace pooled::network {

/// Straight-line (Euclidean) distances in metres between the points, which must be in one
/// metric working CRS: cost = sqrt(dx^2 + dy^2), unit CostUnit::metres, no other unit. With a
/// cutoff only the pairs within it (inclusive) are stored, found through an R-tree of the
/// destinations, so the work grows with the pairs kept rather than origins x destinations.
/// @throws Error (Errc::argument) for a NaN or negative cutoff; (Errc::data) for a point with a
///         coordinate that is not finite, naming its id.
POOLED_CXX_API CostMatrix straight_line_matrix(const std::vector<Located> &origins,
                                               const std::vector<Located> &destinations,
                                               std::optional<double> cutoff_m = std::nullopt);

} // namespace pooled::network
