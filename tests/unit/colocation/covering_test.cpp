#include "support/catch.hpp"
#include "support/errors.hpp"
#include "unit/colocation/brute_force.hpp"
#include "unit/colocation/sf_instance.hpp"

#include <pooled/colocation/covering.hpp>
#include <pooled/colocation/pcenter.hpp>
#include <pooled/colocation/pmedian.hpp>

#include <algorithm>
#include <limits>
#include <numeric>

using namespace pooled::colocation;
using pooled::network::CostMatrix;
using pooled::network::CostUnit;
using pooled::test::contains;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

/// How many selected sites cover origin o (cost <= service cost).
std::size_t coverers(const CostMatrix &m, std::size_t o, const std::vector<std::uint32_t> &sites, double service) {
    std::size_t count = 0;
    for (const auto j : sites) {
        count += m.at(o, j) <= service ? 1 : 0;
    }
    return count;
}

bool allowed(const std::vector<std::uint32_t> &sites, const SiteRules &rules) {
    for (const auto r : rules.required) {
        if (std::find(sites.begin(), sites.end(), r) == sites.end()) {
            return false;
        }
    }
    for (const auto f : rules.forbidden) {
        if (std::find(sites.begin(), sites.end(), f) != sites.end()) {
            return false;
        }
    }
    return true;
}

/// Smallest k with a subset of k sites covering every origin (0 if none exists).
std::uint32_t brute_force_lscp(const CostMatrix &m, double service, const SiteRules &rules) {
    const auto sites = static_cast<std::uint32_t>(m.destination_count());
    for (std::uint32_t k = 1; k <= sites; ++k) {
        bool found = false;
        pooled::test::for_each_subset(sites, k, [&](const std::vector<std::uint32_t> &s) {
            if (found || !allowed(s, rules)) {
                return;
            }
            bool all = true;
            for (std::size_t o = 0; o < m.origin_count() && all; ++o) {
                all = coverers(m, o, s, service) > 0;
            }
            found = all;
        });
        if (found) {
            return k;
        }
    }
    return 0;
}

} // namespace

TEST_CASE("MCLP on San Francisco leaves 21 of 205 tracts uncovered, as pysal/spopt", "[colocation][covering]") {
    // pysal/spopt's test: 5,000 m, p = 4 -> 21 tracts uncovered; CBC via PuLP: 875,247 people
    // covered, optimal (testdata/spopt_sf/SOURCE.md).
    const auto sf = pooled::test::sf_instance();
    MclpOptions options;
    options.p = 4;
    options.service_cost = 5000.0;
    const Solution s = solve_mclp(sf.costs, sf.demand, options);
    CHECK(s.objective == 875247.0);
    CHECK(std::count(s.assignment.begin(), s.assignment.end(), no_site) == 21);
    CHECK(s.bound >= 875247.0);
    CHECK(s.selected.size() == 4);
}

TEST_CASE("p-median on San Francisco: mean weighted distance 2982.1268579890657, as pysal/spopt", "[colocation][pmedian]") {
    const auto sf = pooled::test::sf_instance();
    PMedianOptions options;
    options.p = 4;
    const Solution s = solve_pmedian(sf.costs, sf.demand, options);
    const double population = std::accumulate(sf.demand.begin(), sf.demand.end(), 0.0);
    CHECK(s.objective / population == Approx(2982.1268579890657).epsilon(1e-12));
    CHECK(s.bound <= s.objective);
    // Stores picked by CBC (testdata/spopt_sf/SOURCE.md): Store_11, Store_12, Store_15, Store_2.
    std::vector<std::string> picked;
    for (const auto j : s.selected) {
        picked.push_back(sf.costs.destination_ids()[j]);
    }
    std::sort(picked.begin(), picked.end());
    CHECK(picked == std::vector<std::string>{"Store_11", "Store_12", "Store_15", "Store_2"});
}

TEST_CASE("LSCP, backup covering and p-center on San Francisco match CBC", "[colocation][covering]") {
    // Exact values from testdata/spopt_sf/check_with_pulp.py (PuLP + CBC, optimal).
    const auto sf = pooled::test::sf_instance();
    SetCoveringOptions options;
    options.service_cost = 8000.0;
    const Solution lscp = solve_lscp(sf.costs, options);
    CHECK(lscp.objective == 3.0);
    CHECK(lscp.bound <= 3.0);
    CHECK(std::count(lscp.assignment.begin(), lscp.assignment.end(), no_site) == 0);
    const Solution backup = solve_backup_covering(sf.costs, options);
    CHECK(backup.objective == 140.0);
    CHECK(backup.bound >= 140.0);
    options.service_cost = 5000.0;
    CHECK(solve_lscp(sf.costs, options).objective == 8.0);
    CHECK(solve_backup_covering(sf.costs, options).objective == 145.0);
    PCenterOptions center;
    center.p = 4;
    const Solution pc = solve_pcenter(sf.costs, sf.demand, center);
    CHECK(pc.objective == Approx(7403.0638));
    CHECK(pc.bound <= pc.objective);
}

TEST_CASE("covering solvers match brute force on small random instances", "[colocation][covering]") {
    for (std::uint64_t seed = 1; seed <= 25; ++seed) {
        INFO("seed " << seed);
        const std::size_t n = 10 + seed % 6;
        const auto m = static_cast<std::uint32_t>(6 + seed % 4);
        const std::size_t p = 1 + seed % 3;
        const CostMatrix matrix = pooled::test::random_matrix(seed, n, m, 0.6);
        const std::vector<double> demand = pooled::test::random_demand(seed + 50, n);
        const double service = 40.0 + static_cast<double>(seed % 5) * 10.0;
        SiteRules rules;
        if (seed % 3 == 0) {
            rules.required = {static_cast<SiteIndex>(seed % m)};
            rules.forbidden = {static_cast<SiteIndex>((seed + 1) % m)};
        }

        // MCLP: the best covered demand over every allowed subset of p sites.
        double best_covered = 0.0;
        pooled::test::for_each_subset(m, static_cast<std::uint32_t>(p), [&](const std::vector<std::uint32_t> &s) {
            if (!allowed(s, rules)) {
                return;
            }
            double covered = 0.0;
            for (std::size_t o = 0; o < n; ++o) {
                covered += coverers(matrix, o, s, service) > 0 ? demand[o] : 0.0;
            }
            best_covered = std::max(best_covered, covered);
        });
        MclpOptions mclp;
        mclp.p = p;
        mclp.service_cost = service;
        mclp.sites = rules;
        mclp.seed = seed;
        const Solution covered = solve_mclp(matrix, demand, mclp);
        CHECK(covered.objective == best_covered);
        CHECK(covered.bound >= best_covered);
        mclp.bound_iterations = 0; // no Lagrangian bound: CBC has to prove it
        const Solution proved = solve_mclp_exact(matrix, demand, mclp);
        CHECK(proved.status == SolveStatus::optimal);
        CHECK(proved.objective == best_covered);

        // LSCP and strict backup covering at the minimum size.
        SetCoveringOptions cover;
        cover.service_cost = service;
        cover.sites = rules;
        cover.seed = seed;
        const std::uint32_t fewest = brute_force_lscp(matrix, service, rules);
        const Solution lscp = solve_lscp(matrix, cover);
        const Solution backup = solve_backup_covering(matrix, cover);
        if (fewest == 0) {
            CHECK(lscp.status == SolveStatus::infeasible);
            CHECK(backup.status == SolveStatus::infeasible);
        } else {
            CHECK(lscp.objective == fewest);
            CHECK(lscp.bound <= fewest);
            SetCoveringOptions unbounded = cover;
            unbounded.bound_iterations = 0;
            const Solution fewest_proved = solve_lscp_exact(matrix, unbounded);
            CHECK(fewest_proved.status == SolveStatus::optimal);
            CHECK(fewest_proved.objective == fewest);
            double best_backup = -1.0;
            pooled::test::for_each_subset(m, fewest, [&](const std::vector<std::uint32_t> &s) {
                if (!allowed(s, rules)) {
                    return;
                }
                double backed = 0.0;
                for (std::size_t o = 0; o < n; ++o) {
                    const std::size_t c = coverers(matrix, o, s, service);
                    if (c == 0) {
                        return; // not a cover
                    }
                    backed += c >= 2 ? 1.0 : 0.0;
                }
                best_backup = std::max(best_backup, backed);
            });
            CHECK(backup.selected.size() == fewest);
            CHECK(backup.objective == best_backup);
            CHECK(backup.bound >= best_backup);
        }

        // p-center: the smallest largest cost over every allowed subset of p sites.
        double best_center = inf;
        pooled::test::for_each_subset(m, static_cast<std::uint32_t>(p), [&](const std::vector<std::uint32_t> &s) {
            if (!allowed(s, rules)) {
                return;
            }
            double worst = 0.0;
            for (std::size_t o = 0; o < n; ++o) {
                double nearest = inf;
                for (const auto j : s) {
                    nearest = std::min(nearest, matrix.at(o, j));
                }
                worst = std::max(worst, nearest);
            }
            best_center = std::min(best_center, worst);
        });
        PCenterOptions center;
        center.p = p;
        center.sites = rules;
        center.seed = seed;
        const Solution pc = solve_pcenter(matrix, demand, center);
        if (best_center == inf) {
            CHECK(pc.status != SolveStatus::optimal);
            CHECK(pc.status != SolveStatus::feasible);
        } else {
            CHECK(pc.objective == best_center);
            CHECK(pc.bound <= best_center);
        }
    }
}

TEST_CASE("covering solvers reject bad input", "[colocation][covering]") {
    const CostMatrix m({"a"}, {"x", "y"}, CostUnit::metres, std::nullopt, std::nullopt, {{{0, 1.0}}});
    MclpOptions options;
    options.service_cost = -1.0;
    CHECK(contains(pooled::test::message_of([&] { solve_mclp(m, std::vector<double>{1}, options); }),
                   "MCLP: the service cost must be a number >= 0, not -1"));
    SetCoveringOptions cover;
    cover.service_cost = 5.0;
    cover.sites.existing = {{0, 10.0}};
    CHECK(contains(pooled::test::message_of([&] { solve_lscp(m, cover); }), "existing sites"));
}
