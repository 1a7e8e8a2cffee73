#include "support/catch.hpp"
#include "support/errors.hpp"
#include "unit/segmentation/zones_fixture.hpp"

#include <pooled/segmentation/prepare.hpp>

#include <cmath>
#include <limits>

using namespace pooled;
using namespace pooled::segmentation;
using pooled::test::contains;

namespace {
// Three zones; columns c0 (a total), c1, c2, c3.
//   zone 1: c0 100, c1 10, c2 0, c3 5
//   zone 2: c0  50, c1 25, c2 3, c3 5
//   zone 3: c0   0, c1  0, c2 4, c3 5    (zero denominator for a)
const std::vector<std::string> columns{"c0", "c1", "c2", "c3"};
model::Population three_zones() {
    return test::count_zones(columns, {100, 50, 10}, {{100, 10, 0, 5}, {50, 25, 3, 5}, {0, 0, 4, 5}});
}
// a = 100 c1 / c0: 10, 50, 0 (zone 3: zero denominator -> 0);  b = c2: 0, 3, 4;  c = c1: 10, 25, 0.
const char *abc = "name,numerator,denominator\na,c1,c0\nb,c2,\nc,c1,\n";
} // namespace

TEST_CASE("percentages, with the zero-denominator rule", "[segmentation][prepare]") {
    const auto spec = parse_variable_spec(abc, "abc.csv");
    std::vector<ZeroDenominator> zero;
    const DataMatrix p = percentages(three_zones(), spec, zero);
    CHECK(p.values == std::vector<double>{10, 0, 10, 50, 3, 25, 0, 4, 0});
    CHECK(p.column_names == std::vector<std::string>{"a", "b", "c"});
    REQUIRE(zero.size() == 1);
    CHECK(zero[0].zone == 2);
    CHECK(zero[0].variable == 0);
}

TEST_CASE("range standardisation without a transform gives 0..1 by hand", "[segmentation][prepare]") {
    const auto spec = parse_variable_spec(abc, "abc.csv");
    const auto prepared = prepare(three_zones(), spec, {Transform::none, Standardise::range, 0.9});
    // a: min 0, max 50 -> 0.2, 1, 0;  b: min 0, max 4 -> 0, 0.75, 1;  c: min 0, max 25 -> 0.4, 1, 0.
    const std::vector<double> expected{0.2, 0, 0.4, 1, 0.75, 1, 0, 1, 0};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(prepared.matrix.values[i] == Approx(expected[i]).margin(1e-15));
    }
    CHECK(prepared.preparation.scaling[0].offset == 0.0);
    CHECK(prepared.preparation.scaling[0].scale == 50.0);
    // a and c: deviations (-10, 30, -20) and (-5/3, 40/3, -35/3); sum of products 650, sums of
    // squares 1400 and 2850/9, so r = 650 / sqrt(1400 x 2850 / 9) = 0.97622 > 0.9. a and b:
    // r = 10 / sqrt(1400 x 78/9) = 0.0286, not reported.
    REQUIRE(prepared.checks.correlated.size() == 1);
    CHECK(prepared.checks.correlated[0].first == 0);
    CHECK(prepared.checks.correlated[0].second == 2);
    CHECK(prepared.checks.correlated[0].r == Approx(650.0 / std::sqrt(1400.0 * 2850.0 / 9.0)).epsilon(1e-12));
    CHECK(prepared.checks.zero_denominators.size() == 1);
    CHECK(prepared.zone_ids == std::vector<std::string>{"z1", "z2", "z3"});
    CHECK(prepared.population == std::vector<double>{100, 50, 10});
}

TEST_CASE("inverse hyperbolic sine and z-scores", "[segmentation][prepare]") {
    const auto spec = parse_variable_spec("name,numerator,denominator\na,c1,c0\n", "a.csv");
    // asinh(x) = ln(x + sqrt(x^2 + 1)): asinh(10) = ln(10 + sqrt(101)) = 2.99822295029797,
    // asinh(50) = ln(50 + sqrt(2501)) = 4.60527017099142, asinh(0) = 0.
    const auto ihs = prepare(three_zones(), spec, {Transform::ihs, Standardise::range, 0.9});
    CHECK(ihs.matrix.values[0] == Approx(2.99822295029797 / 4.60527017099142).epsilon(1e-13));
    CHECK(ihs.matrix.values[1] == Approx(1.0));
    CHECK(ihs.matrix.values[2] == 0.0);
    CHECK(transform_value(Transform::log1p, 9.0) == Approx(std::log(10.0)));
    // z-score of 10, 50, 0: mean 20, population sd sqrt((100 + 900 + 400) / 3) = 21.6024689946929.
    const auto z = prepare(three_zones(), spec, {Transform::none, Standardise::zscore, 0.9});
    CHECK(z.matrix.values[0] == Approx(-10.0 / 21.6024689946929).epsilon(1e-12));
    CHECK(z.matrix.values[1] == Approx(30.0 / 21.6024689946929).epsilon(1e-12));
    CHECK(z.matrix.values[2] == Approx(-20.0 / 21.6024689946929).epsilon(1e-12));
    // New zones are prepared with the fitted parameters, not refitted: 25 % -> (25 - 20) / sd.
    std::vector<double> out(1);
    z.preparation.apply(std::vector<double>{25.0}, out);
    CHECK(out[0] == Approx(5.0 / 21.6024689946929));
}

TEST_CASE("a zero-variance variable stops a standardised preparation and is named", "[segmentation][prepare]") {
    const auto spec = parse_variable_spec("name,numerator,denominator\na,c1,c0\nconstant,c3,\n", "spec.csv");
    const auto e = test::error_of([&] { prepare(three_zones(), spec); });
    CHECK(e.code() == Errc::data);
    CHECK(e.where().path == "spec.csv");
    CHECK(contains(e.what(), "line 3 (variable 'constant'): the same value (5) in all 3 zones"));
    // Without standardisation it is only reported.
    const auto prepared = prepare(three_zones(), spec, {Transform::ihs, Standardise::none, 0.9});
    CHECK(prepared.checks.zero_variance == std::vector<std::size_t>{1});
}

TEST_CASE("an empty or negative census count names the zone's feature and column", "[segmentation][prepare]") {
    auto zones = three_zones();
    zones.zones[1].variables[1] = std::numeric_limits<double>::quiet_NaN();
    const auto spec = parse_variable_spec(abc, "abc.csv");
    const auto e = test::error_of([&] { prepare(zones, spec); });
    CHECK(e.code() == Errc::data);
    CHECK(e.where().path == "zones.gpkg:oa");
    CHECK(e.where().feature == 2);
    CHECK(e.where().field == "c1");
    CHECK(contains(e.what(), "census count is empty (zone 'z2')"));
    zones.zones[1].variables[1] = -1;
    CHECK(contains(test::message_of([&] { prepare(zones, spec); }), "census count is negative"));
}

TEST_CASE("transform and standardisation names parse", "[segmentation][prepare]") {
    CHECK(parse_transform("IHS") == Transform::ihs);
    CHECK(parse_transform("asinh") == Transform::ihs);
    CHECK(parse_standardise("zscore") == Standardise::zscore);
    CHECK(std::string(transform_name(Transform::log1p)) == "log1p");
    CHECK(contains(test::message_of([] { parse_transform("sqrt"); }), "use ihs, log1p or none"));
    CHECK(test::code_of([] { parse_standardise("robust"); }) == Errc::argument);
}
