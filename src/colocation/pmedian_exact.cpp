// solve_pmedian_exact: the p-median MIP for CBC, warm-started from the heuristic.

#include <pooled/colocation/pmedian.hpp>

#include "colocation/allocation_data.hpp"
#include "colocation/cbc_model.hpp"
#include "colocation/evaluate.hpp"
#include "colocation/exact_merge.hpp"
#include "colocation/stopwatch.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace pooled::colocation {

Solution solve_pmedian_exact(const network::CostMatrix &costs, std::span<const double> demand,
                             const PMedianOptions &options, const ExactOptions &exact) {
    const auto started = std::chrono::steady_clock::now();
    detail::check_time_limit(exact, "p-median");
    Solution heuristic = solve_pmedian(costs, demand, options);
    if (heuristic.status == SolveStatus::optimal || heuristic.status == SolveStatus::infeasible) {
        heuristic.seconds = detail::seconds_since(started);
        return heuristic;
    }
    const detail::AllocationData data =
        detail::make_allocation_data(costs, demand, options.sites, options.p, options.unserved_cost, "p-median");

    detail::MipModel model;
    model.constant = data.constant;
    std::vector<std::uint32_t> y_of(data.site_count, 0);
    std::vector<char> open(data.site_count, 0);
    for (const SiteIndex j : heuristic.selected) {
        open[j] = 1;
    }
    std::vector<double> start;
    const std::uint32_t count_row = model.add_row(static_cast<double>(data.p), static_cast<double>(data.p));
    for (SiteIndex j = 0; j < data.site_count; ++j) {
        if (data.allowed[j]) {
            y_of[j] = model.add_column(data.site_cost[j], data.required[j] ? 1.0 : 0.0, 1.0, true);
            model.add(count_row, y_of[j], 1.0);
            start.push_back(open[j] ? 1.0 : 0.0);
        }
    }
    const bool has_start = std::isfinite(heuristic.objective);
    for (std::uint32_t i = 0; i < data.client_count(); ++i) {
        const std::uint32_t assign_row = model.add_row(1.0, 1.0);
        const SiteIndex assigned = has_start ? heuristic.assignment[data.origin_of[i]] : no_site;
        for (const detail::Reach &r : data.row(i)) {
            const std::uint32_t x = model.add_column(data.weight[i] * r.cost, 0.0, 1.0, false);
            model.add(assign_row, x, 1.0);
            const std::uint32_t link = model.add_row(-1e30, 0.0); // x_ij - y_j <= 0
            model.add(link, x, 1.0);
            model.add(link, y_of[r.site], -1.0);
            start.push_back(r.site == assigned ? 1.0 : 0.0);
        }
        if (data.unserved_cost) {
            const std::uint32_t u = model.add_column(data.weight[i] * *data.unserved_cost, 0.0, 1.0, false);
            model.add(assign_row, u, 1.0);
            start.push_back(assigned == no_site ? 1.0 : 0.0);
        }
    }
    const double elapsed = detail::seconds_since(started);
    const detail::MipResult mip = detail::solve_mip(model, detail::remaining(exact.time_limit_s, elapsed),
                                                    has_start ? start : std::vector<double>{});

    Solution solution = heuristic;
    detail::merge_mip(
        solution, mip, false, [&](const std::vector<double> &values) { return detail::sites_set(values, y_of, data.allowed); },
        [&](const std::vector<SiteIndex> &sites, Solution &s) { detail::evaluate(costs, demand, data, sites, s); });
    solution.seconds = detail::seconds_since(started);
    return solution;
}

} // namespace pooled::colocation
