// solve_capacitated_pmedian / solve_capacitated_facility_location: site search (swap, and for
// CFLP add and drop) around the capacitated assignment, from uncapacitated p-median starts;
// Lagrangian knapsack bound.

#include <pooled/colocation/capacitated.hpp>

#include "catchment/parallel_for.hpp"
#include "colocation/allocation_data.hpp"
#include "colocation/capacitated_assignment.hpp"
#include "colocation/capacitated_bound.hpp"
#include "colocation/capacitated_input.hpp"
#include "colocation/evaluate.hpp"
#include "colocation/greedy.hpp"
#include "colocation/pmedian_heuristic.hpp"
#include "colocation/stopwatch.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>

namespace pooled::colocation {

namespace {

struct Found {
    std::vector<SiteIndex> sites;
    detail::Assignment assignment;
};

/// The closed sites to try in place of `site`: with `all_small`, all of them for up to 100
/// candidates; else the 10 that most often rank among the three cheapest of the clients
/// `site` serves.
std::vector<SiteIndex> neighbours(const detail::AllocationData &data, const std::vector<char> &open,
                                  const detail::Assignment &a, SiteIndex site, bool all_small) {
    if (all_small && data.candidates.size() <= 100) {
        std::vector<SiteIndex> all;
        std::copy_if(data.candidates.begin(), data.candidates.end(), std::back_inserter(all),
                     [&](SiteIndex j) { return !open[j]; });
        return all;
    }
    std::map<SiteIndex, std::size_t> votes;
    for (std::uint32_t i = 0; i < data.client_count(); ++i) {
        if (a.site_of[i] != site && a.site_of[i] != no_site) {
            continue;
        }
        std::size_t seen = 0;
        for (const detail::Reach &r : data.row(i)) {
            if (!open[r.site] && data.allowed[r.site] && !data.required[r.site]) {
                ++votes[r.site];
                if (++seen == 3) {
                    break;
                }
            }
        }
    }
    std::vector<std::pair<std::size_t, SiteIndex>> ranked;
    for (const auto &[j, count] : votes) {
        ranked.emplace_back(count, j);
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto &x, const auto &y) {
        return x.first > y.first || (x.first == y.first && x.second < y.second);
    });
    std::vector<SiteIndex> result;
    for (std::size_t k = 0; k < std::min<std::size_t>(ranked.size(), 10); ++k) {
        result.push_back(ranked[k].second);
    }
    return result;
}

/// Best-improvement site search: swap an open site for a neighbouring closed one; with
/// `fixed_count` false, also drop an open site or add a neighbouring one. `rounds`: Lagrangian
/// rounds of each assignment (with rounds, only the 10 nearest neighbours are tried).
Found site_search(const detail::CapacitatedInput &prep, std::vector<SiteIndex> sites, bool fixed_count, std::size_t rounds) {
    const auto &data = prep.data;
    std::sort(sites.begin(), sites.end());
    Found current{sites, detail::assign_within_capacity(data, prep.caps, sites, rounds)};
    for (int iteration = 0; iteration < 200; ++iteration) {
        std::vector<char> open(data.site_count, 0);
        for (const SiteIndex j : current.sites) {
            open[j] = 1;
        }
        Found best = current;
        const auto consider = [&](std::vector<SiteIndex> next) {
            std::sort(next.begin(), next.end());
            detail::Assignment a = detail::assign_within_capacity(data, prep.caps, next, rounds);
            if (detail::better(a, best.assignment)) {
                best = {std::move(next), std::move(a)};
            }
        };
        std::set<SiteIndex> additions;
        for (const SiteIndex r : current.sites) {
            const auto near = neighbours(data, open, current.assignment, r, rounds == 0);
            additions.insert(near.begin(), near.end());
            if (data.required[r]) {
                continue;
            }
            std::vector<SiteIndex> without;
            std::copy_if(current.sites.begin(), current.sites.end(), std::back_inserter(without),
                         [&](SiteIndex j) { return j != r; });
            for (const SiteIndex j : near) {
                auto next = without;
                next.push_back(j);
                consider(std::move(next));
            }
            if (!fixed_count && without.size() > 0) {
                consider(without);
            }
        }
        if (!fixed_count) {
            for (const SiteIndex j : additions) {
                auto next = current.sites;
                next.push_back(j);
                consider(std::move(next));
            }
        }
        if (!detail::better(best.assignment, current.assignment)) {
            break;
        }
        current = std::move(best);
    }
    return current;
}

Solution solve(const network::CostMatrix &costs, const detail::CapacitatedInput &prep,
               std::optional<std::size_t> p, const CapacitatedOptions &options,
               std::chrono::steady_clock::time_point started) {
    const auto &data = prep.data;
    // Starts: the uncapacitated p-median of `count` sites, then randomised greedy ones.
    std::size_t count = data.p;
    if (!p) {
        // CFLP: the fewest sites whose largest capacities hold all demand.
        std::vector<double> caps;
        for (SiteIndex j = 0; j < data.site_count; ++j) {
            if (data.allowed[j]) {
                caps.push_back(prep.caps.capacity[j]);
            }
        }
        std::sort(caps.rbegin(), caps.rend());
        const double total = std::accumulate(prep.caps.load.begin(), prep.caps.load.end(), 0.0);
        double held = 0.0;
        count = 0;
        while (count < caps.size() && held < total) {
            held += caps[count++];
        }
        count = std::clamp<std::size_t>(count, std::max<std::size_t>(data.required_sites.size(), 1), caps.size());
    }
    detail::AllocationData sized = data;
    sized.p = count;
    const std::size_t starts = std::max<std::size_t>(options.starts, 1);
    const Rng root(options.seed);
    std::vector<Found> found(starts);
    catchment::detail::parallel_for(starts, options.threads, [&](std::size_t k) {
        Rng rng = root.split(k);
        const std::vector<SiteIndex> start =
            k == 0 ? detail::pmedian_heuristic(sized, {.seed = options.seed, .starts = 4, .elite = 5, .threads = 1})
                   : detail::greedy_sites(sized, &rng);
        // A fast search with plain assignments, then one whose assignments take Lagrangian rounds.
        found[k] = site_search(prep, site_search(prep, start, p.has_value(), 0).sites, p.has_value(), 10);
    });
    std::size_t best = 0;
    for (std::size_t k = 1; k < starts; ++k) {
        if (detail::better(found[k].assignment, found[best].assignment)) {
            best = k;
        }
    }
    Solution solution;
    const Found &f = found[best];
    solution.selected = f.sites;
    solution.assignment.assign(costs.origin_count(), no_site);
    std::vector<double> multipliers(data.client_count(), 0.0);
    for (std::uint32_t i = 0; i < data.client_count(); ++i) {
        const std::uint32_t o = data.origin_of[i];
        solution.assignment[o] = f.assignment.site_of[i];
        if (f.assignment.site_of[i] != no_site) {
            multipliers[i] = data.weight[i] * costs.at(o, f.assignment.site_of[i]);
        }
    }
    solution.objective = f.assignment.complete ? f.assignment.value : std::numeric_limits<double>::infinity();
    if (options.bound_iterations > 0 && f.assignment.complete) {
        solution.bound = detail::capacitated_bound(data, prep.caps, p, std::move(multipliers), solution.objective,
                                                   options.bound_iterations);
    }
    detail::set_gap(solution);
    solution.seconds = detail::seconds_since(started);
    return solution;
}

} // namespace

Solution solve_capacitated_pmedian(const network::CostMatrix &costs, std::span<const double> demand, std::size_t p,
                                   const CapacitatedOptions &options) {
    const auto started = std::chrono::steady_clock::now();
    const detail::CapacitatedInput prep = detail::prepare_capacitated(costs, demand, p, {}, options, "capacitated p-median");
    return solve(costs, prep, p, options, started);
}

Solution solve_capacitated_facility_location(const network::CostMatrix &costs, std::span<const double> demand,
                                             std::span<const double> opening_cost, const CapacitatedOptions &options) {
    const auto started = std::chrono::steady_clock::now();
    const detail::CapacitatedInput prep = detail::prepare_capacitated(costs, demand, detail::allowed_site_count(costs, options.sites), opening_cost, options, "capacitated facility location");
    return solve(costs, prep, std::nullopt, options, started);
}

} // namespace pooled::colocation
