#pragma once
/// @file
/// @brief Covering problems on a CostMatrix: maximal covering (MCLP), set covering (LSCP) and
/// backup covering (LSCP-B).
///
/// A site covers an origin when their stored cost is within `service_cost` (inclusive);
/// unstored pairs never cover. Origins are demand points, destinations candidate sites.
/// Each solver is a heuristic (greedy construction, swap local search, multi-start) with a
/// Lagrangian bound, so every answer reports its gap. `Solution::assignment` gives, per
/// origin, the cheapest selected site covering it, or no_site.
/// Existing sites' closing costs (SiteRules::existing) do not apply to covering objectives and
/// are rejected; required and forbidden sites are honoured.

#include <pooled/colocation/solution.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace pooled::colocation {

/// Options of solve_mclp. DEFAULTs as documented.
struct MclpOptions {
    std::size_t p = 1;            ///< sites to open, required ones included
    double service_cost = 0.0;    ///< coverage distance or time, in the matrix's unit (inclusive)
    SiteRules sites;              ///< required and forbidden sites (DEFAULT: none)
    std::uint64_t seed = 1;       ///< the result is a function of the input and the seed
    std::size_t starts = 8;       ///< multi-start iterations (the first is the plain greedy)
    std::size_t bound_iterations = 500; ///< subgradient iterations at most (0: no bound)
    unsigned threads = 0;         ///< 0 = one per hardware thread; never changes the result
};

/// Maximal covering location problem (Church and ReVelle 1974): open p sites maximising the
/// demand covered. objective = covered demand; bound = a proved upper bound (Lagrangian,
/// rounded down when all demand is integral); gap = (bound - objective) / objective.
/// @throws Error (Errc::argument) for a bad demand span, p, site index, negative or NaN
///         service cost, or existing sites; (Errc::data) for a bad demand value.
POOLED_CXX_API Solution solve_mclp(const network::CostMatrix &costs, std::span<const double> demand,
                                   const MclpOptions &options);

/// Options of solve_lscp and solve_backup_covering. DEFAULTs as documented.
struct SetCoveringOptions {
    double service_cost = 0.0;    ///< coverage distance or time, in the matrix's unit (inclusive)
    SiteRules sites;              ///< required and forbidden sites (DEFAULT: none)
    std::uint64_t seed = 1;
    std::size_t starts = 8;       ///< multi-start iterations (the first is the plain greedy)
    std::size_t bound_iterations = 500; ///< subgradient iterations at most (0: no bound)
    unsigned threads = 0;
};

/// Location set covering problem (Toregas et al. 1971): the fewest sites covering every
/// origin. objective = number of sites; bound = a proved lower bound (Lagrangian, rounded up).
/// Status is `infeasible` (and selected empty) when some origin has no allowed site within
/// the service cost.
POOLED_CXX_API Solution solve_lscp(const network::CostMatrix &costs, const SetCoveringOptions &options);

/// Backup covering, STRICT definition: among the sets of the size LSCP found (its minimum
/// when proved) that cover every origin, the one covering the most origins twice, where an
/// origin counts as backed up only if two or more selected sites cover it. (pysal/spopt's
/// LSCPB also counts an origin with fewer than two possible coverers as backed up; this one
/// does not.) objective = origins backed up; bound = a proved upper bound for that size
/// (origins with two or more allowed coverers, tightened by Lagrangian relaxation).
POOLED_CXX_API Solution solve_backup_covering(const network::CostMatrix &costs, const SetCoveringOptions &options);

/// MCLP solved exactly with COIN-OR CBC (binary y_j, z_i <= sum of covering y_j, sum y_j = p),
/// warm-started from solve_mclp; status, bound and gap as solve_pmedian_exact reports them.
POOLED_CXX_API Solution solve_mclp_exact(const network::CostMatrix &costs, std::span<const double> demand,
                                         const MclpOptions &options, const ExactOptions &exact = {});

/// LSCP solved exactly with COIN-OR CBC (min sum y_j, every origin covered at least once),
/// warm-started from solve_lscp.
POOLED_CXX_API Solution solve_lscp_exact(const network::CostMatrix &costs, const SetCoveringOptions &options,
                                         const ExactOptions &exact = {});

/// Options of solve_coverage_target and solve_coverage_target_exact. DEFAULTs as documented.
struct CoverageTargetOptions {
    double service_cost = 0.0; ///< coverage distance or time, in the matrix's unit (inclusive)
    double share = 1.0;        ///< share of the total demand to cover, in (0, 1]
    /// Per origin, its group as an index 0..G-1 (e.g. segment or deprivation decile). DEFAULT
    /// empty: no groups.
    std::vector<std::uint32_t> group;
    double group_share = 0.0;  ///< share of every group's demand to cover, in [0, 1] (0: none)
    SiteRules sites;           ///< required (must keep) and forbidden sites (DEFAULT: none)
    std::uint64_t seed = 1;
    std::size_t starts = 8;    ///< multi-start iterations (the first is the plain greedy)
    std::size_t bound_iterations = 500; ///< subgradient iterations at most per bound (0: counting bound only)
    unsigned threads = 0;      ///< 0 = one per hardware thread; never changes the result
};

/// The fewest sites that cover at least `share` of the total demand and `group_share` of the
/// demand of every group (a partial set-covering problem with one coverage row per group).
/// A target is met when covered >= share x demand - 1e-9 x demand. Heuristic: a greedy that
/// opens the site cutting the summed relative shortfall the most (multi-start, randomised like
/// the other covering greedies), pruned of redundant sites, then shrunk one site at a time by
/// swap search while the targets can still be met. objective = number of sites; bound = a
/// proved lower bound, the best of: required sites plus, for the tightest target, how many of
/// the largest remaining coverages it takes to reach it; and Lagrangian relaxations of the
/// coverage links keeping the total row, or the group rows (each a fractional knapsack per
/// row), rounded up. Status `infeasible` (selected empty) when the
/// targets cannot be met even with every allowed site open.
/// @throws Error (Errc::argument) for a share outside (0, 1], a group share outside [0, 1], a
///         group span of the wrong size, existing sites, and as solve_mclp.
POOLED_CXX_API Solution solve_coverage_target(const network::CostMatrix &costs, std::span<const double> demand,
                                              const CoverageTargetOptions &options);

/// solve_coverage_target solved exactly with COIN-OR CBC (binary y_j; z_i <= sum of covering
/// y_j; one row per target, sum of z_i x demand_i / target >= 1; min sum y_j), warm-started from
/// the heuristic; status, bound and gap as solve_pmedian_exact reports them.
POOLED_CXX_API Solution solve_coverage_target_exact(const network::CostMatrix &costs, std::span<const double> demand,
                                                    const CoverageTargetOptions &options,
                                                    const ExactOptions &exact = {});

} // namespace pooled::colocation
