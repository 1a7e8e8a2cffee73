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
    double theta = 2.0;            ///< first step factor (smaller when warm-started)
};

/// Which sites the relaxation must open and which it may choose among: the problem's own
/// (required sites; the allowed others), or a branch-and-bound node's, which fixes more.
struct SiteSplit {
    std::vector<SiteIndex> open; ///< opened in every solution, ascending
    std::vector<SiteIndex> free; ///< the relaxation chooses p - open.size() of these, ascending
};
SiteSplit root_split(const AllocationData &data);

struct LagrangianResult {
    double bound = 0.0;     ///< rounded up when the data are integers
    double raw_bound = 0.0; ///< the best L(lambda), not rounded
    bool integral = false;  ///< every weight, cost and site cost is an integer
    /// The relaxed problems' site choices at the last few improvements of the bound: good
    /// starts for a local search (the "Lagrangian heuristic").
    std::vector<std::vector<SiteIndex>> relaxed_sites;
    std::vector<double> multipliers; ///< lambda at the best bound (a warm start)
    std::vector<double> rho;         ///< per site, its relaxed value at the best bound
    std::vector<char> chosen;        ///< per site, open in the relaxed choice at the best bound
    /// Work done: matrix entries visited plus clients and sites passed over, all iterations.
    /// A measure of time that does not depend on the machine (budgets of the branch and bound).
    double work = 0.0;
    std::size_t iterations = 0; ///< subgradient iterations run
};

/// The best Lagrangian bound found. `upper_bound` (a solution's objective) steers the step
/// sizes and stops the search once the bound meets it; `multipliers` (one per client) is the
/// start, e.g. each client's weighted cost in that solution. When every weight, cost and site
/// cost is an integer the bound is rounded up (the optimum is then an integer too).
/// `split` restricts the sites (DEFAULT root_split). A split with too few free sites has no
/// solution: its bound is +inf. Every client must be servable (or data.unserved_cost set), else
/// the bound only climbs until it meets `upper_bound`.
LagrangianResult lagrangian_bound(const AllocationData &data, double upper_bound, std::vector<double> multipliers,
                                  const LagrangianOptions &options, const SiteSplit &split);
LagrangianResult lagrangian_bound(const AllocationData &data, double upper_bound, std::vector<double> multipliers,
                                  const LagrangianOptions &options);

/// `raw` rounded up when the data are integral (within rounding of the upper bound).
double finish_bound(double raw, double upper_bound, bool integral);

} // namespace pooled::colocation::detail
