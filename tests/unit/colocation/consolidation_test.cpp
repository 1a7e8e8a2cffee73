#include "support/catch.hpp"
#include "support/errors.hpp"
#include "unit/colocation/brute_force.hpp"

#include <pooled/colocation/consolidation.hpp>
#include <pooled/colocation/covering.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace pooled::colocation;
using pooled::network::CostMatrix;
using pooled::network::CostUnit;
using pooled::network::MatrixEntry;
using pooled::test::contains;

namespace {

constexpr double none = std::numeric_limits<double>::quiet_NaN(); // an unstored pair

CostMatrix matrix(std::size_t zones, std::size_t sites, const std::vector<std::vector<double>> &cost,
                  CostUnit unit = CostUnit::seconds) {
    std::vector<std::string> z, s;
    for (std::size_t i = 0; i < zones; ++i) {
        z.push_back("z" + std::to_string(i));
    }
    for (std::size_t j = 0; j < sites; ++j) {
        s.push_back("a" + std::to_string(j));
    }
    std::vector<std::vector<MatrixEntry>> rows(zones);
    for (std::size_t i = 0; i < zones; ++i) {
        for (std::uint32_t j = 0; j < sites; ++j) {
            if (!std::isnan(cost[i][j])) {
                rows[i].push_back({j, cost[i][j]});
            }
        }
    }
    return CostMatrix(z, s, unit, std::nullopt, std::nullopt, rows);
}

// Four zones, three libraries; costs in seconds, cutoff 10 s.
//   zone  people group   a0   a1   a2
//   z0     100    A       5   20   30
//   z1     100    A       8   12    9
//   z2      10    B      50   50    5
//   z3     790    A      15    3   25
// Within 10 s: a0 covers z0, z1 (200); a1 covers z3 (790); a2 covers z1, z2 (110).
struct Libraries {
    CostMatrix costs = matrix(4, 3, {{5, 20, 30}, {8, 12, 9}, {50, 50, 5}, {15, 3, 25}});
    std::vector<double> people{100, 100, 10, 790};
    std::vector<std::string> groups{"A", "A", "B", "A"};
    std::vector<ConsolidationAsset> assets;
    Libraries() {
        assets.push_back({"a0", "Ashbourne", {0, 0}, 400.0, 60000.0, 500000.0, 150.0, false});
        assets.push_back({"a1", "Belper", {3000, 4000}, 500.0, 70000.0, std::nullopt, 1000.0, false});
        assets.push_back({"a2", "Carsington", {360, 480}, 300.0, 40000.0, 250000.0, 1000.0, false});
    }
};

ConsolidationOptions coverage(double share, double cutoff = 10.0) {
    ConsolidationOptions options;
    options.min_coverage = share;
    options.cutoff = cutoff;
    options.service = "library";
    return options;
}

} // namespace

TEST_CASE("consolidation keeps the fewest libraries covering 95% and reports who loses", "[colocation][consolidation]") {
    const Libraries lib;
    const ConsolidationResult r = consolidate(lib.costs, lib.assets, lib.people, lib.groups, coverage(0.95));
    // One library covers at most 790 < 950; {a0, a1} covers 200 + 790 = 990 >= 950, the other
    // pairs 210 and 900: two is the minimum, and only a0 + a1 reach it.
    CHECK(r.solution.selected == std::vector<SiteIndex>{0, 1});
    CHECK(r.solution.status == SolveStatus::optimal);
    CHECK_FALSE(r.assets[2].kept);
    CHECK(r.assets[2].receiving == 0);
    // z2 went to a2 (5 s); after, a0 and a1 are both 50 s away: the tie goes to a0.
    CHECK(r.zones[2].asset_before == 2);
    CHECK(r.zones[2].asset_after == 0);
    CHECK(r.zones[2].cost_after == 50.0);
    CHECK(r.zones[2].within_before);
    CHECK_FALSE(r.zones[2].within_after);
    // Overall: everybody within 10 s before; 990 of 1000 after.
    CHECK(r.overall.share_within_before == 1.0);
    CHECK(r.overall.share_within_after == Approx(0.99));
    // Group A keeps its libraries: mean (100 x 5 + 100 x 8 + 790 x 3) / 990 = 3670 / 990 both times.
    REQUIRE(r.groups.size() == 2);
    CHECK(r.groups[0].group == "A");
    CHECK(r.groups[0].mean_cost_before == Approx(3670.0 / 990.0));
    CHECK(r.groups[0].mean_cost_after == Approx(3670.0 / 990.0));
    // Group B (z2 alone) goes from 5 s to 50 s and from all to none within the cutoff.
    CHECK(r.groups[1].group == "B");
    CHECK(r.groups[1].mean_cost_before == 5.0);
    CHECK(r.groups[1].mean_cost_after == 50.0);
    CHECK(r.groups[1].share_within_before == 1.0);
    CHECK(r.groups[1].share_within_after == 0.0);
    REQUIRE(r.loses_most.has_value());
    CHECK(*r.loses_most == 1);
    // Savings: only Carsington closes: GBP 40,000 a year, 300 m2, GBP 250,000 receipt.
    CHECK(r.savings.closed == 1);
    CHECK(r.savings.running_cost_gbp == 40000.0);
    CHECK(r.savings.floor_area_m2 == 300.0);
    CHECK(r.savings.capital_receipts_gbp == 250000.0);
    CHECK(r.savings.value_missing == 0);
    // The move: Carsington (360, 480) is sqrt(360^2 + 480^2) = 600 m from Ashbourne (0, 0).
    REQUIRE(r.moves.size() == 1);
    CHECK(r.moves[0].distance_m == Approx(600.0));
    CHECK(r.moves[0].demand == 10.0);
    CHECK(r.moves[0].demand_to == 10.0);
    CHECK(r.moves[0].text == "Move the library from Carsington into Ashbourne, 600 m away");
}

TEST_CASE("consolidation meets a coverage target for every group", "[colocation][consolidation]") {
    const Libraries lib;
    ConsolidationOptions options = coverage(0.95);
    options.min_group_coverage = 0.5;
    // Group B (z2, 10 people) is covered only by a2, and with a2 the pairs reach 210 or 900
    // < 950: all three are needed.
    const ConsolidationResult all = consolidate(lib.costs, lib.assets, lib.people, lib.groups, options);
    CHECK(all.solution.selected == std::vector<SiteIndex>{0, 1, 2});
    CHECK(all.moves.empty());
    CHECK_FALSE(all.loses_most.has_value()); // nothing closes: no group loses
    CHECK(all.savings.closed == 0);
    // At 90% overall, {a1, a2} covers 790 + 100 + 10 = 900, exactly 90%, and half of B: two.
    options.min_coverage = 0.9;
    const ConsolidationResult two = consolidate(lib.costs, lib.assets, lib.people, lib.groups, options);
    CHECK(two.solution.selected == std::vector<SiteIndex>{1, 2});
    CHECK(two.overall.share_within_after == Approx(0.9));
    // Ashbourne closes; its zones z0 (to a1, 20 s; a2 is 30 s) and z1 (to a2, 9 s).
    REQUIRE(two.moves.size() == 1);
    CHECK(two.moves[0].demand == 200.0);
    CHECK(two.moves[0].to == 1); // 100 each: the tie goes to the smaller index
    CHECK(two.moves[0].text == "Move the library from Ashbourne into Belper, 5.0 km away; 100 of its 200 people go to "
                               "another kept library");
    CHECK(two.savings.capital_receipts_gbp == 500000.0);
    CHECK(two.savings.value_missing == 0);
    CHECK(two.savings.running_cost_gbp == 60000.0);
    CHECK(two.savings.floor_area_m2 == 400.0);
}

TEST_CASE("consolidation adds a library when capacity pushes people out of reach", "[colocation][consolidation]") {
    const Libraries lib;
    ConsolidationOptions options = coverage(0.95);
    options.capacity = CapacityBasis::service_capacity;
    // Ashbourne (a0) takes at most 150 people: with {a0, a1}, z0 or z1 must go to Belper, 20 s
    // or 12 s away, beyond the 10 s cutoff: 890 < 950 covered. Adding Carsington puts z1 at 9 s
    // and z2 at 5 s: 1000 covered, so three libraries (the uncapacitated minimum, two, is the bound).
    const ConsolidationResult r = consolidate(lib.costs, lib.assets, lib.people, lib.groups, options);
    CHECK(r.solution.selected == std::vector<SiteIndex>{0, 1, 2});
    CHECK(r.sites_added_for_capacity == 1);
    CHECK(r.solution.bound == 2.0);
    CHECK(r.solution.status == SolveStatus::feasible);
    CHECK(r.overall.share_within_after == 1.0);
    CHECK(r.assets[0].demand_after <= 150.0);
}

TEST_CASE("consolidation reassigns demand within floor-area capacity", "[colocation][consolidation]") {
    //   zone  people   a0   a1   a2        floor area 75, 60, 50 m2 at 0.5 m2 a head:
    //   z0     100      1   10   20        capacities 150, 120, 100 people
    //   z1     100      2   12    5
    //   z2      50      6    1    3
    // Keep 2 with a0 a must-keep. {a0, a1}: the best placement within capacity is a0: z1 + z2,
    // a1: z0 = 200 + 300 + 1000 = 1500; {a0, a2}: a0: z0 + z2, a2: z1 = 100 + 300 + 500 = 900
    // (a0: z1 + z2, a2: z0 = 2500; other splits overflow). So a2 stays and a1 closes.
    const CostMatrix costs = matrix(3, 3, {{1, 10, 20}, {2, 12, 5}, {6, 1, 3}});
    const std::vector<double> people{100, 100, 50};
    std::vector<ConsolidationAsset> assets{{"a0", "Ashbourne", {0, 0}, 75.0, 1.0, 1.0, std::nullopt, true},
                                           {"a1", "Belper", {0, 1234}, 60.0, 2.0, 2.0, std::nullopt, false},
                                           {"a2", "Carsington", {100, 0}, 50.0, 3.0, 3.0, std::nullopt, false}};
    ConsolidationOptions options;
    options.keep = 2;
    options.capacity = CapacityBasis::floor_area;
    options.floor_area_per_head = 0.5;
    options.service = "library";
    const ConsolidationResult r = consolidate(costs, assets, people, {}, options);
    CHECK(r.solution.selected == std::vector<SiteIndex>{0, 2});
    CHECK(r.solution.objective == 900.0);
    CHECK(r.zones[0].asset_after == 0);
    CHECK(r.zones[1].asset_after == 2); // 5 s instead of 2 s at the full a0
    CHECK(r.zones[2].asset_after == 0);
    CHECK(r.assets[0].demand_before == 200.0); // z0 + z1: already over its 150
    CHECK(r.assets[0].demand_after == 150.0);
    // Belper served z2 (50 people), which goes to Ashbourne (1,234 m away): Ashbourne is
    // (150 - 200) x 0.5 = 25 m2 over now and has (150 - 150) x 0.5 = 0 m2 spare after.
    REQUIRE(r.moves.size() == 1);
    CHECK(r.moves[0].spare_before == -25.0);
    CHECK(r.moves[0].spare_after == 0.0);
    CHECK(r.moves[0].text == "Move the library from Belper into Ashbourne, 1.2 km away, which is 25 m2 over capacity "
                             "now (0 m2 spare after the changes)");

    // Without capacities, {a0, a1} costs 100 + 200 + 50 = 350 < {a0, a2}'s 100 + 200 + 150: a2
    // closes, and since it is nobody's nearest its move only points to the nearest kept one.
    options.capacity = CapacityBasis::none;
    const ConsolidationResult free = consolidate(costs, assets, people, {}, options);
    CHECK(free.solution.selected == std::vector<SiteIndex>{0, 1});
    CHECK(free.solution.objective == 350.0);
    REQUIRE(free.moves.size() == 1);
    CHECK(free.moves[0].text == "Close the library at Carsington (no zone's nearest); the nearest kept library is "
                                "Ashbourne, 100 m away");
}

TEST_CASE("consolidation keeps must-keep assets", "[colocation][consolidation]") {
    // Same instance: keeping one, a0 costs 100 + 200 + 300 = 600, a2 2000 + 500 + 150 = 2650;
    // with a2 a must-keep it is a2 all the same.
    const CostMatrix costs = matrix(3, 3, {{1, 10, 20}, {2, 12, 5}, {6, 1, 3}});
    const std::vector<double> people{100, 100, 50};
    std::vector<ConsolidationAsset> assets(3);
    for (std::size_t j = 0; j < 3; ++j) {
        assets[j].id = "a" + std::to_string(j);
    }
    ConsolidationOptions options;
    options.keep = 1;
    CHECK(consolidate(costs, assets, people, {}, options).solution.selected == std::vector<SiteIndex>{0});
    assets[2].must_keep = true;
    const ConsolidationResult r = consolidate(costs, assets, people, {}, options);
    CHECK(r.solution.selected == std::vector<SiteIndex>{2});
    CHECK(r.solution.objective == 2650.0);
    // Closed assets without names are named by id; without a running cost, floor area or value
    // they count as missing, not as zero savings.
    CHECK(r.savings.running_cost_missing == 2);
    CHECK(r.savings.floor_area_missing == 2);
    CHECK(r.savings.value_missing == 2);
    CHECK(r.savings.capital_receipts_gbp == 0.0);
    CHECK(r.moves[0].text.find("from a0 into a2") != std::string::npos);
}

TEST_CASE("consolidation explains goals it cannot meet and bad input", "[colocation][consolidation]") {
    const Libraries lib;
    // Within 4 s only z3 (3 s) is reached: 790 of 1000 = 79% with every library open.
    CHECK(contains(pooled::test::message_of([&] { consolidate(lib.costs, lib.assets, lib.people, lib.groups, coverage(0.95, 4.0)); }),
                   "79% of the demand is within the cutoff, below the 95% asked"));
    ConsolidationOptions options = coverage(0.5, 6.0);
    options.min_group_coverage = 0.8;
    // Within 6 s: z0 (5), z2 (5), z3 (3): group A 890 / 990 = 89.9%, group B 100%; at 8.5 s
    // likewise, so ask 95% of every group to fail on A.
    options.min_group_coverage = 0.95;
    CHECK(contains(pooled::test::message_of([&] { consolidate(lib.costs, lib.assets, lib.people, lib.groups, options); }),
                   "group 'A' has 89.9% of its demand within the cutoff, below the 95% asked of every group"));
    ConsolidationOptions both = coverage(0.9);
    both.keep = 2;
    CHECK(contains(pooled::test::message_of([&] { consolidate(lib.costs, lib.assets, lib.people, {}, both); }),
                   "exactly one goal"));
    ConsolidationOptions no_cutoff;
    no_cutoff.min_coverage = 0.9;
    CHECK(contains(pooled::test::message_of([&] { consolidate(lib.costs, lib.assets, lib.people, {}, no_cutoff); }),
                   "needs a cutoff"));
    std::vector<double> bad = lib.people;
    bad[1] = -1.0;
    CHECK(contains(pooled::test::message_of([&] { consolidate(lib.costs, lib.assets, bad, {}, coverage(0.9)); }),
                   "demand of zone 'z1' is -1"));
    std::vector<ConsolidationAsset> no_area = lib.assets;
    no_area[1].floor_area_m2.reset();
    ConsolidationOptions area = coverage(0.9);
    area.capacity = CapacityBasis::floor_area;
    area.floor_area_per_head = 0.03;
    CHECK(contains(pooled::test::message_of([&] { consolidate(lib.costs, no_area, lib.people, {}, area); }),
                   "asset 'a1' has no floor area"));
    // Capacities of 100 each hold 300 of the 1,000 people: neither goal can be met.
    std::vector<ConsolidationAsset> small = lib.assets;
    for (auto &a : small) {
        a.capacity = 100.0;
    }
    ConsolidationOptions keep_small;
    keep_small.keep = 2;
    keep_small.capacity = CapacityBasis::service_capacity;
    CHECK(contains(pooled::test::message_of([&] { consolidate(lib.costs, small, lib.people, {}, keep_small); }),
                   "no 2 assets were found whose capacity takes all the demand (demand 1,000; capacity of every "
                   "asset together 300)"));
    ConsolidationOptions cover_small = coverage(0.5);
    cover_small.capacity = CapacityBasis::service_capacity;
    CHECK(contains(pooled::test::message_of([&] { consolidate(lib.costs, small, lib.people, {}, cover_small); }),
                   "even with every asset kept, the demand placed within their capacities misses the goal"));
    ConsolidationOptions too_many;
    too_many.keep = 4;
    CHECK(contains(pooled::test::message_of([&] { consolidate(lib.costs, lib.assets, lib.people, {}, too_many); }),
                   "cannot keep 4 of 3 assets"));
}

TEST_CASE("straight-line-equivalent travel time divides distance by the speed", "[colocation][consolidation]") {
    const CostMatrix metres = matrix(1, 2, {{1500.0, 300.0}}, CostUnit::metres);
    const CostMatrix seconds = straight_line_seconds(metres, 5.0); // 18 km/h
    CHECK(seconds.unit() == CostUnit::seconds);
    CHECK(seconds.at(0, 0) == 300.0);
    CHECK(seconds.at(0, 1) == 60.0);
    CHECK(seconds.row(0)[0].other == 1500.0);
    CHECK(contains(pooled::test::message_of([&] { straight_line_seconds(seconds, 5.0); }), "needs a matrix of metres"));
    CHECK(contains(pooled::test::message_of([&] { straight_line_seconds(metres, 0.0); }), "must be > 0 m/s"));
}

TEST_CASE("the fewest sites meeting coverage targets match brute force on random instances",
          "[colocation][consolidation][covering]") {
    // Every subset of 8 sites is tried, smallest first: the first meeting the targets (overall
    // share, and half of each of three groups) gives the minimum. The exact mode must find it,
    // the heuristic may not beat it, and no bound may exceed it.
    std::size_t checked = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const CostMatrix costs = pooled::test::random_matrix(seed, 14, 8, 0.6);
        const std::vector<double> demand = pooled::test::random_demand(seed + 100, 14);
        std::vector<std::uint32_t> group(14);
        std::vector<std::string> labels(14);
        for (std::size_t i = 0; i < 14; ++i) {
            group[i] = static_cast<std::uint32_t>(i % 3);
            labels[i] = "g" + std::to_string(i % 3);
        }
        const double share = seed % 3 == 0 ? 0.9 : seed % 3 == 1 ? 0.7 : 0.8;
        const double cutoff = 40.0;
        const SiteIndex required = seed % 4 == 0 ? static_cast<SiteIndex>(seed % 8) : no_site;
        const auto meets = [&](const std::vector<std::uint32_t> &sites) {
            if (required != no_site && std::find(sites.begin(), sites.end(), required) == sites.end()) {
                return false;
            }
            double total = 0.0, covered = 0.0;
            std::vector<double> g_total(3, 0.0), g_covered(3, 0.0);
            for (std::size_t o = 0; o < 14; ++o) {
                bool in = false;
                for (const auto j : sites) {
                    in = in || costs.at(o, j) <= cutoff;
                }
                total += demand[o];
                g_total[group[o]] += demand[o];
                covered += in ? demand[o] : 0.0;
                g_covered[group[o]] += in ? demand[o] : 0.0;
            }
            bool ok = covered >= share * total - 1e-9 * total;
            for (std::size_t g = 0; g < 3; ++g) {
                ok = ok && g_covered[g] >= 0.5 * g_total[g] - 1e-9 * g_total[g];
            }
            return ok;
        };
        std::uint32_t minimum = 0;
        for (std::uint32_t k = 1; k <= 8 && minimum == 0; ++k) {
            pooled::test::for_each_subset(8, k, [&](const std::vector<std::uint32_t> &s) {
                if (minimum == 0 && meets(s)) {
                    minimum = k;
                }
            });
        }
        CoverageTargetOptions options;
        options.service_cost = cutoff;
        options.share = share;
        options.group = group;
        options.group_share = 0.5;
        if (required != no_site) {
            options.sites.required = {required};
        }
        const Solution heuristic = solve_coverage_target(costs, demand, options);
        if (minimum == 0) {
            CHECK(heuristic.status == SolveStatus::infeasible);
            continue;
        }
        ++checked;
        CHECK(meets(heuristic.selected));
        CHECK(heuristic.objective >= minimum);
        CHECK(heuristic.bound <= minimum);

        std::vector<ConsolidationAsset> assets(8);
        for (std::size_t j = 0; j < 8; ++j) {
            assets[j].id = "s" + std::to_string(j);
            assets[j].must_keep = j == required;
        }
        ConsolidationOptions consolidation;
        consolidation.min_coverage = share;
        consolidation.min_group_coverage = 0.5;
        consolidation.cutoff = cutoff;
        const ConsolidationResult r = consolidate(costs, assets, demand, labels, consolidation);
        INFO("seed " << seed);
        CHECK(r.solution.selected.size() == minimum);
        CHECK(r.solution.status == SolveStatus::optimal);
        CHECK(meets(r.solution.selected));
    }
    CHECK(checked >= 20); // most instances are feasible: the check is not vacuous
}

TEST_CASE("consolidation gives the same answer whatever the thread count", "[colocation][consolidation]") {
    const CostMatrix costs = pooled::test::random_matrix(7, 40, 20, 0.5);
    const std::vector<double> demand = pooled::test::random_demand(8, 40);
    std::vector<ConsolidationAsset> assets(20);
    for (std::size_t j = 0; j < assets.size(); ++j) {
        assets[j].id = "s" + std::to_string(j);
        assets[j].capacity = 60.0;
    }
    for (const bool exact : {false, true}) {
        for (const bool by_coverage : {false, true}) {
            ConsolidationOptions options;
            if (by_coverage) {
                options.min_coverage = 0.8;
                options.cutoff = 30.0;
            } else {
                options.keep = 10;
                options.capacity = CapacityBasis::service_capacity;
            }
            options.exact = exact;
            options.threads = 1;
            const ConsolidationResult one = consolidate(costs, assets, demand, {}, options);
            options.threads = 2;
            const ConsolidationResult two = consolidate(costs, assets, demand, {}, options);
            CHECK(one.solution.selected == two.solution.selected);
            CHECK(one.solution.assignment == two.solution.assignment);
            CHECK(one.solution.objective == two.solution.objective);
            CHECK(one.overall.mean_cost_after == two.overall.mean_cost_after);
        }
    }
}

TEST_CASE("consolidation leaves zones that reach no asset out of the choice and reports them", "[colocation][consolidation]") {
    // z2 (30 people) reaches no asset (say, an island off the road network): the solvers see
    // z0 and z1 only; keeping one, a0 costs 10 x 1 + 20 x 4 = 90 and a1 10 x 3 + 20 x 2 = 70.
    const CostMatrix costs = matrix(3, 2, {{1, 3}, {4, 2}, {none, none}});
    const std::vector<double> people{10, 20, 30};
    std::vector<ConsolidationAsset> assets{{"a0", "", {0, 0}, {}, {}, {}, {}, false},
                                           {"a1", "", {0, 0}, {}, {}, {}, {}, false}};
    ConsolidationOptions options;
    options.keep = 1;
    options.cutoff = 2.5;
    const ConsolidationResult r = consolidate(costs, assets, people, {}, options);
    CHECK(r.solution.selected == std::vector<SiteIndex>{1});
    CHECK(r.solution.objective == 70.0);
    CHECK(r.zones[2].asset_before == no_site);
    CHECK(r.zones[2].asset_after == no_site);
    CHECK(r.overall.unreached_before == 30.0);
    CHECK(r.overall.unreached_after == 30.0);
    // Within 2.5: before z0 (1) and z1 (2), 30 of 60 people; after, with a1 alone, z1 (2) only:
    // 20 of 60 (z0 is 3 from a1).
    CHECK(r.overall.share_within_before == Approx(0.5));
    CHECK(r.overall.share_within_after == Approx(20.0 / 60.0));
    // Mean over the people who reach an asset: before (10 x 1 + 20 x 2) / 30, after 70 / 30.
    CHECK(r.overall.mean_cost_before == Approx(50.0 / 30.0));
    CHECK(r.overall.mean_cost_after == Approx(70.0 / 30.0));
}

TEST_CASE("consolidation reports groups in label order, numbers by value", "[colocation][consolidation]") {
    const Libraries lib;
    ConsolidationOptions options = coverage(0.95);
    const std::vector<std::string> deciles{"10", "2", "10", "1"};
    const ConsolidationResult r = consolidate(lib.costs, lib.assets, lib.people, deciles, options);
    REQUIRE(r.groups.size() == 3);
    CHECK(r.groups[0].group == "1");
    CHECK(r.groups[1].group == "2");
    CHECK(r.groups[2].group == "10"); // not between "1" and "2"
    CHECK(r.groups[2].zones == 2);
    const std::vector<std::string> words{"rural", "Urban", "rural", "town"};
    const ConsolidationResult t = consolidate(lib.costs, lib.assets, lib.people, words, options);
    CHECK(t.groups[0].group == "Urban"); // as text: upper case first
    CHECK(t.groups[1].group == "rural");
    CHECK(t.groups[2].group == "town");
}
