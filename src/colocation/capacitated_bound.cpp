// L(lambda) = const + sum_i lambda_i + min over the site choice of sum_j rho_j, with
//   rho_j = f_j - max { sum_i (lambda_i - w_i c_ij) x_i : sum_i d_i x_i <= Q_j, x binary }.
// The knapsack is solved exactly by dynamic programming when demands and capacity are
// integers (and the table is small), else by its linear relaxation (still a valid bound).

#include "colocation/capacitated_bound.hpp"

#include "colocation/subgradient.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace pooled::colocation::detail {

namespace {

struct Item {
    std::uint32_t client;
    double profit;
    double load;
};

/// Best knapsack profit; `take` receives each item's share (0/1, or fractional when relaxed).
double knapsack(const std::vector<Item> &items, double capacity, std::vector<double> &take) {
    take.assign(items.size(), 0.0);
    const bool integral = std::floor(capacity) == capacity &&
                          std::all_of(items.begin(), items.end(), [](const Item &it) { return std::floor(it.load) == it.load; });
    const double cells = (capacity + 1.0) * static_cast<double>(items.size());
    if (integral && capacity >= 0.0 && cells <= 4e6) {
        const auto cap = static_cast<std::size_t>(capacity);
        std::vector<double> best(cap + 1, 0.0);
        std::vector<std::vector<char>> chose(items.size(), std::vector<char>(cap + 1, 0));
        for (std::size_t k = 0; k < items.size(); ++k) {
            const auto load = static_cast<std::size_t>(items[k].load);
            for (std::size_t c = cap + 1; c-- > load;) {
                const double with = best[c - load] + items[k].profit;
                if (with > best[c]) {
                    best[c] = with;
                    chose[k][c] = 1;
                }
            }
        }
        std::size_t c = cap;
        for (std::size_t k = items.size(); k-- > 0;) {
            if (chose[k][c]) {
                take[k] = 1.0;
                c -= static_cast<std::size_t>(items[k].load);
            }
        }
        return best[cap];
    }
    // Linear relaxation (Dantzig): by profit per unit of load, the last item split.
    std::vector<std::size_t> order(items.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return items[a].profit * items[b].load > items[b].profit * items[a].load;
    });
    double room = capacity;
    double total = 0.0;
    for (const std::size_t k : order) {
        if (items[k].load <= room) {
            take[k] = 1.0;
            room -= items[k].load;
            total += items[k].profit;
        } else {
            take[k] = room / items[k].load;
            total += take[k] * items[k].profit;
            break;
        }
    }
    return total;
}

} // namespace

double capacitated_bound(const AllocationData &data, const Capacities &caps, std::optional<std::size_t> p,
                         std::vector<double> lambda, double upper, std::size_t iterations) {
    const std::size_t n = data.client_count();
    const std::size_t m = data.site_count;
    const bool integral = std::all_of(data.weight.begin(), data.weight.end(), [](double w) { return std::floor(w) == w; }) &&
                          std::all_of(data.reach.begin(), data.reach.end(), [](const Reach &r) { return std::floor(r.cost) == r.cost; }) &&
                          std::all_of(data.site_cost.begin(), data.site_cost.end(), [](double f) { return std::floor(f) == f; }) &&
                          std::floor(data.constant) == data.constant;
    const double tolerance = 1e-9 * (1.0 + std::abs(upper));
    const auto finish = [&](double b) { return integral ? std::ceil(b - tolerance) : b; };
    std::vector<std::vector<Item>> items(m);
    std::vector<std::vector<double>> take(m);
    std::vector<double> rho(m, 0.0);
    std::vector<char> chosen(m, 0);
    std::vector<double> g(n, 0.0);
    std::vector<SiteIndex> order = data.candidates;
    double best = -std::numeric_limits<double>::infinity();
    StepControl control;
    for (std::size_t it = 0; it < iterations; ++it) {
        for (auto &list : items) {
            list.clear();
        }
        for (std::uint32_t i = 0; i < n; ++i) {
            for (const Reach &r : data.row(i)) {
                const double profit = lambda[i] - data.weight[i] * r.cost;
                if (!(profit > 0.0)) {
                    break;
                }
                items[r.site].push_back({i, profit, caps.load[i]});
            }
        }
        for (SiteIndex j = 0; j < m; ++j) {
            rho[j] = data.allowed[j] ? data.site_cost[j] - knapsack(items[j], caps.capacity[j], take[j]) : 0.0;
        }
        std::fill(chosen.begin(), chosen.end(), 0);
        double value = data.constant;
        for (const SiteIndex j : data.required_sites) {
            chosen[j] = 1;
            value += rho[j];
        }
        if (p) {
            const std::size_t free_count = *p - data.required_sites.size();
            std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(free_count), order.end(),
                             [&](SiteIndex a, SiteIndex b) { return rho[a] < rho[b] || (rho[a] == rho[b] && a < b); });
            for (std::size_t k = 0; k < free_count; ++k) {
                chosen[order[k]] = 1;
                value += rho[order[k]];
            }
        } else {
            for (const SiteIndex j : data.candidates) {
                if (rho[j] < 0.0) {
                    chosen[j] = 1;
                    value += rho[j];
                }
            }
        }
        value += std::accumulate(lambda.begin(), lambda.end(), 0.0);
        const bool improved = value > best + tolerance;
        if (improved) {
            best = value;
        }
        if (finish(best) >= upper - tolerance || !control.keep_going(improved)) {
            break;
        }
        std::fill(g.begin(), g.end(), 1.0);
        for (SiteIndex j = 0; j < m; ++j) {
            if (chosen[j]) {
                for (std::size_t k = 0; k < items[j].size(); ++k) {
                    g[items[j][k].client] -= take[j][k];
                }
            }
        }
        const double norm = std::inner_product(g.begin(), g.end(), g.begin(), 0.0);
        if (norm == 0.0) {
            break;
        }
        const double step = control.theta * (upper - value) / norm;
        for (std::size_t i = 0; i < n; ++i) {
            lambda[i] = std::max(0.0, lambda[i] + step * g[i]);
        }
    }
    const double bound = finish(best);
    return bound > upper && bound <= upper + tolerance ? upper : bound;
}

} // namespace pooled::colocation::detail
