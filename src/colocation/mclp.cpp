// solve_mclp: greedy and randomised greedy starts improved by swap search, best kept;
// Lagrangian upper bound.

#include <pooled/colocation/covering.hpp>

#include "catchment/parallel_for.hpp"
#include "colocation/cover_search.hpp"
#include "colocation/covering_bound.hpp"
#include "colocation/covering_input.hpp"
#include "colocation/evaluate.hpp"
#include "colocation/stopwatch.hpp"

#include <chrono>
#include <cmath>
#include <limits>

namespace pooled::colocation {

Solution solve_mclp(const network::CostMatrix &costs, std::span<const double> demand, const MclpOptions &options) {
    const auto started = std::chrono::steady_clock::now();
    detail::check_covering_input(options.service_cost, options.sites, "MCLP");
    const detail::AllocationData data =
        detail::make_allocation_data(costs, demand, options.sites, options.p, std::nullopt, "MCLP");
    const detail::CoverSets cover = detail::make_cover_sets(data, options.service_cost);
    const detail::CoverScore score{data.weight, false};

    const Rng root(options.seed);
    const std::size_t starts = std::max<std::size_t>(options.starts, 1);
    std::vector<std::vector<SiteIndex>> found(starts);
    std::vector<detail::LexValue> values(starts);
    catchment::detail::parallel_for(starts, options.threads, [&](std::size_t k) {
        Rng rng = root.split(k);
        auto sites = detail::greedy_cover(data, cover, data.weight, data.p, k == 0 ? nullptr : &rng);
        found[k] = detail::cover_local_search(data, cover, score, detail::pad_sites(data, sites, data.p), values[k]);
    });
    std::size_t best = 0;
    for (std::size_t k = 1; k < starts; ++k) {
        if (values[best] < values[k] || (values[best] == values[k] && found[k] < found[best])) {
            best = k;
        }
    }
    Solution solution;
    solution.selected = found[best];
    solution.objective = values[best].cost;
    detail::assign_covering(costs, options.service_cost, solution);
    solution.bound = std::numeric_limits<double>::infinity();
    if (options.bound_iterations > 0) {
        solution.bound = detail::covering_upper_bound(data, cover, data.weight, data.p, 0.0, solution.objective,
                                                      options.bound_iterations);
    }
    detail::set_gap(solution, true);
    solution.seconds = detail::seconds_since(started);
    return solution;
}

} // namespace pooled::colocation
