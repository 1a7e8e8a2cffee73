// Lagrangian relaxation of the assignment constraints (sum_j x_ij = 1, multiplier lambda_i):
//   L(lambda) = const + sum_i lambda_i + sum_i min(0, w_i U - lambda_i)   [U: unserved cost, if any]
//             + min over p sites (required ones included) of sum_j rho_j,
//   rho_j = f_j + sum_{i reaches j} min(0, w_i c_ij - lambda_i).
// Any lambda gives a valid bound; subgradient steps (Held, Wolfe and Crowder 1974, step
// theta (UB - L) / |g|^2, theta halved when the bound stalls) climb towards the best one.

#include "colocation/lagrangian_bound.hpp"

#include "catchment/parallel_for.hpp"
#include "colocation/subgradient.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace pooled::colocation::detail {

namespace {

bool integral(double v) { return std::floor(v) == v; }

bool integral_data(const AllocationData &data) {
    const auto all = [](const auto &values, auto get) {
        return std::all_of(values.begin(), values.end(), [&](const auto &v) { return integral(get(v)); });
    };
    return all(data.weight, [](double w) { return w; }) && all(data.reach, [](const Reach &r) { return r.cost; }) &&
           all(data.site_cost, [](double f) { return f; }) && integral(data.constant) &&
           (!data.unserved_cost || integral(*data.unserved_cost));
}

} // namespace

SiteSplit root_split(const AllocationData &data) { return {data.required_sites, data.candidates}; }

double finish_bound(double raw, double upper_bound, bool integral) {
    const double tolerance = 1e-9 * (1.0 + std::abs(upper_bound));
    return integral ? std::ceil(raw - tolerance) : raw;
}

LagrangianResult lagrangian_bound(const AllocationData &data, double upper_bound, std::vector<double> lambda,
                                  const LagrangianOptions &options) {
    return lagrangian_bound(data, upper_bound, std::move(lambda), options, root_split(data));
}

LagrangianResult lagrangian_bound(const AllocationData &data, double upper_bound, std::vector<double> lambda,
                                  const LagrangianOptions &options, const SiteSplit &split) {
    LagrangianResult result;
    const std::size_t n = data.client_count();
    const std::size_t m = data.site_count;
    result.integral = integral_data(data);
    const double tolerance = 1e-9 * (1.0 + std::abs(upper_bound));
    const auto finish = [&](double bound) { return finish_bound(bound, upper_bound, result.integral); };
    if (split.open.size() > data.p || data.p - split.open.size() > split.free.size()) {
        result.bound = result.raw_bound = std::numeric_limits<double>::infinity();
        return result;
    }

    std::vector<double> rho(m, 0.0);
    const std::size_t parts = std::min<std::size_t>(16, std::max<std::size_t>(n / 4096, 1));
    std::vector<std::vector<double>> partial(parts, std::vector<double>(m, 0.0));
    std::vector<std::size_t> visited(parts, 0);
    std::vector<char> chosen(m, 0);
    std::vector<double> g(n, 0.0);
    std::vector<SiteIndex> order = split.free;
    const std::size_t free_count = data.p - split.open.size();
    double best = -std::numeric_limits<double>::infinity();
    StepControl control;
    control.theta = options.theta;
    for (std::size_t iteration = 0; iteration < options.iterations; ++iteration) {
        // rho_j gathers min(0, w_i c_ij - lambda_i) < 0 only: for client i these are the sites
        // with c_ij < lambda_i / w_i, a prefix of its cost-sorted row. Scattering the prefixes
        // costs far less than scanning every column. Clients are split into a FIXED number of
        // parts summed in order, so the result does not depend on the thread count.
        catchment::detail::parallel_for(parts, options.threads, [&](std::size_t part) {
            std::vector<double> &sum = partial[part];
            std::fill(sum.begin(), sum.end(), 0.0);
            std::size_t count = 0;
            for (std::size_t i = part * n / parts; i < (part + 1) * n / parts; ++i) {
                for (const Reach &r : data.row(i)) {
                    const double reduced = data.weight[i] * r.cost - lambda[i];
                    if (!(reduced < 0.0)) {
                        break;
                    }
                    sum[r.site] += reduced;
                    ++count;
                }
            }
            visited[part] = count;
        });
        ++result.iterations;
        result.work += static_cast<double>(std::accumulate(visited.begin(), visited.end(), std::size_t{0}) + n + m);
        std::copy(data.site_cost.begin(), data.site_cost.end(), rho.begin());
        for (const std::vector<double> &sum : partial) {
            for (std::size_t j = 0; j < m; ++j) {
                rho[j] += sum[j];
            }
        }
        // The relaxed choice: required sites, then the free_count most negative rho (ties: index).
        std::fill(chosen.begin(), chosen.end(), 0);
        std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(free_count), order.end(),
                         [&](SiteIndex a, SiteIndex b) { return rho[a] < rho[b] || (rho[a] == rho[b] && a < b); });
        double value = data.constant;
        for (const SiteIndex j : split.open) {
            chosen[j] = 1;
            value += rho[j];
        }
        for (std::size_t k = 0; k < free_count; ++k) {
            chosen[order[k]] = 1;
            value += rho[order[k]];
        }
        for (std::size_t i = 0; i < n; ++i) {
            value += lambda[i];
            if (data.unserved_cost) {
                value += std::min(0.0, data.weight[i] * *data.unserved_cost - lambda[i]);
            }
        }
        // Gains below a thousandth of the remaining gap (or a millionth of the solution's
        // value) do not count as progress, so the steps shrink, and the search ends, once the
        // bound only creeps.
        const double progress = std::max(1e-6 * (1.0 + std::abs(upper_bound)), 1e-3 * (upper_bound - best));
        const bool improved = value > best + (std::isfinite(progress) ? progress : 0.0);
        if (value > best) {
            best = value;
            result.multipliers = lambda;
            result.rho = rho;
            result.chosen = chosen;
            // The relaxed choice at a better bound: a start for the Lagrangian heuristic.
            std::vector<SiteIndex> sites = open_sites(chosen);
            if (std::find(result.relaxed_sites.begin(), result.relaxed_sites.end(), sites) == result.relaxed_sites.end()) {
                result.relaxed_sites.push_back(std::move(sites));
                if (result.relaxed_sites.size() > options.keep_relaxed) {
                    result.relaxed_sites.erase(result.relaxed_sites.begin());
                }
            }
        }
        if (finish(best) >= upper_bound - tolerance || !control.keep_going(improved)) {
            break;
        }
        catchment::detail::parallel_for(parts, options.threads, [&](std::size_t part) {
            for (std::size_t i = part * n / parts; i < (part + 1) * n / parts; ++i) {
                double served = 0.0;
                for (const Reach &r : data.row(i)) {
                    if (!(data.weight[i] * r.cost < lambda[i])) {
                        break;
                    }
                    served += chosen[r.site] ? 1.0 : 0.0;
                }
                if (data.unserved_cost && data.weight[i] * *data.unserved_cost < lambda[i]) {
                    served += 1.0;
                }
                g[i] = 1.0 - served;
            }
        });
        const double norm = std::inner_product(g.begin(), g.end(), g.begin(), 0.0);
        if (norm == 0.0) {
            break; // lambda solves the dual: no better bound by this relaxation
        }
        const double step = control.theta * (upper_bound - value) / norm;
        for (std::size_t i = 0; i < n; ++i) {
            lambda[i] = std::max(0.0, lambda[i] + step * g[i]);
        }
    }
    // A bound within rounding of the solution proves it optimal; do not let the noise show.
    result.raw_bound = best;
    result.bound = finish(best) > upper_bound && finish(best) <= upper_bound + tolerance ? upper_bound : finish(best);
    return result;
}

} // namespace pooled::colocation::detail
