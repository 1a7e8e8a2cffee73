#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/accessibility/availability.hpp>
#include <pooled/accessibility/measures.hpp>
#include <pooled/core/error.hpp>
#include <pooled/network/cost_matrix.hpp>

#include <cmath>
#include <numeric>
#include <optional>
#include <vector>

using namespace pooled::accessibility;
using pooled::Errc;
using pooled::network::CostMatrix;
using pooled::network::CostUnit;
using pooled::test::code_of;

namespace {

/// The toy example of Soukhov et al. (2023), section "Spatial availability" (PLOS ONE 18(1)
/// e0278468): population centres A, B, C with 50,000, 150,000 and 10,000 people; employment
/// centres 1, 2, 3 with 100,000, 100,000 and 10,000 jobs; travel times A-1 15, A-2 30, A-3 100;
/// B-1 30, B-2 15, B-3 100; C-1 100, C-2 100, C-3 15 minutes; negative exponential impedance
/// f(c) = exp(-0.1 c).
CostMatrix soukhov_matrix() {
    return CostMatrix({"A", "B", "C"}, {"1", "2", "3"}, CostUnit::seconds, std::nullopt, std::nullopt,
                      {{{0, 15}, {1, 30}, {2, 100}}, {{0, 30}, {1, 15}, {2, 100}}, {{0, 100}, {1, 100}, {2, 15}}});
}
const std::vector<double> soukhov_population = {50000, 150000, 10000};
const std::vector<double> soukhov_jobs = {100000, 100000, 10000};

} // namespace

TEST_CASE("spatial availability reproduces the toy example of Soukhov et al. (2023)", "[accessibility][availability]") {
    // The paper reports 66,833, 133,203 and 9,963 jobs available to A, B and C (rounded), adding up
    // to the 210,000 jobs. By hand for A: F_A1 = 50000 e^-1.5 / (50000 e^-1.5 + 150000 e^-3 + 10000 e^-10)
    // = 11156.5 / (11156.5 + 7468.1 + 0.45) = 0.59898..., and so on; numpy gives
    // (66833.4657709, 133203.3628639, 9963.17136519).
    const AvailabilityResult r = spatial_availability(soukhov_matrix(), soukhov_population, soukhov_jobs, Exponential(0.1));
    CHECK(std::round(r.availability[0]) == 66833.0);
    CHECK(std::round(r.availability[1]) == 133203.0);
    CHECK(std::round(r.availability[2]) == 9963.0);
    CHECK(r.availability[0] == Approx(66833.4657709).epsilon(1e-10));
    CHECK(r.availability[1] == Approx(133203.3628639).epsilon(1e-10));
    CHECK(r.availability[2] == Approx(9963.17136519).epsilon(1e-10));
    // Conservation: every job is allocated exactly once.
    CHECK(std::accumulate(r.availability.begin(), r.availability.end(), 0.0) == Approx(210000.0).epsilon(1e-14));
    CHECK(r.unallocated_supply == 0.0);
    // Per head: A 66833.47 / 50000 = 1.3367 jobs per worker, B 0.8880, C 0.9963.
    CHECK(r.per_head[0] == Approx(66833.4657709 / 50000).epsilon(1e-10));
}

TEST_CASE("spatial availability per head is 2SFCA when the population exponent is 1", "[accessibility][availability]") {
    // V_i / P_i = sum_j S_j w_ij / sum_k P_k w_kj = A_i of 2SFCA (Soukhov et al., section on 2SFCA).
    const CostMatrix m = soukhov_matrix();
    const AvailabilityResult sa = spatial_availability(m, soukhov_population, soukhov_jobs, Exponential(0.1));
    const TwoStepResult fca = two_step_fca(m, soukhov_population, soukhov_jobs, Exponential(0.1));
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(sa.per_head[i] == Approx(fca.access[i]).epsilon(1e-12));
    }
    // A population exponent below 1 dampens the weight of big populations: B (the largest) gets less.
    const AvailabilityResult damped = spatial_availability(m, soukhov_population, soukhov_jobs, Exponential(0.1), std::nullopt, 0.5);
    CHECK(damped.availability[1] < sa.availability[1]);
    CHECK(std::accumulate(damped.availability.begin(), damped.availability.end(), 0.0) == Approx(210000.0).epsilon(1e-14));
}

TEST_CASE("spatial availability with a cutoff: unreached supply is reported, the rest conserved", "[accessibility][availability]") {
    // Cutoff 30: C reaches only 3, and nobody else reaches 3; A and B share 1 and 2 only.
    //   site 1: A 50000 e^-1.5 = 11156.51, B 150000 e^-3 = 7468.06 -> A gets 100000 * 0.599 = 59903.3
    //   site 2: A 50000 e^-3 = 2489.35, B 150000 e^-1.5 = 33469.52 -> A gets 100000 * 0.06923 = 6922.6
    //   site 3: C alone gets all 10,000.
    const AvailabilityResult r = spatial_availability(soukhov_matrix(), soukhov_population, soukhov_jobs, Exponential(0.1), 30.0);
    const double a1 = 50000 * std::exp(-1.5), b1 = 150000 * std::exp(-3.0);
    const double a2 = 50000 * std::exp(-3.0), b2 = 150000 * std::exp(-1.5);
    CHECK(r.availability[0] == Approx(100000 * a1 / (a1 + b1) + 100000 * a2 / (a2 + b2)).epsilon(1e-12));
    CHECK(r.availability[2] == Approx(10000.0).epsilon(1e-12));
    CHECK(r.availability[0] + r.availability[1] + r.availability[2] == Approx(210000.0).epsilon(1e-14));

    // A zone of no people gets nothing and a per-head value of 0; a site only it reaches is unallocated.
    const AvailabilityResult empty_c =
        spatial_availability(soukhov_matrix(), std::vector<double>{50000, 150000, 0}, soukhov_jobs, Exponential(0.1), 30.0);
    CHECK(empty_c.availability[2] == 0.0);
    CHECK(empty_c.per_head[2] == 0.0);
    CHECK(empty_c.sites_without_demand == std::vector<std::size_t>{2});
    CHECK(empty_c.unallocated_supply == 10000.0);

    CHECK(code_of([] {
              spatial_availability(soukhov_matrix(), soukhov_population, soukhov_jobs, Exponential(0.1), std::nullopt, 0.0);
          }) == Errc::argument);
    CHECK(code_of([] {
              spatial_availability(soukhov_matrix(), std::vector<double>{1, -1, 1}, soukhov_jobs, Exponential(0.1));
          }) == Errc::data);
}
