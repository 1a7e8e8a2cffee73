#include <pooled/core/error.hpp>
#include <pooled/report/chart.hpp>
#include <pooled/report/format.hpp>

#include "support/catch.hpp"
#include "support/errors.hpp"

#include <vector>

using namespace pooled::report;

TEST_CASE("axis ticks fall on nice numbers", "[report][chart]") {
    // Heckbert by hand, 0..137, 5 ticks: range nicenum(137) = 200 (1.37 -> 2); step
    // nicenum(200 / 4 = 50, rounded) = 50; 0 and ceil(137 / 50) * 50 = 150.
    auto ticks = nice_ticks(0.0, 137.0, 5);
    CHECK(ticks.step == 50.0);
    CHECK(ticks.values == std::vector<double>{0.0, 50.0, 100.0, 150.0});

    // Index scores 62..180 with 6 ticks: range 180 - 62 = 118 -> 200; step 200 / 5 = 40 ->
    // 50 (4 is in [3, 7)); floor(62 / 50) * 50 = 50, ceil(180 / 50) * 50 = 200.
    ticks = nice_ticks(62.0, 180.0, 6);
    CHECK(ticks.step == 50.0);
    CHECK(ticks.values == std::vector<double>{50.0, 100.0, 150.0, 200.0});

    // Savings from -1.2 to 3.4 (millions): range 4.6 -> 5; step 5 / 4 = 1.25 -> 1; -2..4.
    ticks = nice_ticks(-1.2, 3.4, 5);
    CHECK(ticks.step == 1.0);
    CHECK(ticks.values == std::vector<double>{-2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0});

    // Shares 0..0.27: range 0.27 -> 0.5; step 0.5 / 4 = 0.125 -> 0.1; 0, 0.1, 0.2, 0.3, with
    // 0.3 as the literal 0.3 (not 3 * 0.1 = 0.30000000000000004).
    ticks = nice_ticks(0.0, 0.27, 5);
    CHECK(ticks.values == std::vector<double>{0.0, 0.1, 0.2, 0.3});
    CHECK(ticks.first == 0.0);
    CHECK(ticks.last == 0.3);
}

TEST_CASE("a flat range gets a unit range around it, bad ranges are refused", "[report][chart]") {
    // 5..5 becomes 4.5..5.5: range 1 -> 1, step 1 / 4 = 0.25 -> 0.2 (2.5 < 3): 4.4..5.6.
    const auto ticks = nice_ticks(5.0, 5.0, 5);
    CHECK(ticks.step == Approx(0.2));
    CHECK(ticks.first == Approx(4.4));
    CHECK(ticks.last == Approx(5.6));
    CHECK(pooled::test::code_of([] { nice_ticks(2.0, 1.0); }) == pooled::Errc::argument);
    CHECK(pooled::test::code_of([] { nice_ticks(0.0, 1.0, 1); }) == pooled::Errc::argument);
}

TEST_CASE("numbers are written with thousands separators", "[report][format]") {
    CHECK(format_number(1055975.0) == "1,055,975"); // Derbyshire LSOA residents, Census 2021
    CHECK(format_number(999.0) == "999");
    CHECK(format_number(1000.0) == "1,000");
    CHECK(format_number(-1234567.891, 2) == "-1,234,567.89");
    CHECK(format_number(12.25, 1) == "12.2"); // 12.25 is exact in binary; printf rounds half to even
    CHECK(format_number(-0.001, 2) == "0.00");
    CHECK(format_number(0.5) == "0");  // half to even, as printf
    CHECK(format_number(std::nan("")) == "n/a");
}
