// Contraction hierarchies and the bucket many-to-many query against plain Dijkstra
// (BoundedSearch): every cost, other measure and source must be the same double, on random
// graphs (both measures, one-way streets, zero-length edges, several starts with access
// costs, cutoffs), on drawn networks and through route_matrix with snapping legs. The
// reference is BoundedSearch, itself checked against Boost.Graph in search_test.cpp.

#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/grid_network.hpp"
#include "support/random_roads.hpp"

#include <pooled/core/random.hpp>
#include <pooled/network/contraction.hpp>
#include <pooled/network/graph.hpp>
#include <pooled/network/route_matrix.hpp>
#include <pooled/network/search.hpp>

#include <cmath>
#include <limits>
#include <vector>

using namespace pooled;
using namespace pooled::network;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

/// Checks ForwardSearch over `targets` against BoundedSearch from the same starts.
void check_against_dijkstra(const Graph &graph, const ContractionHierarchy &ch, std::span<const Start> starts,
                            const std::vector<NodeId> &targets, double limit) {
    const TargetBuckets buckets(ch, targets, limit);
    ForwardSearch forward(ch);
    std::vector<TargetCost> found;
    forward.run(starts, buckets, found);
    BoundedSearch search(graph, ch.cost());
    search.run(starts, limit);
    REQUIRE(found.size() == targets.size());
    for (std::size_t j = 0; j < targets.size(); ++j) {
        INFO("target " << targets[j]);
        REQUIRE(found[j].cost == search.cost_to(targets[j]));
        if (search.reached(targets[j])) {
            REQUIRE(found[j].other == search.other_to(targets[j]));
            REQUIRE(found[j].source == search.source_of(targets[j]));
        }
    }
}

} // namespace

TEST_CASE("contraction hierarchy costs equal Dijkstra's on random graphs", "[network][contraction]") {
    Rng seed(20261129);
    for (std::uint64_t g = 0; g < 8; ++g) {
        Rng rng = seed.split(g);
        const auto n = static_cast<std::uint32_t>(300 + rng.below(700));
        const RoadEdges roads = test::random_roads(rng, n);
        // Not only the largest component: unreachable targets must come out +inf too.
        const Graph graph = build_graph(roads, BuildOptions{.largest_component_only = false});
        for (const Cost cost : {Cost::seconds, Cost::metres}) {
            // A small witness limit forces extra shortcuts; they must change nothing.
            for (const std::uint32_t settle_limit : {60U, 3U}) {
                const ContractionHierarchy ch(graph, cost, ContractionOptions{.witness_settle_limit = settle_limit});
                CHECK(ch.node_count() == graph.node_count());
                std::vector<NodeId> targets;
                for (int t = 0; t < 40; ++t) {
                    targets.push_back(static_cast<NodeId>(rng.below(graph.node_count())));
                }
                for (int s = 0; s < 4; ++s) {
                    const auto source = static_cast<NodeId>(rng.below(graph.node_count()));
                    const Start single{.node = source};
                    check_against_dijkstra(graph, ch, std::span<const Start>(&single, 1), targets, inf);
                    // Several starts with access costs and sources (as snapped points give),
                    // with and without a limit.
                    std::vector<Start> starts;
                    for (int k = 0; k < 3; ++k) {
                        starts.push_back(Start{static_cast<NodeId>(rng.below(graph.node_count())),
                                               100.0 * rng.uniform(), 1000.0 * rng.uniform(),
                                               static_cast<std::uint32_t>(rng.below(2))});
                    }
                    check_against_dijkstra(graph, ch, starts, targets, inf);
                    check_against_dijkstra(graph, ch, starts, targets, 300.0 * rng.uniform());
                }
            }
        }
    }
}

TEST_CASE("contraction hierarchy on drawn networks: one-way streets, a bridge, a zero-length edge",
          "[network][contraction]") {
    // a->b->c one-way eastwards; d-e-f two-way; the bridge c-f; z hangs off b by a zero-length
    // edge. 10 s per 100 m hop.
    auto grid = test::grid_network("a b c\n"
                                   "d e f\n",
                                   {">abc", "def", "ad", "cf"});
    grid.add_twin('b', 'z');
    grid.rebuild(BuildOptions{});
    const Graph &graph = grid.graph;
    std::vector<NodeId> all(graph.node_count());
    for (NodeId v = 0; v < graph.node_count(); ++v) {
        all[v] = v;
    }
    for (const Cost cost : {Cost::seconds, Cost::metres}) {
        const ContractionHierarchy ch(graph, cost);
        for (NodeId s = 0; s < graph.node_count(); ++s) {
            const Start start{.node = s};
            check_against_dijkstra(graph, ch, std::span<const Start>(&start, 1), all, inf);
        }
    }
    // By hand: c -> a must go round, c-f-e-d-a, 40 s; z is b's twin, 0 s from b.
    const ContractionHierarchy ch(graph, Cost::seconds);
    const std::vector<NodeId> targets{grid.node('a'), grid.node('z')};
    const TargetBuckets buckets(ch, targets);
    ForwardSearch forward(ch);
    std::vector<TargetCost> found;
    const Start from_c{.node = grid.node('c')};
    forward.run(std::span<const Start>(&from_c, 1), buckets, found);
    CHECK(found[0].cost == 40.0);
    CHECK(found[0].other == 400.0);
    CHECK(found[1].cost == 50.0); // c-f-e-d-a->b, then the zero-length edge
}

TEST_CASE("route_matrix gives the same matrix by Dijkstra and by the hierarchy", "[network][contraction][matrix]") {
    // A 30 x 20 lattice with random speeds and some one-way streets; random points around it
    // (access legs, partial edges, points on one edge); both measures; with a cutoff too.
    Rng rng(42);
    RoadEdges roads = test::lattice_roads(30, 20);
    for (RoadEdge &edge : roads.edges) {
        edge.forward_seconds = edge.metres / (3.0 + 27.0 * rng.uniform());
        edge.backward_seconds = rng.below(10) == 0 ? not_traversable : edge.forward_seconds;
    }
    const Graph graph = build_graph(roads);
    std::vector<Located> points;
    for (int i = 0; i < 60; ++i) {
        points.push_back(Located{std::to_string(i), geometry::Point{test::grid_origin_x - 50.0 + 3000.0 * rng.uniform(),
                                                                    test::grid_origin_y - 50.0 + 2000.0 * rng.uniform()}});
    }
    for (const Cost cost : {Cost::seconds, Cost::metres}) {
        for (const std::optional<double> cutoff : {std::optional<double>{}, std::optional<double>{cost == Cost::seconds ? 150.0 : 1500.0}}) {
            MatrixOptions options;
            options.cost = cost;
            options.cutoff = cutoff;
            options.method = MatrixMethod::dijkstra;
            const CostMatrix by_dijkstra = route_matrix(graph, points, points, options);
            options.method = MatrixMethod::hierarchy;
            options.threads = 1;
            const CostMatrix by_hierarchy = route_matrix(graph, points, points, options);
            const ContractionHierarchy ch(graph, cost);
            options.hierarchy = &ch;
            options.method = MatrixMethod::automatic;
            options.threads = 3;
            const CostMatrix shared = route_matrix(graph, points, points, options);
            REQUIRE(by_dijkstra.stored() == by_hierarchy.stored());
            REQUIRE(by_dijkstra.stored() == shared.stored());
            CHECK(by_dijkstra.stored() > (cutoff ? 0U : 3000U));
            for (std::size_t i = 0; i < points.size(); ++i) {
                const auto a = by_dijkstra.row(i);
                const auto b = by_hierarchy.row(i);
                const auto c = shared.row(i);
                for (std::size_t k = 0; k < a.size(); ++k) {
                    REQUIRE(a[k].destination == b[k].destination);
                    REQUIRE(a[k].cost == b[k].cost);
                    REQUIRE(a[k].other == b[k].other);
                    REQUIRE(c[k].destination == b[k].destination);
                    REQUIRE(c[k].cost == b[k].cost);
                    REQUIRE(c[k].other == b[k].other);
                }
            }
        }
    }
    // A hierarchy for the other measure is refused.
    const ContractionHierarchy by_metres(graph, Cost::metres);
    MatrixOptions options;
    options.hierarchy = &by_metres;
    CHECK(test::code_of([&] { (void)route_matrix(graph, points, points, options); }) == Errc::argument);
}

TEST_CASE("bad starts and targets of a hierarchy search", "[network][contraction][bad-input]") {
    const auto grid = test::grid_network("a b", {"ab"});
    const ContractionHierarchy ch(grid.graph, Cost::seconds);
    const std::vector<NodeId> outside{7};
    CHECK(test::code_of([&] { TargetBuckets(ch, outside); }) == Errc::argument);
    const std::vector<NodeId> targets{0, 1};
    CHECK(test::code_of([&] { TargetBuckets(ch, targets, std::nan("")); }) == Errc::argument);
    const TargetBuckets buckets(ch, targets);
    ForwardSearch forward(ch);
    std::vector<TargetCost> found;
    const std::vector<Start> negative{{.node = 0, .cost = -1.0}};
    CHECK(test::code_of([&] { forward.run(negative, buckets, found); }) == Errc::argument);
    const std::vector<Start> missing{{.node = 9}};
    CHECK(test::code_of([&] { forward.run(missing, buckets, found); }) == Errc::argument);
}

TEST_CASE("contraction hierarchy is the same for any thread count", "[network][contraction]") {
    // A 70 x 50 lattice (3,500 nodes): its first rounds contract over a thousand nodes each, so
    // the witness searches run on the worker threads. Random speeds, some one-way streets.
    Rng rng(7);
    RoadEdges roads = test::lattice_roads(70, 50);
    for (RoadEdge &edge : roads.edges) {
        edge.forward_seconds = edge.metres / (3.0 + 27.0 * rng.uniform());
        edge.backward_seconds = rng.below(10) == 0 ? not_traversable : edge.forward_seconds;
    }
    const Graph graph = build_graph(roads);
    const ContractionHierarchy one(graph, Cost::seconds, ContractionOptions{.threads = 1});
    std::vector<NodeId> targets;
    for (int t = 0; t < 50; ++t) {
        targets.push_back(static_cast<NodeId>(rng.below(graph.node_count())));
    }
    for (const unsigned threads : {2U, 3U}) {
        const ContractionHierarchy many(graph, Cost::seconds, ContractionOptions{.threads = threads});
        REQUIRE(many.shortcut_count() == one.shortcut_count());
        REQUIRE(many.upward_arc_count() == one.upward_arc_count());
        for (NodeId v = 0; v < graph.node_count(); ++v) {
            REQUIRE(many.rank(v) == one.rank(v));
        }
        for (NodeId r = 0; r < graph.node_count(); ++r) {
            for (const auto &[a, b] : {std::pair{one.up(r), many.up(r)}, std::pair{one.down(r), many.down(r)}}) {
                REQUIRE(a.size() == b.size());
                for (std::size_t k = 0; k < a.size(); ++k) {
                    REQUIRE(a[k].node == b[k].node);
                    REQUIRE(a[k].cost == b[k].cost);
                    REQUIRE(a[k].other == b[k].other);
                }
            }
        }
        for (int s = 0; s < 5; ++s) {
            const Start start{.node = static_cast<NodeId>(rng.below(graph.node_count()))};
            check_against_dijkstra(graph, many, std::span<const Start>(&start, 1), targets, inf);
        }
    }
}
