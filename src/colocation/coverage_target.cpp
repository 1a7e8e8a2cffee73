// solve_coverage_target: the fewest sites covering a share of the demand, overall and per
// group. Greedy on the summed relative shortfall, pruning, then shrinking by swap search;
// a counting lower bound.

#include "colocation/coverage_target.hpp"

#include <pooled/core/error.hpp>
#include <pooled/core/random.hpp>

#include "catchment/parallel_for.hpp"
#include "colocation/covering_input.hpp"
#include "colocation/evaluate.hpp"
#include "colocation/stopwatch.hpp"
#include "colocation/subgradient.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>

namespace pooled::colocation {

namespace detail {

CoverageTargets make_coverage_targets(const network::CostMatrix &costs, const AllocationData &data,
                                      const CoverageTargetOptions &options) {
    const std::string problem = "coverage target";
    if (!(options.share > 0.0 && options.share <= 1.0)) {
        throw Error(Errc::argument, problem + ": the share to cover must be in (0, 1], not " +
                                        pooled::detail::number_text(options.share));
    }
    if (!(options.group_share >= 0.0 && options.group_share <= 1.0)) {
        throw Error(Errc::argument, problem + ": the share of every group to cover must be in [0, 1], not " +
                                        pooled::detail::number_text(options.group_share));
    }
    if (!options.group.empty() && options.group.size() != costs.origin_count()) {
        throw Error(Errc::argument, problem + ": " + std::to_string(options.group.size()) + " group values for " +
                                        std::to_string(costs.origin_count()) + " origins");
    }
    CoverageTargets targets;
    const auto add_row = [&](double demand, double share) {
        targets.need.push_back(share * demand);
        targets.tolerance.push_back(1e-9 * demand);
        return static_cast<std::uint32_t>(targets.need.size() - 1);
    };
    if (data.total_weight > 0.0) {
        targets.total_row = add_row(data.total_weight, options.share);
    }
    targets.group_row.assign(data.client_count(), no_row);
    if (options.group.empty() || options.group_share == 0.0) {
        return targets;
    }
    std::uint32_t groups = 0;
    for (const std::uint32_t g : options.group) {
        groups = std::max(groups, g + 1);
    }
    std::vector<double> group_demand(groups, 0.0);
    for (std::size_t i = 0; i < data.client_count(); ++i) {
        group_demand[options.group[data.origin_of[i]]] += data.weight[i];
    }
    std::vector<std::uint32_t> row_of(groups, no_row);
    for (std::uint32_t g = 0; g < groups; ++g) {
        if (group_demand[g] > 0.0) {
            row_of[g] = add_row(group_demand[g], options.group_share);
        }
    }
    for (std::size_t i = 0; i < data.client_count(); ++i) {
        targets.group_row[i] = row_of[options.group[data.origin_of[i]]];
    }
    return targets;
}

std::vector<double> covered_per_row(const AllocationData &data, const CoverSets &cover, const CoverageTargets &targets,
                                    const std::vector<char> &open) {
    std::vector<double> covered(targets.rows(), 0.0);
    for (std::size_t i = 0; i < data.client_count(); ++i) {
        const auto sites = cover.sites_of(i);
        if (std::any_of(sites.begin(), sites.end(), [&](SiteIndex j) { return open[j] != 0; })) {
            if (targets.total_row != no_row) {
                covered[targets.total_row] += data.weight[i];
            }
            if (targets.group_row[i] != no_row) {
                covered[targets.group_row[i]] += data.weight[i];
            }
        }
    }
    return covered;
}

bool targets_met(const CoverageTargets &targets, std::span<const double> covered) {
    for (std::size_t r = 0; r < targets.rows(); ++r) {
        if (covered[r] < targets.need[r] - targets.tolerance[r]) {
            return false;
        }
    }
    return true;
}

double relative_shortfall(const CoverageTargets &targets, std::span<const double> covered) {
    double sum = 0.0;
    for (std::size_t r = 0; r < targets.rows(); ++r) {
        const double missing = targets.need[r] - covered[r];
        if (missing > targets.tolerance[r]) {
            sum += missing / targets.need[r];
        }
    }
    return sum;
}

} // namespace detail

namespace {

using detail::no_row;

/// An open set with its cover counts and the demand it covers per target row.
class TargetSearch {
public:
    TargetSearch(const detail::AllocationData &data, const detail::CoverSets &cover,
                 const detail::CoverageTargets &targets)
        : m_data(data), m_cover(cover), m_targets(targets), m_count(data.client_count(), 0), m_open(data.site_count, 0),
          m_covered(targets.rows(), 0.0), m_mark(data.client_count(), 0) {}

    void open(SiteIndex j) {
        m_open[j] = 1;
        for (const std::uint32_t i : m_cover.clients_of(j)) {
            if (m_count[i]++ == 0) {
                add(i, 1.0, m_covered);
            }
        }
    }
    void close(SiteIndex j) {
        m_open[j] = 0;
        for (const std::uint32_t i : m_cover.clients_of(j)) {
            if (--m_count[i] == 0) {
                add(i, -1.0, m_covered);
            }
        }
    }
    bool is_open(SiteIndex j) const { return m_open[j] != 0; }
    bool met() const { return detail::targets_met(m_targets, m_covered); }
    double shortfall() const { return shortfall_of(m_covered); }

    /// Summed shortfall relative to each target after opening `in` (or no_site) and closing
    /// `out` (or no_site), without changing the state.
    double shortfall_after(SiteIndex in, SiteIndex out) {
        m_trial = m_covered;
        if (in != no_site) {
            for (const std::uint32_t i : m_cover.clients_of(in)) {
                m_mark[i] = 1;
                if (m_count[i] == 0) {
                    add(i, 1.0, m_trial);
                }
            }
        }
        if (out != no_site) {
            for (const std::uint32_t i : m_cover.clients_of(out)) {
                if (m_count[i] == 1 && !m_mark[i]) {
                    add(i, -1.0, m_trial);
                }
            }
        }
        if (in != no_site) {
            for (const std::uint32_t i : m_cover.clients_of(in)) {
                m_mark[i] = 0;
            }
        }
        return shortfall_of(m_trial);
    }

    std::vector<SiteIndex> sites() const { return detail::open_sites(m_open); }

private:
    void add(std::uint32_t i, double sign, std::vector<double> &covered) const {
        if (m_targets.total_row != no_row) {
            covered[m_targets.total_row] += sign * m_data.weight[i];
        }
        if (m_targets.group_row[i] != no_row) {
            covered[m_targets.group_row[i]] += sign * m_data.weight[i];
        }
    }
    double shortfall_of(const std::vector<double> &covered) const {
        return detail::relative_shortfall(m_targets, covered);
    }

    const detail::AllocationData &m_data;
    const detail::CoverSets &m_cover;
    const detail::CoverageTargets &m_targets;
    std::vector<std::size_t> m_count;
    std::vector<char> m_open;
    std::vector<double> m_covered;
    std::vector<double> m_trial;
    std::vector<char> m_mark;
};

constexpr double tiny = 1e-12;

/// Opens, from the required sites, the site that cuts the shortfall most until every target is
/// met (with `rng`: one of the three best, at random). False if no site helps any more.
bool greedy(TargetSearch &search, const detail::AllocationData &data, Rng *rng) {
    for (const SiteIndex j : data.required_sites) {
        search.open(j);
    }
    while (!search.met()) {
        const double now = search.shortfall();
        std::vector<std::pair<double, SiteIndex>> ranked;
        for (const SiteIndex j : data.candidates) {
            if (!search.is_open(j)) {
                const double cut = now - search.shortfall_after(j, no_site);
                if (cut > tiny) {
                    ranked.emplace_back(-cut, j);
                }
            }
        }
        if (ranked.empty()) {
            return false;
        }
        const std::size_t pick = rng == nullptr ? 0 : static_cast<std::size_t>(rng->below(std::min<std::size_t>(3, ranked.size())));
        std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(pick + 1), ranked.end());
        search.open(ranked[pick].second);
    }
    return true;
}

/// Closes sites the targets do not need, those covering the fewest clients first.
void prune(TargetSearch &search, const detail::AllocationData &data, const detail::CoverSets &cover) {
    std::vector<SiteIndex> order;
    for (const SiteIndex j : search.sites()) {
        if (!data.required[j]) {
            order.push_back(j);
        }
    }
    std::stable_sort(order.begin(), order.end(), [&](SiteIndex a, SiteIndex b) {
        return cover.clients_of(a).size() < cover.clients_of(b).size();
    });
    for (const SiteIndex j : order) {
        if (search.shortfall_after(no_site, j) <= 0.0) {
            search.close(j);
        }
    }
}

/// Best-improving swaps (an open, not required site for a closed candidate) lowering the
/// shortfall until the targets are met or no swap helps. True if met.
bool swap_until_met(TargetSearch &search, const detail::AllocationData &data) {
    for (std::size_t step = 0; step < 50 * data.site_count + 10 && !search.met(); ++step) {
        const double now = search.shortfall();
        double best = now - tiny;
        SiteIndex best_in = no_site;
        SiteIndex best_out = no_site;
        for (const SiteIndex out : search.sites()) {
            if (data.required[out]) {
                continue;
            }
            for (const SiteIndex in : data.candidates) {
                if (!search.is_open(in)) {
                    const double after = search.shortfall_after(in, out);
                    if (after < best) {
                        best = after;
                        best_in = in;
                        best_out = out;
                    }
                }
            }
        }
        if (best_in == no_site) {
            return false;
        }
        search.close(best_out);
        search.open(best_in);
    }
    return search.met();
}

/// Tries one site fewer at a time: drop the site whose loss hurts least, then swap until the
/// targets are met again; stops at the first size where that fails.
std::vector<SiteIndex> shrink(TargetSearch &search, const detail::AllocationData &data, const detail::CoverSets &cover) {
    std::vector<SiteIndex> best = search.sites();
    while (true) {
        SiteIndex drop = no_site;
        double least = std::numeric_limits<double>::infinity();
        for (const SiteIndex j : best) {
            if (!data.required[j]) {
                const double after = search.shortfall_after(no_site, j);
                if (after < least) {
                    least = after;
                    drop = j;
                }
            }
        }
        if (drop == no_site) {
            return best;
        }
        search.close(drop);
        if (!swap_until_met(search, data)) {
            return best;
        }
        prune(search, data, cover);
        best = search.sites();
    }
}

/// Required sites plus, for the tightest target, the fewest of the largest remaining
/// coverages that could reach it (a union never covers more than the sum of its parts).
double counting_bound(const detail::AllocationData &data, const detail::CoverSets &cover,
                      const detail::CoverageTargets &targets) {
    std::vector<char> open(data.site_count, 0);
    for (const SiteIndex j : data.required_sites) {
        open[j] = 1;
    }
    const std::vector<double> base = detail::covered_per_row(data, cover, targets, open);
    std::vector<char> covered(data.client_count(), 0);
    for (const SiteIndex j : data.required_sites) {
        for (const std::uint32_t i : cover.clients_of(j)) {
            covered[i] = 1;
        }
    }
    std::size_t most = 0;
    for (std::uint32_t r = 0; r < targets.rows(); ++r) {
        std::vector<double> gains;
        for (const SiteIndex j : data.candidates) {
            double gain = 0.0;
            for (const std::uint32_t i : cover.clients_of(j)) {
                if (!covered[i] && (r == targets.total_row || targets.group_row[i] == r)) {
                    gain += data.weight[i];
                }
            }
            gains.push_back(gain);
        }
        std::sort(gains.begin(), gains.end(), std::greater<>());
        double reached = base[r];
        std::size_t k = 0;
        while (reached < targets.need[r] - targets.tolerance[r] && k < gains.size()) {
            reached += gains[k++];
        }
        most = std::max(most, k);
    }
    return static_cast<double>(data.required_sites.size() + most);
}

/// Lagrangian lower bound on the number of sites, keeping only the rows `rows` (dropping rows
/// keeps the bound valid; the rows kept must not share clients: the total row alone, or the
/// group rows). Relaxing z_i <= sum_{j in N(i)} y_j with lambda_i >= 0:
///   L = |R| + sum_j min(0, 1 - sum_{i in N(j)} lambda_i) + sum_rows (least sum lambda_i z_i
///       with sum w_i z_i >= what the row still needs, z in [0, 1]: a fractional knapsack),
/// clients covered by required sites counted as covered for free. Rounded up.
double lagrangian_bound(const detail::AllocationData &data, const detail::CoverSets &cover,
                        const detail::CoverageTargets &targets, const std::vector<std::uint32_t> &rows, double upper,
                        std::size_t iterations) {
    const std::size_t n = data.client_count();
    std::vector<char> free_cover(n, 0);
    for (const SiteIndex j : data.required_sites) {
        for (const std::uint32_t i : cover.clients_of(j)) {
            free_cover[i] = 1;
        }
    }
    // Per kept row its still-needed demand and its clients not covered for free.
    std::vector<double> need;
    std::vector<std::vector<std::uint32_t>> members;
    std::vector<char> in_rows(n, 0);
    for (const std::uint32_t r : rows) {
        double needed = targets.need[r] - targets.tolerance[r];
        std::vector<std::uint32_t> clients;
        for (std::uint32_t i = 0; i < n; ++i) {
            if (r == targets.total_row || targets.group_row[i] == r) {
                if (free_cover[i]) {
                    needed -= data.weight[i];
                } else {
                    clients.push_back(i);
                    in_rows[i] = 1;
                }
            }
        }
        if (needed > 0.0) {
            need.push_back(needed);
            members.push_back(std::move(clients));
        }
    }
    const auto required = static_cast<double>(data.required_sites.size());
    std::vector<double> lambda(n, 0.0);
    for (std::uint32_t i = 0; i < n; ++i) {
        if (in_rows[i]) {
            for (const SiteIndex j : cover.sites_of(i)) {
                lambda[i] = std::max(lambda[i], 1.0 / static_cast<double>(cover.clients_of(j).size()));
            }
        }
    }
    std::vector<double> z(n, 0.0), g(n, 0.0), rho(data.site_count, 0.0);
    std::vector<std::uint32_t> order;
    double best = required;
    detail::StepControl control;
    for (std::size_t it = 0; it < iterations; ++it) {
        double value = required;
        for (const SiteIndex j : data.candidates) {
            double sum = 0.0;
            for (const std::uint32_t i : cover.clients_of(j)) {
                sum += lambda[i];
            }
            rho[j] = 1.0 - sum;
            value += std::min(0.0, rho[j]);
        }
        std::fill(z.begin(), z.end(), 0.0);
        for (std::size_t r = 0; r < need.size(); ++r) {
            order = members[r];
            std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
                const double ka = lambda[a] / data.weight[a], kb = lambda[b] / data.weight[b];
                return ka < kb || (ka == kb && a < b);
            });
            double left = need[r];
            for (const std::uint32_t i : order) {
                if (left <= 0.0) {
                    break;
                }
                z[i] = std::min(1.0, left / data.weight[i]);
                left -= z[i] * data.weight[i];
                value += lambda[i] * z[i];
            }
            if (left > 0.0) {
                return std::numeric_limits<double>::infinity(); // the row cannot be met at all
            }
        }
        const bool better = value > best + 1e-9;
        best = std::max(best, value);
        if (std::ceil(best - 1e-9) >= upper || !control.keep_going(better)) {
            break;
        }
        double norm = 0.0;
        for (std::uint32_t i = 0; i < n; ++i) {
            if (!in_rows[i]) {
                continue;
            }
            double open = 0.0;
            for (const SiteIndex j : cover.sites_of(i)) {
                open += (!data.required[j] && rho[j] < 0.0) ? 1.0 : 0.0;
            }
            g[i] = z[i] - open; // dL/dlambda_i
            norm += g[i] * g[i];
        }
        if (norm == 0.0) {
            break;
        }
        const double step = control.theta * (upper - value) / norm;
        for (std::uint32_t i = 0; i < n; ++i) {
            lambda[i] = in_rows[i] ? std::max(0.0, lambda[i] + step * g[i]) : 0.0;
        }
    }
    return std::ceil(best - 1e-9);
}

/// The best of the counting bound and the Lagrangian bounds on the total row and on the
/// group rows.
double lower_bound(const detail::AllocationData &data, const detail::CoverSets &cover,
                   const detail::CoverageTargets &targets, double upper, std::size_t iterations) {
    double bound = counting_bound(data, cover, targets);
    if (iterations == 0) {
        return bound;
    }
    std::vector<std::uint32_t> group_rows;
    for (std::uint32_t r = 0; r < targets.rows(); ++r) {
        if (r == targets.total_row) {
            bound = std::max(bound, lagrangian_bound(data, cover, targets, {r}, upper, iterations));
        } else {
            group_rows.push_back(r);
        }
    }
    if (!group_rows.empty()) {
        bound = std::max(bound, lagrangian_bound(data, cover, targets, group_rows, upper, iterations));
    }
    return std::min(bound, upper);
}

} // namespace

Solution solve_coverage_target(const network::CostMatrix &costs, std::span<const double> demand,
                               const CoverageTargetOptions &options) {
    const auto started = std::chrono::steady_clock::now();
    const std::string problem = "coverage target";
    detail::check_covering_input(options.service_cost, options.sites, problem);
    const detail::AllocationData data = detail::make_allocation_data(
        costs, demand, options.sites, detail::allowed_site_count(costs, options.sites), std::nullopt, problem);
    const detail::CoverageTargets targets = detail::make_coverage_targets(costs, data, options);
    const detail::CoverSets cover = detail::make_cover_sets(data, options.service_cost);

    Solution solution;
    if (!detail::targets_met(targets, detail::covered_per_row(data, cover, targets, data.allowed))) {
        solution.status = SolveStatus::infeasible;
        solution.bound = std::numeric_limits<double>::infinity();
    } else {
        const Rng root(options.seed);
        const std::size_t starts = std::max<std::size_t>(options.starts, 1);
        std::vector<std::vector<SiteIndex>> found(starts);
        catchment::detail::parallel_for(starts, options.threads, [&](std::size_t k) {
            Rng rng = root.split(k);
            TargetSearch search(data, cover, targets);
            greedy(search, data, k == 0 ? nullptr : &rng); // feasible: it always meets the targets
            prune(search, data, cover);
            found[k] = shrink(search, data, cover);
        });
        std::size_t best = 0;
        for (std::size_t k = 1; k < starts; ++k) {
            if (found[k].size() < found[best].size() || (found[k].size() == found[best].size() && found[k] < found[best])) {
                best = k;
            }
        }
        solution.selected = found[best];
        solution.objective = static_cast<double>(solution.selected.size());
        detail::assign_covering(costs, options.service_cost, solution);
        solution.bound = lower_bound(data, cover, targets, solution.objective, options.bound_iterations);
        detail::set_gap(solution);
    }
    solution.seconds = detail::seconds_since(started);
    return solution;
}

} // namespace pooled::colocation
