#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/core/error.hpp>
#include <pooled/core/units.hpp>

TEST_CASE("quantities keep their units", "[core][units]") {
    using namespace pooled::literals;
    const pooled::Metres d = 1.5_km + 250_m;
    CHECK(d.value() == 1750.0);
    CHECK((15_min).value() == 900.0);
    CHECK(d / pooled::Metres{875.0} == 2.0);
    CHECK(pooled::Seconds{10} < pooled::Seconds{20});
}

TEST_CASE("durations and distances are read with their units", "[core][units]") {
    CHECK(pooled::parse_duration("90s").value() == 90.0);
    CHECK(pooled::parse_duration("10min").value() == 600.0);
    CHECK(pooled::parse_duration("1.5h").value() == 5400.0);
    CHECK(pooled::parse_duration(" 2 hours ").value() == 7200.0);
    CHECK(pooled::parse_duration("20", "min").value() == 1200.0);
    CHECK(pooled::parse_distance("800m").value() == 800.0);
    CHECK(pooled::parse_distance("2km").value() == 2000.0);
    CHECK(pooled::parse_distance("1 mi").value() == 1609.344); // international mile, exact
    CHECK_THROWS_AS(pooled::parse_duration("20"), pooled::Error);      // a unit is required
    CHECK_THROWS_AS(pooled::parse_duration("-5min"), pooled::Error);
    CHECK_THROWS_AS(pooled::parse_duration("10 parsecs"), pooled::Error);
    CHECK_THROWS_AS(pooled::parse_distance("two km"), pooled::Error);
    CHECK_THROWS_AS(pooled::parse_distance("nan m"), pooled::Error);
}

TEST_CASE("a quantity too large once scaled by its unit is refused", "[core][units]") {
    // Found by fuzz/units_fuzz.cpp: 1e308 is a finite double but 1e308 km = 1e311 m is not
    // (the largest double is about 1.8e308), and an infinite radius or cutoff was accepted.
    // Input kept in testdata/bad/fuzz/units/.
    const auto message = pooled::test::message_of([] { (void)pooled::parse_distance("1e308", "km"); });
    CHECK(pooled::test::contains(message, "too large"));
    CHECK_THROWS_AS(pooled::parse_duration("1e307 hours"), pooled::Error); // 3.6e310 s
    CHECK(pooled::parse_distance("1e305km").value() == Approx(1e308));     // still finite: kept
}
