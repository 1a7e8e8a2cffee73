#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/accessibility/coverage.hpp>
#include <pooled/core/error.hpp>
#include <pooled/network/cost_matrix.hpp>

#include <cmath>
#include <optional>
#include <vector>

using namespace pooled::accessibility;
using pooled::Errc;
using pooled::network::CostMatrix;
using pooled::network::CostUnit;
using pooled::test::code_of;

namespace {
/// Zones a, b, c; sites x, y, z: a -> x 5, a -> y 15; b -> y 20; c reaches nothing.
CostMatrix small_matrix() {
    return CostMatrix({"a", "b", "c"}, {"x", "y", "z"}, CostUnit::seconds, std::nullopt, std::nullopt,
                      {{{0, 5.0}, {1, 15.0}}, {{1, 20.0}}, {}});
}
const std::vector<double> demand = {100, 300, 50};
} // namespace

TEST_CASE("coverage: share of demand within a cutoff of a site with supply", "[accessibility][coverage]") {
    const CostMatrix m = small_matrix();
    // Cutoff 20 (inclusive): a and b covered, c not: 400 of 450 = 0.8889.
    const CoverageResult all = coverage(m, demand, std::vector<double>{1, 1, 1}, 20.0);
    CHECK(all.covered == std::vector<double>{1, 1, 0});
    CHECK(all.covered_demand == 400.0);
    CHECK(all.total_demand == 450.0);
    CHECK(all.share == Approx(400.0 / 450.0));
    // Cutoff 15: b (20 away) drops out: 100 / 450.
    CHECK(coverage(m, demand, std::vector<double>{1, 1, 1}, 15.0).share == Approx(100.0 / 450.0));
    // Site y closed (supply 0): b is not covered even at 20; a still is by x.
    CHECK(coverage(m, demand, std::vector<double>{1, 0, 1}, 20.0).covered == std::vector<double>{1, 0, 0});
    // Zero supply everywhere covers nobody.
    CHECK(coverage(m, demand, std::vector<double>{0, 0, 0}, 60.0).share == 0.0);
    // No demand at all: the share is undefined (NaN), not 0 or 1.
    CHECK(std::isnan(coverage(m, std::vector<double>{0, 0, 0}, std::vector<double>{1, 1, 1}, 20.0).share));
    CHECK(code_of([&] { coverage(m, std::vector<double>{1, -5, 0}, std::vector<double>{1, 1, 1}, 20.0); }) == Errc::data);
    CHECK(code_of([&] { coverage(m, demand, std::vector<double>{1, 1, 1}, -1.0); }) == Errc::argument);
}
