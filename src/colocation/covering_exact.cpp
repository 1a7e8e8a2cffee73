// solve_mclp_exact / solve_lscp_exact / solve_coverage_target_exact: the covering MIPs for CBC, warm-started from the
// heuristics.

#include <pooled/colocation/covering.hpp>

#include "colocation/allocation_data.hpp"
#include "colocation/cbc_model.hpp"
#include "colocation/cover_sets.hpp"
#include "colocation/coverage_target.hpp"
#include "colocation/covering_input.hpp"
#include "colocation/exact_merge.hpp"
#include "colocation/stopwatch.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace pooled::colocation {

namespace {

using clock = std::chrono::steady_clock;

/// One binary y_j per allowed site (required ones fixed open); `start` gets the heuristic's.
std::vector<std::uint32_t> site_columns(detail::MipModel &model, const detail::AllocationData &data, double cost,
                                        const std::vector<SiteIndex> &open, std::vector<double> &start) {
    std::vector<std::uint32_t> y_of(data.site_count, 0);
    for (SiteIndex j = 0; j < data.site_count; ++j) {
        if (data.allowed[j]) {
            y_of[j] = model.add_column(cost, data.required[j] ? 1.0 : 0.0, 1.0, true);
            start.push_back(std::find(open.begin(), open.end(), j) != open.end() ? 1.0 : 0.0);
        }
    }
    return y_of;
}

} // namespace

Solution solve_mclp_exact(const network::CostMatrix &costs, std::span<const double> demand, const MclpOptions &options,
                          const ExactOptions &exact) {
    const auto started = clock::now();
    detail::check_time_limit(exact, "MCLP");
    Solution solution = solve_mclp(costs, demand, options);
    if (solution.status == SolveStatus::optimal) {
        solution.seconds = detail::seconds_since(started);
        return solution;
    }
    const detail::AllocationData data =
        detail::make_allocation_data(costs, demand, options.sites, options.p, std::nullopt, "MCLP");
    const detail::CoverSets cover = detail::make_cover_sets(data, options.service_cost);
    detail::MipModel model;
    model.maximise = true;
    std::vector<double> start;
    const std::vector<std::uint32_t> y_of = site_columns(model, data, 0.0, solution.selected, start);
    const std::uint32_t count = model.add_row(static_cast<double>(data.p), static_cast<double>(data.p));
    for (SiteIndex j = 0; j < data.site_count; ++j) {
        if (data.allowed[j]) {
            model.add(count, y_of[j], 1.0);
        }
    }
    for (std::uint32_t i = 0; i < data.client_count(); ++i) {
        const std::uint32_t z = model.add_column(data.weight[i], 0.0, 1.0, false);
        const std::uint32_t row = model.add_row(-1e30, 0.0); // z_i - sum_{j covers i} y_j <= 0
        model.add(row, z, 1.0);
        for (const SiteIndex j : cover.sites_of(i)) {
            model.add(row, y_of[j], -1.0);
        }
        start.push_back(solution.assignment[data.origin_of[i]] != no_site ? 1.0 : 0.0);
    }
    const detail::MipResult mip = detail::solve_mip(model, detail::remaining(exact.time_limit_s, detail::seconds_since(started)), start);
    detail::merge_mip(
        solution, mip, true, [&](const std::vector<double> &v) { return detail::sites_set(v, y_of, data.allowed); },
        [&](const std::vector<SiteIndex> &sites, Solution &s) {
            s.selected = sites;
            detail::assign_covering(costs, options.service_cost, s);
            s.objective = 0.0;
            for (std::size_t o = 0; o < costs.origin_count(); ++o) {
                s.objective += s.assignment[o] != no_site ? demand[o] : 0.0;
            }
        });
    solution.seconds = detail::seconds_since(started);
    return solution;
}

Solution solve_lscp_exact(const network::CostMatrix &costs, const SetCoveringOptions &options, const ExactOptions &exact) {
    const auto started = clock::now();
    detail::check_time_limit(exact, "LSCP");
    Solution solution = solve_lscp(costs, options);
    if (solution.status == SolveStatus::optimal || solution.status == SolveStatus::infeasible) {
        solution.seconds = detail::seconds_since(started);
        return solution;
    }
    const std::vector<double> ones(costs.origin_count(), 1.0);
    const detail::AllocationData data = detail::make_allocation_data(
        costs, ones, options.sites, detail::allowed_site_count(costs, options.sites), std::nullopt, "LSCP");
    const detail::CoverSets cover = detail::make_cover_sets(data, options.service_cost);
    detail::MipModel model;
    std::vector<double> start;
    const std::vector<std::uint32_t> y_of = site_columns(model, data, 1.0, solution.selected, start);
    for (std::uint32_t i = 0; i < data.client_count(); ++i) {
        const std::uint32_t row = model.add_row(1.0, 1e30);
        for (const SiteIndex j : cover.sites_of(i)) {
            model.add(row, y_of[j], 1.0);
        }
    }
    const detail::MipResult mip = detail::solve_mip(model, detail::remaining(exact.time_limit_s, detail::seconds_since(started)), start);
    detail::merge_mip(
        solution, mip, false, [&](const std::vector<double> &v) { return detail::sites_set(v, y_of, data.allowed); },
        [&](const std::vector<SiteIndex> &sites, Solution &s) {
            s.selected = sites;
            detail::assign_covering(costs, options.service_cost, s);
            s.objective = static_cast<double>(sites.size());
        });
    solution.seconds = detail::seconds_since(started);
    return solution;
}

Solution solve_coverage_target_exact(const network::CostMatrix &costs, std::span<const double> demand,
                                     const CoverageTargetOptions &options, const ExactOptions &exact) {
    const auto started = clock::now();
    detail::check_time_limit(exact, "coverage target");
    Solution solution = solve_coverage_target(costs, demand, options);
    if (solution.status == SolveStatus::optimal || solution.status == SolveStatus::infeasible) {
        solution.seconds = detail::seconds_since(started);
        return solution;
    }
    const detail::AllocationData data = detail::make_allocation_data(
        costs, demand, options.sites, detail::allowed_site_count(costs, options.sites), std::nullopt, "coverage target");
    const detail::CoverageTargets targets = detail::make_coverage_targets(costs, data, options);
    const detail::CoverSets cover = detail::make_cover_sets(data, options.service_cost);
    detail::MipModel model;
    std::vector<double> start;
    model.full_driver = true;
    const std::vector<std::uint32_t> y_of = site_columns(model, data, 1.0, solution.selected, start);
    // One row per target, scaled to 1 so that CBC's tolerances mean the same for every group.
    std::vector<std::uint32_t> target_row(targets.rows());
    for (std::size_t r = 0; r < targets.rows(); ++r) {
        target_row[r] = model.add_row(1.0 - targets.tolerance[r] / targets.need[r], 1e30);
    }
    for (std::uint32_t i = 0; i < data.client_count(); ++i) {
        const std::uint32_t z = model.add_column(0.0, 0.0, 1.0, false);
        const std::uint32_t row = model.add_row(-1e30, 0.0); // z_i - sum_{j covers i} y_j <= 0
        model.add(row, z, 1.0);
        for (const SiteIndex j : cover.sites_of(i)) {
            model.add(row, y_of[j], -1.0);
        }
        if (targets.total_row != detail::no_row) {
            model.add(target_row[targets.total_row], z, data.weight[i] / targets.need[targets.total_row]);
        }
        if (targets.group_row[i] != detail::no_row) {
            model.add(target_row[targets.group_row[i]], z, data.weight[i] / targets.need[targets.group_row[i]]);
        }
        start.push_back(solution.assignment[data.origin_of[i]] != no_site ? 1.0 : 0.0);
    }
    const detail::MipResult mip = detail::solve_mip(model, detail::remaining(exact.time_limit_s, detail::seconds_since(started)), start);
    detail::merge_mip(
        solution, mip, false,
        [&](const std::vector<double> &v) {
            std::vector<SiteIndex> sites = detail::sites_set(v, y_of, data.allowed);
            std::vector<char> open(data.site_count, 0);
            for (const SiteIndex j : sites) {
                open[j] = 1;
            }
            // CBC's answer must meet the targets by our own count too, else the heuristic's stays.
            return detail::targets_met(targets, detail::covered_per_row(data, cover, targets, open)) ? sites
                                                                                                    : solution.selected;
        },
        [&](const std::vector<SiteIndex> &sites, Solution &s) {
            s.selected = sites;
            detail::assign_covering(costs, options.service_cost, s);
            s.objective = static_cast<double>(sites.size());
        });
    if (std::isfinite(solution.bound)) {
        solution.bound = std::ceil(solution.bound - 1e-6); // a count of sites
        detail::set_gap(solution);
    }
    solution.seconds = detail::seconds_since(started);
    return solution;
}

} // namespace pooled::colocation
