// Snapping and travel-cost matrices on a hand-drawn road, every cost worked out by hand.
//
//   A(0,0) ---------- B(1000,0) ---------- C(2000,0)     (metres east and north of an origin
//        P(250,30)  R(750,10)   Q(1500,-40)                at 430000 360000 in EPSG:27700)
//
// Cars do 10 m/s on both edges; the access leg from a point to the road is walked at the
// default 5 km/h = 1.3889 m/s, so 30 m take 21.6 s, 10 m take 7.2 s and 40 m take 28.8 s.

#include "support/catch.hpp"

#include <pooled/network/graph.hpp>
#include <pooled/network/route_matrix.hpp>
#include <pooled/network/snap.hpp>

#include <cmath>

using namespace pooled;
using namespace pooled::network;

namespace {
constexpr double origin_x = 430000.0;
constexpr double origin_y = 360000.0;

geometry::Point at(double x, double y) { return geometry::Point{origin_x + x, origin_y + y}; }

RoadEdges straight_road(bool bc_one_way) {
    RoadEdges roads;
    roads.crs = crs::WorkingCrs::british_national_grid();
    roads.source = "hand-drawn road";
    roads.edges.push_back(RoadEdge{1, 2, 1000.0, 100.0, 100.0, {at(0, 0), at(1000, 0)}, 1});
    roads.edges.push_back(
        RoadEdge{2, 3, 1000.0, 100.0, bc_one_way ? not_traversable : 100.0, {at(1000, 0), at(2000, 0)}, 2});
    return roads;
}

const std::vector<Located> points{{"P", at(250, 30)}, {"R", at(750, 10)}, {"Q", at(1500, -40)}};
} // namespace

TEST_CASE("points snap to the nearest edge, not the nearest node", "[network][snap]") {
    const Graph graph = build_graph(straight_road(false));
    const Snapper snapper(graph);
    const auto p = snapper.snap(at(250, 30), 100.0);
    REQUIRE(p);
    CHECK(graph.origin_id(p->edge) == 1);
    CHECK(p->fraction == Approx(0.25));
    CHECK(p->distance_m == Approx(30.0));
    CHECK(p->on_road.x == Approx(origin_x + 250.0));
    CHECK(p->on_road.y == Approx(origin_y));
    CHECK_FALSE(snapper.snap(at(250, 300), 100.0)); // 300 m from the road, limit 100 m
}

TEST_CASE("a matrix adds the access legs and the partial edges", "[network][matrix]") {
    const Graph graph = build_graph(straight_road(false));
    const CostMatrix m = route_matrix(graph, points, points);
    REQUIRE(m.origin_count() == 3);
    // P -> Q: 21.6 (walk) + 75 (750 m to B) + 50 (500 m along BC) + 28.8 (walk) = 175.4 s;
    // metres 30 + 750 + 500 + 40 = 1320.
    CHECK(m.at(0, 2) == Approx(175.4));
    CHECK(m.row(0)[2].other == Approx(1320.0));
    // P -> R on the same edge, without passing a junction: 21.6 + 50 + 7.2 = 78.8 s.
    CHECK(m.at(0, 1) == Approx(78.8));
    CHECK(m.row(0)[1].other == Approx(540.0));
    // Symmetric network, symmetric costs.
    CHECK(m.at(2, 0) == Approx(175.4));
    // To itself: walk to the road and back, 21.6 * 2 s.
    CHECK(m.at(0, 0) == Approx(43.2));
    CHECK(m.unit() == CostUnit::seconds);
    CHECK(m.other_unit() == CostUnit::metres);
}

TEST_CASE("one-way edges are honoured at the snapped point", "[network][matrix]") {
    // BC one-way east: from Q nothing leads back west; the graph keeps all components.
    BuildOptions keep_all;
    keep_all.largest_component_only = false;
    const Graph graph = build_graph(straight_road(true), keep_all);
    const CostMatrix m = route_matrix(graph, points, points);
    CHECK(m.at(0, 2) == Approx(175.4)); // P -> Q goes east: allowed
    CHECK(std::isinf(m.at(2, 0)));      // Q -> P would go west along BC: not allowed
    // Q -> Q: walk on, and off again at the same point (no travel along the edge).
    CHECK(m.at(2, 2) == Approx(57.6));
}

TEST_CASE("a cutoff keeps exactly the pairs within it, whatever the thread count", "[network][matrix]") {
    const Graph graph = build_graph(straight_road(false));
    MatrixOptions full_options;
    full_options.threads = 1;
    const CostMatrix full = route_matrix(graph, points, points, full_options);
    MatrixOptions cut;
    cut.cutoff = 100.0;
    cut.threads = 2;
    const CostMatrix within = route_matrix(graph, points, points, cut);
    for (std::size_t i = 0; i < 3; ++i) {
        for (std::size_t j = 0; j < 3; ++j) {
            const double expected = full.at(i, j) <= 100.0 ? full.at(i, j) : std::numeric_limits<double>::infinity();
            CHECK(within.at(i, j) == expected);
        }
    }
    CHECK(within.at(0, 1) == Approx(78.8));
    CHECK(std::isinf(within.at(0, 2)));
}

TEST_CASE("points far from every road are reported, not routed", "[network][matrix][bad-input]") {
    const Graph graph = build_graph(straight_road(false));
    const std::vector<Located> far{{"far", at(1000, 5000)}, {"P", at(250, 30)}};
    MatrixReport report;
    const CostMatrix m = route_matrix(graph, far, far, {}, &report);
    CHECK(report.unsnapped_origins == std::vector<std::string>{"far"});
    CHECK(report.unsnapped_destinations == std::vector<std::string>{"far"});
    CHECK(m.row(0).empty());
    CHECK(m.at(1, 1) == Approx(43.2));
    MatrixOptions negative;
    negative.cutoff = -5.0;
    CHECK_THROWS_AS(route_matrix(graph, far, far, negative), Error);
}

TEST_CASE("a point on a junction leaves by any road, whichever edge it snapped to", "[network][matrix][snap]") {
    // A(0,0) -> B(100,0) one-way; B-C, C-D, D-A two-way; every edge 100 m at 10 s. A point
    // exactly at A snaps to edge A->B at fraction 0 (the lowest edge id there). From A, D is one
    // edge away the other way round: 10 s, not 30 s via B and C (found by the network benchmark).
    RoadEdges roads;
    roads.crs = crs::WorkingCrs::british_national_grid();
    roads.source = "square";
    roads.edges.push_back(RoadEdge{1, 2, 100.0, 10.0, not_traversable, {at(0, 0), at(100, 0)}, 1});
    roads.edges.push_back(RoadEdge{2, 3, 100.0, 10.0, 10.0, {at(100, 0), at(100, 100)}, 2});
    roads.edges.push_back(RoadEdge{3, 4, 100.0, 10.0, 10.0, {at(100, 100), at(0, 100)}, 3});
    roads.edges.push_back(RoadEdge{4, 1, 100.0, 10.0, 10.0, {at(0, 100), at(0, 0)}, 4});
    const Graph graph = build_graph(roads);
    const std::vector<Located> corners{{"A", at(0, 0)}, {"D", at(0, 100)}, {"B", at(100, 0)}};
    const CostMatrix m = route_matrix(graph, corners, corners);
    CHECK(m.at(0, 1) == Approx(10.0)); // A -> D along D-A
    CHECK(m.at(1, 0) == Approx(10.0)); // D -> A
    CHECK(m.at(0, 2) == Approx(10.0)); // A -> B along the one-way
    CHECK(m.at(2, 0) == Approx(30.0)); // B -> A must go round the one-way: B-C-D-A
}
