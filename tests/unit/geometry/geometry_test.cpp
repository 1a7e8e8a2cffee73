// Unit tests of pooled::geometry (types.cpp, algorithms.cpp and, through them, the internal
// GEOS bridge src/geometry/geos_handle.*). Expected values are computed by hand (stated next to
// each check) unless a comment says they record what GEOS 3.11 does.

#include "support/catch.hpp"
#include "support/errors.hpp"

#include <pooled/core/error.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/geometry/distance_index.hpp>
#include <pooled/geometry/types.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <thread>
#include <vector>

using namespace pooled::geometry;
using pooled::Errc;
using pooled::Error;
using pooled::test::contains;
using pooled::test::error_of;

namespace {

Ring ring(std::vector<Point> points) { return Ring{std::move(points)}; }

// 10 x 10 square with a 2 x 2 hole in the middle.
Polygon square_with_hole() {
    return Polygon{ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}), {ring({{4, 4}, {6, 4}, {6, 6}, {4, 6}, {4, 4}})}};
}

} // namespace

TEST_CASE("a bow-tie polygon is invalid and repairs to two triangles", "[geometry]") {
    // The edges (0 0)-(10 10) and (10 0)-(0 10) cross at (5 5).
    const Geometry bow_tie = from_wkt("POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))");
    REQUIRE(std::holds_alternative<Polygon>(bow_tie));

    const auto problem = validity_problem(bow_tie);
    REQUIRE(problem.has_value());
    CHECK(problem->reason == "Self-intersection");
    CHECK(problem->location.x == Approx(5.0));
    CHECK(problem->location.y == Approx(5.0));
    CHECK(problem->describe() == "Self-intersection at (5 5)");

    // GEOS's area of the unrepaired ring is the shoelace sum, in which the two lobes (one
    // clockwise, one anticlockwise) cancel: hand 25 - 25 = 0. Hence: repair first.
    CHECK(area(bow_tie) == Approx(0.0).margin(1e-9));

    const Geometry repaired = make_valid(bow_tie);
    REQUIRE(std::holds_alternative<MultiPolygon>(repaired));
    const auto &parts = std::get<MultiPolygon>(repaired).polygons;
    REQUIRE(parts.size() == 2);
    // Hand: two triangles, each with base 10 (an edge x = 0 or x = 10) and height 5 (to the
    // crossing at x = 5): 2 * (10 * 5 / 2) = 50.
    CHECK(area(repaired) == Approx(50.0));
    for (const Polygon &triangle : parts) {
        CHECK(triangle.outer.points.size() == 4); // three corners + the closing point
        CHECK(triangle.holes.empty());
        CHECK(area(Geometry{triangle}) == Approx(25.0));
    }
    CHECK_FALSE(validity_problem(repaired).has_value());
    CHECK(envelope(repaired) == Box{0, 0, 10, 10});

    // The same shape built as a value (not parsed) goes through the same path.
    const Geometry value = Polygon{ring({{0, 0}, {10, 10}, {10, 0}, {0, 10}, {0, 0}}), {}};
    CHECK(value == bow_tie);
    CHECK(make_valid(value) == repaired);
}

TEST_CASE("a square with a hole: area and a representative point", "[geometry]") {
    const Geometry square = square_with_hole();
    CHECK_FALSE(validity_problem(square).has_value());
    // Hand: 10 * 10 - 2 * 2 = 96.
    CHECK(area(square) == Approx(96.0));

    const Point p = representative_point(square);
    // Strictly inside the outer ring ...
    CHECK(p.x > 0.0);
    CHECK(p.x < 10.0);
    CHECK(p.y > 0.0);
    CHECK(p.y < 10.0);
    // ... and not in the hole (nor on its boundary).
    CHECK_FALSE((p.x >= 4.0 && p.x <= 6.0 && p.y >= 4.0 && p.y <= 6.0));

    // A valid polygon stays one polygon with the same area (GEOS may re-order the vertices).
    const Geometry repaired = make_valid(square);
    REQUIRE(std::holds_alternative<Polygon>(repaired));
    CHECK(std::get<Polygon>(repaired).holes.size() == 1);
    CHECK(area(repaired) == Approx(96.0));
}

TEST_CASE("rings that are not closed or too short: what GEOS 3.11 says", "[geometry]") {
    SECTION("a ring that is not closed cannot be built at all: Errc::data with GEOS's message") {
        const Geometry open_ring = Polygon{ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}}), {}};
        for (const auto &call : std::vector<std::function<void()>>{
                 [&] { (void)validity_problem(open_ring); },
                 [&] { (void)make_valid(open_ring); },
                 [&] { (void)area(open_ring); },
                 [&] { (void)to_wkt(open_ring); },
             }) {
            const Error e = error_of(call);
            CHECK(e.code() == Errc::data);
            CHECK(contains(e.what(), "Points of LinearRing do not form a closed linestring"));
        }
        // The same in WKT is refused by the reader.
        const Error e = error_of([] { (void)from_wkt("POLYGON((0 0, 10 0, 10 10, 0 10))"); });
        CHECK(e.code() == Errc::data);
        CHECK(std::string(e.what()) == "not valid WKT: 'POLYGON((0 0, 10 0, 10 10, 0 10))' "
                                       "(IllegalArgumentException: Points of LinearRing do not form a "
                                       "closed linestring)");
        // A hole that is not closed likewise.
        Polygon bad_hole = square_with_hole();
        bad_hole.holes[0].points.pop_back();
        CHECK(error_of([&] { (void)area(Geometry{bad_hole}); }).code() == Errc::data);
    }

    SECTION("a closed ring of 3 points can be built but is invalid, and repairs to Empty") {
        // GEOS 3.11 builds rings of 3 points (it refuses only 1 or 2, see below) and reports
        // them from the validity check.
        const Geometry thin = Polygon{ring({{0, 0}, {10, 0}, {0, 0}}), {}};
        const auto problem = validity_problem(thin);
        REQUIRE(problem.has_value());
        CHECK(problem->reason == "Too few points in geometry component");
        CHECK(problem->describe() == "Too few points in geometry component at (0 0)");
        CHECK(make_valid(thin) == Geometry{Empty{}});
        CHECK(from_wkt("POLYGON((0 0, 10 0, 0 0))") == thin);
    }

    SECTION("a ring of 1 or 2 points, and a LineString of 1 point") {
        // GEOS refuses coordinate lists of exactly one point for lines and rings.
        const Geometry one_point_ring = Polygon{ring({{1, 1}}), {}};
        const Error e1 = error_of([&] { (void)validity_problem(one_point_ring); });
        CHECK(e1.code() == Errc::data);
        CHECK(contains(e1.what(), "point array must contain 0 or >1 elements"));

        const Geometry one_point_line = LineString{{{1, 1}}};
        const Error e2 = error_of([&] { (void)validity_problem(one_point_line); });
        CHECK(e2.code() == Errc::data);
        CHECK(contains(e2.what(), "point array must contain 0 or >1 elements"));

        // A closed ring of 2 points: GEOS 3.11 refuses fewer than 3 ring points, although its
        // message still says ">= 4".
        const Geometry two_point_ring = Polygon{ring({{1, 1}, {1, 1}}), {}};
        const Error e3 = error_of([&] { (void)validity_problem(two_point_ring); });
        CHECK(e3.code() == Errc::data);
        CHECK(contains(e3.what(), "Invalid number of points in LinearRing found 2 - must be 0 or >= 4"));
    }
}

TEST_CASE("a zero-area polygon repairs to Empty", "[geometry]") {
    // All four points lie on y = 0, so the polygon has no interior (hand: area 0). GEOS 3.11's
    // validity check reports the ring folding back on itself as a self-intersection at (5 0).
    const Geometry flat = from_wkt("POLYGON((0 0, 5 0, 10 0, 0 0))");
    CHECK(area(flat) == Approx(0.0).margin(1e-12));
    const auto problem = validity_problem(flat);
    REQUIRE(problem.has_value());
    CHECK(problem->describe() == "Self-intersection at (5 0)");
    // The structure method with keepCollapsed = 0 drops the collapsed ring; the line that
    // remains is not of the polygon family, so nothing survives.
    CHECK(make_valid(flat) == Geometry{Empty{}});

    // In a MultiPolygon only the collapsed member goes, and a multi input stays multi.
    const Geometry mixed = MultiPolygon{{std::get<Polygon>(flat), Polygon{ring({{0, 0}, {1, 0}, {1, 1}, {0, 0}}), {}}}};
    const Geometry repaired = make_valid(mixed);
    REQUIRE(std::holds_alternative<MultiPolygon>(repaired));
    CHECK(std::get<MultiPolygon>(repaired).polygons.size() == 1);
    CHECK(area(repaired) == Approx(0.5)); // hand: right triangle with legs 1 and 1
}

TEST_CASE("make_valid keeps the family and single geometries single", "[geometry]") {
    // A valid single-member MultiPolygon stays a MultiPolygon (GEOS itself returns a Polygon).
    const Geometry one = from_wkt("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))");
    CHECK(std::holds_alternative<MultiPolygon>(make_valid(one)));
    CHECK(std::holds_alternative<MultiLineString>(make_valid(MultiLineString{{LineString{{{0, 0}, {1, 1}}}}})));
    CHECK(make_valid(MultiPoint{{{1, 2}}}) == Geometry{MultiPoint{{{1, 2}}}});
    // Points and lines pass through; a line of two equal points collapses to Empty.
    CHECK(make_valid(Point{3, 4}) == Geometry{Point{3, 4}});
    CHECK(make_valid(LineString{{{0, 0}, {1, 1}}}) == Geometry{LineString{{{0, 0}, {1, 1}}}});
    CHECK(make_valid(LineString{{{2, 2}, {2, 2}}}) == Geometry{Empty{}});
    CHECK(make_valid(Empty{}) == Geometry{Empty{}});
    CHECK(make_valid(MultiPolygon{}) == Geometry{Empty{}});
    // A hole outside its shell: the structure method keeps both as separate polygons.
    const Geometry outside = from_wkt("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 21 20, 21 21, 20 20))");
    REQUIRE(validity_problem(outside).has_value());
    CHECK(validity_problem(outside)->reason == "Hole lies outside shell");
    const Geometry fixed = make_valid(outside);
    REQUIRE(std::holds_alternative<MultiPolygon>(fixed));
    CHECK(area(fixed) == Approx(100.5)); // hand: 10 * 10 + 1 * 1 / 2
}

TEST_CASE("distance and area are measured in working-CRS units", "[geometry]") {
    const Geometry line = from_wkt("LINESTRING(3 4, 10 4)");
    // Hand: the segment lies on y = 4 for 3 <= x <= 10. From (0 0) the nearest point is the
    // end (3 4): sqrt(3^2 + 4^2) = 5. From (5 0) it is the foot of the perpendicular (5 4): 4.
    CHECK(distance(Point{0, 0}, line) == Approx(5.0));
    CHECK(distance(line, Point{0, 0}) == Approx(5.0));
    CHECK(distance(Point{5, 0}, line) == Approx(4.0));
    // Hand: a point inside the square (outside the hole) is at distance 0 from it; from the hole's
    // centre (5 5) the nearest polygon point is on the hole's edge: 1.
    CHECK(distance(Point{1, 1}, square_with_hole()) == Approx(0.0).margin(1e-12));
    CHECK(distance(Point{5, 5}, square_with_hole()) == Approx(1.0));

    CHECK(error_of([&] { (void)distance(Empty{}, line); }).code() == Errc::argument);
    CHECK(error_of([&] { (void)distance(line, MultiPoint{}); }).code() == Errc::argument);

    CHECK(area(Point{1, 2}) == 0.0);
    CHECK(area(line) == 0.0);
    CHECK(area(Empty{}) == 0.0);
    // Hand: two unit squares.
    CHECK(area(from_wkt("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)))")) == Approx(2.0));
}

TEST_CASE("representative_point", "[geometry]") {
    CHECK(representative_point(Point{3, 4}) == Point{3, 4});
    CHECK(error_of([] { (void)representative_point(Empty{}); }).code() == Errc::argument);
    CHECK(error_of([] { (void)representative_point(MultiPolygon{}); }).code() == Errc::argument);
    // On the segment y = 4, 3 <= x <= 10.
    const Point on_line = representative_point(from_wkt("LINESTRING(3 4, 10 4)"));
    CHECK(on_line.y == Approx(4.0));
    CHECK(on_line.x >= 3.0);
    CHECK(on_line.x <= 10.0);
    // One of the two points.
    const Point on_multi = representative_point(MultiPoint{{{1, 1}, {7, 7}}});
    CHECK((on_multi == Point{1, 1} || on_multi == Point{7, 7}));
}

TEST_CASE("envelope, family, type_name and is_empty for every type", "[geometry]") {
    struct Case {
        Geometry geometry;
        const char *name;
        GeometryFamily family;
        Box box; // hand: min/max of the coordinates
        bool empty;
    };
    const std::vector<Case> cases = {
        {Empty{}, "Empty", GeometryFamily::none, Box{}, true},
        {Point{3, -4}, "Point", GeometryFamily::point, Box{3, -4, 3, -4}, false},
        {LineString{{{0, 5}, {2, 1}, {-1, 3}}}, "LineString", GeometryFamily::line, Box{-1, 1, 2, 5}, false},
        {square_with_hole(), "Polygon", GeometryFamily::polygon, Box{0, 0, 10, 10}, false},
        {MultiPoint{{{1, 1}, {4, -2}}}, "MultiPoint", GeometryFamily::point, Box{1, -2, 4, 1}, false},
        {MultiLineString{{LineString{{{0, 0}, {1, 1}}}, LineString{{{5, 7}, {6, 2}}}}}, "MultiLineString",
         GeometryFamily::line, Box{0, 0, 6, 7}, false},
        {MultiPolygon{{square_with_hole(), Polygon{ring({{20, 20}, {30, 20}, {30, 25}, {20, 20}}), {}}}},
         "MultiPolygon", GeometryFamily::polygon, Box{0, 0, 30, 25}, false},
        // Values with no coordinates are empty in the OGC sense.
        {LineString{}, "LineString", GeometryFamily::line, Box{}, true},
        {Polygon{}, "Polygon", GeometryFamily::polygon, Box{}, true},
        {MultiPoint{}, "MultiPoint", GeometryFamily::point, Box{}, true},
        {MultiLineString{{LineString{}}}, "MultiLineString", GeometryFamily::line, Box{}, true},
        {MultiPolygon{{Polygon{}}}, "MultiPolygon", GeometryFamily::polygon, Box{}, true},
    };
    for (const Case &c : cases) {
        INFO(c.name << " " << (c.empty ? "empty" : "non-empty"));
        CHECK(std::string(type_name(c.geometry)) == c.name);
        CHECK(family(c.geometry) == c.family);
        CHECK(is_empty(c.geometry) == c.empty);
        CHECK(envelope(c.geometry) == c.box);
        CHECK(envelope(c.geometry).empty() == c.empty);
    }
}

TEST_CASE("WKT round trips", "[geometry]") {
    // Text in the form GEOS 3.11 writes (trimmed numbers, "TYPE (" with a space).
    const std::vector<std::string> canonical = {
        "POINT (1 2)",
        "POINT (-431200.25 382100.5)",
        "LINESTRING (0 0, 1.5 2, 3 -4)",
        "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))",
        "MULTIPOINT (1 2, 3 4)",
        "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
        "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
        "GEOMETRYCOLLECTION EMPTY", // what to_wkt writes for Empty
    };
    for (const std::string &wkt : canonical) {
        CHECK(to_wkt(from_wkt(wkt)) == wkt);
    }

    const std::vector<Geometry> values = {
        Empty{},
        Point{431200, 382100},
        LineString{{{0, 0}, {0.125, 7}}},
        square_with_hole(),
        MultiPoint{{{1, 1}, {2, 2}}},
        MultiLineString{{LineString{{{0, 0}, {1, 1}}}}},
        MultiPolygon{{square_with_hole()}},
    };
    for (const Geometry &g : values) {
        INFO(type_name(g));
        CHECK(from_wkt(to_wkt(g)) == g);
    }

    // Parsing is lenient about case and spaces; Z is dropped (pooled is 2D).
    CHECK(from_wkt("  point z ( 1 2 3 ) ") == Geometry{Point{1, 2}});
    // `precision` is the number of decimals kept (rounded, trailing zeros trimmed).
    CHECK(to_wkt(Point{1.23456, -2.5}, 2) == "POINT (1.23 -2.5)");
    CHECK(to_wkt(Point{1.23456, -2.5}) == "POINT (1.235 -2.5)");
    CHECK(to_wkt(Point{431200.4, 2.25}, 0) == "POINT (431200 2)");
    CHECK(error_of([] { (void)to_wkt(Point{}, -1); }).code() == Errc::argument);
}

TEST_CASE("GEOS collections and empties map onto pooled types", "[geometry]") {
    // Empties of every GEOS type are Empty.
    for (const char *wkt : {"POINT EMPTY", "LINESTRING EMPTY", "POLYGON EMPTY", "MULTIPOINT EMPTY",
                            "MULTILINESTRING EMPTY", "MULTIPOLYGON EMPTY", "GEOMETRYCOLLECTION EMPTY"}) {
        INFO(wkt);
        CHECK(from_wkt(wkt) == Geometry{Empty{}});
    }
    // A GeometryCollection of one family flattens to the matching Multi* (even with one part).
    CHECK(from_wkt("GEOMETRYCOLLECTION(POINT(1 1), MULTIPOINT(2 2, 3 3))") ==
          Geometry{MultiPoint{{{1, 1}, {2, 2}, {3, 3}}}});
    CHECK(from_wkt("GEOMETRYCOLLECTION(LINESTRING(0 0, 1 1))") ==
          Geometry{MultiLineString{{LineString{{{0, 0}, {1, 1}}}}}});
    CHECK(from_wkt("GEOMETRYCOLLECTION(POLYGON((0 0, 1 0, 1 1, 0 0)), GEOMETRYCOLLECTION(POINT EMPTY))") ==
          Geometry{MultiPolygon{{Polygon{ring({{0, 0}, {1, 0}, {1, 1}, {0, 0}}), {}}}}});
    // Empty members are dropped.
    CHECK(from_wkt("MULTILINESTRING(EMPTY, (0 0, 1 1))") == Geometry{MultiLineString{{LineString{{{0, 0}, {1, 1}}}}}});
    // A LinearRing reads as a LineString.
    CHECK(from_wkt("LINEARRING(0 0, 1 0, 1 1, 0 0)") == Geometry{LineString{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}});
    // Mixed families have no pooled type.
    const Error mixed = error_of([] { (void)from_wkt("GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))"); });
    CHECK(mixed.code() == Errc::data);
    CHECK(contains(mixed.what(), "mixes points, lines and polygons"));
}

TEST_CASE("from_wkt names the problem", "[geometry]") {
    const Error cut = error_of([] { (void)from_wkt("POLYGON((1 2, 3"); });
    CHECK(cut.code() == Errc::data);
    // The GEOS 3.11 reader's message, verbatim.
    CHECK(std::string(cut.what()) ==
          "not valid WKT: 'POLYGON((1 2, 3' (ParseException: Expected number but encountered end of stream)");

    CHECK(error_of([] { (void)from_wkt(""); }).code() == Errc::data);
    CHECK(error_of([] { (void)from_wkt("CIRCLE(0 0, 5)"); }).code() == Errc::data);
    CHECK(error_of([] { (void)from_wkt(std::string("POINT(1 2)\0x", 12)); }).code() == Errc::data);

    // Long text is cut to its first 60 characters.
    std::string long_wkt = "LINESTRING(";
    for (int i = 0; i < 20; ++i) {
        long_wkt += std::to_string(i) + " " + std::to_string(i) + ", ";
    }
    const Error long_error = error_of([&] { (void)from_wkt(long_wkt); });
    CHECK(long_error.code() == Errc::data);
    CHECK(contains(long_error.what(), "not valid WKT: '" + long_wkt.substr(0, 60) + "...' ("));

    // GEOS 3.11 stops reading after the first geometry; pooled rejects what follows.
    const Error trailing = error_of([] { (void)from_wkt("POINT(1 2), POINT(3 4)"); });
    CHECK(trailing.code() == Errc::data);
    CHECK(std::string(trailing.what()) ==
          "not valid WKT: 'POINT(1 2), POINT(3 4)' (unexpected text after the geometry: ', POINT(3 4)')");
    CHECK(error_of([] { (void)from_wkt("POINT EMPTY x"); }).code() == Errc::data);
    CHECK(from_wkt("POINT(1 2)\n") == Geometry{Point{1, 2}});
}

TEST_CASE("ValidityProblem::describe formats coordinates deterministically", "[geometry]") {
    const auto describe = [](double x, double y) { return ValidityProblem{"Self-intersection", {x, y}}.describe(); };
    // Whole metres from 1000 up, halves away from zero.
    CHECK(describe(431200.4, 382100.6) == "Self-intersection at (431200 382101)");
    CHECK(describe(431200.5, -382100.5) == "Self-intersection at (431201 -382101)");
    CHECK(describe(1000.4, -1000.0) == "Self-intersection at (1000 -1000)");
    // Below 1000: up to three decimals, trailing zeros trimmed, no "-0".
    CHECK(describe(12.34567, 0.1) == "Self-intersection at (12.346 0.1)");
    CHECK(describe(999.4, -7.25) == "Self-intersection at (999.4 -7.25)");
    CHECK(describe(-0.0004, 999.9996) == "Self-intersection at (0 1000)");
    CHECK(describe(5, 5) == "Self-intersection at (5 5)");
    CHECK(describe(1e-12, -1e-12) == "Self-intersection at (0 0)");
    // No usable location: the reason alone.
    CHECK(describe(std::numeric_limits<double>::quiet_NaN(), 0) == "Self-intersection");
}

TEST_CASE("geometry functions can run on several threads at once", "[geometry]") {
    // Each call has its own GEOS context; nothing is shared.
    const Geometry bow_tie = from_wkt("POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))");
    const Geometry expected = make_valid(bow_tie);
    std::vector<int> wrong(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < wrong.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 100; ++i) {
                if (make_valid(bow_tie) != expected || validity_problem(bow_tie)->reason != "Self-intersection" ||
                    from_wkt(to_wkt(expected)) != expected) {
                    ++wrong[t];
                }
                try {
                    (void)from_wkt("POLYGON((1 2, 3");
                    ++wrong[t];
                } catch (const Error &e) {
                    if (!contains(e.what(), "end of stream")) {
                        ++wrong[t];
                    }
                }
            }
        });
    }
    for (std::thread &thread : threads) {
        thread.join();
    }
    CHECK(wrong == std::vector<int>(4, 0));
}

TEST_CASE("a distance index gives the same distances as geometry::distance", "[geometry][distance]") {
    using namespace pooled::geometry;
    // Two unit-less squares side by side: [0,10]x[0,10] and [20,30]x[0,10].
    const Geometry target = MultiPolygon{{Polygon{Ring{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}, {}},
                                          Polygon{Ring{{{20, 0}, {30, 0}, {30, 10}, {20, 10}, {20, 0}}}, {}}}};
    const DistanceIndex index(target);
    // Hand: (15 5) is 5 from both squares; (5 5) is inside; (5 13) is 3 above the first;
    // (33 14) is 5 from the corner (30 10) (a 3-4-5 triangle).
    CHECK(index.distance(Point{15, 5}) == Approx(5.0));
    CHECK(index.distance(Point{5, 5}) == 0.0);
    CHECK(index.distance(Point{5, 13}) == Approx(3.0));
    CHECK(index.distance(Point{33, 14}) == Approx(5.0));
    for (const Point p : {Point{15, 5}, Point{5, 13}, Point{33, 14}, Point{-7, -2}}) {
        CHECK(index.distance(p) == Approx(distance(p, target)));
    }
    CHECK_THROWS_AS(index.distance(Empty{}), pooled::Error);
    CHECK_THROWS_AS(DistanceIndex(Empty{}), pooled::Error);
}
