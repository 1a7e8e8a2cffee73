// solve_pcenter: binary search over the distinct costs for the smallest radius a greedy cover
// of at most p sites reaches; bound by set-cover Lagrangian bounds below it.

#include <pooled/colocation/pcenter.hpp>

#include "catchment/parallel_for.hpp"
#include "colocation/cover_search.hpp"
#include "colocation/covering_bound.hpp"
#include "colocation/covering_input.hpp"
#include "colocation/evaluate.hpp"
#include "colocation/stopwatch.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <optional>

namespace pooled::colocation {

namespace {

/// A set of p sites covering every client within `radius`, if one is found: per start, a
/// greedy cover of at most p sites improved by the MCLP swap search (weight 1 per client)
/// until it covers everyone. Deterministic; the first start that covers all wins.
std::optional<std::vector<SiteIndex>> cover_within(const detail::AllocationData &data, double radius,
                                                   const PCenterOptions &options) {
    const detail::CoverSets cover = detail::make_cover_sets(data, radius);
    const std::vector<double> ones(data.client_count(), 1.0);
    const detail::CoverScore score{ones, false};
    const Rng root(options.seed);
    const std::size_t starts = std::max<std::size_t>(options.starts, 1);
    std::vector<std::vector<SiteIndex>> found(starts);
    std::vector<char> complete(starts, 0);
    catchment::detail::parallel_for(starts, options.threads, [&](std::size_t k) {
        Rng rng = root.split(k);
        const auto greedy = detail::greedy_cover(data, cover, ones, data.p, k == 0 ? nullptr : &rng);
        detail::LexValue value;
        found[k] = detail::cover_local_search(data, cover, score, detail::pad_sites(data, greedy, data.p), value);
        complete[k] = value.cost == static_cast<double>(data.client_count()) ? 1 : 0;
    });
    for (std::size_t k = 0; k < starts; ++k) {
        if (complete[k]) {
            return found[k];
        }
    }
    return std::nullopt;
}

} // namespace

Solution solve_pcenter(const network::CostMatrix &costs, std::span<const double> demand, const PCenterOptions &options) {
    const auto started = std::chrono::steady_clock::now();
    detail::check_covering_input(0.0, options.sites, "p-center");
    const detail::AllocationData data =
        detail::make_allocation_data(costs, demand, options.sites, options.p, std::nullopt, "p-center");
    Solution solution;
    const auto finish = [&] {
        solution.seconds = detail::seconds_since(started);
        return solution;
    };
    double lower = 0.0; // every origin's cheapest allowed site bounds the answer from below
    std::vector<double> radii;
    for (std::size_t i = 0; i < data.client_count(); ++i) {
        if (data.row(i).empty()) {
            solution.status = SolveStatus::infeasible;
            solution.bound = std::numeric_limits<double>::infinity();
            return finish();
        }
        lower = std::max(lower, data.row(i).front().cost);
    }
    for (const detail::Reach &r : data.reach) {
        if (r.cost >= lower) {
            radii.push_back(r.cost);
        }
    }
    std::sort(radii.begin(), radii.end());
    radii.erase(std::unique(radii.begin(), radii.end()), radii.end());
    // Smallest radius index with a cover of p sites (found heuristically, so not always
    // monotone: the binary search returns a feasible radius, not necessarily the smallest).
    std::size_t lo = 0;
    std::size_t hi = radii.size();
    std::optional<std::vector<SiteIndex>> best;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (auto sites = cover_within(data, radii[mid], options)) {
            best = std::move(sites);
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    if (!best) {
        solution.bound = lower;
        return finish(); // no_solution: no cover of p sites found at any radius
    }
    detail::evaluate(costs, demand, data, detail::pad_sites(data, *best, data.p), solution);
    solution.objective = 0.0;
    for (std::size_t o = 0; o < costs.origin_count(); ++o) {
        if (demand[o] > 0.0) {
            solution.objective = std::max(solution.objective, costs.at(o, solution.assignment[o]));
        }
    }
    // Bound: radii below the answer at which p sites provably cannot cover everyone.
    solution.bound = lower;
    if (options.bound_iterations > 0) {
        std::size_t b_lo = 0;
        std::size_t b_hi = static_cast<std::size_t>(
            std::lower_bound(radii.begin(), radii.end(), solution.objective) - radii.begin());
        while (b_lo < b_hi) { // find the smallest radius not proved infeasible
            const std::size_t mid = b_lo + (b_hi - b_lo) / 2;
            const detail::CoverSets cover = detail::make_cover_sets(data, radii[mid]);
            const double needed = detail::set_cover_lower_bound(data, cover, static_cast<double>(data.p) + 1.0,
                                                                options.bound_iterations);
            if (needed > static_cast<double>(data.p)) {
                b_lo = mid + 1;
            } else {
                b_hi = mid;
            }
        }
        if (b_lo < radii.size()) {
            solution.bound = std::max(solution.bound, radii[b_lo]);
        }
    }
    detail::set_gap(solution);
    return finish();
}

} // namespace pooled::colocation
