#pragma once
/// @file
/// @brief The p-center problem on a CostMatrix: open p sites minimising the largest cost from
/// an origin (with demand > 0) to its cheapest open site.

#include <pooled/colocation/solution.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <cstdint>
#include <span>

namespace pooled::colocation {

/// Options of solve_pcenter. DEFAULTs as documented.
struct PCenterOptions {
    std::size_t p = 1;        ///< sites to open, required ones included
    SiteRules sites;          ///< required and forbidden sites; existing sites are rejected
    std::uint64_t seed = 1;
    std::size_t starts = 8;   ///< greedy covers tried per radius (the first is the plain greedy)
    std::size_t bound_iterations = 200; ///< subgradient iterations per radius tested for the bound (0: none)
    unsigned threads = 0;
};

/// Solves p-center as a sequence of set-covering problems over the distinct stored costs
/// (Minieka 1970): the smallest radius at which p sites covering every origin are found (a
/// greedy cover improved by swaps) gives the solution. The bound is the larger of "every
/// origin's cheapest allowed site" and the radius above the largest one whose Lagrangian
/// set-cover bound proves that more than p sites are needed.
/// objective = the largest origin-to-site cost; status `infeasible` when some origin with
/// demand reaches no allowed site, `no_solution` when no cover of p sites was found.
/// @throws Error (Errc::argument / Errc::data) as solve_pmedian, and for existing sites.
POOLED_CXX_API Solution solve_pcenter(const network::CostMatrix &costs, std::span<const double> demand,
                                      const PCenterOptions &options);

} // namespace pooled::colocation
