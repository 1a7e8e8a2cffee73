#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/testdata_path.hpp"
#include "unit/colocation/brute_force.hpp"

#include <pooled/colocation/orlib.hpp>
#include <pooled/colocation/pmedian.hpp>

#include <algorithm>
#include <limits>

using namespace pooled::colocation;
using pooled::network::CostMatrix;

TEST_CASE("exact p-median: CBC proves OR-Library optima the Lagrangian bound cannot", "[colocation][exact]") {
    // pmed6: optimum 7824 (OR-Library pmedopt); the Lagrangian (= LP) bound stops at 7784, so
    // only branch and bound proves it: solve_pmedian's own (on by default) or CBC's.
    const auto instance = read_orlib_pmedian(pooled::test::testdata("orlib/pmed6.txt"));
    const std::vector<double> demand(instance.costs.origin_count(), 1.0);
    PMedianOptions options;
    options.p = instance.p;
    const Solution branched = solve_pmedian(instance.costs, demand, options);
    CHECK(branched.status == SolveStatus::optimal);
    CHECK(branched.bound == 7824.0);
    options.branch_work = 0.0; // the Lagrangian bound alone, for CBC to improve on
    const Solution heuristic = solve_pmedian(instance.costs, demand, options);
    CHECK(heuristic.status == SolveStatus::feasible);
    CHECK(heuristic.bound < 7824.0);
    const Solution exact = solve_pmedian_exact(instance.costs, demand, options, {.time_limit_s = 120.0});
    CHECK(exact.status == SolveStatus::optimal);
    CHECK(exact.objective == 7824.0);
    CHECK(exact.bound == 7824.0);
    CHECK(exact.gap == 0.0);
    // Without time, the answer is the heuristic's, reported with its gap.
    const Solution rushed = solve_pmedian_exact(instance.costs, demand, options, {.time_limit_s = 0.0});
    CHECK(rushed.status == SolveStatus::feasible);
    CHECK(rushed.objective == 7824.0);
    CHECK(rushed.bound <= 7824.0);
    CHECK(rushed.gap > 0.0);
}

TEST_CASE("exact p-median proves brute-force optima with site rules and an unserved cost", "[colocation][exact]") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        INFO("seed " << seed);
        const std::size_t n = 12;
        const std::uint32_t m = 8;
        const CostMatrix matrix = pooled::test::random_matrix(seed, n, m, 0.5);
        const std::vector<double> demand = pooled::test::random_demand(seed + 3, n);
        PMedianOptions options;
        options.p = 3;
        options.unserved_cost = 120.0;
        options.bound_iterations = 0; // no Lagrangian bound: CBC has to prove optimality itself
        options.sites.required = {static_cast<SiteIndex>(seed % m)};
        options.sites.forbidden = {static_cast<SiteIndex>((seed + 2) % m)};
        options.sites.existing = {{static_cast<SiteIndex>((seed + 4) % m), 75.0}};
        // Brute force: every allowed subset of 3 sites, each origin to its cheapest site or
        // unserved at 120, plus 75 if the existing site is closed.
        double optimum = std::numeric_limits<double>::infinity();
        pooled::test::for_each_subset(m, 3, [&](const std::vector<std::uint32_t> &s) {
            const auto has = [&](SiteIndex j) { return std::find(s.begin(), s.end(), j) != s.end(); };
            if (!has(options.sites.required[0]) || has(options.sites.forbidden[0])) {
                return;
            }
            double total = has(options.sites.existing[0].site) ? 0.0 : 75.0;
            for (std::size_t o = 0; o < n; ++o) {
                double best = 120.0;
                for (const auto j : s) {
                    best = std::min(best, matrix.at(o, j));
                }
                total += demand[o] * best;
            }
            optimum = std::min(optimum, total);
        });
        const Solution s = solve_pmedian_exact(matrix, demand, options);
        CHECK(s.status == SolveStatus::optimal);
        CHECK(s.objective == Approx(optimum));
        CHECK(s.bound == Approx(optimum));
    }
}

TEST_CASE("exact p-median rejects a negative time limit", "[colocation][exact]") {
    const CostMatrix m = pooled::test::random_matrix(1, 3, 2, 1.0);
    PMedianOptions options;
    CHECK(pooled::test::code_of([&] {
              solve_pmedian_exact(m, std::vector<double>{1, 1, 1}, options, {.time_limit_s = -1.0});
          }) == pooled::Errc::argument);
}

TEST_CASE("exact p-median stops at its time limit inside CBC's root LP and claims nothing it has not proved", "[colocation][exact]") {
    // pmed38 (900 vertices, p = 5; optimum 11060, OR-Library pmedopt): its MIP has 810,900
    // columns and the root LP takes CBC far longer than 1 s, so the limit falls inside it. CBC's
    // own limit is checked only between nodes (a 10 s limit ran 468 s), and once the LP solver is
    // stopped CBC reports the model infeasible: the answer must be the heuristic's, feasible,
    // with a bound that is still a bound.
    const auto instance = read_orlib_pmedian(pooled::test::testdata("orlib/pmed38.txt"));
    const std::vector<double> demand(instance.costs.origin_count(), 1.0);
    PMedianOptions options;
    options.p = instance.p;
    options.branch_work = 0.0; // the Lagrangian bound alone (gap 0.53%), so CBC is called
    const Solution exact = solve_pmedian_exact(instance.costs, demand, options, {.time_limit_s = 1.0});
    CHECK(exact.status == SolveStatus::feasible);
    CHECK(exact.objective >= 11060.0);
    CHECK(exact.bound <= 11060.0);
    // The bound is the heuristic's own Lagrangian bound (10946 here; 11001 once solve_pmedian's
    // branch and bound runs), kept rather than replaced by anything CBC said after the limit.
    CHECK(exact.bound > 10900.0);
    CHECK(exact.bound == solve_pmedian(instance.costs, demand, options).bound);
    CHECK(exact.gap > 0.0);
}
