#include <pooled/core/error.hpp>
#include <pooled/report/choropleth.hpp>

#include "support/catch.hpp"
#include "support/errors.hpp"

#include <cmath>
#include <vector>

using namespace pooled::report;

namespace {
const std::vector<double> values{3.0, 7.0, 1.0, 15.0, 22.0, 9.0, 4.0, 11.0, 30.0, 6.0, 2.0, 18.0};
std::optional<std::size_t> cls(std::size_t c) { return c; }
} // namespace

TEST_CASE("quantile breaks are numpy's linear quantiles", "[report][choropleth]") {
    // /usr/bin/python3: numpy.quantile(values, [0, .2, .4, .6, .8, 1]) (numpy 1.24, default
    // method "linear") = [1, 3.2, 6.4, 10.2, 17.4, 30].
    const auto c = classify(values, ClassMethod::quantile, 5);
    REQUIRE(c.classes() == 5);
    CHECK(c.breaks[0] == 1.0);
    CHECK(c.breaks[1] == Approx(3.2));
    CHECK(c.breaks[2] == Approx(6.4));
    CHECK(c.breaks[3] == Approx(10.2));
    CHECK(c.breaks[4] == Approx(17.4));
    CHECK(c.breaks[5] == 30.0);
    // [b_i, b_i+1), the maximum in the last class: 3 -> 0, 7 -> 2, 1 -> 0, 15 -> 3, 22 -> 4, ...
    const std::vector<std::optional<std::size_t>> expected{cls(0), cls(2), cls(0), cls(3), cls(4), cls(2),
                                                           cls(1), cls(3), cls(4), cls(1), cls(0), cls(4)};
    CHECK(c.class_of == expected);

    // numpy.quantile(values, [0, .25, .5, .75, 1]) = [1, 3.75, 8, 15.75, 30].
    const auto q4 = classify(values, ClassMethod::quantile, 4);
    CHECK(q4.breaks == std::vector<double>{1.0, 3.75, 8.0, 15.75, 30.0});
}

TEST_CASE("coinciding quantile breaks merge their classes", "[report][choropleth]") {
    // numpy.quantile([1,1,1,1,1,1,2,5,9,10], [0, .25, .5, .75, 1]) = [1, 1, 1, 4.25, 10]: the
    // repeated 1s leave two classes, [1, 4.25) and [4.25, 10].
    const std::vector<double> skewed{1, 1, 1, 1, 1, 1, 2, 5, 9, 10};
    const auto c = classify(skewed, ClassMethod::quantile, 4);
    CHECK(c.breaks == std::vector<double>{1.0, 4.25, 10.0});
    CHECK(c.class_of[6] == cls(0)); // 2
    CHECK(c.class_of[7] == cls(1)); // 5
    const std::vector<double> flat{7, 7, 7};
    const auto one = classify(flat, ClassMethod::quantile, 5);
    CHECK(one.breaks == std::vector<double>{7.0, 7.0});
    CHECK(one.class_of[2] == cls(0));
}

TEST_CASE("equal intervals split the range evenly, NaN is no data", "[report][choropleth]") {
    std::vector<double> with_gap = values;
    with_gap.push_back(std::nan(""));
    // (30 - 1) / 5 = 5.8: 1, 6.8, 12.6, 18.4, 24.2, 30.
    const auto c = classify(with_gap, ClassMethod::equal_interval, 5);
    REQUIRE(c.classes() == 5);
    CHECK(c.breaks[1] == Approx(6.8));
    CHECK(c.breaks[2] == Approx(12.6));
    CHECK(c.breaks[3] == Approx(18.4));
    CHECK(c.breaks[4] == Approx(24.2));
    CHECK(c.class_of[3] == cls(2));  // 15 in [12.6, 18.4)
    CHECK(c.class_of[11] == cls(2)); // 18 in [12.6, 18.4)
    CHECK(c.class_of[8] == cls(4));  // 30, the maximum
    CHECK_FALSE(c.class_of[12].has_value());
}

TEST_CASE("a choropleth colours each shape by class and lists the bounds", "[report][choropleth]") {
    std::vector<pooled::geometry::Geometry> shapes(4, pooled::geometry::Polygon{
                                                          {{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}, {}});
    const std::vector<double> v{10.0, 20.0, std::nan(""), 40.0};
    ChoroplethOptions options;
    options.classes = 3;
    options.method = ClassMethod::equal_interval;
    const auto map = choropleth(shapes, v, options);
    // (40 - 10) / 3 = 10: 10, 20, 30, 40; 10 -> 0, 20 -> 1, 40 -> 2.
    const auto colours = sequential_ramp(3);
    REQUIRE(map.layer.features.size() == 4);
    CHECK(map.layer.features[0].fill == colours[0]);
    CHECK(map.layer.features[1].fill == colours[1]);
    CHECK(map.layer.features[2].fill == options.no_data);
    CHECK(map.layer.features[3].fill == colours[2]);
    REQUIRE(map.legend.size() == 4);
    CHECK(map.legend[0].label == "10 – 20");
    CHECK(map.legend[2].label == "30 – 40");
    CHECK(map.legend[3].label == "No data");
    // Two classes take the ends of the 3-colour ramp, one its middle.
    CHECK(class_colours(Ramp::diverging, 2) == std::vector<Rgb>{diverging_ramp(3)[0], diverging_ramp(3)[2]});
    CHECK(class_colours(Ramp::sequential, 1) == std::vector<Rgb>{sequential_ramp(3)[1]});
}

TEST_CASE("bad classifications are refused", "[report][choropleth]") {
    using pooled::test::code_of;
    CHECK(code_of([] { classify(values, ClassMethod::quantile, 0); }) == pooled::Errc::argument);
    CHECK(code_of([] { classify(values, ClassMethod::quantile, 10); }) == pooled::Errc::argument);
    const std::vector<double> none{std::nan(""), std::nan("")};
    CHECK(code_of([&] { classify(none, ClassMethod::quantile, 3); }) == pooled::Errc::data);
    const std::vector<double> inf{1.0, INFINITY};
    CHECK(code_of([&] { classify(inf, ClassMethod::quantile, 3); }) == pooled::Errc::data);
    std::vector<pooled::geometry::Geometry> shapes(2);
    CHECK(code_of([&] { choropleth(shapes, values); }) == pooled::Errc::argument);
}

TEST_CASE("symmetric classes centre the middle class on zero", "[report][choropleth]") {
    // Largest |value| 5; five classes of width 10 / 5 = 2 from -5: -5, -3, -1, 1, 3, 5.
    const std::vector<double> change{-3.0, 1.0, 5.0, -0.5, 0.2};
    const auto c = classify(change, ClassMethod::symmetric, 5);
    CHECK(c.breaks == std::vector<double>{-5.0, -3.0, -1.0, 1.0, 3.0, 5.0});
    const std::vector<std::optional<std::size_t>> expected{cls(1), cls(3), cls(4), cls(2), cls(2)};
    CHECK(c.class_of == expected);
    // Bounds mirror each other exactly, also where the arithmetic is inexact: m = 0.3 gives
    // -0.3 + 0.6 x 1/5 and 0.3 - 0.6 x 1/5.
    const std::vector<double> small{-0.3, 0.1};
    const auto s = classify(small, ClassMethod::symmetric, 5);
    REQUIRE(s.classes() == 5);
    CHECK(s.breaks[1] == -s.breaks[4]);
    CHECK(s.breaks[2] == -s.breaks[3]);
    CHECK(s.breaks[1] == Approx(-0.18));
}

TEST_CASE("categorised maps take the segment colours", "[report][choropleth]") {
    std::vector<pooled::geometry::Geometry> shapes(3);
    const std::vector<std::size_t> category{2, 0, 2};
    const auto map = categorised(shapes, category, {"a", "b", "c"});
    REQUIRE(map.layer.features.size() == 3);
    CHECK(map.layer.features[0].fill == segment_colour(2));
    CHECK(map.layer.features[1].fill == segment_colour(0));
    REQUIRE(map.legend.size() == 3);
    CHECK(map.legend[1].label == "b");
    CHECK(map.legend[1].colour == segment_colour(1));
    const std::vector<std::size_t> bad{0, 3, 1};
    CHECK(pooled::test::message_of([&] { categorised(shapes, bad, {"a", "b", "c"}); }) ==
          "shape 2 has category 3 but only 3 are named");
}
