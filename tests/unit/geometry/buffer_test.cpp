// Unit tests of the overlay and construction functions of pooled::geometry (src/geometry/buffer.cpp):
// buffer, intersection, intersection_area, unary_union, voronoi_cells. Expected values are
// computed by hand (the formula next to each check).

#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/core/error.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/geometry/types.hpp>

#include <cmath>
#include <vector>

using namespace pooled::geometry;
using pooled::Errc;
using pooled::test::code_of;

namespace {

constexpr double pi = 3.14159265358979323846;

Polygon rectangle(double x0, double y0, double x1, double y1) {
    return Polygon{Ring{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}, {}};
}

} // namespace

TEST_CASE("the buffer of a point is the regular polygon inscribed in the circle", "[geometry][buffer]") {
    const double r = 1000.0;
    const Geometry circle = buffer(Point{430000.0, 350000.0}, r); // DEFAULT 8 quadrant segments
    REQUIRE(std::holds_alternative<Polygon>(circle));
    const Polygon &polygon = std::get<Polygon>(circle);
    CHECK(polygon.holes.empty());
    // 4 x 8 = 32 corners, the first repeated at the end.
    REQUIRE(polygon.outer.points.size() == 33);
    for (const Point &p : polygon.outer.points) {
        CHECK(std::hypot(p.x - 430000.0, p.y - 350000.0) == Approx(r).epsilon(1e-12));
    }
    // Hand: a regular n-gon inscribed in a circle of radius r has area n/2 r^2 sin(2 pi / n);
    // n = 32: 16e6 sin(pi/16) = 3121445.152258...
    const double expected = 0.5 * 32 * r * r * std::sin(2 * pi / 32);
    CHECK(expected == Approx(3121445.152258).epsilon(1e-12));
    CHECK(area(circle) == Approx(expected).epsilon(1e-12));

    // 2 quadrant segments: an octagon, 4 r^2 sin(pi/4) = 2 sqrt(2) r^2.
    CHECK(area(buffer(Point{0, 0}, r, 2)) == Approx(2 * std::sqrt(2.0) * r * r).epsilon(1e-12));
}

TEST_CASE("buffers of polygons grow and shrink, bad arguments are refused", "[geometry][buffer]") {
    const Geometry square = rectangle(0, 0, 10, 10);
    // Hand: a square shrunk by 2 on every side is the 6 x 6 square (inner corners stay sharp).
    CHECK(area(buffer(square, -2.0)) == Approx(36.0).epsilon(1e-12));
    // Shrunk by 6 (more than half its width): nothing is left.
    CHECK(std::holds_alternative<Empty>(buffer(square, -6.0)));
    // Hand: grown by 1 with 1 quadrant segment: 10 x 10 + 4 sides 10 x 1 + 4 corner triangles
    // of legs 1 (each 1/2) = 100 + 40 + 2 = 142.
    CHECK(area(buffer(square, 1.0, 1)) == Approx(142.0).epsilon(1e-12));
    CHECK(std::holds_alternative<Empty>(buffer(Empty{}, 5.0)));

    CHECK(code_of([&] { buffer(square, std::nan("")); }) == Errc::argument);
    CHECK(code_of([&] { buffer(square, HUGE_VAL); }) == Errc::argument);
    CHECK(code_of([&] { buffer(square, 1.0, 0); }) == Errc::argument);
}

TEST_CASE("intersections keep the lower family of the two inputs", "[geometry][buffer]") {
    const Geometry a = rectangle(0, 0, 10, 10);
    const Geometry b = rectangle(5, 5, 15, 15);
    // Hand: the overlap is the 5 x 5 square (5 5)-(10 10).
    const Geometry ab = intersection(a, b);
    REQUIRE(std::holds_alternative<Polygon>(ab));
    CHECK(area(ab) == Approx(25.0));
    CHECK(envelope(ab) == Box{5, 5, 10, 10});
    CHECK(intersection_area(a, b) == Approx(25.0));

    // Squares sharing only an edge: GEOS's answer is that edge, dropped as not polygonal.
    const Geometry side = rectangle(10, 0, 20, 10);
    CHECK(std::holds_alternative<Empty>(intersection(a, side)));
    CHECK(intersection_area(a, side) == 0.0);
    // Apart: nothing.
    CHECK(std::holds_alternative<Empty>(intersection(a, rectangle(20, 20, 30, 30))));
    CHECK(std::holds_alternative<Empty>(intersection(a, Empty{})));

    // A line across the square keeps its part inside, (0 5)-(10 5).
    const Geometry line = LineString{{{-5, 5}, {15, 5}}};
    const Geometry inside = intersection(line, a);
    REQUIRE(std::holds_alternative<LineString>(inside));
    CHECK(envelope(inside) == Box{0, 5, 10, 5});
    // A point inside stays that point; its "area" is 0.
    CHECK(intersection(Point{3, 4}, a) == Geometry{Point{3, 4}});
    CHECK(intersection_area(Point{3, 4}, a) == 0.0);
}

TEST_CASE("unary_union dissolves overlapping polygons", "[geometry][buffer]") {
    const Geometry two = MultiPolygon{{rectangle(0, 0, 10, 10), rectangle(5, 5, 15, 15)}};
    const Geometry merged = unary_union(two);
    REQUIRE(std::holds_alternative<Polygon>(merged));
    // Hand: 100 + 100 - 25 (counted twice) = 175.
    CHECK(area(merged) == Approx(175.0));
    CHECK_FALSE(validity_problem(merged).has_value());
    CHECK(std::holds_alternative<Empty>(unary_union(Empty{})));
}

TEST_CASE("buffer_union is the union of the buffers of each line", "[geometry][buffer]") {
    // Two 100 m segments crossing at right angles in their middles, and a third far away.
    const std::vector<LineString> lines{LineString{{{0, 50}, {100, 50}}}, LineString{{{50, 0}, {50, 100}}},
                                        LineString{{{1000, 0}, {1100, 0}}}};
    const double r = 10.0;
    const Geometry bands = buffer_union(lines, r);
    REQUIRE(std::holds_alternative<MultiPolygon>(bands));
    CHECK(std::get<MultiPolygon>(bands).polygons.size() == 2);
    CHECK_FALSE(validity_problem(bands).has_value());
    // Hand: a stadium of length L is 2 r L + 16 r^2 sin(pi/16) (round caps of 8 segments a
    // quarter circle, a 32-gon). The cross is two stadiums less their 20 x 20 m overlap square.
    const double caps = 16.0 * r * r * std::sin(pi / 16.0);
    CHECK(area(bands) == Approx(3.0 * (2.0 * r * 100.0 + caps) - 4.0 * r * r).epsilon(1e-12));
    // The same region as one buffer of all the lines (GEOS nodes them together there).
    const Geometry at_once = buffer(MultiLineString{lines}, r);
    CHECK(area(bands) + area(at_once) - 2.0 * intersection_area(bands, at_once) == Approx(0.0).margin(1e-6));
    // 4 segments a quarter circle: the two caps of a stadium make a 16-gon, 8 r^2 sin(pi/8).
    CHECK(area(buffer_union(lines, r, 4)) ==
          Approx(3.0 * (2.0 * r * 100.0 + 8.0 * r * r * std::sin(pi / 8.0)) - 4.0 * r * r).epsilon(1e-12));
    CHECK(std::holds_alternative<Empty>(buffer_union({}, r)));
    CHECK(code_of([&] { buffer_union(lines, std::nan("")); }) == Errc::argument);
    CHECK(code_of([&] { buffer_union(lines, r, 0); }) == Errc::argument);
}

TEST_CASE("Voronoi cells come back in the order of the sites", "[geometry][buffer]") {
    // Hand: sites A (100 100), B (300 100), C (100 300) in the square (0 0)-(400 400). The
    // bisectors are x = 200 (A|B), y = 200 (A|C) and y = x (B|C): A's cell is the 200 x 200
    // square in the corner (40000 m2); B's the part of x > 200 below y = x, the integral of
    // x dx from 200 to 400 = (400^2 - 200^2) / 2 = 60000; C's the mirror image, 60000.
    const std::vector<Point> sites{{100, 100}, {300, 100}, {100, 300}};
    const Geometry square = rectangle(0, 0, 400, 400);
    const std::vector<Geometry> cells = voronoi_cells(sites, envelope(square));
    REQUIRE(cells.size() == 3);
    CHECK(intersection_area(cells[0], square) == Approx(40000.0));
    CHECK(intersection_area(cells[1], square) == Approx(60000.0));
    CHECK(intersection_area(cells[2], square) == Approx(60000.0));
    for (const Geometry &cell : cells) {
        CHECK(std::holds_alternative<Polygon>(cell));
    }
    // GEOS extends the diagram beyond the extent: A's cell runs past the square's corner.
    CHECK(envelope(cells[0]).min_x < 0.0);
    CHECK(envelope(cells[0]).min_y < 0.0);

    // Reversed input, reversed output.
    const std::vector<Geometry> reversed = voronoi_cells({sites[2], sites[1], sites[0]}, envelope(square));
    CHECK(intersection_area(reversed[0], square) == Approx(60000.0));
    CHECK(intersection_area(reversed[2], square) == Approx(40000.0));

    // One site: its cell is the box around the extent and the site.
    const std::vector<Geometry> one = voronoi_cells({Point{500, 100}}, envelope(square));
    REQUIRE(one.size() == 1);
    CHECK(envelope(one[0]) == Box{0, 0, 500, 400});

    CHECK(code_of([] { voronoi_cells({}, Box{0, 0, 1, 1}); }) == Errc::argument);
    CHECK(code_of([] { voronoi_cells({Point{1, 1}, Point{1, 1}}, Box{0, 0, 1, 1}); }) == Errc::argument);
    CHECK(code_of([] { voronoi_cells({Point{1, std::nan("")}}, Box{0, 0, 1, 1}); }) == Errc::argument);
}
