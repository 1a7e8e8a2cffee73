// Allocation of zones to their fastest site, zone -> site, on hand-drawn networks with one-way
// streets (costs by hand), and against the brute force: a zones x sites route_matrix and its
// row minima; then on Rutland's drive network.
// Access legs are walked at the default 5 km/h: 10 m take 7.2 s.

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/grid_network.hpp"
#include "support/layers.hpp"

#include <pooled/catchment/allocation.hpp>
#include <pooled/geometry/algorithms.hpp>
#include <pooled/network/load.hpp>
#include <pooled/network/route_matrix.hpp>
#include <pooled/network/search.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace pooled;
using catchment::Allocation;
using catchment::allocate_to_nearest;
using catchment::Site;

namespace {

geometry::Point grid_point(double dx, double dy) {
    return geometry::Point{test::grid_origin_x + dx, test::grid_origin_y + dy};
}

/// The brute force: every zone's row of a zones x sites matrix, and its minimum (the first,
/// i.e. smallest, site among equal costs).
std::vector<Allocation> by_matrix(const network::Graph &graph, const std::vector<geometry::Point> &zones,
                                  const std::vector<Site> &sites) {
    std::vector<network::Located> origins;
    for (std::size_t i = 0; i < zones.size(); ++i) {
        origins.push_back(network::Located{"zone" + std::to_string(i), zones[i]});
    }
    std::vector<network::Located> destinations;
    for (const Site &site : sites) {
        destinations.push_back(network::Located{site.id, site.location});
    }
    const network::CostMatrix matrix = network::route_matrix(graph, origins, destinations);
    std::vector<Allocation> result;
    for (std::size_t z = 0; z < zones.size(); ++z) {
        Allocation best;
        best.zone = z;
        for (const network::MatrixEntry &entry : matrix.row(z)) { // sorted by site
            if (entry.cost < best.seconds) {
                best.site = entry.destination;
                best.seconds = entry.cost;
                best.metres = entry.other;
            }
        }
        result.push_back(best);
    }
    return result;
}

/// Same sites, same times; the lengths of the chosen paths too. Times are sums of the same
/// terms in another order (the search runs from the sites, the matrix from the zone), so they
/// may differ in the last bits: 1e-12 relative.
void check_same(const std::vector<Allocation> &got, const std::vector<Allocation> &expected) {
    REQUIRE(got.size() == expected.size());
    for (std::size_t z = 0; z < got.size(); ++z) {
        INFO("zone " << z);
        CHECK(got[z].zone == z);
        CHECK(got[z].site == expected[z].site);
        if (expected[z].site) {
            CHECK(got[z].seconds == Approx(expected[z].seconds).epsilon(1e-12));
            CHECK(got[z].metres == Approx(expected[z].metres).epsilon(1e-12));
        } else {
            CHECK(std::isinf(got[z].seconds));
            CHECK(std::isinf(got[z].metres));
        }
    }
}

//   a - b - c - d - e      100 m apart, the main road two-way at 10 m/s;
//           v       ^      a bypass one way c > f > g > e at 50 m/s (400 m in 8 s).
//           f ----> g
test::GridNetwork bypass_map() {
    return test::grid_network("a b c d e\n"
                              "    f   g\n",
                              {"abcde", ">cfge:50"});
}

} // namespace

TEST_CASE("allocation is by the time from the zone to the site, one-way streets and all", "[catchment][allocation]") {
    const auto grid = bypass_map();
    const network::Snapper snapper(grid.graph);
    // Sites 10 m north of the road: S0 near a (a - b at 0.1), S1 near e (d - e at 0.9).
    const std::vector<Site> sites{{"S0", grid_point(10.0, 110.0)}, {"S1", grid_point(390.0, 110.0)}};
    const std::vector<geometry::Point> zones{
        grid_point(190.0, 110.0),  // Z0: b - c at 0.9
        grid_point(300.0, -10.0),  // Z1: on the bypass f > g, half way, 10 m south
        grid_point(40.0, 110.0),   // Z2: a - b at 0.4, on S0's edge
        grid_point(0.0, 5000.0),   // Z3: 4.9 km from any road
        grid_point(290.0, 110.0),  // Z4: c - d at 0.9
    };
    const auto got = allocate_to_nearest(grid.graph, snapper, zones, sites);
    REQUIRE(got.size() == 5);
    // Z0 -> S1: walk 7.2, 10 m to c 1 s, bypass 8 s, e back to S1 1 s, walk 7.2 = 24.4 s
    // (10 + 10 + 400 + 10 + 10 = 440 m); along the main road it would be 34.4 s, and to S0
    // 7.2 + 9 + 9 + 7.2 = 32.4 s.
    CHECK(got[0].site == 1U);
    CHECK(got[0].seconds == Approx(24.4));
    CHECK(got[0].metres == Approx(440.0));
    // Z1 -> S1: only on along the bypass: 7.2 + 2 (to g) + 2 (to e) + 1 + 7.2 = 19.4 s, 230 m.
    CHECK(got[1].site == 1U);
    CHECK(got[1].seconds == Approx(19.4));
    CHECK(got[1].metres == Approx(230.0));
    // Z2 -> S0 along their shared edge, 30 m back west: 7.2 + 3 + 7.2 = 17.4 s, 50 m.
    CHECK(got[2].site == 0U);
    CHECK(got[2].seconds == Approx(17.4));
    CHECK(got[2].metres == Approx(50.0));
    // Z3 is off the network.
    CHECK_FALSE(got[3].site);
    CHECK(std::isinf(got[3].seconds));
    // Z4 -> S1: 7.2 + 1 (to d) + 9 (to S1) + 7.2 = 24.4 s, 120 m; to S0 it would be 42.4 s.
    CHECK(got[4].site == 1U);
    CHECK(got[4].seconds == Approx(24.4));
    CHECK(got[4].metres == Approx(120.0));
    check_same(got, by_matrix(grid.graph, zones, sites));

    // The other direction differs: from the sites, Z0 is nearer S0 (32.4 s) than S1 (34.4 s,
    // the bypass does not run back), which an allocation by site -> zone would have used.
    std::vector<network::Located> from_sites;
    for (const Site &site : sites) {
        from_sites.push_back(network::Located{site.id, site.location});
    }
    const std::vector<network::Located> to_z0{{"Z0", zones[0]}};
    const auto site_to_zone = network::route_matrix(grid.graph, from_sites, to_z0);
    CHECK(site_to_zone.at(0, 0) == Approx(32.4));
    CHECK(site_to_zone.at(1, 0) == Approx(34.4));
}

TEST_CASE("allocation: equally fast sites go to the smaller index", "[catchment][allocation]") {
    //   d - a - b - c - e     100 m at 10 m/s; site 1 half way d - a, site 0 half way c - e,
    //           |             both 10 m north; the zone half way down b - f, 10 m east.
    //           f
    const auto grid = test::grid_network("d a b c e\n"
                                         "    f\n",
                                         {"dabce", "bf"});
    const network::Snapper snapper(grid.graph);
    const std::vector<Site> sites{{"east", grid_point(350.0, 110.0)}, {"west", grid_point(50.0, 110.0)}};
    const std::vector<geometry::Point> zones{grid_point(210.0, 50.0)};
    const auto got = allocate_to_nearest(grid.graph, snapper, zones, sites);
    REQUIRE(got.size() == 1);
    // 7.2 + 5 (to b) + 10 (to a or c) + 5 + 7.2 = 34.4 s either way, 220 m: site 0.
    CHECK(got[0].site == 0U);
    CHECK(got[0].seconds == Approx(34.4));
    CHECK(got[0].metres == Approx(220.0));
    check_same(got, by_matrix(grid.graph, zones, sites));

    // The tie is settled in the search itself (its heap is keyed by cost, then source): b is
    // as fast from a (the west site's start, source 1, settled first as 'a' < 'c') as from c
    // (source 0) and goes to source 0. (BoundedSearch used to keep the first-settled source,
    // 1, and allocation.cpp re-derived the smaller site index in a post-pass, now deleted.)
    const network::Graph backwards = network::reversed(grid.graph);
    network::BoundedSearch search(backwards, network::Cost::seconds);
    const std::vector<network::Start> starts{{grid.node('c'), 12.2, 60.0, 0}, {grid.node('e'), 12.2, 60.0, 0},
                                             {grid.node('d'), 12.2, 60.0, 1}, {grid.node('a'), 12.2, 60.0, 1}};
    search.run(starts);
    CHECK(search.cost_to(grid.node('b')) == Approx(22.2));
    CHECK(search.source_of(grid.node('b')) == 0U);
}

TEST_CASE("allocation equals the row minima of the matrix on a lattice with one-way streets",
          "[catchment][allocation]") {
    // 15 x 10 junctions 100 m apart; every third edge one-way, every seventh 2.5 times slower.
    network::RoadEdges roads = test::lattice_roads(15, 10);
    for (std::size_t i = 0; i < roads.edges.size(); ++i) {
        if (i % 3 == 1) {
            roads.edges[i].backward_seconds = network::not_traversable;
        }
        if (i % 7 == 2) {
            roads.edges[i].forward_seconds *= 2.5;
            if (std::isfinite(roads.edges[i].backward_seconds)) {
                roads.edges[i].backward_seconds *= 2.5;
            }
        }
    }
    const network::Graph graph = network::build_graph(roads);
    const network::Snapper snapper(graph);
    std::vector<Site> sites;
    for (int i = 0; i < 4; ++i) {
        sites.push_back(Site{"s" + std::to_string(i), grid_point(130.0 + 370.0 * i, 40.0 + 210.0 * i)});
    }
    std::vector<geometry::Point> zones;
    for (int x = 0; x < 15; ++x) {
        for (int y = 0; y < 10; ++y) {
            zones.push_back(grid_point(17.0 + 97.0 * x, 33.0 + 89.0 * y));
        }
    }
    const auto got = allocate_to_nearest(graph, snapper, zones, sites);
    check_same(got, by_matrix(graph, zones, sites));
    for (const Allocation &a : got) {
        CHECK(a.site);
    }
}

TEST_CASE("allocation arguments and empty inputs", "[catchment][allocation][bad-input]") {
    const auto grid = bypass_map();
    const network::Snapper snapper(grid.graph);
    const std::vector<geometry::Point> zones{grid_point(190.0, 110.0)};
    // No sites, or none on the network: nobody is allocated.
    const auto none = allocate_to_nearest(grid.graph, snapper, zones, {});
    REQUIRE(none.size() == 1);
    CHECK_FALSE(none[0].site);
    const auto far = allocate_to_nearest(grid.graph, snapper, zones, {Site{"far", grid_point(0.0, 9000.0)}});
    CHECK_FALSE(far[0].site);
    CHECK(allocate_to_nearest(grid.graph, snapper, {}, {Site{"S", grid_point(10.0, 110.0)}}).empty());
    network::AccessLeg standing;
    standing.speed_mps = 0.0;
    CHECK(test::code_of([&] { allocate_to_nearest(grid.graph, snapper, zones, {}, 1000.0, standing); }) ==
          Errc::argument);
    CHECK(test::code_of([&] { allocate_to_nearest(grid.graph, snapper, zones, {}, -1.0); }) == Errc::argument);
}

TEST_CASE("Rutland: OA centroids to their fastest GP practice by car", "[catchment][allocation][rutland]") {
    const network::Graph graph =
        network::load_network(test::testdata("rutland/rutland-latest.osm.pbf"), test::bng()).graph;
    const network::Snapper snapper(graph);
    const auto oas = test::read_testdata_layer("rutland/rutland_zones.gpkg:oa21_pwc");
    std::vector<geometry::Point> zones;
    for (const auto &feature : oas.features()) {
        zones.push_back(geometry::representative_point(feature.geometry));
    }
    const auto practices = test::read_testdata_layer("rutland/rutland_facilities.gpkg:gp_practices_2022");
    const std::size_t code = practices.require_field("code");
    std::vector<Site> sites;
    for (const auto &feature : practices.features()) {
        sites.push_back(Site{io::to_text(feature.values[code]), geometry::representative_point(feature.geometry)});
    }
    REQUIRE(zones.size() == 128);
    REQUIRE(sites.size() == 19);
    const auto got = allocate_to_nearest(graph, snapper, zones, sites);
    check_same(got, by_matrix(graph, zones, sites));
    for (const Allocation &a : got) {
        CHECK(a.site);
        CHECK(a.seconds < 3600.0);
    }
}

TEST_CASE("straight-line allocation takes the nearest site, ties to the smaller index", "[catchment][allocation]") {
    using pooled::catchment::allocate_to_nearest_straight;
    using pooled::catchment::Site;
    using pooled::geometry::Point;
    // Sites at x = 0 and x = 10 on a line; zones at 3 (nearer the first, 3 m), 5 (a tie: 5 m to
    // both, so the first) and 9 (nearer the second, 1 m).
    const std::vector<Site> sites{{"west", Point{0, 0}}, {"east", Point{10, 0}}};
    const auto a = allocate_to_nearest_straight({Point{3, 0}, Point{5, 0}, Point{9, 0}}, sites);
    REQUIRE(a.size() == 3);
    CHECK(a[0].site == 0U);
    CHECK(a[0].metres == 3.0);
    CHECK(a[1].site == 0U);
    CHECK(a[1].metres == 5.0);
    CHECK(a[2].site == 1U);
    CHECK(a[2].metres == 1.0);
    CHECK(std::isnan(a[2].seconds));
    CHECK_FALSE(allocate_to_nearest_straight({Point{1, 1}}, {})[0].site.has_value());
}
