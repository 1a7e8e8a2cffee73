// solve_lscp and solve_backup_covering: greedy covers (plain, then randomised) pruned of
// redundant sites; the smallest is the LSCP answer and, at that size, the start of the
// backup-covering swap search.

#include <pooled/colocation/covering.hpp>

#include "catchment/parallel_for.hpp"
#include "colocation/cover_search.hpp"
#include "colocation/covering_bound.hpp"
#include "colocation/covering_input.hpp"
#include "colocation/evaluate.hpp"
#include "colocation/stopwatch.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <numeric>

namespace pooled::colocation {

namespace {

struct Covers {
    detail::AllocationData data;
    detail::CoverSets cover;
    bool feasible = true;
    std::vector<std::vector<SiteIndex>> smallest; ///< the distinct smallest covers found, in start order
};

/// Drops sites whose clients are all covered twice, smallest coverage first (ties: index).
std::vector<SiteIndex> prune(const detail::AllocationData &data, const detail::CoverSets &cover,
                             std::vector<SiteIndex> sites) {
    std::vector<std::size_t> count(data.client_count(), 0);
    for (const SiteIndex j : sites) {
        for (const std::uint32_t i : cover.clients_of(j)) {
            ++count[i];
        }
    }
    std::vector<SiteIndex> order = sites;
    std::sort(order.begin(), order.end(), [&](SiteIndex a, SiteIndex b) {
        const auto ca = cover.clients_of(a).size();
        const auto cb = cover.clients_of(b).size();
        return ca < cb || (ca == cb && a < b);
    });
    for (const SiteIndex j : order) {
        const auto clients = cover.clients_of(j);
        if (data.required[j] ||
            !std::all_of(clients.begin(), clients.end(), [&](std::uint32_t i) { return count[i] >= 2; })) {
            continue;
        }
        for (const std::uint32_t i : clients) {
            --count[i];
        }
        sites.erase(std::find(sites.begin(), sites.end(), j));
    }
    return sites;
}

Covers find_covers(const network::CostMatrix &costs, const SetCoveringOptions &options, const std::string &problem) {
    detail::check_covering_input(options.service_cost, options.sites, problem);
    // Every origin must be covered, whatever its demand: weight 1 each; p is not part of the
    // problem, so the allowed site count stands in for it.
    const std::vector<double> ones(costs.origin_count(), 1.0);
    Covers covers{detail::make_allocation_data(costs, ones, options.sites, detail::allowed_site_count(costs, options.sites),
                                               std::nullopt, problem),
                  {}, true, {}};
    covers.cover = detail::make_cover_sets(covers.data, options.service_cost);
    for (std::size_t i = 0; i < covers.data.client_count(); ++i) {
        if (covers.cover.sites_of(i).empty()) {
            covers.feasible = false;
            return covers;
        }
    }
    const Rng root(options.seed);
    const std::size_t starts = std::max<std::size_t>(options.starts, 1);
    std::vector<std::vector<SiteIndex>> found(starts);
    catchment::detail::parallel_for(starts, options.threads, [&](std::size_t k) {
        Rng rng = root.split(k);
        found[k] = prune(covers.data, covers.cover,
                         detail::greedy_cover(covers.data, covers.cover, covers.data.weight, covers.data.site_count,
                                              k == 0 ? nullptr : &rng));
    });
    std::size_t fewest = found[0].size();
    for (const auto &sites : found) {
        fewest = std::min(fewest, sites.size());
    }
    for (auto &sites : found) {
        if (sites.size() == fewest &&
            std::find(covers.smallest.begin(), covers.smallest.end(), sites) == covers.smallest.end()) {
            covers.smallest.push_back(std::move(sites));
        }
    }
    return covers;
}

/// The answer when some origin has no allowed site within the service cost.
Solution infeasible(double bound, std::chrono::steady_clock::time_point started) {
    Solution solution;
    solution.status = SolveStatus::infeasible;
    solution.bound = bound;
    solution.seconds = detail::seconds_since(started);
    return solution;
}

} // namespace

Solution solve_lscp(const network::CostMatrix &costs, const SetCoveringOptions &options) {
    const auto started = std::chrono::steady_clock::now();
    const Covers covers = find_covers(costs, options, "LSCP");
    if (!covers.feasible) {
        return infeasible(std::numeric_limits<double>::infinity(), started);
    }
    Solution solution;
    solution.selected = *std::min_element(covers.smallest.begin(), covers.smallest.end());
    solution.objective = static_cast<double>(solution.selected.size());
    detail::assign_covering(costs, options.service_cost, solution);
    if (options.bound_iterations > 0) {
        solution.bound =
            detail::set_cover_lower_bound(covers.data, covers.cover, solution.objective, options.bound_iterations);
    }
    detail::set_gap(solution);
    solution.seconds = detail::seconds_since(started);
    return solution;
}

Solution solve_backup_covering(const network::CostMatrix &costs, const SetCoveringOptions &options) {
    const auto started = std::chrono::steady_clock::now();
    const Covers covers = find_covers(costs, options, "backup covering");
    if (!covers.feasible) {
        return infeasible(-std::numeric_limits<double>::infinity(), started);
    }
    Solution solution;
    const detail::CoverScore score{covers.data.weight, true};
    std::vector<std::vector<SiteIndex>> improved(covers.smallest.size());
    std::vector<detail::LexValue> values(covers.smallest.size());
    catchment::detail::parallel_for(covers.smallest.size(), options.threads, [&](std::size_t k) {
        improved[k] = detail::cover_local_search(covers.data, covers.cover, score, covers.smallest[k], values[k]);
    });
    std::size_t best = 0;
    for (std::size_t k = 1; k < improved.size(); ++k) {
        if (values[best] < values[k] || (values[best] == values[k] && improved[k] < improved[best])) {
            best = k;
        }
    }
    solution.selected = improved[best];
    solution.objective = values[best].cost;
    detail::assign_covering(costs, options.service_cost, solution);
    // Only origins with two or more allowed coverers can ever be backed up.
    std::vector<double> can_be_backed(covers.data.client_count());
    for (std::size_t i = 0; i < can_be_backed.size(); ++i) {
        can_be_backed[i] = covers.cover.sites_of(i).size() >= 2 ? 1.0 : 0.0;
    }
    solution.bound = std::accumulate(can_be_backed.begin(), can_be_backed.end(), 0.0);
    if (options.bound_iterations > 0) {
        solution.bound = std::min(solution.bound,
                                  detail::covering_upper_bound(covers.data, covers.cover, can_be_backed,
                                                               solution.selected.size(), 1.0, solution.objective,
                                                               options.bound_iterations));
    }
    detail::set_gap(solution, true);
    solution.seconds = detail::seconds_since(started);
    return solution;
}

} // namespace pooled::colocation
