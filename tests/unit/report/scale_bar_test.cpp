#include <pooled/core/error.hpp>
#include <pooled/report/map.hpp>

#include "support/catch.hpp"
#include "support/errors.hpp"

#include <cmath>

using namespace pooled::report;

TEST_CASE("scale bars take the longest 1-2-5 length that fits", "[report][map]") {
    // A 400 pt frame showing 20 km: 50 m/pt; a quarter of the frame is 100 pt = 5,000 m, a
    // round length itself, drawn 5000 / 50 = 100 pt.
    auto bar = scale_bar(50.0, 100.0);
    CHECK(bar.length_m == 5000.0);
    CHECK(bar.length_pt == Approx(100.0));
    CHECK(bar.label == "5 km");

    // 500 pt showing 10 km: 20 m/pt; 125 pt = 2,500 m; 5 km is too long, 2 km fits: 100 pt.
    bar = scale_bar(20.0, 125.0);
    CHECK(bar.length_m == 2000.0);
    CHECK(bar.length_pt == Approx(100.0));
    CHECK(bar.label == "2 km");

    // 0.7 m/pt and 100 pt: 70 m; 100 m is too long, 50 m fits: 50 / 0.7 = 71.43 pt.
    bar = scale_bar(0.7, 100.0);
    CHECK(bar.length_m == 50.0);
    CHECK(bar.length_pt == Approx(71.428571).epsilon(1e-6));
    CHECK(bar.label == "50 m");

    // Exactly a power of ten (10 m/pt x 100 pt = 1,000 m) is kept, not rounded down to 500 m.
    bar = scale_bar(10.0, 100.0);
    CHECK(bar.length_m == 1000.0);
    CHECK(bar.label == "1 km");

    // 0.004 m/pt x 100 pt = 0.4 m: 0.5 m is too long, 0.2 m fits.
    bar = scale_bar(0.004, 100.0);
    CHECK(bar.length_m == Approx(0.2));
    CHECK(bar.label == "0.2 m");

    // 200 m/pt x 150 pt = 30 km: 50 km too long, 20 km fits.
    CHECK(scale_bar(200.0, 150.0).label == "20 km");
}

TEST_CASE("scale bars need a positive scale and room", "[report][map]") {
    CHECK(pooled::test::code_of([] { scale_bar(0.0, 100.0); }) == pooled::Errc::argument);
    CHECK(pooled::test::code_of([] { scale_bar(10.0, -1.0); }) == pooled::Errc::argument);
    CHECK(pooled::test::code_of([] { scale_bar(std::nan(""), 100.0); }) == pooled::Errc::argument);
}
