#pragma once
/// @file
/// @brief Capacitated location-allocation on a CostMatrix: the capacitated p-median (CPMP) and
/// capacitated facility location with fixed opening costs (CFLP), single-sourced.
///
/// Each origin with demand is served by exactly one open site (single sourcing), and the
/// demand a site serves may not exceed its capacity. The cost of serving origin i from site j
/// is cost_weight_i x c_ij (cost_weight DEFAULT: the demand; OR-Library's capacitated
/// instances use 1). Heuristic: site swaps around an assignment by regret, improved by shift
/// and swap moves; bound: Lagrangian relaxation of the assignment constraints, one knapsack
/// per site (exact by dynamic programming when demands and capacities are integers, else
/// its linear relaxation), so every answer reports its gap.

#include <pooled/colocation/solution.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace pooled::colocation {

/// Options shared by both capacitated problems. DEFAULTs as documented.
struct CapacitatedOptions {
    std::vector<double> capacity;    ///< per site, in demand units (required, >= 0)
    std::vector<double> cost_weight; ///< per origin; DEFAULT empty: the demand
    SiteRules sites;                 ///< required, forbidden, existing sites with closing costs
    std::uint64_t seed = 1;
    std::size_t starts = 8;          ///< starting site sets (the first from the uncapacitated p-median)
    std::size_t bound_iterations = 300; ///< subgradient iterations at most (0: no bound)
    unsigned threads = 0;
};

/// Capacitated p-median: open exactly p sites. objective = sum of cost_weight x cost + closing
/// costs of existing sites not kept; status `no_solution` when no assignment within the
/// capacities was found.
/// @throws Error (Errc::argument) for a capacity or cost-weight span of the wrong size or a
///         negative / NaN value in it, and as solve_pmedian.
POOLED_CXX_API Solution solve_capacitated_pmedian(const network::CostMatrix &costs, std::span<const double> demand,
                                                  std::size_t p, const CapacitatedOptions &options);

/// Capacitated facility location with fixed costs: open any number of sites, paying
/// opening_cost per open site. objective = opening costs + sum of cost_weight x cost + closing
/// costs of existing sites not kept.
/// @throws Error (Errc::argument) as solve_capacitated_pmedian, and for an opening-cost span
///         of the wrong size or a negative / NaN opening cost.
POOLED_CXX_API Solution solve_capacitated_facility_location(const network::CostMatrix &costs,
                                                            std::span<const double> demand,
                                                            std::span<const double> opening_cost,
                                                            const CapacitatedOptions &options);

/// Capacitated p-median solved exactly with COIN-OR CBC (binary x_ij and y_j, sum_j x_ij = 1,
/// sum_i d_i x_ij <= Q_j y_j, x_ij <= y_j, sum_j y_j = p), warm-started from
/// solve_capacitated_pmedian; status, bound and gap as solve_pmedian_exact reports them.
POOLED_CXX_API Solution solve_capacitated_pmedian_exact(const network::CostMatrix &costs, std::span<const double> demand,
                                                        std::size_t p, const CapacitatedOptions &options,
                                                        const ExactOptions &exact = {});

/// Capacitated facility location solved exactly with COIN-OR CBC (as above, opening costs on
/// y_j instead of a fixed count), warm-started from solve_capacitated_facility_location.
POOLED_CXX_API Solution solve_capacitated_facility_location_exact(const network::CostMatrix &costs,
                                                                  std::span<const double> demand,
                                                                  std::span<const double> opening_cost,
                                                                  const CapacitatedOptions &options,
                                                                  const ExactOptions &exact = {});

} // namespace pooled::colocation
