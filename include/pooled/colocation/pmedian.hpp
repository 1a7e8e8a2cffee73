#pragma once
/// @file
/// @brief The p-median problem on a CostMatrix: open p sites minimising the total
/// demand-weighted cost of serving every origin from its cheapest open site.
///
/// Origins are demand points, destinations candidate sites. Sparse matrices are handled as they
/// are: an unstored pair cannot serve (no dense n x m is built). The solver is a heuristic
/// (greedy start, fast vertex substitution, multi-start and path relinking after Resende and
/// Werneck, "A hybrid heuristic for the p-median problem", J. Heuristics 10, 2004) with a
/// Lagrangian lower bound, so every answer reports how far from optimal it can be at most;
/// the relaxation's site choices then seed a last local search (Lagrangian heuristic).
///
/// @code
/// pooled::colocation::PMedianOptions options;
/// options.p = 4;
/// const auto solution = pooled::colocation::solve_pmedian(matrix, population, options);
/// // solution.selected, solution.objective, solution.bound, solution.gap
/// @endcode

#include <pooled/colocation/solution.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace pooled::colocation {

/// Options of solve_pmedian. DEFAULTs as documented.
struct PMedianOptions {
    std::size_t p = 1;   ///< sites to open, required ones included
    SiteRules sites;     ///< required, forbidden and existing sites (DEFAULT: none)
    /// Cost per unit of demand of an origin that no open site reaches (or reaches only at a
    /// higher cost). DEFAULT: none: every origin with demand must be served; the search first
    /// minimises the unserved demand, and a solution leaving some is reported as no_solution.
    std::optional<double> unserved_cost;
    std::uint64_t seed = 1;        ///< the result is a function of the input and the seed
    std::size_t starts = 8;        ///< multi-start iterations (the first is the plain greedy)
    std::size_t elite = 10;        ///< elite solutions kept for path relinking
    std::size_t bound_iterations = 1000; ///< subgradient iterations at most (0: no bound)
    /// Work allowed for branch and bound where the Lagrangian bound leaves a gap (0: none), in
    /// matrix entries visited by the node bounds. Each node re-optimises the bound with one site
    /// more fixed open or closed; the bound reported is the least over the nodes left open, so a
    /// partial search still certifies a better gap. A count, not a time, so results stay
    /// deterministic. DEFAULT 1e8: about a third of a second on one core of a 2026 server; it
    /// takes the OR-Library instances pmed1-pmed40 under a 0.7% gap, and is too little for a
    /// single node of a 10M-pair matrix (no branching there).
    double branch_work = 1e8;
    unsigned threads = 0;          ///< 0 = one per hardware thread; never changes the result
};

/// Solves a p-median problem heuristically and bounds it from below.
/// Objective = sum over origins of demand x cost to the cheapest open site, + unserved demand x
/// unserved_cost, + the closing costs of existing sites not kept. The bound is a Lagrangian
/// relaxation bound (rounded up when all data are integers), so status is `optimal` when it
/// meets the objective. Deterministic: the same input and seed give the same solution whatever
/// the thread count.
/// @throws Error (Errc::argument) for a demand span of the wrong size, p = 0, more required
///         sites than p, fewer allowed sites than p, a site index out of range or both required
///         and forbidden; (Errc::data) for a negative, NaN or infinite demand (naming the origin).
POOLED_CXX_API Solution solve_pmedian(const network::CostMatrix &costs, std::span<const double> demand,
                                      const PMedianOptions &options);

/// Solves a p-median problem exactly with COIN-OR CBC (branch and cut on the strong
/// formulation: x_ij <= y_j, sum_j x_ij (+ unserved_i) = 1, sum_j y_j = p), warm-started with
/// solve_pmedian's answer, which also supplies the Lagrangian bound. Within the time limit the
/// status is `optimal` (proved); at the limit `feasible`, with CBC's best bound (or the
/// Lagrangian one, whichever is higher) and the gap. Same errors as solve_pmedian. One thread
/// in CBC, so results are deterministic, but what is proved by the limit depends on speed.
POOLED_CXX_API Solution solve_pmedian_exact(const network::CostMatrix &costs, std::span<const double> demand,
                                            const PMedianOptions &options, const ExactOptions &exact = {});

} // namespace pooled::colocation
