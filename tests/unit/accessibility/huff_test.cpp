#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/random_instance.hpp"

#include <pooled/accessibility/huff.hpp>
#include <pooled/core/error.hpp>
#include <pooled/core/random.hpp>
#include <pooled/network/cost_matrix.hpp>

#include <cmath>
#include <numeric>
#include <optional>
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

/// Zones a, b, c; sites x, y, z: a -> x 5, a -> y 15; b -> y 20; c reaches nothing; nobody reaches z.
CostMatrix small_matrix() {
    return CostMatrix({"a", "b", "c"}, {"x", "y", "z"}, CostUnit::seconds, std::nullopt, std::nullopt,
                      {{{0, 5.0}, {1, 15.0}}, {{1, 20.0}}, {}});
}
const std::vector<double> demand = {100, 300, 50};

/// 4 zones x 3 sites, every pair stored (minutes), for the calibration against scipy.
CostMatrix calibration_matrix() {
    const double c[4][3] = {{5, 12, 20}, {10, 4, 15}, {18, 9, 6}, {7, 14, 11}};
    std::vector<std::vector<MatrixEntry>> rows(4);
    for (std::size_t i = 0; i < 4; ++i) {
        for (std::uint32_t j = 0; j < 3; ++j) {
            rows[i].push_back({j, c[i][j]});
        }
    }
    return CostMatrix({"z0", "z1", "z2", "z3"}, {"s0", "s1", "s2"}, CostUnit::seconds, std::nullopt, std::nullopt,
                      std::move(rows));
}

} // namespace

TEST_CASE("Huff probabilities, expected users and supply per head on a small example", "[accessibility][huff]") {
    // Attractiveness (10, 40, 5), alpha = 1, w = 1/c:
    //   a: x 10/5 = 2, y 40/15 = 8/3; p_ax = 2 / (2 + 8/3) = 3/7, p_ay = 4/7.
    //   b: only y, p_by = 1.  c: nothing.
    //   U_x = 100 * 3/7 = 300/7;  U_y = 100 * 4/7 + 300 = 2500/7;  U_z = 0.
    const CostMatrix m = small_matrix();
    const HuffResult h = huff(m, demand, std::vector<double>{10, 40, 5}, 1.0, Power(1));
    REQUIRE(h.probabilities(0).size() == 2);
    CHECK(h.probabilities(0)[0] == Approx(3.0 / 7.0));
    CHECK(h.probabilities(0)[1] == Approx(4.0 / 7.0));
    CHECK(h.probabilities(1)[0] == 1.0);
    CHECK(h.probabilities(2).empty());
    CHECK(h.expected_users()[0] == Approx(300.0 / 7.0));
    CHECK(h.expected_users()[1] == Approx(2500.0 / 7.0));
    CHECK(h.expected_users()[2] == 0.0);
    CHECK(h.zones_reaching_nothing() == std::vector<std::size_t>{2});

    // Supply (10, 20, 7) per expected user: x 10 / (300/7) = 7/30, y 20 / (2500/7) = 7/125.
    //   A_a = 3/7 * 7/30 + 4/7 * 7/125 = 0.1 + 0.032 = 0.132;  A_b = 7/125 = 0.056;  A_c = 0.
    //   Conservation: 100 * 0.132 + 300 * 0.056 = 13.2 + 16.8 = 30 = 10 + 20 (z has no users).
    const std::vector<double> per_head = huff_supply_per_head(m, h, std::vector<double>{10, 20, 7});
    CHECK(per_head[0] == Approx(0.132));
    CHECK(per_head[1] == Approx(0.056));
    CHECK(per_head[2] == 0.0);

    // alpha = 2 favours the bigger site: a's y share becomes 1600/15 / (100/5 + 1600/15) = 16/19.
    CHECK(huff(m, demand, std::vector<double>{10, 40, 5}, 2.0, Power(1)).probabilities(0)[1] == Approx(16.0 / 19.0));
    // A site of attractiveness 0 is never chosen, even with alpha = 0 (pow(0, 0) would be 1).
    CHECK(huff(m, demand, std::vector<double>{0, 40, 5}, 0.0, Power(1)).probabilities(0)[0] == 0.0);
    // A cutoff of 10 leaves a with x only and b with nothing.
    const HuffResult near = huff(m, demand, std::vector<double>{10, 40, 5}, 1.0, Power(1), 10.0);
    CHECK(near.probabilities(0)[0] == 1.0);
    CHECK(near.probabilities(0)[1] == 0.0);
    CHECK(near.zones_reaching_nothing() == std::vector<std::size_t>{1, 2});

    CHECK(code_of([&] { huff(m, demand, std::vector<double>{10, 40, 5}, -1.0, Power(1)); }) == Errc::argument);
    CHECK(code_of([&] { huff(m, demand, std::vector<double>{10, -40, 5}, 1.0, Power(1)); }) == Errc::data);
}

TEST_CASE("Huff probabilities of a zone sum to 1 and expected users to the demand", "[accessibility][huff]") {
    pooled::Rng rng(77);
    const std::size_t zones = 40;
    auto instance = pooled::test::random_instance(rng, zones, 12, {1, 2000}, {0, 60}, {1, 99}, 0.6);
    const CostMatrix &m = instance.matrix;
    std::vector<double> pop = instance.demand;
    for (double &p : pop) {
        p = std::floor(p); // whole people
    }
    const std::vector<double> &attractiveness = instance.supply;
    const HuffResult h = huff(m, pop, attractiveness, 0.8, Exponential(0.05));
    double reached = 0.0;
    for (std::size_t i = 0; i < zones; ++i) {
        const auto p = h.probabilities(i);
        const double sum = std::accumulate(p.begin(), p.end(), 0.0);
        if (m.row(i).empty()) {
            CHECK(sum == 0.0);
        } else {
            CHECK(sum == Approx(1.0).epsilon(1e-14));
            reached += pop[i];
        }
    }
    const double users = std::accumulate(h.expected_users().begin(), h.expected_users().end(), 0.0);
    CHECK(users == Approx(reached).epsilon(1e-12));
}

TEST_CASE("Huff calibration recovers the exponents that generated the users", "[accessibility][huff]") {
    // Users O_ij = N_i p_ij(alpha = 1.3, lambda = 0.07, exponential) are the expected flows of the
    // true model, so the score sum_ij O_ij (x_ij - E_i[x]) is exactly 0 there: the MLE is (1.3, 0.07).
    pooled::Rng rng(4);
    const std::size_t zones = 30;
    const auto instance = pooled::test::random_instance(rng, zones, 8, {100, 900}, {1, 59}, {1, 99});
    const CostMatrix &m = instance.matrix;
    const std::vector<double> &pop = instance.demand;
    const std::vector<double> &attractiveness = instance.supply;
    const HuffResult truth = huff(m, pop, attractiveness, 1.3, Exponential(0.07));
    std::vector<ObservedUsers> observed;
    for (std::uint32_t i = 0; i < zones; ++i) {
        for (std::size_t r = 0; r < m.row(i).size(); ++r) {
            observed.push_back({i, m.row(i)[r].destination, pop[i] * truth.probabilities(i)[r]});
        }
    }
    const HuffFit fit = calibrate_huff(m, attractiveness, observed, HuffDecayForm::exponential);
    CHECK(fit.attractiveness_exponent == Approx(1.3).epsilon(1e-9));
    CHECK(fit.decay_parameter == Approx(0.07).epsilon(1e-9));
    CHECK(fit.total_users == Approx(std::accumulate(pop.begin(), pop.end(), 0.0)));
    CHECK(fit.log_likelihood > fit.null_log_likelihood);
    CHECK(fit.pseudo_r2 > 0.0);
    CHECK(fit.pseudo_r2 < 1.0);
}

TEST_CASE("Huff calibration agrees with scipy on observed counts", "[accessibility][huff]") {
    // The same log-likelihood maximised by scipy.optimize.minimize (BFGS, gtol 1e-10), scipy 1.10.1:
    //   c = [[5,12,20],[10,4,15],[18,9,6],[7,14,11]]; A = [50,20,80];
    //   O = [[60,15,25],[20,50,30],[10,25,65],[45,10,45]];
    //   u = a ln A_j - l g(c_ij); LL = sum O_ij (u_ij - logsumexp_k u_ik); LL0 = -400 ln 3.
    //   power (g = ln c):     a = 0.5883799727956651, l = 1.0409099440264136, LL = -383.5075515281826
    //   exponential (g = c):  a = 0.5687282248332007, l = 0.10524354866174913, LL = -386.30295211412096
    //   LL0 = -439.44491546724385; rho^2 = 1 - LL/LL0 = 0.12729095722858763 (power), 0.1209297490599458 (exp.)
    const CostMatrix m = calibration_matrix();
    const std::vector<double> attractiveness = {50, 20, 80};
    const double o[4][3] = {{60, 15, 25}, {20, 50, 30}, {10, 25, 65}, {45, 10, 45}};
    std::vector<ObservedUsers> observed;
    for (std::uint32_t i = 0; i < 4; ++i) {
        for (std::uint32_t j = 0; j < 3; ++j) {
            observed.push_back({i, j, o[i][j]});
        }
    }
    const HuffFit power = calibrate_huff(m, attractiveness, observed, HuffDecayForm::power);
    CHECK(power.attractiveness_exponent == Approx(0.5883799727956651).epsilon(1e-6));
    CHECK(power.decay_parameter == Approx(1.0409099440264136).epsilon(1e-6));
    CHECK(power.log_likelihood == Approx(-383.5075515281826).epsilon(1e-10));
    CHECK(power.null_log_likelihood == Approx(-439.44491546724385).epsilon(1e-12));
    CHECK(power.pseudo_r2 == Approx(0.12729095722858763).epsilon(1e-8));
    CHECK(power.total_users == 400.0);
    CHECK(power.attractiveness_exponent_se > 0.0);
    const HuffFit exponential = calibrate_huff(m, attractiveness, observed, HuffDecayForm::exponential);
    CHECK(exponential.attractiveness_exponent == Approx(0.5687282248332007).epsilon(1e-6));
    CHECK(exponential.decay_parameter == Approx(0.10524354866174913).epsilon(1e-6));
    CHECK(exponential.log_likelihood == Approx(-386.30295211412096).epsilon(1e-10));
    CHECK(exponential.pseudo_r2 == Approx(0.1209297490599458).epsilon(1e-8));
}

TEST_CASE("Huff calibration refuses data it cannot use", "[accessibility][huff]") {
    const CostMatrix m = calibration_matrix();
    const std::vector<double> attractiveness = {50, 20, 80};
    // A pair beyond the cutoff cannot have users.
    const std::vector<ObservedUsers> far = {{0, 2, 5.0}, {0, 0, 10.0}};
    CHECK(contains(message_of([&] { calibrate_huff(m, attractiveness, far, HuffDecayForm::power, 15.0); }),
                   "observed users from origin 0 ('z0') at destination 2 ('s2') (5) cannot be explained"));
    CHECK(code_of([&] { calibrate_huff(m, attractiveness, std::vector<ObservedUsers>{}, HuffDecayForm::power); }) ==
          Errc::data);
    const std::vector<ObservedUsers> negative = {{0, 0, -1.0}};
    CHECK(code_of([&] { calibrate_huff(m, attractiveness, negative, HuffDecayForm::power); }) == Errc::data);
    const std::vector<ObservedUsers> outside = {{9, 0, 1.0}};
    CHECK(code_of([&] { calibrate_huff(m, attractiveness, outside, HuffDecayForm::power); }) == Errc::argument);
    // Equal attractiveness everywhere: alpha is not identified.
    const std::vector<ObservedUsers> some = {{0, 0, 10.0}, {1, 1, 10.0}};
    CHECK(contains(message_of([&] { calibrate_huff(m, std::vector<double>{5, 5, 5}, some, HuffDecayForm::power); }),
                   "cannot identify the Huff exponents"));
}
