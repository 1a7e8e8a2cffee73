// The measures on a matrix large enough to be cut into several chunks of origins run on the cores
// (at least 2^16 stored pairs a chunk): the results equal the textbook loops written out here,
// are the same bytes call after call, and keep their invariants.

#include "support/catch.hpp"
#include "support/random_instance.hpp"

#include <pooled/accessibility/availability.hpp>
#include <pooled/accessibility/coverage.hpp>
#include <pooled/accessibility/decay.hpp>
#include <pooled/accessibility/huff.hpp>
#include <pooled/accessibility/measures.hpp>
#include <pooled/core/random.hpp>
#include <pooled/network/cost_matrix.hpp>

#include <cmath>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

using namespace pooled::accessibility;
using pooled::network::CostMatrix;
using pooled::network::MatrixEntry;

namespace {

/// 2,500 zones x 120 sites, 80 % of the pairs stored (about 240,000: four chunks), costs U[1, 61).
const pooled::test::RandomInstance &instance() {
    static const pooled::test::RandomInstance made = [] {
        pooled::Rng rng(2026);
        return pooled::test::random_instance(rng, 2500, 120, {0, 1000}, {1, 60}, {1, 50}, 0.8);
    }();
    return made;
}

/// 20,000 zones x 500 sites, 2.4 % of the pairs stored (about 12 a row, 240,000 in all: four chunks):
/// rows short enough for the floating catchments with a step decay to weigh the matrix again in
/// their second step rather than keep a view (measures.cpp, floating_catchment).
const pooled::test::RandomInstance &short_rows() {
    static const pooled::test::RandomInstance made = [] {
        pooled::Rng rng(2027);
        return pooled::test::random_instance(rng, 20000, 500, {0, 1000}, {1, 60}, {1, 50}, 0.024);
    }();
    return made;
}

/// 10,000 zones x 500 sites, 5 % of the pairs stored (about 25 a row, 250,000 in all): rows long
/// enough for 2SFCA's step-decay view (not 3SFCA's), short enough for the first step to add a
/// row's demand as it keeps its pairs (measures.cpp; `instance()`'s 96 a row are added after,
/// `short_rows()` are not kept with a step decay).
const pooled::test::RandomInstance &medium_rows() {
    static const pooled::test::RandomInstance made = [] {
        pooled::Rng rng(2028);
        return pooled::test::random_instance(rng, 10000, 500, {0, 1000}, {1, 60}, {1, 50}, 0.05);
    }();
    return made;
}

/// Relative difference, for sums whose order of addition differs (chunked vs one loop).
double relative(double a, double b) { return std::abs(a - b) / std::max({std::abs(a), std::abs(b), 1e-300}); }

/// The largest relative difference of two results, value by value.
double worst_relative(const std::vector<double> &a, const std::vector<double> &b) {
    double worst = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        worst = std::max(worst, relative(a[i], b[i]));
    }
    return worst;
}

/// 2SFCA written out as two loops over every stored pair (R_j, then A_i), the reference.
std::vector<double> reference_two_step(const CostMatrix &m, const std::vector<double> &demand,
                                       const std::vector<double> &supply, const Decay &decay, double cutoff) {
    std::vector<double> weighted(m.destination_count(), 0.0), access(m.origin_count(), 0.0);
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        for (const MatrixEntry &e : m.row(i)) {
            weighted[e.destination] += e.cost <= cutoff ? demand[i] * weight(decay, e.cost) : 0.0;
        }
    }
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        for (const MatrixEntry &e : m.row(i)) {
            if (e.cost <= cutoff && weighted[e.destination] > 0.0) {
                access[i] += supply[e.destination] / weighted[e.destination] * weight(decay, e.cost);
            }
        }
    }
    return access;
}

/// 3SFCA written out (Wan et al. 2012): selection weights G_ij = w_ij / sum_k w_ik over the pairs
/// within the cutoff, then 2SFCA's two loops with G_ij w_ij for w_ij.
std::vector<double> reference_three_step(const CostMatrix &m, const std::vector<double> &demand,
                                         const std::vector<double> &supply, const Decay &decay, double cutoff) {
    const auto w = [&](const MatrixEntry &e) { return e.cost <= cutoff ? weight(decay, e.cost) : 0.0; };
    std::vector<double> row_sum(m.origin_count(), 0.0);
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        for (const MatrixEntry &e : m.row(i)) {
            row_sum[i] += w(e);
        }
    }
    const auto selected = [&](std::size_t i, const MatrixEntry &e) { return row_sum[i] > 0.0 ? w(e) * w(e) / row_sum[i] : 0.0; };
    std::vector<double> weighted(m.destination_count(), 0.0), access(m.origin_count(), 0.0);
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        for (const MatrixEntry &e : m.row(i)) {
            weighted[e.destination] += demand[i] * selected(i, e);
        }
    }
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        for (const MatrixEntry &e : m.row(i)) {
            if (weighted[e.destination] > 0.0) {
                access[i] += supply[e.destination] / weighted[e.destination] * selected(i, e);
            }
        }
    }
    return access;
}

/// The origins with no stored pair of positive weight within the cutoff.
std::vector<std::size_t> reference_reaching_nothing(const CostMatrix &m, const Decay &decay, double cutoff) {
    std::vector<std::size_t> nothing;
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        bool reached = false;
        for (const MatrixEntry &e : m.row(i)) {
            reached |= e.cost <= cutoff && weight(decay, e.cost) > 0.0;
        }
        if (!reached) {
            nothing.push_back(i);
        }
    }
    return nothing;
}

/// 300 bands of 0.1 each, weights 1 - k / 400: more bands than a one-byte band index holds, so the
/// catchments keep each pair's weight instead.
Decay many_bands() {
    std::vector<Band> bands;
    for (int k = 1; k <= 300; ++k) {
        bands.push_back({0.1 * k, 1.0 - k / 400.0});
    }
    return Stepped(std::move(bands));
}

} // namespace

TEST_CASE("measures over many chunks equal the plain loops and repeat to the bit", "[accessibility][measures]") {
    for (const pooled::test::RandomInstance *in : {&instance(), &medium_rows(), &short_rows()}) {
        const CostMatrix &m = in->matrix;
        const std::vector<double> &demand = in->demand;
        const std::vector<double> &supply = in->supply;
        REQUIRE(m.stored() > 3 * 65536);
        const double cutoff = 30.0;
        for (const Decay &decay : {Decay(Step(cutoff)), Decay(Exponential(0.05)),
                                   Decay(Stepped({{10, 1.0}, {20, 0.68}, {30, 0.22}})), Decay(Gaussian(15)),
                                   Decay(Logistic(20, 0.3)), many_bands(), Decay(Linear(cutoff))}) {
            INFO(decay_text(decay));
            const TwoStepResult r = two_step_fca(m, demand, supply, decay, cutoff);
            CHECK(worst_relative(r.access, reference_two_step(m, demand, supply, decay, cutoff)) < 1e-12);
            // Supply is conserved: sum_i P_i A_i + unallocated = sum_j S_j.
            double served = 0.0;
            for (std::size_t i = 0; i < m.origin_count(); ++i) {
                served += demand[i] * r.access[i];
            }
            CHECK(served + r.unallocated_supply ==
                  Approx(std::accumulate(supply.begin(), supply.end(), 0.0)).epsilon(1e-12));
            // Same bytes again (fixed chunks, their sums added in chunk order).
            CHECK(two_step_fca(m, demand, supply, decay, cutoff).access == r.access);
        }
    }
}

TEST_CASE("3SFCA over many chunks equals the plain loops, whichever way the pairs are kept",
          "[accessibility][measures]") {
    // Step: destinations only and 1 / n_i per origin (long rows), weighed again in each step
    // (medium and short rows); Stepped: a band index per pair; many bands, Linear and Power: a weight per pair;
    // Exponential and Gaussian: weighed again in each step. Sums added in another order than the
    // loops': 1e-12 relative.
    for (const pooled::test::RandomInstance *in : {&instance(), &medium_rows(), &short_rows()}) {
        const CostMatrix &m = in->matrix;
        const std::vector<double> &demand = in->demand;
        const std::vector<double> &supply = in->supply;
        const double cutoff = 30.0;
        for (const Decay &decay :
             {Decay(Step(cutoff)), Decay(Stepped({{10, 1.0}, {20, 0.68}, {30, 0.22}})), many_bands(), Decay(Linear(cutoff)),
              Decay(Power(1.5)), Decay(Exponential(0.05)), Decay(Gaussian(15))}) {
            INFO(decay_text(decay));
            const TwoStepResult r = three_step_fca(m, demand, supply, decay, cutoff);
            CHECK(worst_relative(r.access, reference_three_step(m, demand, supply, decay, cutoff)) < 1e-12);
            CHECK(three_step_fca(m, demand, supply, decay, cutoff).access == r.access);
        }
    }
}

TEST_CASE("zones reaching nothing and coverage over many chunks", "[accessibility][measures]") {
    // A cutoff of 2 keeps about 1 pair in 60 (costs U[1, 61)): a row of about 96 pairs keeps none
    // with probability (59/60)^96 = 0.2, one of about 12 with (59/60)^12 = 0.8, so hundreds of zones,
    // in every chunk, reach nothing.
    const double cutoff = 2.0;
    for (const pooled::test::RandomInstance *in : {&instance(), &short_rows()}) {
        for (const Decay &decay : {Decay(Step(cutoff)), Decay(Stepped({{1.5, 1.0}, {2, 0.5}})), Decay(Linear(cutoff)),
                                   Decay(Exponential(0.05))}) {
            INFO(decay_text(decay));
            const std::vector<std::size_t> expected = reference_reaching_nothing(in->matrix, decay, cutoff);
            CHECK(expected.size() > 100);
            CHECK(two_step_fca(in->matrix, in->demand, in->supply, decay, cutoff).zones_reaching_nothing == expected);
            CHECK(three_step_fca(in->matrix, in->demand, in->supply, decay, cutoff).zones_reaching_nothing == expected);
        }
    }
    const CostMatrix &m = instance().matrix;
    const std::vector<double> &demand = instance().demand;
    const std::vector<double> &supply = instance().supply;
    // Coverage: a zone is covered when a site of positive supply is within the cutoff (every
    // supply here is positive), the share that of the demand, summed chunk by chunk.
    const CoverageResult covered = coverage(m, demand, supply, cutoff);
    const std::vector<std::size_t> nothing = reference_reaching_nothing(m, Step(cutoff), cutoff);
    double total = 0.0, reached = 0.0;
    std::size_t next = 0, differ = 0;
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        const bool is_nothing = next < nothing.size() && nothing[next] == i;
        next += is_nothing ? 1 : 0;
        differ += covered.covered[i] == (is_nothing ? 0.0 : 1.0) ? 0 : 1;
        total += demand[i];
        reached += is_nothing ? 0.0 : demand[i];
    }
    CHECK(differ == 0);
    // 2,500 positive terms added in another grouping: at most 2,500 eps = 5.6e-13 relative apart.
    CHECK(relative(covered.total_demand, total) < 1e-12);
    CHECK(relative(covered.share, reached / total) < 2e-12);
}

TEST_CASE("gravity, 3SFCA, availability and Huff over many chunks", "[accessibility][measures][huff]") {
    const CostMatrix &m = instance().matrix;
    const std::vector<double> &demand = instance().demand;
    const std::vector<double> &supply = instance().supply;
    const Exponential decay(0.05);
    const double total_supply = std::accumulate(supply.begin(), supply.end(), 0.0);

    // Gravity: sum_j S_j exp(-0.05 c_ij) per zone. The measure adds a row's terms in four interleaved
    // partial sums, the loop here in row order: positive terms, so the two differ by at most
    // (n - 1) eps/2 relative each (n <= 120 pairs a row: 1.3e-14); its exps (core/array_exp.hpp) are
    // within 1 ulp of std::exp's, which adds at most 2.2e-16.
    const std::vector<double> g = gravity(m, supply, decay);
    for (std::size_t i = 0; i < m.origin_count(); i += 97) {
        double with_std_exp = 0.0;
        for (const MatrixEntry &e : m.row(i)) {
            with_std_exp += supply[e.destination] * std::exp(-0.05 * e.cost);
        }
        CHECK(relative(g[i], with_std_exp) < 3e-14);
    }

    // 3SFCA and spatial availability conserve supply (every site is reached: 2,500 zones x 80 %).
    const TwoStepResult three = three_step_fca(m, demand, supply, decay);
    double served = 0.0;
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        served += demand[i] * three.access[i];
    }
    CHECK(three.unallocated_supply == 0.0);
    CHECK(served == Approx(total_supply).epsilon(1e-12));
    CHECK(three_step_fca(m, demand, supply, decay).access == three.access);
    const AvailabilityResult a = spatial_availability(m, demand, supply, decay);
    CHECK(std::accumulate(a.availability.begin(), a.availability.end(), 0.0) == Approx(total_supply).epsilon(1e-12));

    // Huff: each zone's probabilities add up to 1, expected users to the population, and supply per
    // expected user conserves supply.
    const HuffResult h = huff(m, demand, supply, 1.0, decay);
    for (std::size_t i = 0; i < m.origin_count(); i += 89) {
        const auto p = h.probabilities(i);
        CHECK(std::accumulate(p.begin(), p.end(), 0.0) == Approx(1.0).epsilon(1e-14));
    }
    const double users = std::accumulate(h.expected_users().begin(), h.expected_users().end(), 0.0);
    CHECK(users == Approx(std::accumulate(demand.begin(), demand.end(), 0.0)).epsilon(1e-12));
    const std::vector<double> per_head = huff_supply_per_head(m, h, supply);
    double allocated = 0.0;
    for (std::size_t i = 0; i < m.origin_count(); ++i) {
        allocated += demand[i] * per_head[i];
    }
    CHECK(allocated == Approx(total_supply).epsilon(1e-12));
    CHECK(huff(m, demand, supply, 1.0, decay).expected_users() == h.expected_users());
}

TEST_CASE("a measure's decay weights are weight()'s to the bit", "[accessibility][measures]") {
    // One pair a row (costs 0 to 4,000 by 0.37, so every exp's range is swept): gravity with supply 1
    // is then the pair's weight itself, computed an array at a time (core/array_exp.hpp) where
    // weight() takes one cost at a time.
    std::vector<std::vector<MatrixEntry>> rows;
    std::vector<std::string> origins;
    for (double c = 0.0; c <= 4000.0; c += 0.37) {
        rows.push_back({{0, c}});
        origins.push_back(std::to_string(origins.size()));
    }
    const CostMatrix m(std::move(origins), {"site"}, pooled::network::CostUnit::seconds, std::nullopt, std::nullopt,
                       std::move(rows));
    // With a cutoff and without one (no limit: only what follows the exp, weights.hpp).
    for (const std::optional<double> cutoff : {std::optional<double>(3000.0), std::optional<double>()}) {
        for (const Decay &decay : {Decay(Exponential(0.05)), Decay(Gaussian(300)), Decay(Logistic(2000, 0.01)),
                                   Decay(Logistic(100, 2.0))}) {
            INFO(decay_text(decay));
            const std::vector<double> g = gravity(m, std::vector<double>{1.0}, decay, cutoff);
            std::size_t differ = 0;
            for (std::size_t i = 0; i < m.origin_count(); ++i) {
                const double c = m.row(i)[0].cost;
                differ += g[i] == (c <= cutoff.value_or(c) ? weight(decay, c) : 0.0) ? 0 : 1;
            }
            CHECK(differ == 0);
        }
    }
}
