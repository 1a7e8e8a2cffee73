// Unit tests of catchments by buffer and by nearest facility (src/catchment/catchment.cpp).
// Expected values are computed by hand (the formula next to each check).

#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/catchment/catchment.hpp>
#include <pooled/core/error.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/geometry/types.hpp>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

using namespace pooled::catchment;
using namespace pooled::geometry;
using pooled::Errc;
using pooled::test::code_of;
using pooled::test::contains;
using pooled::test::message_of;

namespace {

constexpr double pi = 3.14159265358979323846;

Polygon rectangle(double x0, double y0, double x1, double y1) {
    return Polygon{Ring{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}, {}};
}

double total_area(const std::vector<Catchment> &catchments) {
    double sum = 0.0;
    for (const Catchment &c : catchments) {
        sum += area(c.area);
    }
    return sum;
}

} // namespace

TEST_CASE("catchment methods have short names", "[catchment]") {
    CHECK(std::strcmp(method_name(Method::buffer), "buffer") == 0);
    CHECK(std::strcmp(method_name(Method::nearest), "nearest") == 0);
    CHECK(std::strcmp(method_name(Method::network), "network") == 0);
}

TEST_CASE("buffer catchments are regular polygons around each site", "[catchment]") {
    const std::vector<Site> sites{{"lib-1", {430000, 350000}}, {"lib-2", {431000, 350500}}};
    const std::vector<Catchment> buffers = buffer_catchments(sites, 1000.0);
    REQUIRE(buffers.size() == 2);
    for (std::size_t i = 0; i < buffers.size(); ++i) {
        const Catchment &c = buffers[i];
        CHECK(c.asset == i);
        CHECK(c.asset_id == sites[i].id);
        CHECK(c.method == Method::buffer);
        CHECK(c.cutoff == 1000.0);
        CHECK(c.population == 0.0);
        CHECK(std::isnan(c.households));
        REQUIRE(std::holds_alternative<Polygon>(c.area));
        // Hand: 32-gon inscribed in the 1 km circle, 16 r^2 sin(pi / 16).
        CHECK(area(c.area) == Approx(16e6 * std::sin(pi / 16)).epsilon(1e-12));
        // The site is the centre of the polygon's box.
        const Box box = envelope(c.area);
        CHECK((box.min_x + box.max_x) / 2 == Approx(sites[i].location.x).epsilon(1e-12));
        CHECK((box.min_y + box.max_y) / 2 == Approx(sites[i].location.y).epsilon(1e-12));
        CHECK_FALSE(validity_problem(c.area).has_value());
    }
    // 4 quadrant segments: a 16-gon, 8 r^2 sin(pi / 8).
    CHECK(area(buffer_catchments(sites, 1000.0, 4)[0].area) == Approx(8e6 * std::sin(pi / 8)).epsilon(1e-12));
    CHECK(buffer_catchments({}, 1000.0).empty());
}

TEST_CASE("buffer catchments refuse a radius that is not positive", "[catchment]") {
    const std::vector<Site> sites{{"a", {0, 0}}};
    CHECK(code_of([&] { buffer_catchments(sites, 0.0); }) == Errc::argument);
    CHECK(contains(message_of([&] { buffer_catchments(sites, -5.0); }), "radius"));
    CHECK(code_of([&] { buffer_catchments(sites, std::nan("")); }) == Errc::argument);
    CHECK(code_of([&] { buffer_catchments(sites, HUGE_VAL); }) == Errc::argument);
    CHECK(code_of([&] { buffer_catchments(sites, 100.0, 0); }) == Errc::argument);
    const std::vector<Site> bad{{"a", {0, 0}}, {"b", {std::nan(""), 0}}};
    CHECK(contains(message_of([&] { buffer_catchments(bad, 100.0); }), "site 1 ('b')"));
}

TEST_CASE("nearest-facility areas are Voronoi cells clipped to the study area", "[catchment]") {
    // Hand (as in the geometry test): sites A (100 100), B (300 100), C (100 300) in the square
    // (0 0)-(400 400): A's cell is 200 x 200 = 40000, B's and C's (400^2 - 200^2) / 2 = 60000.
    const std::vector<Site> sites{{"A", {100, 100}}, {"B", {300, 100}}, {"C", {100, 300}}};
    const Geometry square = rectangle(0, 0, 400, 400);
    const std::vector<Catchment> cells = nearest_facility_areas(sites, square);
    REQUIRE(cells.size() == 3);
    CHECK(area(cells[0].area) == Approx(40000.0));
    CHECK(area(cells[1].area) == Approx(60000.0));
    CHECK(area(cells[2].area) == Approx(60000.0));
    CHECK(envelope(cells[0].area) == Box{0, 0, 200, 200});
    for (std::size_t i = 0; i < cells.size(); ++i) {
        CHECK(cells[i].asset == i);
        CHECK(cells[i].asset_id == sites[i].id);
        CHECK(cells[i].method == Method::nearest);
        CHECK(std::isnan(cells[i].cutoff));
        CHECK_FALSE(validity_problem(cells[i].area).has_value());
    }
    // The cells tile the study area: areas add up to it, and no two overlap.
    CHECK(total_area(cells) == Approx(160000.0));
    CHECK(intersection_area(cells[0].area, cells[1].area) == Approx(0.0).margin(1e-6));
    CHECK(intersection_area(cells[1].area, cells[2].area) == Approx(0.0).margin(1e-6));
}

TEST_CASE("nearest-facility areas tile a study area that is not convex", "[catchment]") {
    // An L: the square (0 0)-(400 400) without its top-right quarter (200 200)-(400 400):
    // 160000 - 40000 = 120000. Five sites, four in it and one outside it.
    const Geometry l_shape = Polygon{Ring{{{0, 0}, {400, 0}, {400, 200}, {200, 200}, {200, 400}, {0, 400}, {0, 0}}}, {}};
    const std::vector<Site> sites{
        {"a", {50, 50}}, {"b", {350, 120}}, {"c", {120, 330}}, {"d", {180, 170}}, {"e", {450, 450}}};
    const std::vector<Catchment> cells = nearest_facility_areas(sites, l_shape);
    REQUIRE(cells.size() == 5);
    CHECK(total_area(cells) == Approx(120000.0));
    for (std::size_t i = 0; i < cells.size(); ++i) {
        for (std::size_t j = i + 1; j < cells.size(); ++j) {
            CHECK(intersection_area(cells[i].area, cells[j].area) == Approx(0.0).margin(1e-6));
        }
    }
}

TEST_CASE("sites at one location share one cell, far sites get none", "[catchment]") {
    const Geometry square = rectangle(0, 0, 400, 400);
    // Hand: two distinct locations (100 200) and (300 200): bisector x = 200, 80000 each.
    const std::vector<Site> sites{
        {"first", {100, 200}}, {"other", {300, 200}}, {"same-as-first", {100, 200}}, {"far", {5000, 200}}};
    const std::vector<Catchment> cells = nearest_facility_areas(sites, square);
    REQUIRE(cells.size() == 4);
    CHECK(area(cells[0].area) == Approx(80000.0));
    // "far" takes the points nearer to it than to (300 200): x > 2650, none of the square, so
    // "other" keeps x in 200..400.
    CHECK(area(cells[1].area) == Approx(80000.0));
    CHECK(std::holds_alternative<Empty>(cells[2].area));
    CHECK(cells[2].asset_id == "same-as-first");
    CHECK(std::holds_alternative<Empty>(cells[3].area));

    // One site serves the whole study area.
    const std::vector<Catchment> alone = nearest_facility_areas({{"only", {10, 10}}}, square);
    CHECK(area(alone[0].area) == Approx(160000.0));
}

TEST_CASE("nearest-facility areas refuse no sites and an empty study area", "[catchment]") {
    const Geometry square = rectangle(0, 0, 10, 10);
    CHECK(code_of([&] { nearest_facility_areas({}, square); }) == Errc::argument);
    CHECK(code_of([&] { nearest_facility_areas({{"a", {1, 1}}}, Empty{}); }) == Errc::argument);
    CHECK(code_of([&] { nearest_facility_areas({{"a", {1, 1}}}, Point{3, 3}); }) == Errc::argument);
    CHECK(code_of([&] { nearest_facility_areas({{"a", {1, HUGE_VAL}}}, square); }) == Errc::argument);
}
