#include "support/catch.hpp"
#include "support/errors.hpp"
#include "support/grid_network.hpp"
#include "support/random_roads.hpp"

#include <pooled/core/error.hpp>
#include <pooled/core/random.hpp>
#include <pooled/network/graph.hpp>
#include <pooled/network/search.hpp>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

using pooled::network::BoundedSearch;
using pooled::network::BuildOptions;
using pooled::network::Cost;
using pooled::network::Graph;
using pooled::network::NodeId;
using pooled::network::not_traversable;
using pooled::network::RoadEdge;
using pooled::network::RoadEdges;
using pooled::network::Start;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

/// The letters' nodes in the order given, for comparing settled().
std::vector<NodeId> nodes(const pooled::test::GridNetwork &grid, std::string_view letters) {
    std::vector<NodeId> out;
    for (const char c : letters) {
        out.push_back(grid.node(c));
    }
    return out;
}

std::vector<NodeId> settled(const BoundedSearch &search) {
    return std::vector<NodeId>(search.settled().begin(), search.settled().end());
}

/// Boost.Graph's Dijkstra on a graph built independently of build_graph from the same road
/// edges: nodes are the sorted keys of the usable edges (not self-loops, open at least one
/// way), an arc per open direction weighted by the float the Graph stores, widened to double.
struct BoostReference {
    struct Weight {
        double weight;
    };
    using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, Weight>;

    std::vector<std::uint64_t> keys;
    Csr graph;

    BoostReference(const RoadEdges &roads, Cost cost) {
        std::vector<const RoadEdge *> usable;
        for (const RoadEdge &e : roads.edges) {
            if (e.source != e.target && (e.forward_seconds != not_traversable || e.backward_seconds != not_traversable)) {
                usable.push_back(&e);
                keys.push_back(e.source);
                keys.push_back(e.target);
            }
        }
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        const auto index = [&](std::uint64_t key) {
            return static_cast<std::size_t>(std::lower_bound(keys.begin(), keys.end(), key) - keys.begin());
        };
        std::vector<std::pair<std::size_t, std::size_t>> arcs;
        std::vector<Weight> weights;
        const auto as_float = [](double x) { return static_cast<double>(static_cast<float>(x)); };
        for (const RoadEdge *e : usable) {
            const std::size_t s = index(e->source);
            const std::size_t t = index(e->target);
            if (e->forward_seconds != not_traversable) {
                arcs.emplace_back(s, t);
                weights.push_back({as_float(cost == Cost::seconds ? e->forward_seconds : e->metres)});
            }
            if (e->backward_seconds != not_traversable) {
                arcs.emplace_back(t, s);
                weights.push_back({as_float(cost == Cost::seconds ? e->backward_seconds : e->metres)});
            }
        }
        graph = Csr(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), weights.begin(), keys.size());
    }

    std::vector<double> distances(std::size_t source) const {
        std::vector<double> distance(keys.size(), inf);
        boost::dijkstra_shortest_paths(
            graph, source,
            boost::weight_map(boost::get(&Weight::weight, graph))
                .distance_map(boost::make_iterator_property_map(distance.begin(), boost::get(boost::vertex_index, graph)))
                .distance_inf(inf));
        return distance;
    }
};

} // namespace

TEST_CASE("bounded search stops at the limit, inclusive", "[network][search]") {
    // Letters are 100 m apart, driven at 10 m/s: every hop takes 10 s.
    const auto grid = pooled::test::grid_network("a b c\n"
                                                 "d e f\n",
                                                 {"abc", "def", "ad", "be", "cf"},
                                                 pooled::test::GridSpec{.spacing_m = 100.0, .speed_mps = 10.0});
    BoundedSearch search(grid.graph);

    search.run(grid.node('a'), 15.0);
    CHECK(search.cost_to(grid.node('b')) == 10.0);
    CHECK(search.cost_to(grid.node('d')) == 10.0);
    CHECK_FALSE(search.reached(grid.node('c'))); // 20 s > 15 s
    CHECK_FALSE(search.reached(grid.node('e'))); // 20 s > 15 s
    CHECK(search.cost_to(grid.node('e')) == inf);
    CHECK(settled(search) == nodes(grid, "abd"));

    // Exactly at the limit counts: c and e at 20 s. Equal costs settle by node id
    // (a..f are nodes 0..5), so b before d and c before e.
    search.run(grid.node('a'), 20.0);
    CHECK(settled(search) == nodes(grid, "abdce"));
    CHECK(search.cost_to(grid.node('e')) == 20.0);
    CHECK(search.other_to(grid.node('e')) == 200.0); // metres along the path
    CHECK_FALSE(search.reached(grid.node('f')));    // 30 s

    // The start itself at a limit of 0; nothing at a negative limit.
    search.run(grid.node('a'), 0.0);
    CHECK(settled(search) == nodes(grid, "a"));
    CHECK(search.parent_arc(grid.node('a')) == std::numeric_limits<pooled::network::ArcId>::max());
    search.run(grid.node('a'), -1.0);
    CHECK(search.settled().empty());
    CHECK_FALSE(search.reached(grid.node('a')));
}

TEST_CASE("bounded search follows one-way streets", "[network][search]") {
    // a->b->c is one-way eastwards; d-e-f, a-d and c-f are two-way. 10 s per 100 m hop.
    const auto grid = pooled::test::grid_network("a b c\n"
                                                 "d e f\n",
                                                 {">abc", "def", "ad", "cf"});
    BoundedSearch search(grid.graph);
    search.run(grid.node('a'));
    CHECK(search.cost_to(grid.node('c')) == 20.0); // a->b->c
    search.run(grid.node('c'));
    CHECK(search.cost_to(grid.node('a')) == 40.0); // c-f-e-d-a, not against the one-way
    CHECK(search.other_to(grid.node('a')) == 400.0);
    CHECK(search.cost_to(grid.node('b')) == 50.0); // c-f-e-d-a->b
    // The path back from a: a's parent arc runs d -> a.
    const auto arc = search.parent_arc(grid.node('a'));
    CHECK(grid.graph.head[arc] == grid.node('a'));
    CHECK(grid.graph.origin_id(grid.graph.arc_edge[arc]) == 2); // the way "ad"
}

TEST_CASE("of parallel edges the cheaper one wins", "[network][search]") {
    // Two ways a-b of 100 m: at 5 m/s (20 s, edge 0) and at 20 m/s (5 s, edge 1).
    const auto grid = pooled::test::grid_network("a b", {"ab:5", "ab:20"});
    BoundedSearch search(grid.graph);
    search.run(grid.node('a'));
    CHECK(search.cost_to(grid.node('b')) == 5.0);
    CHECK(grid.graph.arc_edge[search.parent_arc(grid.node('b'))] == 1);
    // By length they tie (100 m each): ties go to the smaller other measure, so the faster
    // edge 1 (5 s) is kept whichever arc comes first. (It used to be the first arc, edge 0.)
    BoundedSearch by_length(grid.graph, Cost::metres);
    by_length.run(grid.node('a'));
    CHECK(by_length.cost_to(grid.node('b')) == 100.0);
    CHECK(by_length.other_to(grid.node('b')) == 5.0);
    CHECK(grid.graph.arc_edge[by_length.parent_arc(grid.node('b'))] == 1);
}

TEST_CASE("a zero-length edge costs nothing", "[network][search]") {
    // a-b-c 100 m apart at 10 m/s, plus z joined to b by a zero-length edge (an OSM node
    // duplicated at the same place, say).
    auto grid = pooled::test::grid_network("a b c", {"abc"});
    grid.add_twin('b', 'z');
    grid.rebuild(BuildOptions{});
    BoundedSearch search(grid.graph);
    search.run(grid.node('a'), 10.0);
    CHECK(search.cost_to(grid.node('z')) == 10.0); // at the limit, through b
    CHECK(search.other_to(grid.node('z')) == 100.0);
    search.run(grid.node('z'));
    CHECK(search.cost_to(grid.node('b')) == 0.0);
    CHECK(search.cost_to(grid.node('c')) == 10.0);
}

TEST_CASE("multi-source search assigns each node its nearest source", "[network][search]") {
    // a b c d e in a line, 10 s per hop.
    const auto grid = pooled::test::grid_network("a b c d e", {"abcde"});
    BoundedSearch search(grid.graph);
    const NodeId a = grid.node('a');
    const NodeId c = grid.node('c');
    const NodeId e = grid.node('e');

    SECTION("two sources at the ends") {
        const std::vector<Start> starts{{.node = a, .source = 1}, {.node = e, .source = 0}};
        search.run(starts);
        CHECK(search.source_of(grid.node('b')) == 1);
        CHECK(search.source_of(grid.node('d')) == 0);
        // c is 20 s from both: the tie goes to the smaller source, e's 0. (This pins the tie
        // rule that moved into the search: it used to go to the path settled first, through b
        // (node 1, settled before d, node 3), so to a's source 1; catchment allocation then
        // re-derived the smaller site index in a post-pass, now deleted.)
        CHECK(search.cost_to(c) == 20.0);
        CHECK(search.source_of(c) == 0);
        CHECK(grid.graph.head[search.parent_arc(c)] == c);
        CHECK(search.parent_arc(c) >= grid.graph.first_out[grid.node('d')]); // reached from d
        CHECK(search.parent_arc(c) < grid.graph.first_out[grid.node('d') + 1]);
        CHECK(search.parent_arc(a) == std::numeric_limits<pooled::network::ArcId>::max());
    }
    SECTION("equal costs and sources: the shorter other measure, along zero-time arcs") {
        // a-b 300 m and a-y 100 m both take 10 s; b-c and y-c are zero-length, zero-time
        // links. c is 10 s from a either way; through y it is 100 m, through b 300 m. b
        // (key 'b') would be settled before y (key 'y') by node id, and c (key 'c') before y
        // too: only a heap keyed by (cost, source, other) settles y first and gives c 100 m.
        const auto road = [](char from, char to, double metres, double seconds) {
            RoadEdge edge;
            edge.source = static_cast<unsigned char>(from);
            edge.target = static_cast<unsigned char>(to);
            edge.metres = metres;
            edge.forward_seconds = seconds;
            edge.backward_seconds = seconds;
            return edge;
        };
        RoadEdges roads;
        roads.edges = {road('a', 'b', 300.0, 10.0), road('b', 'c', 0.0, 0.0), road('a', 'y', 100.0, 10.0),
                       road('y', 'c', 0.0, 0.0)};
        const Graph g = pooled::network::build_graph(roads);
        BoundedSearch s(g);
        s.run(g.node_of_key('a'));
        CHECK(s.cost_to(g.node_of_key('c')) == 10.0);
        CHECK(s.other_to(g.node_of_key('c')) == 100.0);
        CHECK(g.head[s.parent_arc(g.node_of_key('c'))] == g.node_of_key('c'));
        CHECK(s.parent_arc(g.node_of_key('c')) >= g.first_out[g.node_of_key('y')]); // from y
    }
    SECTION("a start with an access cost") {
        // a starts 15 s late: c is 35 s from a but 20 s from e; b is 25 s from a, 30 s from e.
        const std::vector<Start> starts{{.node = a, .cost = 15.0, .source = 0}, {.node = e, .source = 1}};
        search.run(starts);
        CHECK(search.source_of(c) == 1);
        CHECK(search.cost_to(c) == 20.0);
        CHECK(search.source_of(grid.node('b')) == 0);
        CHECK(search.cost_to(grid.node('b')) == 25.0);
        CHECK(search.other_to(grid.node('b')) == 100.0); // the start's other measure is 0 here
    }
    SECTION("the same node given twice") {
        // Equal costs: the smaller source index; else the cheaper start.
        const std::vector<Start> tie{{.node = c, .cost = 5.0, .other = 1.0, .source = 7},
                                    {.node = c, .cost = 5.0, .other = 2.0, .source = 2},
                                    {.node = c, .cost = 5.0, .other = 3.0, .source = 4}};
        search.run(tie);
        CHECK(search.source_of(c) == 2);
        CHECK(search.other_to(c) == 2.0); // the chosen start's other measure
        CHECK(search.source_of(a) == 2);
        CHECK(search.cost_to(a) == 25.0);
        CHECK(search.other_to(a) == 202.0); // 2 m already spent + 200 m
        const std::vector<Start> cheaper{{.node = c, .cost = 5.0, .source = 1},
                                        {.node = c, .cost = 3.0, .source = 4},
                                        {.node = c, .cost = 4.0, .source = 0}};
        search.run(cheaper);
        CHECK(search.source_of(c) == 4);
        CHECK(search.cost_to(c) == 3.0);
        CHECK(settled(search).size() == 5);
    }
    SECTION("bad starts") {
        CHECK(pooled::test::code_of([&] { search.run(NodeId{5}); }) == pooled::Errc::argument);
        const std::vector<Start> negative{{.node = a, .cost = -1.0}};
        CHECK(pooled::test::code_of([&] { search.run(negative); }) == pooled::Errc::argument);
        const std::vector<Start> nan_other{{.node = a, .other = std::nan("")}};
        CHECK(pooled::test::code_of([&] { search.run(nan_other); }) == pooled::Errc::argument);
    }
}

TEST_CASE("minimising metres or seconds takes different routes", "[network][search]") {
    // a-b-c: 200 m of slow road at 2 m/s = 100 s. a-d-e-c: 100 + 200 + 100 = 400 m of fast road
    // at 20 m/s = 20 s.
    const auto grid = pooled::test::grid_network("a b c\n"
                                                 "d   e\n",
                                                 {"abc:2", "adec:20"});
    const NodeId c = grid.node('c');
    BoundedSearch fastest(grid.graph, Cost::seconds);
    fastest.run(grid.node('a'));
    CHECK(fastest.cost_to(c) == 20.0);
    CHECK(fastest.other_to(c) == 400.0);
    CHECK(grid.graph.origin_id(grid.graph.arc_edge[fastest.parent_arc(c)]) == 1);

    BoundedSearch shortest(grid.graph, Cost::metres);
    CHECK(shortest.cost() == Cost::metres);
    shortest.run(grid.node('a'));
    CHECK(shortest.cost_to(c) == 200.0);
    CHECK(shortest.other_to(c) == 100.0);
    CHECK(grid.graph.origin_id(grid.graph.arc_edge[shortest.parent_arc(c)]) == 0);

    // With a 150 m limit, c (200 m) is out of reach by length.
    shortest.run(grid.node('a'), 150.0);
    CHECK_FALSE(shortest.reached(c));
}

TEST_CASE("a reused search gives what fresh ones give (O(touched) reset)", "[network][search]") {
    const auto roads = pooled::test::lattice_roads(30, 20);
    const Graph graph = pooled::network::build_graph(roads);
    BoundedSearch reused(graph);
    const auto check_same = [&](const BoundedSearch &fresh) {
        CHECK(settled(reused) == settled(fresh));
        for (NodeId v = 0; v < graph.node_count(); ++v) {
            REQUIRE(reused.reached(v) == fresh.reached(v));
            REQUIRE(reused.cost_to(v) == fresh.cost_to(v));
            REQUIRE(reused.other_to(v) == fresh.other_to(v));
            REQUIRE(reused.source_of(v) == fresh.source_of(v));
            REQUIRE(reused.parent_arc(v) == fresh.parent_arc(v));
        }
    };
    // Unbounded, then small and large limits from other nodes: nothing of an earlier run shows.
    const std::vector<std::pair<NodeId, double>> runs{{0, inf}, {599, 35.0}, {310, 120.0}, {17, 0.0}, {0, inf}};
    for (const auto &[source, limit] : runs) {
        reused.run(source, limit);
        BoundedSearch fresh(graph);
        fresh.run(source, limit);
        check_same(fresh);
    }
    BoundedSearch never_run(graph);
    CHECK_FALSE(never_run.reached(0));
    CHECK(never_run.cost_to(0) == inf);
}

TEST_CASE("costs equal Boost.Graph's Dijkstra on random graphs", "[network][search][boost]") {
    // Why `==` and not Approx: both searches compute, for every node, the minimum over paths of
    // the path cost accumulated left to right in double from the same float weights (widened
    // exactly). Rounded addition of a non-negative weight is monotone (x <= y implies
    // fl(x + w) <= fl(y + w)) and never decreases a cost, which is all Dijkstra's correctness
    // needs; so that minimum is well defined whatever order ties are broken in, and both
    // compute exactly it with the same IEEE additions (Boost's closed_plus is a + b below inf).
    pooled::Rng seed(20240611);
    for (std::uint64_t g = 0; g < 20; ++g) {
        pooled::Rng rng = seed.split(g);
        const auto n = static_cast<std::uint32_t>(200 + rng.below(1801));
        const RoadEdges roads = pooled::test::random_roads(rng, n);
        const Graph graph = pooled::network::build_graph(roads, BuildOptions{.largest_component_only = false});
        for (const Cost cost : {Cost::seconds, Cost::metres}) {
            const BoostReference reference(roads, cost);
            REQUIRE(graph.node_key == reference.keys);
            BoundedSearch search(graph, cost);
            for (int s = 0; s < 4; ++s) {
                const auto source = static_cast<NodeId>(rng.below(graph.node_count()));
                const std::vector<double> expected = reference.distances(source);
                search.run(source);
                std::size_t finite = 0;
                for (NodeId v = 0; v < graph.node_count(); ++v) {
                    REQUIRE(search.cost_to(v) == expected[v]);
                    finite += expected[v] < inf ? 1 : 0;
                }
                CHECK(search.settled().size() == finite);
            }
        }
    }
}

TEST_CASE("a search with a cutoff settles exactly the nodes within it", "[network][search]") {
    // Invariant: with cutoff c, the settled nodes are those of the unbounded search with cost
    // <= c, with the same costs, other measures and parents, in the same order (both pop the
    // same heap entries of cost <= c, in (cost, node) order).
    pooled::Rng seed(7);
    for (std::uint64_t g = 0; g < 6; ++g) {
        pooled::Rng rng = seed.split(g);
        const RoadEdges roads = pooled::test::random_roads(rng, 500 + static_cast<std::uint32_t>(rng.below(1000)));
        const Graph graph = pooled::network::build_graph(roads);
        BoundedSearch unbounded(graph);
        BoundedSearch bounded(graph);
        for (int s = 0; s < 3; ++s) {
            const auto source = static_cast<NodeId>(rng.below(graph.node_count()));
            unbounded.run(source);
            const auto all = settled(unbounded);
            REQUIRE(all.size() == graph.node_count()); // one strongly connected component
            // Cutoffs: 0, exactly the cost of the node settled a third of the way (inclusive),
            // halfway between two costs, the largest cost, and beyond.
            const double third = unbounded.cost_to(all[all.size() / 3]);
            const double mid = (unbounded.cost_to(all[all.size() / 2]) + unbounded.cost_to(all[all.size() / 2 + 1])) / 2;
            for (const double cutoff : {0.0, third, mid, unbounded.cost_to(all.back()), 1e9}) {
                bounded.run(source, cutoff);
                const auto within = std::count_if(all.begin(), all.end(),
                                                  [&](NodeId v) { return unbounded.cost_to(v) <= cutoff; });
                const auto got = settled(bounded);
                REQUIRE(got.size() == static_cast<std::size_t>(within));
                CHECK(std::equal(got.begin(), got.end(), all.begin()));
                for (NodeId v = 0; v < graph.node_count(); ++v) {
                    const bool in = unbounded.cost_to(v) <= cutoff;
                    REQUIRE(bounded.reached(v) == in);
                    if (in) {
                        REQUIRE(bounded.cost_to(v) == unbounded.cost_to(v));
                        REQUIRE(bounded.other_to(v) == unbounded.other_to(v));
                        REQUIRE(bounded.parent_arc(v) == unbounded.parent_arc(v));
                    }
                }
            }
        }
    }
}
