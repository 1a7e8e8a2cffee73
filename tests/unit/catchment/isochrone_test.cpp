// Isochrones drawn on hand-drawn networks, with areas worked out by hand and checked against
// GEOS's own buffer of the expected reached lines; then the Rutland drive network.
//
// Areas by hand: GEOS draws a round cap or corner with 8 segments a quarter circle, a regular
// 32-gon inscribed in the circle, so a half circle of radius r has area 8 r^2 sin(pi/16) and a
// band of length L with round caps (a stadium) 2 r L + 16 r^2 sin(pi/16).
// Access legs are walked at the default 5 km/h: 10 m take 7.2 s.

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/grid_network.hpp"
#include "support/layers.hpp"

#include <pooled/catchment/isochrone.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/network/load.hpp>
#include <pooled/network/search.hpp>
#include <pooled/network/snap.hpp>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>
#include <vector>

using namespace pooled;
using catchment::Catchment;
using catchment::IsochroneOptions;
using catchment::isochrones;
using catchment::Site;

namespace {

const double sin_pi_16 = std::sin(std::numbers::pi / 16.0);

/// A stadium of half-width r around a segment of length L, as GEOS draws it.
double stadium(double r, double length) { return 2.0 * r * length + 16.0 * r * r * sin_pi_16; }

/// A point `dx`, `dy` metres from the grids' origin.
geometry::Point grid_point(double dx, double dy) {
    return geometry::Point{test::grid_origin_x + dx, test::grid_origin_y + dy};
}

/// The area of the symmetric difference of two areas (0 when they are the same region).
double difference_area(const geometry::Geometry &a, const geometry::Geometry &b) {
    return geometry::area(a) + geometry::area(b) - 2.0 * geometry::intersection_area(a, b);
}

/// The area of `inner` outside `outer` (0 when outer contains inner).
double outside_area(const geometry::Geometry &inner, const geometry::Geometry &outer) {
    return geometry::area(inner) - geometry::intersection_area(inner, outer);
}

std::size_t hole_count(const geometry::Geometry &g) {
    if (const auto *p = std::get_if<geometry::Polygon>(&g)) {
        return p->holes.size();
    }
    std::size_t n = 0;
    if (const auto *m = std::get_if<geometry::MultiPolygon>(&g)) {
        for (const auto &p : m->polygons) {
            n += p.holes.size();
        }
    }
    return n;
}

/// A lattice of 100 m blocks at 10 m/s (test::lattice_roads) where edge i is one way when
/// i % one_way_every == 0 and three times slower when i % slow_every == slow_at.
network::Graph varied_lattice(std::uint32_t columns, std::uint32_t rows, std::size_t one_way_every,
                              std::size_t slow_every, std::size_t slow_at) {
    network::RoadEdges roads = test::lattice_roads(columns, rows);
    for (std::size_t i = 0; i < roads.edges.size(); ++i) {
        if (i % one_way_every == 0) {
            roads.edges[i].backward_seconds = network::not_traversable;
        }
        if (i % slow_every == slow_at) {
            roads.edges[i].forward_seconds *= 3.0;
            roads.edges[i].backward_seconds *= 3.0;
        }
    }
    return network::build_graph(roads);
}

/// The travel time from a site to every node (+inf if not reached), as isochrones() searches.
std::vector<double> costs_from(const network::Graph &graph, const network::Snapper &snapper, const Site &site,
                               const IsochroneOptions &options) {
    network::BoundedSearch search(graph, network::Cost::seconds);
    const auto snap = snapper.snap(site.location, options.max_snap_m);
    REQUIRE(snap);
    search.run(network::starts_from(graph, *snap, network::Cost::seconds, options.access));
    std::vector<double> costs(graph.node_count());
    for (network::NodeId v = 0; v < graph.node_count(); ++v) {
        costs[v] = search.cost_to(v);
    }
    return costs;
}

/// Valid, polygonal, each containing the one before with a larger area.
void check_nested(const std::vector<Catchment> &rings) {
    for (std::size_t i = 0; i < rings.size(); ++i) {
        INFO("cutoff " << rings[i].cutoff << " s");
        CHECK(geometry::family(rings[i].area) == geometry::GeometryFamily::polygon);
        CHECK_FALSE(geometry::validity_problem(rings[i].area));
        if (i > 0) {
            CHECK(geometry::area(rings[i].area) > geometry::area(rings[i - 1].area));
            // GEOS nodes the lines in floating point: allow a square millimetre per square
            // kilometre.
            CHECK(outside_area(rings[i - 1].area, rings[i].area) <= 1e-12 * geometry::area(rings[i].area));
        }
    }
}

} // namespace

TEST_CASE("isochrone of a point on a straight road is a stadium", "[catchment][isochrone]") {
    // a --------- b: 1,000 m at 10 m/s. The site is 10 m north of the middle (7.2 s to walk);
    // 27.2 s leave 20 s = 200 m of road either way (a segment of 400 m), 47.2 s leave 400 m
    // either way (800 m); neither reaches a or b.
    const auto grid = test::grid_network("a b", {"ab"}, test::GridSpec{.spacing_m = 1000.0});
    const network::Snapper snapper(grid.graph);
    const Site site{"library", grid_point(500.0, 10.0)};
    IsochroneOptions options;
    options.road_buffer_m = 50.0;
    const auto rings = isochrones(grid.graph, snapper, site, 7, {27.2, 47.2}, options);
    REQUIRE(rings.size() == 2);
    CHECK(rings[0].asset == 7);
    CHECK(rings[0].asset_id == "library");
    CHECK(rings[0].method == catchment::Method::network);
    CHECK(rings[0].cutoff == 27.2);
    CHECK(rings[1].cutoff == 47.2);
    CHECK(std::holds_alternative<geometry::Polygon>(rings[0].area));
    // 2 * 50 * 400 + 16 * 2500 * sin(pi/16) = 40,000 + 7,803.6 = 47,803.6 m2.
    CHECK(geometry::area(rings[0].area) == Approx(stadium(50.0, 400.0)).epsilon(1e-9));
    CHECK(geometry::area(rings[0].area) == Approx(47803.6).margin(0.1));
    CHECK(geometry::area(rings[1].area) == Approx(stadium(50.0, 800.0)).epsilon(1e-9));
    // The same region as GEOS's buffer of the expected segments.
    const geometry::Geometry expected0 =
        geometry::buffer(geometry::LineString{{grid_point(300.0, 0.0), grid_point(700.0, 0.0)}}, 50.0);
    const geometry::Geometry expected1 =
        geometry::buffer(geometry::LineString{{grid_point(100.0, 0.0), grid_point(900.0, 0.0)}}, 50.0);
    CHECK(difference_area(rings[0].area, expected0) == Approx(0.0).margin(1e-3));
    CHECK(difference_area(rings[1].area, expected1) == Approx(0.0).margin(1e-3));
    check_nested(rings);
}

TEST_CASE("isochrone includes the reached part of partly reached edges", "[catchment][isochrone]") {
    //   a - b - c      100 m edges at 10 m/s; the site is on a. 15 s reach b (10 s) and then
    //       |          5 s = half of b - c and half of b - d.
    //       d
    const auto grid = test::grid_network("a b c\n"
                                         "  d\n",
                                         {"abc", "bd"});
    const network::Snapper snapper(grid.graph);
    IsochroneOptions options;
    options.road_buffer_m = 20.0;
    const auto rings = isochrones(grid.graph, snapper, Site{"a", grid.position('a')}, 0, {15.0}, options);
    REQUIRE(rings.size() == 1);
    // By hand: the stadium around a .. (150, 0), 2 * 20 * 150 + 16 * 400 * sin(pi/16) =
    // 7,248.58, plus the branch below it: 30 m of band 40 m wide beyond the stadium's edge
    // (1,200) and its half-circle cap 8 * 400 * sin(pi/16) = 624.29: 9,072.87 m2.
    const double by_hand = stadium(20.0, 150.0) + 40.0 * 30.0 + 8.0 * 400.0 * sin_pi_16;
    CHECK(by_hand == Approx(9072.87).margin(0.01));
    CHECK(geometry::area(rings[0].area) == Approx(by_hand).epsilon(1e-9));
    const geometry::Point b = grid.position('b');
    const geometry::Geometry expected = geometry::buffer(
        geometry::MultiLineString{{geometry::LineString{{grid.position('a'), geometry::Point{b.x + 50.0, b.y}}},
                                   geometry::LineString{{b, geometry::Point{b.x, b.y - 50.0}}}}},
        20.0);
    CHECK(difference_area(rings[0].area, expected) == Approx(0.0).margin(1e-3));
    // c and d are 50 m beyond the reach, 30 m beyond the band.
    CHECK(geometry::distance(geometry::Geometry{grid.position('c')}, rings[0].area) == Approx(30.0));
    CHECK(geometry::distance(geometry::Geometry{grid.position('d')}, rings[0].area) == Approx(30.0));
}

TEST_CASE("isochrone follows one-way streets only their way", "[catchment][isochrone]") {
    // a > b > c, one way east, 100 m edges at 10 m/s. The site is 10 m north of the middle of
    // a - b: 17.2 s leave 10 s = 100 m, all of it eastwards: from x = 50 to x = 150.
    const auto one_way = test::grid_network("a b c", {">abc"});
    const Site site{"s", grid_point(50.0, 10.0)};
    IsochroneOptions options;
    options.road_buffer_m = 20.0;
    const network::Snapper snapper(one_way.graph);
    const auto rings = isochrones(one_way.graph, snapper, site, 0, {17.2}, options);
    REQUIRE(rings.size() == 1);
    // 2 * 20 * 100 + 16 * 400 * sin(pi/16) = 5,248.58 m2.
    CHECK(geometry::area(rings[0].area) == Approx(stadium(20.0, 100.0)).epsilon(1e-9));
    // Nothing west of the site: the point 30 m west of it on the road is 10 m beyond the band.
    CHECK(geometry::distance(geometry::Geometry{grid_point(20.0, 0.0)}, rings[0].area) == Approx(10.0));
    CHECK(geometry::distance(geometry::Geometry{grid_point(140.0, 0.0)}, rings[0].area) == 0.0);

    // Two-way, the same budget also reaches back to a (50 m, clamped at the end of the road):
    // from x = 0 to x = 150.
    const auto two_way = test::grid_network("a b c", {"abc"});
    const network::Snapper snapper2(two_way.graph);
    const auto both = isochrones(two_way.graph, snapper2, site, 0, {17.2}, options);
    CHECK(geometry::area(both[0].area) == Approx(stadium(20.0, 150.0)).epsilon(1e-9));

    // Against the traffic: b < a one way west (drawn ">cba"): from the same site only west.
    const auto westwards = test::grid_network("a b c", {">cba"});
    const network::Snapper snapper3(westwards.graph);
    const auto west = isochrones(westwards.graph, snapper3, site, 0, {17.2}, options);
    CHECK(geometry::area(west[0].area) == Approx(stadium(20.0, 50.0)).epsilon(1e-9)); // x = 0 .. 50
}

TEST_CASE("isochrone has a hole where a ring road encloses a park", "[catchment][isochrone]") {
    //   a ---- b ---- c     a ring of 1,000 m edges at 10 m/s around a 2,000 m square park
    //   |             |     with no roads inside. From a, the far corner h is 400 s away.
    //   d             e
    //   |             |
    //   f ---- g ---- h
    const auto grid = test::grid_network("a b c\n"
                                         "d   e\n"
                                         "f g h\n",
                                         {"abc", "ceh", "hgf", "fda"}, test::GridSpec{.spacing_m = 1000.0});
    const network::Snapper snapper(grid.graph);
    IsochroneOptions options;
    options.road_buffer_m = 100.0;
    const auto rings = isochrones(grid.graph, snapper, Site{"a", grid.position('a')}, 0, {350.0, 500.0}, options);
    REQUIRE(rings.size() == 2);
    // 350 s: 3,500 m each way round, 1,000 m of ring around h unreached (more than the two
    // bands of 100 m can bridge): no hole.
    CHECK(hole_count(rings[0].area) == 0);
    // 500 s: the whole ring. The hole is the park less the band inside it, a square of
    // 2,000 - 2 * 100 = 1,800 m (sharp inner corners): 3,240,000 m2. The outer boundary is a
    // 2,200 m square with corners rounded by quarter 32-gons: 2,200^2 - 4 r^2 +
    // 4 * 4 r^2 sin(pi/16) = 4,831,214.45; the band is 1,591,214.45 m2.
    REQUIRE(std::holds_alternative<geometry::Polygon>(rings[1].area));
    const auto &polygon = std::get<geometry::Polygon>(rings[1].area);
    REQUIRE(polygon.holes.size() == 1);
    CHECK(geometry::area(geometry::Polygon{polygon.holes[0], {}}) == Approx(1800.0 * 1800.0).epsilon(1e-12));
    const double outer = 2200.0 * 2200.0 - 4.0 * 100.0 * 100.0 + 16.0 * 100.0 * 100.0 * sin_pi_16;
    CHECK(geometry::area(rings[1].area) == Approx(outer - 1800.0 * 1800.0).epsilon(1e-9));
    CHECK(geometry::area(rings[1].area) == Approx(1591214.45).margin(0.01));
    // The middle of the park is not in the isochrone; the ring is.
    CHECK(geometry::distance(geometry::Geometry{grid_point(1000.0, 1000.0)}, rings[1].area) == Approx(900.0));
    check_nested(rings);
}

TEST_CASE("isochrones are valid, nested, and cover every node reached in time", "[catchment][isochrone]") {
    // A 12 x 9 lattice of 100 m blocks at 10 m/s, every fifth edge one-way, some slower.
    const network::Graph graph = varied_lattice(12, 9, 5, 7, 3);
    const network::Snapper snapper(graph);
    const Site site{"s", grid_point(537.0, 418.0)};
    IsochroneOptions options;
    options.road_buffer_m = 30.0;
    const std::vector<double> cutoffs{20.0, 45.0, 60.0, 90.0, 120.0, 200.0};
    const auto rings = isochrones(graph, snapper, site, 3, cutoffs, options);
    REQUIRE(rings.size() == cutoffs.size());
    check_nested(rings);

    const std::vector<double> cost = costs_from(graph, snapper, site, options);
    for (const Catchment &ring : rings) {
        for (network::NodeId v = 0; v < graph.node_count(); ++v) {
            if (cost[v] <= ring.cutoff) {
                CHECK(geometry::distance(geometry::Geometry{graph.node_position[v]}, ring.area) == 0.0);
            }
        }
    }
}

TEST_CASE("isochrones on a lattice are the union of the bands around each reached stretch",
          "[catchment][isochrone]") {
    // A 30 x 30 lattice of 100 m blocks at 10 m/s, every third edge three times slower and
    // every eleventh one way, so stretches are reached in part at many fractions. Bands of
    // 30 m leave a hole in every block reached all round. The site is on a node, so its own
    // edge is reached like any other from that node.
    const network::Graph graph = varied_lattice(30, 30, 11, 3, 1);
    const network::Snapper snapper(graph);
    const Site site{"s", grid_point(1400.0, 1500.0)};
    IsochroneOptions options;
    options.road_buffer_m = 30.0;
    const std::vector<double> cutoffs{60.0, 150.0, 240.0};
    const auto rings = isochrones(graph, snapper, site, 0, cutoffs, options);
    REQUIRE(rings.size() == cutoffs.size());
    check_nested(rings);

    // The reached stretches, worked out here on their own: an edge is reached from `from` for
    // the fraction (cutoff - cost(from)) / forward seconds and from `to` likewise backwards.
    const auto snap = snapper.snap(site.location, options.max_snap_m);
    REQUIRE(snap);
    REQUIRE(snap->distance_m == 0.0);
    const std::vector<double> cost = costs_from(graph, snapper, site, options);
    const auto part = [](double budget, double seconds) {
        return std::isfinite(seconds) && budget > 0.0 ? std::min(1.0, budget / seconds) : 0.0;
    };
    for (const Catchment &ring : rings) {
        INFO("cutoff " << ring.cutoff << " s");
        std::vector<geometry::LineString> stretches;
        for (const network::Edge &edge : graph.edges) {
            const double ahead = part(ring.cutoff - cost[edge.from], edge.forward_seconds);
            const double behind = part(ring.cutoff - cost[edge.to], edge.backward_seconds);
            const geometry::Point a = graph.node_position[edge.from];
            const geometry::Point b = graph.node_position[edge.to];
            const auto at = [&](double f) { return geometry::Point{a.x + f * (b.x - a.x), a.y + f * (b.y - a.y)}; };
            if (ahead + behind >= 1.0) {
                stretches.push_back(geometry::LineString{{a, b}});
                continue;
            }
            if (ahead > 0.0) {
                stretches.push_back(geometry::LineString{{a, at(ahead)}});
            }
            if (behind > 0.0) {
                stretches.push_back(geometry::LineString{{at(1.0 - behind), b}});
            }
        }
        REQUIRE(stretches.size() > 20);
        // Every reached stretch lies inside (11 points along each).
        std::size_t outside = 0;
        for (const geometry::LineString &stretch : stretches) {
            for (int k = 0; k <= 10; ++k) {
                const double f = k / 10.0;
                const geometry::Point p{stretch.points[0].x + f * (stretch.points[1].x - stretch.points[0].x),
                                        stretch.points[0].y + f * (stretch.points[1].y - stretch.points[0].y)};
                outside += geometry::distance(geometry::Geometry{p}, ring.area) > 0.0 ? 1U : 0U;
            }
        }
        CHECK(outside == 0);
        // The same region as the union of each stretch's own buffer (GEOS, 8 segments a
        // quarter circle), up to where the chords of round joins and caps fall: a chord of a
        // 32-gon is at most r (1 - cos(pi/32)) = 0.14 m inside the circle of r = 30 m, so over
        // a boundary a few km long the areas differ by a few hundred m2 at most against some
        // 10^5 to 10^6 m2.
        geometry::MultiPolygon bands;
        for (const geometry::LineString &stretch : stretches) {
            bands.polygons.push_back(std::get<geometry::Polygon>(geometry::buffer(stretch, options.road_buffer_m)));
        }
        const geometry::Geometry expected = geometry::unary_union(bands);
        CHECK(difference_area(ring.area, expected) < 1e-3 * geometry::area(expected));
        CHECK(hole_count(ring.area) == hole_count(expected));
    }
    CHECK(hole_count(rings.back().area) > 10);
}

TEST_CASE("isochrones of many sites are drawn in parallel, the same on any thread count",
          "[catchment][isochrone]") {
    const network::Graph graph = network::build_graph(test::lattice_roads(12, 9));
    const network::Snapper snapper(graph);
    // Sites 3 and 5 are 5 km north of the lattice (800 m tall): off the network.
    std::vector<Site> sites;
    for (int i = 0; i < 7; ++i) {
        const bool off = i == 3 || i == 5;
        sites.push_back(Site{"s" + std::to_string(i), grid_point(100.0 * i + 37.0, off ? 5000.0 : 50.0 * i + 11.0)});
    }
    IsochroneOptions options;
    options.road_buffer_m = 30.0;
    const std::vector<double> cutoffs{40.0, 90.0};
    // One site at a time, as isochrones() draws them.
    std::vector<Catchment> serial;
    for (std::size_t i = 0; i < sites.size(); ++i) {
        if (i != 3 && i != 5) {
            const auto some = isochrones(graph, snapper, sites[i], i, cutoffs, options);
            serial.insert(serial.end(), some.begin(), some.end());
        }
    }
    REQUIRE(serial.size() == 10);
    for (const unsigned threads : {1U, 2U, 3U}) {
        INFO(threads << " threads");
        std::vector<std::size_t> off_network;
        const auto all = catchment::isochrones_of_sites(graph, snapper, sites, cutoffs, options, threads, &off_network);
        CHECK(off_network == std::vector<std::size_t>{3, 5});
        REQUIRE(all.size() == serial.size());
        for (std::size_t k = 0; k < all.size(); ++k) {
            CHECK(all[k].asset == serial[k].asset);
            CHECK(all[k].asset_id == serial[k].asset_id);
            CHECK(all[k].cutoff == serial[k].cutoff);
            CHECK(all[k].area == serial[k].area); // the same vertices, bit for bit
        }
        // Without a list for them, the first site off the network (in site order) is the error.
        const auto error = test::error_of(
            [&] { catchment::isochrones_of_sites(graph, snapper, sites, cutoffs, options, threads); });
        CHECK(error.code() == Errc::unreachable);
        CHECK(error.problem() == "site 's3' is further than 1000 m from any road, so it has no isochrone");
    }
}

TEST_CASE("isochrone arguments", "[catchment][isochrone][bad-input]") {
    const auto grid = test::grid_network("a b", {"ab"});
    const network::Snapper snapper(grid.graph);
    const Site site{"gp", grid_point(50.0, 10.0)};
    CHECK(test::message_of([&] { isochrones(grid.graph, snapper, site, 0, {60.0, 30.0}); }) ==
          "isochrone cutoffs must be in increasing order: 30 s comes after 60 s");
    CHECK(test::code_of([&] { isochrones(grid.graph, snapper, site, 0, {0.0}); }) == Errc::argument);
    CHECK(test::code_of([&] { isochrones(grid.graph, snapper, site, 0, {-5.0}); }) == Errc::argument);
    CHECK(test::code_of([&] { isochrones(grid.graph, snapper, site, 0, {std::nan("")}); }) == Errc::argument);
    IsochroneOptions no_band;
    no_band.road_buffer_m = 0.0;
    CHECK(test::code_of([&] { isochrones(grid.graph, snapper, site, 0, {60.0}, no_band); }) == Errc::argument);
    const Site far{"far", grid_point(50.0, 5000.0)};
    const auto error = test::error_of([&] { isochrones(grid.graph, snapper, far, 0, {60.0}); });
    CHECK(error.code() == Errc::unreachable);
    CHECK(error.problem() == "site 'far' is further than 1000 m from any road, so it has no isochrone");
    // No cutoffs, no isochrones; a cutoff shorter than the walk to the road reaches nothing.
    CHECK(isochrones(grid.graph, snapper, site, 0, {}).empty());
    const auto none = isochrones(grid.graph, snapper, site, 0, {5.0, 60.0}); // the walk takes 7.2 s
    REQUIRE(none.size() == 2);
    CHECK(geometry::is_empty(none[0].area));
    CHECK_FALSE(geometry::is_empty(none[1].area));
}

TEST_CASE("Rutland: 5, 10 and 15 minute drive isochrones around Oakham library", "[catchment][isochrone][rutland]") {
    const network::Graph graph =
        network::load_network(test::testdata("rutland/rutland-latest.osm.pbf"), test::bng()).graph;
    const network::Snapper snapper(graph);
    const auto libraries = test::read_testdata_layer("rutland/rutland_facilities.gpkg:libraries_2016");
    const std::size_t name = libraries.require_field("name");
    std::optional<Site> oakham;
    for (const auto &feature : libraries.features()) {
        if (io::to_text(feature.values[name]) == "Oakham") {
            oakham = Site{"Oakham", geometry::representative_point(feature.geometry)};
        }
    }
    REQUIRE(oakham);
    const auto rings = isochrones(graph, snapper, *oakham, 1, {300.0, 600.0, 900.0});
    REQUIRE(rings.size() == 3);
    check_nested(rings);
    for (const Catchment &ring : rings) {
        CHECK(geometry::distance(geometry::Geometry{oakham->location}, ring.area) == 0.0);
    }
    // Plausibility (no reference): Rutland is 394 km2; a 15-minute drive from its county town
    // covers a good part of it but not all (the bands cover only land near roads).
    CHECK(geometry::area(rings[0].area) > 1e6);
    CHECK(geometry::area(rings[2].area) < 394e6);
}
