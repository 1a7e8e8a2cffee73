// Subgradient optimisation of the covering relaxations (see covering_bound.hpp).

#include "colocation/covering_bound.hpp"

#include "colocation/subgradient.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace pooled::colocation::detail {

double covering_upper_bound(const AllocationData &data, const CoverSets &cover, std::span<const double> weight,
                            std::size_t sites, double extra_cover, double lower, std::size_t iterations) {
    const std::size_t n = data.client_count();
    const bool integral = std::all_of(weight.begin(), weight.end(), [](double w) { return std::floor(w) == w; });
    const double tolerance = 1e-9 * (1.0 + std::abs(lower));
    const auto finish = [&](double b) { return integral ? std::floor(b + tolerance) : b; };
    std::vector<double> lambda(weight.begin(), weight.end());
    std::vector<double> rho(data.site_count, 0.0);
    std::vector<char> chosen(data.site_count, 0);
    std::vector<double> g(n, 0.0);
    std::vector<SiteIndex> order = data.candidates;
    const std::size_t free_count = sites - std::min(sites, data.required_sites.size());
    double best = std::numeric_limits<double>::infinity();
    StepControl control;
    for (std::size_t it = 0; it < iterations; ++it) {
        for (SiteIndex j = 0; j < data.site_count; ++j) {
            double sum = 0.0;
            for (const std::uint32_t i : cover.clients_of(j)) {
                sum += lambda[i];
            }
            rho[j] = sum;
        }
        std::fill(chosen.begin(), chosen.end(), 0);
        const std::size_t take = std::min(free_count, order.size());
        std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(take), order.end(),
                         [&](SiteIndex a, SiteIndex b) { return rho[a] > rho[b] || (rho[a] == rho[b] && a < b); });
        double value = 0.0;
        for (const SiteIndex j : data.required_sites) {
            chosen[j] = 1;
            value += rho[j];
        }
        for (std::size_t k = 0; k < take; ++k) {
            chosen[order[k]] = 1;
            value += rho[order[k]];
        }
        for (std::size_t i = 0; i < n; ++i) {
            value += std::max(0.0, weight[i] - lambda[i]) - extra_cover * lambda[i];
        }
        const bool better = value < best - tolerance;
        best = std::min(best, value);
        if (finish(best) <= lower + tolerance || !control.keep_going(better)) {
            break;
        }
        for (std::size_t i = 0; i < n; ++i) {
            double covered = 0.0;
            for (const SiteIndex j : cover.sites_of(i)) {
                covered += chosen[j] ? 1.0 : 0.0;
            }
            // dL/dlambda_i = covered - extra_cover - z_i; step against it.
            g[i] = (weight[i] > lambda[i] ? 1.0 : 0.0) + extra_cover - covered;
        }
        const double norm = std::inner_product(g.begin(), g.end(), g.begin(), 0.0);
        if (norm == 0.0) {
            break;
        }
        const double step = control.theta * (value - lower) / norm;
        for (std::size_t i = 0; i < n; ++i) {
            lambda[i] = std::max(0.0, lambda[i] + step * g[i]);
        }
    }
    return finish(best) < lower && finish(best) >= lower - tolerance ? lower : finish(best);
}

double set_cover_lower_bound(const AllocationData &data, const CoverSets &cover, double upper, std::size_t iterations) {
    const std::size_t n = data.client_count();
    std::vector<char> active(n, 1); // not yet covered by a required site
    for (const SiteIndex j : data.required_sites) {
        for (const std::uint32_t i : cover.clients_of(j)) {
            active[i] = 0;
        }
    }
    const auto required = static_cast<double>(data.required_sites.size());
    std::vector<double> lambda(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        if (active[i]) {
            double smallest = std::numeric_limits<double>::infinity();
            for (const SiteIndex j : cover.sites_of(i)) {
                smallest = std::min(smallest, 1.0 / static_cast<double>(cover.clients_of(j).size()));
            }
            lambda[i] = std::isfinite(smallest) ? smallest : 0.0;
        }
    }
    std::vector<double> rho(data.site_count, 0.0);
    std::vector<double> g(n, 0.0);
    double best = -std::numeric_limits<double>::infinity();
    const double tolerance = 1e-9;
    StepControl control;
    for (std::size_t it = 0; it < iterations; ++it) {
        double value = required;
        for (const SiteIndex j : data.candidates) {
            double sum = 0.0;
            for (const std::uint32_t i : cover.clients_of(j)) {
                sum += active[i] ? lambda[i] : 0.0;
            }
            rho[j] = 1.0 - sum;
            value += std::min(0.0, rho[j]);
        }
        for (std::size_t i = 0; i < n; ++i) {
            value += active[i] ? lambda[i] : 0.0;
        }
        const bool better = value > best + tolerance;
        best = std::max(best, value);
        if (std::ceil(best - tolerance) >= upper || !control.keep_going(better)) {
            break;
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (!active[i]) {
                continue;
            }
            double covered = 0.0;
            for (const SiteIndex j : cover.sites_of(i)) {
                covered += (!data.required[j] && rho[j] < 0.0) ? 1.0 : 0.0;
            }
            g[i] = 1.0 - covered;
        }
        const double norm = std::inner_product(g.begin(), g.end(), g.begin(), 0.0);
        if (norm == 0.0) {
            break;
        }
        const double step = control.theta * (upper - value) / norm;
        for (std::size_t i = 0; i < n; ++i) {
            lambda[i] = active[i] ? std::max(0.0, lambda[i] + step * g[i]) : 0.0;
        }
    }
    return std::ceil(best - tolerance);
}

} // namespace pooled::colocation::detail
