// The single-source capacitated MIP for CBC, warm-started from the capacitated heuristics.

#include <pooled/colocation/capacitated.hpp>

#include "colocation/capacitated_input.hpp"
#include "colocation/cbc_model.hpp"
#include "colocation/exact_merge.hpp"
#include "colocation/stopwatch.hpp"

#include <chrono>
#include <optional>

namespace pooled::colocation {

namespace {

using clock = std::chrono::steady_clock;

Solution solve_exact(const network::CostMatrix &costs, const detail::CapacitatedInput &prep, std::optional<std::size_t> p,
                     Solution solution, const ExactOptions &exact, clock::time_point started) {
    const detail::AllocationData &data = prep.data;
    detail::MipModel model;
    model.constant = data.constant;
    std::vector<double> start;
    std::vector<std::uint32_t> y_of(data.site_count, 0);
    std::vector<std::uint32_t> capacity_row(data.site_count, 0);
    std::optional<std::uint32_t> count;
    if (p) {
        count = model.add_row(static_cast<double>(*p), static_cast<double>(*p));
    }
    for (SiteIndex j = 0; j < data.site_count; ++j) {
        if (!data.allowed[j]) {
            continue;
        }
        y_of[j] = model.add_column(data.site_cost[j], data.required[j] ? 1.0 : 0.0, 1.0, true);
        start.push_back(std::find(solution.selected.begin(), solution.selected.end(), j) != solution.selected.end() ? 1.0 : 0.0);
        capacity_row[j] = model.add_row(-1e30, 0.0); // sum_i d_i x_ij - Q_j y_j <= 0
        model.add(capacity_row[j], y_of[j], -prep.caps.capacity[j]);
        if (count) {
            model.add(*count, y_of[j], 1.0);
        }
    }
    struct Pair {
        std::uint32_t client;
        SiteIndex site;
        double cost;
    };
    std::vector<Pair> pairs;
    for (std::uint32_t i = 0; i < data.client_count(); ++i) {
        const std::uint32_t once = model.add_row(1.0, 1.0);
        const SiteIndex assigned = solution.assignment.empty() ? no_site : solution.assignment[data.origin_of[i]];
        for (const detail::Reach &r : data.row(i)) {
            const std::uint32_t x = model.add_column(data.weight[i] * r.cost, 0.0, 1.0, true);
            model.add(once, x, 1.0);
            model.add(capacity_row[r.site], x, prep.caps.load[i]);
            const std::uint32_t link = model.add_row(-1e30, 0.0); // x_ij - y_j <= 0
            model.add(link, x, 1.0);
            model.add(link, y_of[r.site], -1.0);
            start.push_back(r.site == assigned ? 1.0 : 0.0);
            pairs.push_back({i, r.site, r.cost});
        }
    }
    const bool has_start = std::isfinite(solution.objective);
    const detail::MipResult mip = detail::solve_mip(model, detail::remaining(exact.time_limit_s, detail::seconds_since(started)),
                                                    has_start ? start : std::vector<double>{});
    const std::size_t first_x = start.size() - pairs.size();
    detail::merge_mip(
        solution, mip, false, [&](const std::vector<double> &v) { return detail::sites_set(v, y_of, data.allowed); },
        [&](const std::vector<SiteIndex> &sites, Solution &s) {
            s.selected = sites;
            s.assignment.assign(costs.origin_count(), no_site);
            s.objective = data.constant;
            for (const SiteIndex j : sites) {
                s.objective += data.site_cost[j];
            }
            for (std::size_t k = 0; k < pairs.size(); ++k) {
                if (mip.values[first_x + k] > 0.5) {
                    s.assignment[data.origin_of[pairs[k].client]] = pairs[k].site;
                    s.objective += data.weight[pairs[k].client] * pairs[k].cost;
                }
            }
        });
    solution.seconds = detail::seconds_since(started);
    return solution;
}

/// Whether the heuristic's answer is already proved optimal (its time then set); CBC is skipped.
bool proved_already(Solution &heuristic, clock::time_point started) {
    heuristic.seconds = detail::seconds_since(started);
    return heuristic.status == SolveStatus::optimal;
}

} // namespace

Solution solve_capacitated_pmedian_exact(const network::CostMatrix &costs, std::span<const double> demand, std::size_t p,
                                         const CapacitatedOptions &options, const ExactOptions &exact) {
    const auto started = clock::now();
    detail::check_time_limit(exact, "capacitated p-median");
    Solution heuristic = solve_capacitated_pmedian(costs, demand, p, options);
    return proved_already(heuristic, started)
               ? heuristic
               : solve_exact(costs, detail::prepare_capacitated(costs, demand, p, {}, options, "capacitated p-median"),
                             p, std::move(heuristic), exact, started);
}

Solution solve_capacitated_facility_location_exact(const network::CostMatrix &costs, std::span<const double> demand,
                                                   std::span<const double> opening_cost,
                                                   const CapacitatedOptions &options, const ExactOptions &exact) {
    const auto started = clock::now();
    detail::check_time_limit(exact, "capacitated facility location");
    Solution heuristic = solve_capacitated_facility_location(costs, demand, opening_cost, options);
    return proved_already(heuristic, started)
               ? heuristic
               : solve_exact(costs,
                             detail::prepare_capacitated(costs, demand, detail::allowed_site_count(costs, options.sites),
                                                         opening_cost, options, "capacitated facility location"),
                             std::nullopt, std::move(heuristic), exact, started);
}

} // namespace pooled::colocation
