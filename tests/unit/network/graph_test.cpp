#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/grid_network.hpp"

#include <pooled/core/error.hpp>
#include <pooled/network/graph.hpp>
#include <pooled/network/profile.hpp>
#include <pooled/network/search.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

using pooled::Errc;
using pooled::geometry::Point;
using pooled::network::BuildOptions;
using pooled::network::BuildReport;
using pooled::network::Graph;
using pooled::network::NodeId;
using pooled::network::not_traversable;
using pooled::network::RoadEdge;
using pooled::network::RoadEdges;
using pooled::test::code_of;
using pooled::test::message_of;

namespace {

constexpr float inf_f = std::numeric_limits<float>::infinity();

RoadEdge road(std::uint64_t source, std::uint64_t target, double metres, double forward, double backward,
              std::int64_t origin_id, std::vector<Point> shape = {}) {
    RoadEdge edge;
    edge.source = source;
    edge.target = target;
    edge.metres = metres;
    edge.forward_seconds = forward;
    edge.backward_seconds = backward;
    edge.origin_id = origin_id;
    edge.shape = std::move(shape);
    return edge;
}

// Junctions 100 at (0, 0), 200 at (30, 0), 300 at (0, 50), in the road edges' own order:
//   e0  300 -> 100   50 m, 5 s forwards, 6 s backwards       (feature 10)
//   e1  100 -> 200   30 m, 3 s forwards, closed backwards    (feature 11)
//   e2  200 -> 200   a self-loop                             (feature 12, dropped)
//   e3  300 -> 200   closed both ways                        (feature 13, dropped)
//   e4  100 -> 300   70 m, 7 s both ways (parallel to e0)    (feature 14)
//   e5  200 -> 300   20 m, 2 s both ways                     (feature 15)
RoadEdges three_junctions() {
    RoadEdges roads;
    roads.crs = pooled::test::grid_crs();
    roads.source = "roads.csv";
    const Point p100{0, 0};
    const Point p200{30, 0};
    const Point p300{0, 50};
    roads.edges = {
        road(300, 100, 50, 5, 6, 10, {p300, p100}),
        road(100, 200, 30, 3, not_traversable, 11, {p100, p200}),
        road(200, 200, 10, 1, 1, 12, {p200, Point{35, 5}, p200}),
        road(300, 200, 40, not_traversable, not_traversable, 13, {p300, p200}),
        road(100, 300, 70, 7, 7, 14, {p100, Point{-20, 25}, p300}),
        road(200, 300, 20, 2, 2, 15, {p200, p300}),
    };
    return roads;
}

} // namespace

TEST_CASE("profiles have names and parse back", "[network][profile]") {
    using pooled::network::Profile;
    for (const Profile p : {Profile::drive, Profile::walk, Profile::cycle}) {
        CHECK(pooled::network::parse_profile(pooled::network::profile_name(p)) == p);
    }
    CHECK(std::string(pooled::network::profile_name(Profile::cycle)) == "cycle");
    CHECK(pooled::network::parse_profile("Walk") == Profile::walk);
    CHECK(code_of([] { pooled::network::parse_profile("bus"); }) == Errc::argument);
    CHECK(pooled::test::contains(message_of([] { pooled::network::parse_profile("bus"); }), "drive, walk, cycle"));
}

TEST_CASE("build_graph: dense ids in key order, arcs sorted by head then edge", "[network][graph]") {
    BuildReport report;
    const Graph g = pooled::network::build_graph(three_junctions(), {}, &report);

    // Keys 100, 200, 300 -> nodes 0, 1, 2.
    REQUIRE(g.node_count() == 3);
    CHECK(g.node_key == std::vector<std::uint64_t>{100, 200, 300});
    CHECK(g.node_of_key(300) == 2);
    CHECK(g.source == "roads.csv");

    // Kept edges in input order: e0, e1, e4, e5 -> edges 0..3 (the self-loop and the closed
    // edge are dropped). Edge::from is the source junction even when its key is larger.
    REQUIRE(g.edges.size() == 4);
    CHECK(g.edges[0].from == 2);
    CHECK(g.edges[0].to == 0);
    CHECK(g.edges[0].metres == 50.0F);
    CHECK(g.edges[0].forward_seconds == 5.0F);
    CHECK(g.edges[0].backward_seconds == 6.0F);
    CHECK(g.origin_id(0) == 10);
    CHECK(std::vector<Point>(g.shape(0).begin(), g.shape(0).end()) == std::vector<Point>{{0, 50}, {0, 0}}); // not reversed
    CHECK(g.shape_first == std::vector<std::uint32_t>{0, 2, 4, 7, 9}); // e0, e1, e4 (3 points), e5, flat
    CHECK(g.shape_points.size() == 9);
    CHECK(g.edges[1].backward_seconds == inf_f);
    CHECK(g.origin_id(2) == 14);
    CHECK(g.origin_id(3) == 15);

    // Arcs by tail, then head, then edge:
    //   node 0: ->1 (edge 1, 3 s, 30 m), ->2 (edge 0 backwards, 6 s, 50 m), ->2 (edge 2, 7 s, 70 m)
    //   node 1: ->2 (edge 3, 2 s, 20 m)
    //   node 2: ->0 (edge 0, 5 s, 50 m), ->0 (edge 2, 7 s, 70 m), ->1 (edge 3, 2 s, 20 m)
    CHECK(g.first_out == std::vector<std::uint32_t>{0, 3, 4, 7});
    CHECK(g.head == std::vector<NodeId>{1, 2, 2, 2, 0, 0, 1});
    CHECK(g.arc_edge == std::vector<std::uint32_t>{1, 0, 2, 3, 0, 2, 3});
    CHECK(g.seconds == std::vector<float>{3, 6, 7, 2, 5, 7, 2});
    CHECK(g.metres == std::vector<float>{30, 50, 70, 20, 50, 70, 20});
    CHECK(g.arc_count() == 7);

    // Positions from the shapes' end points.
    REQUIRE(g.has_coordinates());
    CHECK(g.node_position == std::vector<Point>{{0, 0}, {30, 0}, {0, 50}});
    CHECK(g.crs.has_value());

    // 0 -> 1 -> 2 -> 0 is a cycle, so one component of all three nodes.
    CHECK(report.input_edges == 6);
    CHECK(report.dropped_edges == 2);
    REQUIRE(report.components.size() == 1);
    CHECK(report.components[0].nodes == 3);
    CHECK(report.components[0].example == 0);
    CHECK(report.components[0].extent == pooled::geometry::Box{0, 0, 30, 50});
}

TEST_CASE("build_graph: positions are all or nothing", "[network][graph]") {
    RoadEdges roads = three_junctions();
    roads.edges[5].shape.clear(); // one kept edge without a shape
    Graph g = pooled::network::build_graph(roads);
    CHECK_FALSE(g.has_coordinates());
    CHECK(g.node_position.empty());
    CHECK(g.shape(0).empty()); // shapes too: they are only kept with positions
    CHECK(g.shape_points.empty());

    roads = three_junctions();
    roads.edges[2].shape.clear(); // a dropped self-loop without a shape does not matter
    CHECK(pooled::network::build_graph(roads).has_coordinates());

    roads = three_junctions();
    roads.crs.reset(); // no CRS: no positions
    g = pooled::network::build_graph(roads);
    CHECK_FALSE(g.has_coordinates());
    CHECK_FALSE(g.crs.has_value());
}

TEST_CASE("build_graph: bad lengths and times name the source and the feature", "[network][graph]") {
    const auto with = [](auto change) {
        RoadEdges roads = three_junctions();
        roads.edges[3].origin_id = 12;
        change(roads.edges[3]);
        return roads;
    };
    const RoadEdges negative = with([](RoadEdge &e) { e.metres = -3; });
    CHECK(code_of([&] { pooled::network::build_graph(negative); }) == Errc::data);
    CHECK(message_of([&] { pooled::network::build_graph(negative); }) == "negative length -3 (roads.csv, feature 12)");

    const RoadEdges nan_length = with([](RoadEdge &e) { e.metres = std::nan(""); });
    CHECK(message_of([&] { pooled::network::build_graph(nan_length); }) ==
          "length is not a number (roads.csv, feature 12)");

    // Checked even on an edge closed both ways (the data are wrong all the same).
    const RoadEdges negative_time = with([](RoadEdge &e) { e.forward_seconds = -2.5; });
    CHECK(code_of([&] { pooled::network::build_graph(negative_time); }) == Errc::data);
    CHECK(message_of([&] { pooled::network::build_graph(negative_time); }) ==
          "negative travel time -2.5 s forwards (roads.csv, feature 12)");

    const RoadEdges nan_time = with([](RoadEdge &e) { e.backward_seconds = std::nan(""); });
    CHECK(message_of([&] { pooled::network::build_graph(nan_time); }) ==
          "travel time backwards is not a number (roads.csv, feature 12)");

    const pooled::Error error = pooled::test::error_of([&] { pooled::network::build_graph(negative); });
    CHECK(error.where().path == "roads.csv");
    CHECK(error.where().feature == 12);

    // Without an origin id, the edge's position in the input is named instead.
    const RoadEdges anonymous = with([](RoadEdge &e) {
        e.metres = -1;
        e.origin_id = -1;
    });
    CHECK(message_of([&] { pooled::network::build_graph(anonymous); }) ==
          "negative length -1 at road edge 3 (roads.csv)");
}

TEST_CASE("build_graph: a network without a usable road is an error", "[network][graph]") {
    RoadEdges roads;
    roads.source = "roads.csv";
    CHECK(code_of([&] { pooled::network::build_graph(roads); }) == Errc::data);
    CHECK(message_of([&] { pooled::network::build_graph(roads); }) == "the network has no roads (roads.csv)");

    roads.edges = {road(1, 1, 5, 1, 1, 0), road(1, 2, 5, not_traversable, not_traversable, 1)};
    CHECK(message_of([&] { pooled::network::build_graph(roads); }) == "the network has no roads (roads.csv)");

    // A single one-way road: its two junctions are separate components of one node each, so
    // keeping the largest component leaves no road; keeping everything leaves one arc.
    roads.edges = {road(1, 2, 5, 1, not_traversable, 0)};
    CHECK(code_of([&] { pooled::network::build_graph(roads); }) == Errc::data);
    const Graph all = pooled::network::build_graph(roads, BuildOptions{.largest_component_only = false});
    CHECK(all.arc_count() == 1);
}

TEST_CASE("node_of_key names a missing key and the source", "[network][graph]") {
    const Graph g = pooled::network::build_graph(three_junctions());
    CHECK(g.node_of_key(100) == 0);
    CHECK(code_of([&] { (void)g.node_of_key(999); }) == Errc::argument);
    CHECK(message_of([&] { (void)g.node_of_key(999); }) == "no node with id 999 (roads.csv)");
    CHECK(code_of([&] { (void)g.node_of_key(150); }) == Errc::argument); // between two keys
}

TEST_CASE("zero-length edges and parallel edges are kept", "[network][graph]") {
    // a -- b with two ways (parallel edges) and a zero-length edge from b to a junction z at b.
    auto grid = pooled::test::grid_network("a b", {"ab:5", "ab:20"});
    RoadEdge zero = road('b', 'z', 0, 0, 0, 7, {grid.position('b'), grid.position('b')});
    grid.roads.edges.push_back(zero);
    grid.rebuild(BuildOptions{});
    const Graph &g = grid.graph;
    CHECK(g.node_count() == 3);
    CHECK(g.edges.size() == 3);
    // z sits where b is: the zero-length edge's end point.
    CHECK(g.node_position[grid.node('z')] == grid.position('b'));
    // a has two arcs to b, edge 0 (100 m at 5 m/s = 20 s) before edge 1 (100 m at 20 m/s = 5 s).
    const NodeId a = grid.node('a');
    REQUIRE(g.first_out[a + 1] - g.first_out[a] == 2);
    CHECK(g.arc_edge[g.first_out[a]] == 0);
    CHECK(g.seconds[g.first_out[a]] == 20.0F);
    CHECK(g.arc_edge[g.first_out[a] + 1] == 1);
    CHECK(g.seconds[g.first_out[a] + 1] == 5.0F);
    CHECK(grid.report.dropped_edges == 0);
}

TEST_CASE("a disconnected island is dropped with largest_component_only and reported", "[network][graph]") {
    // Letters 100 m apart; x-y is an island 200 m east of c and f.
    const char *map = "a b c   x\n"
                      "d e f   y\n";
    const std::vector<std::string> ways{"abc", "def", "ad", "be", "cf", "xy"};
    const double west = pooled::test::grid_origin_x;
    const double south = pooled::test::grid_origin_y;

    SECTION("kept without the option") {
        const auto grid = pooled::test::grid_network(map, ways);
        CHECK(grid.graph.node_count() == 8);
        CHECK(grid.has_node('x'));
        REQUIRE(grid.report.components.size() == 2);
        CHECK(grid.report.dropped_edges == 0);
    }
    SECTION("dropped with it") {
        const auto grid = pooled::test::grid_network(map, ways, {.largest_component_only = true});
        CHECK(grid.graph.node_count() == 6);
        CHECK_FALSE(grid.has_node('x'));
        CHECK(code_of([&] { (void)grid.node('x'); }) == Errc::argument);
        CHECK(grid.report.dropped_edges == 1); // the way x-y
        CHECK(grid.graph.edges.size() == 7); // a-b, b-c, d-e, e-f, a-d, b-e, c-f
        CHECK(grid.graph.arc_count() == 14);

        // Both components are reported, largest first: a..f (nodes 0..5 before dropping: a is
        // 0) spanning 200 m x 100 m, and x, y (nodes 6, 7) on the line 400 m east of a.
        const auto &components = grid.report.components;
        REQUIRE(components.size() == 2);
        CHECK(components[0].nodes == 6);
        CHECK(components[0].example == 0);
        CHECK(components[0].extent == pooled::geometry::Box{west, south, west + 200, south + 100});
        CHECK(components[1].nodes == 2);
        CHECK(components[1].example == 6);
        CHECK(components[1].extent == pooled::geometry::Box{west + 400, south, west + 400, south + 100});
    }
}

TEST_CASE("ways that cross without a shared junction are not connected (a bridge)", "[network][graph]") {
    // a-b passes over c-d at '+': no junction there. With a junction e instead they meet.
    const auto bridge = pooled::test::grid_network("  c\n"
                                                   "a-+-b\n"
                                                   "  d\n",
                                                   {"ab", "cd"});
    pooled::network::BoundedSearch search(bridge.graph);
    search.run(bridge.node('a'));
    CHECK(search.cost_to(bridge.node('b')) == 20.0); // 200 m at 10 m/s
    CHECK_FALSE(search.reached(bridge.node('c')));
    CHECK_FALSE(search.reached(bridge.node('d')));
    // Two components of two nodes: ties by the smaller node, so {a, b} (a = 0) before {c, d}.
    REQUIRE(bridge.report.components.size() == 2);
    CHECK(bridge.report.components[0].example == 0);
    CHECK(bridge.report.components[1].example == 2);

    const auto crossing = pooled::test::grid_network("  c\n"
                                                     "a-e-b\n"
                                                     "  d\n",
                                                     {"aeb", "ced"});
    pooled::network::BoundedSearch through(crossing.graph);
    through.run(crossing.node('a'));
    CHECK(through.cost_to(crossing.node('c')) == 20.0); // a-e 100 m, e-c 100 m
    CHECK(crossing.report.components.size() == 1);
}

TEST_CASE("strongly connected components of a hand-drawn graph", "[network][graph][scc]") {
    // a->b->c->d->a is a one-way loop {a, b, c, d}; c->e one way into the two-way pair {e, f};
    // f->g one way to {g}. Three components: sizes 4, 2, 1.
    const auto grid = pooled::test::grid_network("a b e\n"
                                                 "d c f g\n",
                                                 {">abcda", ">ce", "ef", ">fg"});
    std::vector<std::uint32_t> component_of;
    const auto components = pooled::network::strongly_connected_components(grid.graph, &component_of);
    REQUIRE(components.size() == 3);
    CHECK(components[0].nodes == 4);
    CHECK(components[0].example == grid.node('a'));
    CHECK(components[1].nodes == 2);
    CHECK(components[1].example == grid.node('e'));
    CHECK(components[2].nodes == 1);
    CHECK(components[2].example == grid.node('g'));
    for (const char c : {'a', 'b', 'c', 'd'}) {
        CHECK(component_of[grid.node(c)] == 0);
    }
    CHECK(component_of[grid.node('e')] == 1);
    CHECK(component_of[grid.node('f')] == 1);
    CHECK(component_of[grid.node('g')] == 2);
    // g is drawn on the second line, 300 m east of d.
    CHECK(components[2].extent.min_x == pooled::test::grid_origin_x + 300);

    // Keeping the largest drops c->e, e-f and f->g.
    const auto kept = pooled::test::grid_network("a b e\n"
                                                 "d c f g\n",
                                                 {">abcda", ">ce", "ef", ">fg"}, {.largest_component_only = true});
    CHECK(kept.graph.node_count() == 4);
    CHECK(kept.report.dropped_edges == 3);
    CHECK(kept.graph.arc_count() == 4);
}

TEST_CASE("strongly connected components of a million-node chain (no recursion)", "[network][graph][scc]") {
    constexpr std::uint32_t n = 1'000'000;
    // 0 -> 1 -> ... -> n-1, built by hand in CSR form: depth-first search goes n deep.
    Graph chain;
    chain.first_out.resize(n + 1);
    for (std::uint32_t v = 0; v <= n; ++v) {
        chain.first_out[v] = v < n ? v : n - 1;
    }
    chain.head.resize(n - 1);
    for (std::uint32_t v = 0; v + 1 < n; ++v) {
        chain.head[v] = v + 1;
    }
    chain.seconds.assign(n - 1, 1.0F);
    chain.metres.assign(n - 1, 1.0F);
    std::vector<std::uint32_t> component_of;
    auto components = pooled::network::strongly_connected_components(chain, &component_of);
    // Every node is its own component; equal sizes are ordered by node id.
    REQUIRE(components.size() == n);
    CHECK(components[0].example == 0);
    CHECK(components[n - 1].example == n - 1);
    CHECK(component_of[12345] == 12345);

    // A back edge n-1 -> 0 closes the loop: one component of every node.
    chain.head.push_back(0);
    chain.first_out[n] = n;
    chain.seconds.push_back(1.0F);
    chain.metres.push_back(1.0F);
    components = pooled::network::strongly_connected_components(chain, &component_of);
    REQUIRE(components.size() == 1);
    CHECK(components[0].nodes == n);

    // The same through build_graph (one-way road edges), which keeps the largest component.
    RoadEdges roads;
    roads.source = "chain";
    roads.edges.reserve(n);
    for (std::uint64_t v = 0; v < n; ++v) {
        roads.edges.push_back(road(v, (v + 1) % n, 1, 1, not_traversable, static_cast<std::int64_t>(v)));
    }
    BuildReport report;
    const Graph built = pooled::network::build_graph(roads, {}, &report);
    CHECK(built.node_count() == n);
    CHECK(built.arc_count() == n);
    CHECK(report.components.size() == 1);
    CHECK(report.dropped_edges == 0);
}
