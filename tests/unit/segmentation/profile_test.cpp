#include "support/catch.hpp"
#include "support/errors.hpp"
#include "unit/segmentation/zones_fixture.hpp"

#include <pooled/segmentation/profile.hpp>
#include <pooled/segmentation/users.hpp>

#include <cmath>

using namespace pooled;
using namespace pooled::segmentation;

namespace {
// Four zones, population 100, 300, 200, 400; variable a = 100 x c1 / c0 = 10, 20, 30, 40 %.
// Zones 1-2 are segment "1", zones 3-4 segment "2".
PreparedZones four_zones() {
    const auto zones = test::count_zones({"c0", "c1"}, {100, 300, 200, 400}, {{100, 10}, {100, 20}, {100, 30}, {100, 40}});
    return prepare(zones, parse_variable_spec("name,numerator,denominator\na,c1,c0\n", "a.csv"),
                   {Transform::none, Standardise::none, 0.9});
}
const std::vector<std::string> zone_codes{"1", "1", "2", "2"};
} // namespace

TEST_CASE("index scores are population-weighted and average 100", "[segmentation][profile]") {
    const auto profile = profile_segments(four_zones(), zone_codes, {"1", "2"});
    // Overall P = (100x10 + 300x20 + 200x30 + 400x40) / 1000 = 29 %.
    CHECK(profile.overall_percentages[0] == Approx(29.0));
    CHECK(profile.population == 1000.0);
    const auto &s1 = profile.segments[0];
    const auto &s2 = profile.segments[1];
    CHECK(s1.zones == 2);
    CHECK(s1.population == 400.0);
    // Segment 1: (1000 + 6000) / 400 = 17.5 % -> index 100 x 17.5 / 29 = 60.345.
    CHECK(s1.mean_percentages[0] == Approx(17.5));
    CHECK(s1.index[0] == Approx(100.0 * 17.5 / 29.0));
    // Segment 2: (6000 + 16000) / 600 = 36.667 % -> index 126.437.
    CHECK(s2.index[0] == Approx(100.0 * (22000.0 / 600.0) / 29.0));
    // Population-weighted mean of the index: (400 x 60.345 + 600 x 126.437) / 1000 = 100.
    CHECK((s1.population * s1.index[0] + s2.population * s2.index[0]) / profile.population == Approx(100.0));
    // Mean prepared values are unweighted (as k-means sees the zones): 15 and 35.
    CHECK(s1.mean_values[0] == Approx(15.0));
    CHECK(s2.mean_values[0] == Approx(35.0));
    // Distinguishing score: (15 - 25) / sd, sd = sqrt((225 + 25 + 25 + 225) / 4) = sqrt(125).
    REQUIRE(s1.distinguishing.size() == 1);
    CHECK(s1.distinguishing[0].score == Approx(-10.0 / std::sqrt(125.0)));
    CHECK(s2.distinguishing[0].score == Approx(10.0 / std::sqrt(125.0)));
}

TEST_CASE("a segment without zones and unknown codes", "[segmentation][profile]") {
    const auto profile = profile_segments(four_zones(), zone_codes, {"1", "2", "3"});
    CHECK(profile.segments[2].zones == 0);
    CHECK(std::isnan(profile.segments[2].index[0]));
    CHECK(test::code_of([] { profile_segments(four_zones(), {"1", "1", "2", "9"}, {"1", "2"}); }) == Errc::argument);
    CHECK(test::code_of([] { profile_segments(four_zones(), {"1"}, {"1", "2"}); }) == Errc::argument);
}

TEST_CASE("users profile: share, penetration and index by hand", "[segmentation][users]") {
    // Users 1, 2, 3, 4 in zones of population 100, 300, 200, 400.
    const auto profile = profile_users(zone_codes, {"1", "2"}, {100, 300, 200, 400}, {1, 2, 3, 4});
    CHECK(profile.users == 10.0);
    CHECK(profile.residents == 1000.0);
    const auto &s1 = profile.segments[0];
    CHECK(s1.users == 3.0);
    CHECK(s1.user_share == Approx(0.3));
    CHECK(s1.resident_share == Approx(0.4));
    CHECK(s1.penetration == Approx(7.5));        // 1000 x 3 / 400
    CHECK(s1.index == Approx(75.0));             // 100 x 0.3 / 0.4
    CHECK(profile.segments[1].penetration == Approx(1000.0 * 7.0 / 600.0));
    CHECK(profile.segments[1].index == Approx(100.0 * 0.7 / 0.6));
    CHECK(test::code_of([] { profile_users(zone_codes, {"1", "2"}, {1, 1, 1, 1}, {0, 0, 0, 0}); }) == Errc::data);
    CHECK(test::code_of([] { profile_users(zone_codes, {"1", "2"}, {1, 1, 1, 1}, {0, -1, 0, 0}); }) == Errc::data);
}

TEST_CASE("users fall in the polygon zone containing them, or the nearest zone point", "[segmentation][users]") {
    using geometry::Point;
    auto square = [](double x0) {
        return geometry::Polygon{geometry::Ring{{{x0, 0}, {x0 + 10, 0}, {x0 + 10, 10}, {x0, 10}, {x0, 0}}}, {}};
    };
    auto polygons = test::count_zones({}, {1, 1}, {{}, {}});
    polygons.zones[0].geometry = square(0);
    // Zone 2 has a hole [12,14]x[2,4]: a user in it is in no zone.
    auto with_hole = square(10);
    with_hole.holes.push_back(geometry::Ring{{{12, 2}, {14, 2}, {14, 4}, {12, 4}, {12, 2}}});
    polygons.zones[1].geometry = with_hole;
    model::ServiceUsers users{crs::WorkingCrs::british_national_grid(), {}, {}, "users.gpkg"};
    for (const auto &[p, w] : std::vector<std::pair<Point, double>>{
             {{5, 5}, 1}, {{15, 5}, 2}, {{25, 5}, 1}, {{12, 8}, 1}, {{13, 3}, 4}}) {
        users.users.push_back(model::ServiceUser{"u", p, "", w, 0});
    }
    const auto counts = count_users_by_zone(polygons, users);
    CHECK(counts.users == std::vector<double>{1, 3});
    CHECK(counts.unmatched == 5.0); // (25,5) outside both, (13,3) in the hole
    CHECK(counts.unmatched_users == 2);

    // Point zones at (0,0) and (10,0): nearest point; (5,0) is a tie and goes to the first.
    const auto points = test::count_zones({}, {1, 1}, {{}, {}});
    users.users.clear();
    for (double x : {4.0, 6.0, 5.0}) {
        users.users.push_back(model::ServiceUser{"u", Point{x, 0}, "", 1, 0});
    }
    CHECK(count_users_by_zone(points, users).users == std::vector<double>{2, 1});
}
