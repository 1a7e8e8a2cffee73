// solve_pmedian: check the input, run the hybrid heuristic, evaluate exactly, bound by
// Lagrangian relaxation and report the gap.

#include <pooled/colocation/pmedian.hpp>

#include "colocation/allocation_data.hpp"
#include "colocation/evaluate.hpp"
#include "colocation/lagrangian_bound.hpp"
#include "colocation/pmedian_branch.hpp"
#include "colocation/pmedian_heuristic.hpp"
#include "colocation/stopwatch.hpp"

#include <chrono>
#include <cmath>
#include <limits>

namespace pooled::colocation {

namespace {

/// A client no allowed site reaches can only be left unserved.
bool some_client_unreachable(const detail::AllocationData &data) {
    for (std::size_t i = 0; i < data.client_count(); ++i) {
        if (data.row(i).empty()) {
            return true;
        }
    }
    return false;
}

/// The Lagrangian bound started from each client's weighted cost in `solution`.
detail::LagrangianResult bound(const network::CostMatrix &costs, const detail::AllocationData &data,
                               const Solution &solution, const PMedianOptions &options) {
    std::vector<double> multipliers(data.client_count());
    for (std::size_t i = 0; i < data.client_count(); ++i) {
        const std::uint32_t o = data.origin_of[i];
        const SiteIndex site = solution.assignment[o];
        multipliers[i] = data.weight[i] * (site == no_site ? *data.unserved_cost : costs.at(o, site));
    }
    return detail::lagrangian_bound(data, solution.objective, std::move(multipliers),
                                    {.iterations = options.bound_iterations, .keep_relaxed = 8, .threads = options.threads});
}

} // namespace

Solution solve_pmedian(const network::CostMatrix &costs, std::span<const double> demand,
                       const PMedianOptions &options) {
    const auto started = std::chrono::steady_clock::now();
    const detail::AllocationData data =
        detail::make_allocation_data(costs, demand, options.sites, options.p, options.unserved_cost, "p-median");
    Solution solution;
    if (!data.unserved_cost && some_client_unreachable(data)) {
        solution.status = SolveStatus::infeasible;
        solution.bound = std::numeric_limits<double>::infinity();
    } else {
        const std::vector<SiteIndex> sites = detail::pmedian_heuristic(
            data, {.seed = options.seed, .starts = options.starts, .elite = options.elite, .threads = options.threads});
        detail::evaluate(costs, demand, data, sites, solution);
        if (options.bound_iterations > 0 && std::isfinite(solution.objective)) {
            const auto bounded = bound(costs, data, solution, options);
            solution.bound = bounded.bound;
            if (solution.bound < solution.objective) {
                // Lagrangian heuristic: descend from the relaxed site choices, relink with the best.
                const auto improved = detail::improve_from(data, solution.selected, bounded.relaxed_sites, options.threads);
                if (improved != solution.selected) {
                    // The bound stays: it does not depend on the solution once converged.
                    detail::evaluate(costs, demand, data, improved, solution);
                }
                solution.bound = detail::branch_and_bound(
                    data, solution.objective, bounded, {.work = options.branch_work, .threads = options.threads});
            }
        }
        detail::set_gap(solution);
    }
    solution.seconds = detail::seconds_since(started);
    return solution;
}

} // namespace pooled::colocation
