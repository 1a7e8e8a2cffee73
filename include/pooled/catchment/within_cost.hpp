#pragma once
/// @file
/// @brief Population within a travel cost: zones counted by whether their point is reached
/// from the asset within the catchment's cutoff, read off a CostMatrix (assets x zones).

#include <pooled/catchment/catchment.hpp>
#include <pooled/catchment/population.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <vector>

namespace pooled::catchment {

/// Sets Catchment::population (and households, if given) of every catchment to the sum over
/// the zones j with `assets_to_zones.at(asset, j) <= cutoff` (inclusive). The matrix rows are
/// the catchments' `asset` indexes and its columns the zones of `population`.
/// @throws Error (Errc::argument) if sizes disagree or a catchment has no finite cutoff.
POOLED_CXX_API void count_population_within_cost(std::vector<Catchment> &catchments,
                                                 const network::CostMatrix &assets_to_zones,
                                                 const std::vector<double> &population,
                                                 const std::vector<double> &households = {});

/// The people each pair of catchments (same method and cutoff) shares: the zones reached from
/// both within the cutoff. Pairs with nobody shared are left out; sorted by (first, second).
POOLED_CXX_API std::vector<Overlap> overlap_within_cost(const std::vector<Catchment> &catchments,
                                                        const network::CostMatrix &assets_to_zones,
                                                        const std::vector<double> &population);

} // namespace pooled::catchment
