#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/random_instance.hpp"
#include "support/testdata_path.hpp"

#include <pooled/accessibility/decay.hpp>
#include <pooled/accessibility/measures.hpp>
#include <pooled/core/error.hpp>
#include <pooled/core/random.hpp>
#include <pooled/network/cost_matrix.hpp>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

using namespace pooled::accessibility;
using pooled::Errc;
using pooled::network::CostMatrix;
using pooled::network::CostUnit;
using pooled::network::MatrixEntry;
using pooled::test::code_of;
using pooled::test::contains;
using pooled::test::message_of;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

/// The small example: zones a, b, c; sites x, y, z (minutes).
///   a -> x 5, a -> y 15;  b -> y 20;  c reaches nothing;  no zone reaches z.
/// demand P = (100, 300, 50), supply S = (10, 20, 7).
CostMatrix small_matrix() {
    return CostMatrix({"a", "b", "c"}, {"x", "y", "z"}, CostUnit::seconds, std::nullopt, std::nullopt,
                      {{{0, 5.0}, {1, 15.0}}, {{1, 20.0}}, {}});
}
const std::vector<double> small_demand = {100, 300, 50};
const std::vector<double> small_supply = {10, 20, 7};

/// Scenario `scenario` of testdata/access_hospital_toy/costs.csv as a dense 3x3 matrix (tract ids 1..3).
CostMatrix hospital_matrix(int scenario) {
    std::ifstream in(pooled::test::testdata("access_hospital_toy/costs.csv"));
    REQUIRE(in);
    std::vector<std::vector<MatrixEntry>> rows(3);
    std::string line;
    std::getline(in, line); // header: scenario,origin,dest,cost,scenario_description
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string s, o, d, c;
        std::getline(fields, s, ',');
        std::getline(fields, o, ',');
        std::getline(fields, d, ',');
        std::getline(fields, c, ',');
        if (std::stoi(s) == scenario) {
            rows[static_cast<std::size_t>(std::stoi(o) - 1)].push_back(
                {static_cast<std::uint32_t>(std::stoi(d) - 1), std::stod(c)});
        }
    }
    return CostMatrix({"1", "2", "3"}, {"1", "2", "3"}, CostUnit::seconds, std::nullopt, std::nullopt, std::move(rows));
}

} // namespace

TEST_CASE("cumulative opportunities sum the supply within an inclusive cutoff", "[accessibility][measures]") {
    const CostMatrix m = small_matrix();
    // No cutoff: a reaches x and y (10 + 20 = 30), b reaches y (20), c nothing.
    CHECK(cumulative_opportunities(m, small_supply) == std::vector<double>{30, 20, 0});
    // Cutoff 15 (inclusive, so a -> y at exactly 15 counts): a 30, b 0 (20 > 15), c 0.
    CHECK(cumulative_opportunities(m, small_supply, 15.0) == std::vector<double>{30, 0, 0});
    // Cutoff just below 15: a keeps only x (10).
    CHECK(cumulative_opportunities(m, small_supply, 14.999)[0] == 10.0);
}

TEST_CASE("nearest cost gives the n-th nearest destination, +inf when too few", "[accessibility][measures]") {
    const CostMatrix m = small_matrix();
    CHECK(nearest_cost(m) == std::vector<double>{5, 20, inf});
    CHECK(nearest_cost(m, 2) == std::vector<double>{15, inf, inf});
    CHECK(nearest_cost(m, 1, 15.0) == std::vector<double>{5, inf, inf});
    CHECK(code_of([&] { nearest_cost(m, 0); }) == Errc::argument);
}

TEST_CASE("gravity accessibility is sum_j S_j w(c_ij)", "[accessibility][measures]") {
    const CostMatrix m = small_matrix();
    // Linear(20): w(5) = 1 - 5/20 = 0.75, w(15) = 0.25, w(20) = 0.
    // a: 10 * 0.75 + 20 * 0.25 = 7.5 + 5 = 12.5; b: 20 * 0 = 0; c: 0.
    const auto linear = gravity(m, small_supply, Linear(20));
    CHECK(linear[0] == Approx(12.5));
    CHECK(linear[1] == 0.0);
    CHECK(linear[2] == 0.0);
    // Power(1): a: 10/5 + 20/15 = 2 + 1.3333 = 3.3333; b: 20/20 = 1. With cutoff 10: a 10/5 = 2, b 0.
    CHECK(gravity(m, small_supply, Power(1))[0] == Approx(10.0 / 3.0));
    CHECK(gravity(m, small_supply, Power(1))[1] == Approx(1.0));
    CHECK(gravity(m, small_supply, Power(1), 10.0) == std::vector<double>{2, 0, 0});
}

TEST_CASE("2SFCA on the small example, with unreached sites and isolated zones reported", "[accessibility][measures]") {
    const CostMatrix m = small_matrix();

    SECTION("plain 2SFCA, Step(30)") {
        // Step 1: x is reached by a only: R_x = 10 / 100 = 0.1; y by a and b: R_y = 20 / (100 + 300) = 0.05;
        //         z by nobody: R_z = 0, reported, its 7 unallocated.
        // Step 2: A_a = 0.1 + 0.05 = 0.15; A_b = 0.05; A_c = 0 (reaches nothing, reported).
        // Conservation: 100 * 0.15 + 300 * 0.05 + 50 * 0 = 15 + 15 = 30 = 10 + 20 (+ 7 unallocated = 37 = sum S).
        const TwoStepResult r = two_step_fca(m, small_demand, small_supply, Step(30));
        CHECK(r.ratio[0] == Approx(0.1));
        CHECK(r.ratio[1] == Approx(0.05));
        CHECK(r.ratio[2] == 0.0);
        CHECK(r.access[0] == Approx(0.15));
        CHECK(r.access[1] == Approx(0.05));
        CHECK(r.access[2] == 0.0);
        CHECK(r.sites_without_demand == std::vector<std::size_t>{2});
        CHECK(r.zones_reaching_nothing == std::vector<std::size_t>{2});
        CHECK(r.unallocated_supply == 7.0);
    }
    SECTION("an inclusive cutoff of 15 drops b -> y (20)") {
        // R_x = 10 / 100 = 0.1; R_y = 20 / 100 = 0.2 (a -> y at exactly 15 counts); A_a = 0.1 + 0.2 = 0.3;
        // b now reaches nothing: A_b = 0, reported with c.
        const TwoStepResult r = two_step_fca(m, small_demand, small_supply, Step(30), 15.0);
        CHECK(r.ratio[1] == Approx(0.2));
        CHECK(r.access[0] == Approx(0.3));
        CHECK(r.access[1] == 0.0);
        CHECK(r.zones_reaching_nothing == std::vector<std::size_t>{1, 2});
    }
    SECTION("E2SFCA is the same function with a Stepped decay") {
        // Bands 0-10: 1, 10-20: 0.5. w(a -> x 5) = 1, w(a -> y 15) = 0.5, w(b -> y 20) = 0.5.
        // R_x = 10 / (100 * 1) = 0.1; R_y = 20 / (100 * 0.5 + 300 * 0.5) = 20 / 200 = 0.1.
        // A_a = 0.1 * 1 + 0.1 * 0.5 = 0.15; A_b = 0.1 * 0.5 = 0.05.
        // Conservation: 100 * 0.15 + 300 * 0.05 = 30 = 10 + 20.
        const TwoStepResult r = two_step_fca(m, small_demand, small_supply, parse_decay("stepped:10=1,20=0.5"));
        CHECK(r.ratio[0] == Approx(0.1));
        CHECK(r.ratio[1] == Approx(0.1));
        CHECK(r.access[0] == Approx(0.15));
        CHECK(r.access[1] == Approx(0.05));
        CHECK(r.access[2] == 0.0);
    }
    SECTION("a site reached only by zones of zero demand gets R_j = 0 and is reported") {
        const TwoStepResult r = two_step_fca(m, std::vector<double>{0, 300, 50}, small_supply, Step(30));
        // x is reached by a only, whose demand is 0: R_x = 0, and its 10 are unallocated with z's 7.
        CHECK(r.sites_without_demand == std::vector<std::size_t>{0, 2});
        CHECK(r.unallocated_supply == 17.0);
        CHECK(r.ratio[1] == Approx(20.0 / 300.0));
    }
}

TEST_CASE("2SFCA on pysal/access's hospital toy, scenario 0 (gridlock)", "[accessibility][measures]") {
    // testdata/access_hospital_toy/costs.csv, scenario 0 (origin -> dest: cost):
    //   1->1 1, 1->2 80, 1->3 40;  2->1 80, 2->2 1, 2->3 40;  3->1 40, 3->2 40, 3->3 1.
    // tracts.csv: pop P = (100, 50, 10), doc S = (15, 20, 100).
    // w(c) = 1/c, pairs with cost >= 61 excluded (1->2 and 2->1 at 80).
    // Step 1: D_1 = 100/1 + 10/40 = 100.25;  R_1 = 15 / 100.25 = 60/401 = 0.149625935...
    //         D_2 = 50/1 + 10/40 = 50.25;    R_2 = 20 / 50.25 = 80/201 = 0.398009950...
    //         D_3 = 100/40 + 50/40 + 10/1 = 2.5 + 1.25 + 10 = 13.75;  R_3 = 100 / 13.75 = 80/11 = 7.272727...
    // Step 2: A_1 = R_1/1 + R_3/40 = 60/401 + 2/11 = 1462/4411 = 0.331444117...
    //         A_2 = R_2/1 + R_3/40 = 80/201 + 2/11 = 1282/2211 = 0.579828132...
    //         A_3 = R_1/40 + R_2/40 + R_3/1 = 3/802 + 2/201 + 80/11 = 0.003740648 + 0.009950249 + 7.272727273
    //             = 7.286418170
    // Conservation: 100 * 0.331444117 + 50 * 0.579828132 + 10 * 7.286418170 = 33.144 + 28.991 + 72.864 = 135 = 15 + 20 + 100.
    const CostMatrix m = hospital_matrix(0);
    REQUIRE(m.stored() == 9);
    REQUIRE(m.at(0, 1) == 80.0);
    REQUIRE(m.at(2, 0) == 40.0);
    const std::vector<double> pop = {100, 50, 10};
    const std::vector<double> doc = {15, 20, 100};
    // pysal/access's max_cost is strict (cost < 61); pooled's cutoff is inclusive.
    const TwoStepResult r = two_step_fca(m, pop, doc, Power(1), std::nextafter(61.0, 0.0));
    CHECK(r.ratio[0] == Approx(60.0 / 401.0).epsilon(1e-12));
    CHECK(r.ratio[1] == Approx(80.0 / 201.0).epsilon(1e-12));
    CHECK(r.ratio[2] == Approx(80.0 / 11.0).epsilon(1e-12));
    CHECK(r.access[0] == Approx(1462.0 / 4411.0).epsilon(1e-12));
    CHECK(r.access[1] == Approx(1282.0 / 2211.0).epsilon(1e-12));
    CHECK(r.access[2] == Approx(3.0 / 802.0 + 2.0 / 201.0 + 80.0 / 11.0).epsilon(1e-12));
    CHECK(r.access[2] == Approx(7.286418170).epsilon(1e-9));
    CHECK(r.sites_without_demand.empty());
    CHECK(r.zones_reaching_nothing.empty());
    CHECK(100 * r.access[0] + 50 * r.access[1] + 10 * r.access[2] == Approx(135.0).epsilon(1e-12));

    // The bound matters: with an inclusive 80 the 1<->2 pairs join and every number changes
    // (D_1 = 100 + 50/80 + 10/40 = 100.875, so R_1 = 15 / 100.875).
    CHECK(two_step_fca(m, pop, doc, Power(1), 80.0).ratio[0] == Approx(15.0 / 100.875).epsilon(1e-12));
}

TEST_CASE("2SFCA conserves supply when every zone reaches every site", "[accessibility][measures]") {
    // Random seeded 20 x 10 dense matrix: sum_i P_i A_i = sum_i P_i sum_j R_j w_ij = sum_j R_j sum_i P_i w_ij
    // = sum_j R_j D_j = sum_j S_j, for any decay with w > 0 on every pair.
    pooled::Rng rng(20240604);
    const std::size_t zones = 20;
    const auto instance = pooled::test::random_instance(rng, zones, 10, {1.0, 999.0}, {1.0, 59.0}, {0.0, 50.0});
    const CostMatrix &m = instance.matrix;
    const std::vector<double> &demand = instance.demand;
    const std::vector<double> &supply = instance.supply;
    const double total_supply = std::accumulate(supply.begin(), supply.end(), 0.0);
    const double total_demand = std::accumulate(demand.begin(), demand.end(), 0.0);

    for (const Decay &decay : {Decay(Exponential(0.05)), Decay(Power(1)), Decay(Gaussian(30)), Decay(Step(60)),
                               Decay(Logistic(30, 0.2))}) {
        INFO(decay_text(decay));
        const TwoStepResult r = two_step_fca(m, demand, supply, decay);
        double served = 0.0;
        for (std::size_t i = 0; i < zones; ++i) {
            served += demand[i] * r.access[i];
        }
        CHECK(served == Approx(total_supply).epsilon(1e-12));
        CHECK(r.unallocated_supply == 0.0);
        CHECK(r.sites_without_demand.empty());
    }
    // A catchment covering everything (Step(60) >= every cost): each zone gets total supply / total demand.
    const TwoStepResult everything = two_step_fca(m, demand, supply, Step(60));
    for (const double a : everything.access) {
        CHECK(a == Approx(total_supply / total_demand).epsilon(1e-12));
    }
}

TEST_CASE("measures validate sizes, cutoffs, demand and supply", "[accessibility][measures]") {
    const CostMatrix m = small_matrix();
    const std::vector<double> two = {1, 2};
    CHECK(code_of([&] { two_step_fca(m, two, small_supply, Step(30)); }) == Errc::argument);
    CHECK(code_of([&] { two_step_fca(m, small_demand, two, Step(30)); }) == Errc::argument);
    CHECK(code_of([&] { gravity(m, two, Step(30)); }) == Errc::argument);
    CHECK(code_of([&] { cumulative_opportunities(m, two); }) == Errc::argument);
    CHECK(contains(message_of([&] { gravity(m, two, Step(30)); }),
                   "supply has 2 values but the matrix has 3 destinations"));
    CHECK(code_of([&] { gravity(m, small_supply, Step(30), -1.0); }) == Errc::argument);
    CHECK(code_of([&] { nearest_cost(m, 1, std::numeric_limits<double>::quiet_NaN()); }) == Errc::argument);

    const std::vector<double> negative_demand = {100, -2, 50};
    CHECK(code_of([&] { two_step_fca(m, negative_demand, small_supply, Step(30)); }) == Errc::data);
    CHECK(contains(message_of([&] { two_step_fca(m, negative_demand, small_supply, Step(30)); }),
                   "demand of origin 1 ('b') is negative: -2"));
    const std::vector<double> nan_supply = {10, 20, std::numeric_limits<double>::quiet_NaN()};
    CHECK(contains(message_of([&] { gravity(m, nan_supply, Step(30)); }),
                   "supply of destination 2 ('z') is not a number"));
    const std::vector<double> infinite_supply = {10, inf, 7};
    CHECK(code_of([&] { cumulative_opportunities(m, infinite_supply); }) == Errc::data);
}

TEST_CASE("demand and supply checks name the first bad value of a long column", "[accessibility][measures]") {
    // 20 zones x 10 sites: the values pass a four-at-a-time check first (checks.cpp), whose lanes
    // must miss none of NaN, an infinity or a negative value wherever it sits; -0 is a valid 0.
    pooled::Rng rng(20261130);
    const auto instance = pooled::test::random_instance(rng, 20, 10, {1.0, 999.0}, {1.0, 59.0}, {0.0, 50.0});
    const CostMatrix &m = instance.matrix;
    const auto with = [](std::vector<double> values, std::size_t k, double bad) {
        values[k] = bad;
        return values;
    };
    const std::vector<double> &demand = instance.demand;
    const std::vector<double> &supply = instance.supply;
    CHECK(contains(message_of([&] { two_step_fca(m, with(demand, 6, -inf), supply, Step(30)); }),
                   "demand of origin 6 ('z6') is infinite"));
    CHECK(contains(message_of([&] { two_step_fca(m, with(demand, 17, -0.5), supply, Step(30)); }),
                   "demand of origin 17 ('z17') is negative: -0.5"));
    CHECK(contains(message_of([&] { two_step_fca(m, demand, with(supply, 5, inf), Step(30)); }),
                   "supply of destination 5 ('s5') is infinite"));
    CHECK(contains(message_of([&] { two_step_fca(m, demand, with(supply, 9, std::nan("")), Step(30)); }),
                   "supply of destination 9 ('s9') is not a number"));
    // Two bad values: the first is named.
    CHECK(contains(message_of([&] { gravity(m, with(with(supply, 7, -1.0), 2, inf), Step(30)); }),
                   "supply of destination 2 ('s2') is infinite"));
    const TwoStepResult zero = two_step_fca(m, with(demand, 3, -0.0), supply, Step(30));
    CHECK(zero.access == two_step_fca(m, with(demand, 3, 0.0), supply, Step(30)).access);
}

TEST_CASE("2SFCA on the hospital toy's other scenarios, and the directions between them", "[accessibility][measures]") {
    // Same model as scenario 0 above: P = (100, 50, 10), S = (15, 20, 100), w = 1/c, pairs with c >= 61 excluded.
    const std::vector<double> pop = {100, 50, 10};
    const std::vector<double> doc = {15, 20, 100};
    const double below_61 = std::nextafter(61.0, 0.0);
    const auto access = [&](int scenario) { return two_step_fca(hospital_matrix(scenario), pop, doc, Power(1), below_61).access; };
    const std::vector<double> gridlock = access(0);

    // Scenario 1, faster into the city (1->3 and 2->3 cost 20; 3->1, 3->2 stay 40):
    //   D_1 = 100 + 10/40 = 100.25, R_1 = 60/401;  D_2 = 50 + 10/40 = 50.25, R_2 = 80/201;
    //   D_3 = 100/20 + 50/20 + 10/1 = 17.5, R_3 = 40/7.
    //   A_1 = 60/401 + (40/7)/20 = 60/401 + 2/7 = 1222/2807;  A_2 = 80/201 + 2/7 = 962/1407;
    //   A_3 = (60/401)/40 + (80/201)/40 + 40/7 = 3/802 + 2/201 + 40/7 = 6463529/1128414 = 5.727976611.
    const std::vector<double> inbound = access(1);
    CHECK(inbound[0] == Approx(1222.0 / 2807.0).epsilon(1e-12));
    CHECK(inbound[1] == Approx(962.0 / 1407.0).epsilon(1e-12));
    CHECK(inbound[2] == Approx(6463529.0 / 1128414.0).epsilon(1e-12));
    // Suburbs reach the city's 100 doctors more cheaply: their access rises; the city's own falls
    // (its doctors now serve more weighted demand: D_3 13.75 -> 17.5).
    CHECK(inbound[0] > gridlock[0]);
    CHECK(inbound[1] > gridlock[1]);
    CHECK(inbound[2] < gridlock[2]);

    // Scenario 2, faster out of the city (3->1 and 3->2 cost 20; 1->3, 2->3 stay 40):
    //   D_1 = 100 + 10/20 = 100.5, R_1 = 10/67;  D_2 = 50 + 10/20 = 50.5, R_2 = 40/101;
    //   D_3 = 100/40 + 50/40 + 10 = 13.75, R_3 = 80/11.
    //   A_1 = 10/67 + (80/11)/40 = 10/67 + 2/11 = 244/737;  A_2 = 40/101 + 2/11 = 642/1111;
    //   A_3 = (10/67)/20 + (40/101)/20 + 80/11 = 1/134 + 2/101 + 80/11 = 1086779/148874 = 7.299991939.
    const std::vector<double> outbound = access(2);
    CHECK(outbound[0] == Approx(244.0 / 737.0).epsilon(1e-12));
    CHECK(outbound[1] == Approx(642.0 / 1111.0).epsilon(1e-12));
    CHECK(outbound[2] == Approx(1086779.0 / 148874.0).epsilon(1e-12));
    // The city's residents reach the suburbs' doctors more cheaply: the city gains, and the
    // suburbs lose a little (their doctors are shared with more weighted city demand).
    CHECK(outbound[2] > gridlock[2]);
    CHECK(outbound[0] < gridlock[0]);
    CHECK(outbound[1] < gridlock[1]);

    // Scenario 3, symmetric faster travel (1<->2 cost 40, every city link 20):
    //   D_1 = 100 + 50/40 + 10/20 = 101.75, R_1 = 60/407;  D_2 = 100/40 + 50 + 10/20 = 53, R_2 = 20/53;
    //   D_3 = 100/20 + 50/20 + 10 = 17.5, R_3 = 40/7.
    //   A_1 = 60/407 + (20/53)/40 + (40/7)/20 = 60/407 + 1/106 + 2/7 = 133653/301994;
    //   A_2 = (60/407)/40 + 20/53 + 2/7 = 3/814 + 20/53 + 2/7 = 201357/301994;
    //   A_3 = (60/407)/20 + (20/53)/20 + 40/7 = 3/407 + 1/53 + 40/7 = 866802/150997 = 5.740524646.
    const std::vector<double> symmetric = access(3);
    CHECK(symmetric[0] == Approx(133653.0 / 301994.0).epsilon(1e-12));
    CHECK(symmetric[1] == Approx(201357.0 / 301994.0).epsilon(1e-12));
    CHECK(symmetric[2] == Approx(866802.0 / 150997.0).epsilon(1e-12));
    // Against scenario 1 (same inbound times), tracts 1 and 2 now also reach each other: tract 1
    // (few doctors per head) gains from tract 2's doctors, tract 2 loses to tract 1's 100 people,
    // and the city gains from reaching out to the suburbs at 20.
    CHECK(symmetric[0] > inbound[0]);
    CHECK(symmetric[1] < inbound[1]);
    CHECK(symmetric[2] > inbound[2]);

    // Every scenario conserves the 135 doctors (every site has demand): sum_i P_i A_i = 135.
    for (const auto &a : {gridlock, inbound, outbound, symmetric}) {
        CHECK(100 * a[0] + 50 * a[1] + 10 * a[2] == Approx(135.0).epsilon(1e-12));
    }
}

TEST_CASE("3SFCA (Wan et al. 2012) on the hospital toy, scenario 0", "[accessibility][measures]") {
    // w = 1/c on the pairs with c < 61: 1->1 1, 1->3 1/40; 2->2 1, 2->3 1/40; 3->1 1/40, 3->2 1/40, 3->3 1.
    // Selection weights G_ij = w_ij / sum_k w_ik: row sums 41/40, 41/40, 42/40, so
    //   G_11 = 40/41, G_13 = 1/41;  G_22 = 40/41, G_23 = 1/41;  G_31 = G_32 = 1/42, G_33 = 40/42.
    // Effective weights w G: 1->1 40/41, 1->3 1/1640; 2->2 40/41, 2->3 1/1640; 3->1 = 3->2 = 1/1680, 3->3 20/21.
    //   D_1 = 100 * 40/41 + 10/1680 = 4000/41 + 1/168;  R_1 = 15 / D_1 = 0.153740620
    //   D_2 = 50 * 40/41 + 10/1680 = 2000/41 + 1/168;   R_2 = 20 / D_2 = 0.409949976
    //   D_3 = 150/1640 + 10 * 20/21 = 15/164 + 200/21;  R_3 = 100 / D_3 = 10.400120791
    //   A_1 = R_1 40/41 + R_3/1640;  A_2 = R_2 40/41 + R_3/1640;  A_3 = (R_1 + R_2)/1680 + R_3 20/21.
    // Exact (Python fractions): A = (695824122/4450927543, 904244922/2225599543, 9.905212474099955).
    const std::vector<double> pop = {100, 50, 10};
    const std::vector<double> doc = {15, 20, 100};
    const TwoStepResult r = three_step_fca(hospital_matrix(0), pop, doc, Power(1), std::nextafter(61.0, 0.0));
    const double d1 = 4000.0 / 41 + 1.0 / 168, d2 = 2000.0 / 41 + 1.0 / 168, d3 = 15.0 / 164 + 200.0 / 21;
    CHECK(r.ratio[0] == Approx(15 / d1).epsilon(1e-12));
    CHECK(r.ratio[1] == Approx(20 / d2).epsilon(1e-12));
    CHECK(r.ratio[2] == Approx(100 / d3).epsilon(1e-12));
    CHECK(r.access[0] == Approx(695824122.0 / 4450927543.0).epsilon(1e-12));
    CHECK(r.access[1] == Approx(904244922.0 / 2225599543.0).epsilon(1e-12));
    CHECK(r.access[2] == Approx(9.905212474099955).epsilon(1e-12));
    // Supply is conserved as in 2SFCA.
    CHECK(100 * r.access[0] + 50 * r.access[1] + 10 * r.access[2] == Approx(135.0).epsilon(1e-12));
    // Competition adjustment: the suburbs send only 1/41 of their demand to the city, so the city's
    // doctors are spread over less demand and the city's own access rises (7.286 in 2SFCA), while
    // the suburbs' falls (they count less at the city's site).
    const TwoStepResult two = two_step_fca(hospital_matrix(0), pop, doc, Power(1), std::nextafter(61.0, 0.0));
    CHECK(r.access[2] > two.access[2]);
    CHECK(r.access[0] < two.access[0]);
    CHECK(r.access[1] < two.access[1]);
}

TEST_CASE("3SFCA: a zone reaching one site only is 2SFCA, isolated zones and sites reported", "[accessibility][measures]") {
    // In the small example b reaches only y (G = 1), a splits between x and y.
    // Step(30): w = 1 for every stored pair; G_ax = G_ay = 1/2, G_by = 1.
    // R_x = 10 / (100 * 1/2) = 0.2; R_y = 20 / (100 * 1/2 + 300 * 1) = 20/350 = 2/35.
    // A_a = 1/2 * 0.2 + 1/2 * 2/35 = 0.1 + 1/35 = 0.128571...; A_b = 2/35; A_c = 0.
    const TwoStepResult r = three_step_fca(small_matrix(), small_demand, small_supply, Step(30));
    CHECK(r.ratio[0] == Approx(0.2));
    CHECK(r.ratio[1] == Approx(2.0 / 35.0));
    CHECK(r.access[0] == Approx(0.1 + 1.0 / 35.0));
    CHECK(r.access[1] == Approx(2.0 / 35.0));
    CHECK(r.access[2] == 0.0);
    CHECK(r.zones_reaching_nothing == std::vector<std::size_t>{2});
    CHECK(r.sites_without_demand == std::vector<std::size_t>{2});
    CHECK(r.unallocated_supply == 7.0);
}
