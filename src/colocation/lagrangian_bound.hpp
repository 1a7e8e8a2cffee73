#pragma once
// INTERNAL to libpooled (colocation). Lower bound for the p-median (with required and
// forbidden sites, site costs and an optional unserved cost) by Lagrangian relaxation of the
// "every client is assigned once" constraints, maximised by subgradient optimisation.

#include "colocation/allocation_data.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace pooled::colocation::detail {

struct LagrangianOptions {
    std::size_t iterations = 1000; ///< at most
    std::size_t keep_relaxed = 8;  ///< relaxed site choices kept (the latest improving ones)
    unsigned threads = 0;          ///< 0 = one per hardware thread; never changes the result
};

struct LagrangianResult {
    double bound = 0.0;
    /// The relaxed problems' site choices at the last few improvements of the bound: good
    /// starts for a local search (the "Lagrangian heuristic").
    std::vector<std::vector<SiteIndex>> relaxed_sites;
};

/// The best Lagrangian bound found. `upper_bound` (a solution's objective) steers the step
/// sizes and stops the search once the bound meets it; `multipliers` (one per client) is the
/// start, e.g. each client's weighted cost in that solution. When every weight, cost and site
/// cost is an integer the bound is rounded up (the optimum is then an integer too).
/// Every client must be servable (or data.unserved_cost set), else the bound is meaningless.
LagrangianResult lagrangian_bound(const AllocationData &data, double upper_bound, std::vector<double> multipliers,
                                  const LagrangianOptions &options);

} // namespace pooled::colocation::detail
