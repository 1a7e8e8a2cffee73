// p-median on a synthetic sparse matrix, pooled.
//   bench_synthetic_pmedian ZONES SITES NEAREST P SEED [STARTS]
// Zones and sites are uniform random points in a 100 km square; each zone keeps its NEAREST
// sites (Euclidean metres, found by a grid), as a cutoff matrix would. Demand: 50..500 per
// zone. Unreached demand costs 2 x the largest stored cost per unit (unserved_cost). Prints one
// RESULT line: {"zones", "sites", "pairs", "p", "objective", "bound", "gap", "status",
// "build_s", "solve_s"} (build = generating and constructing the CostMatrix).

#include <pooled/colocation/pmedian.hpp>
#include <pooled/core/random.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char **argv) {
    if (argc < 6) {
        std::fprintf(stderr, "usage: bench_synthetic_pmedian ZONES SITES NEAREST P SEED [STARTS]\n");
        return 2;
    }
    const auto zones = std::strtoul(argv[1], nullptr, 10);
    const auto sites = std::strtoul(argv[2], nullptr, 10);
    const auto nearest = std::strtoul(argv[3], nullptr, 10);
    const auto p = std::strtoul(argv[4], nullptr, 10);
    pooled::Rng rng(std::strtoull(argv[5], nullptr, 10));
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    constexpr double side = 100000.0;
    std::vector<double> sx(sites), sy(sites);
    for (std::size_t j = 0; j < sites; ++j) {
        sx[j] = rng.uniform() * side;
        sy[j] = rng.uniform() * side;
    }
    // Grid of sites, cells sized for ~4 sites each; rings of cells are searched until NEAREST are found.
    const auto cells = static_cast<std::size_t>(std::max(1.0, std::sqrt(static_cast<double>(sites) / 4.0)));
    const double cell = side / static_cast<double>(cells);
    std::vector<std::vector<std::uint32_t>> grid(cells * cells);
    const auto cell_of = [&](double v) { return std::min(cells - 1, static_cast<std::size_t>(v / cell)); };
    for (std::uint32_t j = 0; j < sites; ++j) {
        grid[cell_of(sy[j]) * cells + cell_of(sx[j])].push_back(j);
    }
    std::vector<std::string> zone_ids(zones), site_ids(sites);
    for (std::size_t j = 0; j < sites; ++j) {
        site_ids[j] = "s" + std::to_string(j);
    }
    std::vector<std::vector<pooled::network::MatrixEntry>> rows(zones);
    std::vector<double> demand(zones);
    double largest = 0.0;
    std::vector<std::pair<double, std::uint32_t>> found;
    for (std::size_t i = 0; i < zones; ++i) {
        zone_ids[i] = "z" + std::to_string(i);
        demand[i] = static_cast<double>(50 + rng.below(451));
        const double x = rng.uniform() * side;
        const double y = rng.uniform() * side;
        const auto cx = static_cast<long>(cell_of(x));
        const auto cy = static_cast<long>(cell_of(y));
        for (long ring = 0;; ++ring) {
            found.clear();
            for (long gy = cy - ring; gy <= cy + ring; ++gy) {
                for (long gx = cx - ring; gx <= cx + ring; ++gx) {
                    if (gx < 0 || gy < 0 || gx >= static_cast<long>(cells) || gy >= static_cast<long>(cells)) {
                        continue;
                    }
                    for (const auto j : grid[static_cast<std::size_t>(gy) * cells + static_cast<std::size_t>(gx)]) {
                        found.emplace_back(std::hypot(sx[j] - x, sy[j] - y), j);
                    }
                }
            }
            // Complete once NEAREST lie within the ring's inscribed radius (or every cell is in).
            if (found.size() >= nearest) {
                std::partial_sort(found.begin(), found.begin() + static_cast<long>(nearest), found.end());
                if (found[nearest - 1].first <= static_cast<double>(ring) * cell || ring > static_cast<long>(cells)) {
                    break;
                }
            }
        }
        for (std::size_t k = 0; k < nearest; ++k) {
            rows[i].push_back({found[k].second, std::round(found[k].first)});
            largest = std::max(largest, std::round(found[k].first));
        }
    }
    const pooled::network::CostMatrix matrix(zone_ids, site_ids, pooled::network::CostUnit::metres, std::nullopt,
                                             std::nullopt, std::move(rows));
    const auto t1 = clock::now();
    pooled::colocation::PMedianOptions options;
    options.p = p;
    options.unserved_cost = 2.0 * largest;
    if (argc > 6) {
        options.starts = std::strtoul(argv[6], nullptr, 10);
    }
    const auto s = pooled::colocation::solve_pmedian(matrix, demand, options);
    const auto t2 = clock::now();
    std::printf("RESULT {\"zones\": %lu, \"sites\": %lu, \"pairs\": %zu, \"p\": %lu, \"objective\": %.17g, "
                "\"bound\": %.17g, \"gap\": %.6g, \"status\": \"%s\", \"build_s\": %.3f, \"solve_s\": %.3f, "
                "\"time_s\": %.3f}\n",
                zones, sites, matrix.stored(), p, s.objective, s.bound, s.gap,
                pooled::colocation::solve_status_name(s.status), std::chrono::duration<double>(t1 - t0).count(),
                std::chrono::duration<double>(t2 - t1).count(), std::chrono::duration<double>(t2 - t1).count());
    return 0;
}
