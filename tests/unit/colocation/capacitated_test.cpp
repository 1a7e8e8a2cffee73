#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/testdata_path.hpp"
#include "unit/colocation/brute_force.hpp"

#include <pooled/colocation/capacitated.hpp>

#include <cmath>
#include <fstream>
#include <limits>

using namespace pooled::colocation;
using pooled::network::CostMatrix;
using pooled::network::CostUnit;
using pooled::network::MatrixEntry;
using pooled::test::contains;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

/// An Osman-Christofides instance: floor(Euclidean) distances between every pair of points,
/// each point a client (its demand) and a candidate site (capacity from the file).
struct CapInstance {
    CostMatrix costs;
    std::vector<double> demand;
    std::vector<double> capacity;
    std::size_t p;
};

CapInstance osman_christofides(const std::string &file) {
    std::ifstream in(pooled::test::testdata("orlib_pmedcap/" + file));
    REQUIRE(in);
    std::size_t n = 0;
    std::size_t p = 0;
    in >> n >> p;
    std::vector<double> x(n), y(n), capacity(n), demand(n);
    std::vector<std::string> ids(n);
    for (std::size_t i = 0; i < n; ++i) {
        in >> x[i] >> y[i] >> capacity[i] >> demand[i];
        ids[i] = std::to_string(i + 1);
    }
    std::vector<std::vector<MatrixEntry>> rows(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            rows[i].push_back({static_cast<std::uint32_t>(j), std::floor(std::hypot(x[i] - x[j], y[i] - y[j]))});
        }
    }
    return {CostMatrix(ids, ids, CostUnit::metres, std::nullopt, std::nullopt, rows), demand, capacity, p};
}

/// The best single-source assignment of every origin to `sites` within capacities (all
/// |sites|^n assignments tried), plus the sites' opening costs; +inf if none fits.
double best_assignment(const CostMatrix &m, const std::vector<double> &demand, const std::vector<double> &capacity,
                       const std::vector<std::uint32_t> &sites, const std::vector<double> &opening) {
    const std::size_t n = m.origin_count();
    std::vector<std::size_t> choice(n, 0);
    double best = inf;
    while (true) {
        std::vector<double> used(m.destination_count(), 0.0);
        double total = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto j = sites[choice[i]];
            used[j] += demand[i];
            total += demand[i] * m.at(i, j);
        }
        bool fits = true;
        for (const auto j : sites) {
            fits = fits && used[j] <= capacity[j];
        }
        if (fits) {
            best = std::min(best, total);
        }
        std::size_t k = 0;
        while (k < n && ++choice[k] == sites.size()) {
            choice[k++] = 0;
        }
        if (k == n) {
            break;
        }
    }
    for (const auto j : sites) {
        best += opening.empty() ? 0.0 : opening[j];
    }
    return best;
}

} // namespace

TEST_CASE("capacitated p-median reaches the Osman-Christofides optima", "[colocation][capacitated]") {
    // Published optima: OR-Library pmedcap1 (problem header lines), confirmed by CBC through
    // PuLP (testdata/orlib_pmedcap/SOURCE.md). Objective: sum of distances (cost weight 1).
    struct Case {
        const char *file;
        double optimum;
    };
    for (const Case c : {Case{"cpmp01.txt", 713}, Case{"cpmp02.txt", 740}, Case{"cpmp03.txt", 751},
                         Case{"cpmp04.txt", 651}, Case{"cpmp05.txt", 664}}) {
        INFO(c.file);
        const CapInstance instance = osman_christofides(c.file);
        CapacitatedOptions options;
        options.capacity = instance.capacity;
        options.cost_weight.assign(instance.demand.size(), 1.0);
        const Solution s = solve_capacitated_pmedian(instance.costs, instance.demand, instance.p, options);
        CHECK(s.objective == c.optimum);
        CHECK(s.bound <= c.optimum);
        CHECK(s.selected.size() == instance.p);
        std::vector<double> load(instance.capacity.size(), 0.0);
        for (std::size_t i = 0; i < s.assignment.size(); ++i) {
            REQUIRE(s.assignment[i] != no_site);
            load[s.assignment[i]] += instance.demand[i];
        }
        for (const auto j : s.selected) {
            CHECK(load[j] <= instance.capacity[j]);
        }
    }
}

TEST_CASE("capacitated p-median and facility location match brute force", "[colocation][capacitated]") {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        INFO("seed " << seed);
        const std::size_t n = 6 + seed % 2;
        const auto m = static_cast<std::uint32_t>(4 + seed % 2);
        const CostMatrix matrix = pooled::test::random_matrix(seed, n, m, 0.8);
        const std::vector<double> demand = pooled::test::random_demand(seed + 9, n);
        std::vector<double> capacity(m);
        std::vector<double> opening(m);
        for (std::uint32_t j = 0; j < m; ++j) {
            capacity[j] = 10.0 + static_cast<double>((seed * 7 + j * 5) % 13);
            opening[j] = 20.0 + static_cast<double>((seed * 11 + j * 3) % 40);
        }
        CapacitatedOptions options;
        options.capacity = capacity;
        options.seed = seed;
        const std::size_t p = 2;
        double best_p = inf;
        pooled::test::for_each_subset(m, static_cast<std::uint32_t>(p), [&](const std::vector<std::uint32_t> &s) {
            best_p = std::min(best_p, best_assignment(matrix, demand, capacity, s, {}));
        });
        const Solution cpmp = solve_capacitated_pmedian(matrix, demand, p, options);
        CapacitatedOptions unbounded = options;
        unbounded.bound_iterations = 0; // no Lagrangian bound: CBC has to prove it
        const Solution proved = solve_capacitated_pmedian_exact(matrix, demand, p, unbounded);
        if (best_p == inf) {
            CHECK(cpmp.status == SolveStatus::no_solution);
            CHECK(proved.status == SolveStatus::infeasible);
        } else {
            CHECK(cpmp.objective == Approx(best_p));
            CHECK(cpmp.bound <= best_p + 1e-9);
            CHECK(proved.status == SolveStatus::optimal);
            CHECK(proved.objective == Approx(best_p));
        }
        double best_f = inf;
        for (std::uint32_t k = 1; k <= m; ++k) {
            pooled::test::for_each_subset(m, k, [&](const std::vector<std::uint32_t> &s) {
                best_f = std::min(best_f, best_assignment(matrix, demand, capacity, s, opening));
            });
        }
        const Solution cflp = solve_capacitated_facility_location(matrix, demand, opening, options);
        const Solution cflp_proved = solve_capacitated_facility_location_exact(matrix, demand, opening, unbounded);
        if (best_f == inf) {
            CHECK(cflp.status == SolveStatus::no_solution);
            CHECK(cflp_proved.status == SolveStatus::infeasible);
        } else {
            CHECK(cflp.objective == Approx(best_f));
            CHECK(cflp.bound <= best_f + 1e-9);
            CHECK(cflp_proved.status == SolveStatus::optimal);
            CHECK(cflp_proved.objective == Approx(best_f));
        }
    }
}

TEST_CASE("capacitated solvers reject bad input", "[colocation][capacitated]") {
    const CostMatrix m({"a", "b"}, {"x", "y"}, CostUnit::metres, std::nullopt, std::nullopt, {{{0, 1.0}}, {{1, 2.0}}});
    CapacitatedOptions options;
    options.capacity = {5.0};
    CHECK(contains(pooled::test::message_of([&] { solve_capacitated_pmedian(m, std::vector<double>{1, 1}, 1, options); }),
                   "1 capacity values for 2"));
    options.capacity = {5.0, -1.0};
    CHECK(contains(pooled::test::message_of([&] { solve_capacitated_pmedian(m, std::vector<double>{1, 1}, 1, options); }),
                   "capacity of 'y' is -1"));
    options.capacity = {5.0, 5.0};
    CHECK(contains(pooled::test::message_of([&] {
                       solve_capacitated_facility_location(m, std::vector<double>{1, 1}, std::vector<double>{1, std::nan("")}, options);
                   }),
                   "opening cost of 'y' is nan"));
}
