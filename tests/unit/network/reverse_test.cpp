// reversed(): the transposed graph, checked arc by arc and by searches in both directions.
//
//   a - b - c        spacing 100 m, 10 m/s unless a way says otherwise
//   |   |   |        a > b one way (east), c > f one way (south), two parallel edges d - e
//   d = e - f        (the second at 5 m/s), b - e at 4 m/s

#include "support/catch.hpp"
#include "support/grid_network.hpp"

#include <pooled/network/graph.hpp>
#include <pooled/network/search.hpp>

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <vector>

using pooled::network::ArcId;
using pooled::network::BoundedSearch;
using pooled::network::Cost;
using pooled::network::Graph;
using pooled::network::NodeId;
using pooled::network::reversed;

namespace {

pooled::test::GridNetwork small_map() {
    return pooled::test::grid_network("a b c\n"
                                      "d e f\n",
                                      {">ab", "bc", "ad", "be:4", ">cf", "de", "de:5", "ef"});
}

/// Every arc as (tail, head, seconds, metres, edge), sorted.
std::vector<std::tuple<NodeId, NodeId, float, float, std::uint32_t>> arcs_of(const Graph &graph, bool transpose) {
    std::vector<std::tuple<NodeId, NodeId, float, float, std::uint32_t>> arcs;
    for (NodeId u = 0; u < graph.node_count(); ++u) {
        for (ArcId a = graph.first_out[u]; a < graph.first_out[u + 1]; ++a) {
            const NodeId v = graph.head[a];
            arcs.emplace_back(transpose ? v : u, transpose ? u : v, graph.seconds[a], graph.metres[a],
                              graph.arc_edge[a]);
        }
    }
    std::sort(arcs.begin(), arcs.end());
    return arcs;
}

} // namespace

TEST_CASE("reversed: every arc turned round, same nodes and edges, build_graph's arc order", "[network][reverse]") {
    const auto grid = small_map();
    const Graph &g = grid.graph;
    const Graph r = reversed(g);
    REQUIRE(r.node_count() == g.node_count());
    REQUIRE(r.arc_count() == g.arc_count());
    // 8 edges, 2 of them one-way: 14 arcs.
    CHECK(g.arc_count() == 14);
    CHECK(r.edges.size() == g.edges.size());
    CHECK(r.node_key == g.node_key);
    CHECK(r.node_position == g.node_position);
    CHECK(r.source == g.source);
    CHECK(arcs_of(r, false) == arcs_of(g, true));
    // Each node's arcs sorted by (head, edge), strictly (no arc twice).
    for (NodeId v = 0; v < r.node_count(); ++v) {
        for (ArcId a = r.first_out[v]; a + 1 < r.first_out[v + 1]; ++a) {
            CHECK(std::make_pair(r.head[a], r.arc_edge[a]) < std::make_pair(r.head[a + 1], r.arc_edge[a + 1]));
        }
    }
    // The one-way a > b: in g an arc a -> b only; in r an arc b -> a only, still on edge "ab".
    const NodeId a = grid.node('a');
    const NodeId b = grid.node('b');
    const auto has_arc = [](const Graph &graph, NodeId from, NodeId to) {
        for (ArcId x = graph.first_out[from]; x < graph.first_out[from + 1]; ++x) {
            if (graph.head[x] == to) {
                return true;
            }
        }
        return false;
    };
    CHECK(has_arc(g, a, b));
    CHECK_FALSE(has_arc(g, b, a));
    CHECK(has_arc(r, b, a));
    CHECK_FALSE(has_arc(r, a, b));
    // The parallel edges d = e: two arcs e -> d in r, by edge.
    const NodeId d = grid.node('d');
    const NodeId e = grid.node('e');
    std::vector<float> seconds_e_to_d;
    for (ArcId x = r.first_out[e]; x < r.first_out[e + 1]; ++x) {
        if (r.head[x] == d) {
            seconds_e_to_d.push_back(r.seconds[x]);
        }
    }
    CHECK(seconds_e_to_d == std::vector<float>{10.0F, 20.0F}); // 100 m at 10 m/s, then at 5 m/s
}

TEST_CASE("reversed twice is the graph again", "[network][reverse]") {
    const auto grid = small_map();
    const Graph &g = grid.graph;
    const Graph rr = reversed(reversed(g));
    CHECK(rr.first_out == g.first_out);
    CHECK(rr.head == g.head);
    CHECK(rr.seconds == g.seconds);
    CHECK(rr.metres == g.metres);
    CHECK(rr.arc_edge == g.arc_edge);
    CHECK(rr.node_key == g.node_key);

    // And on a bigger graph built from a lattice.
    const Graph lattice = pooled::network::build_graph(pooled::test::lattice_roads(20, 15));
    const Graph lattice_rr = reversed(reversed(lattice));
    CHECK(lattice_rr.first_out == lattice.first_out);
    CHECK(lattice_rr.head == lattice.head);
    CHECK(lattice_rr.arc_edge == lattice.arc_edge);
}

TEST_CASE("a search on the reversed graph from t gives every node's cost to t", "[network][reverse]") {
    // Compared with one forward search from every node. Costs are sums of float arc weights,
    // which a double holds exactly at these sizes, so whichever order the sums are made in,
    // they are equal.
    const auto grid = small_map();
    const Graph &g = grid.graph;
    const Graph r = reversed(g);
    for (const Cost cost : {Cost::seconds, Cost::metres}) {
        BoundedSearch forward(g, cost);
        BoundedSearch backward(r, cost);
        for (NodeId t = 0; t < g.node_count(); ++t) {
            backward.run(t);
            for (NodeId s = 0; s < g.node_count(); ++s) {
                forward.run(s);
                CHECK(backward.cost_to(s) == forward.cost_to(t));
                CHECK(backward.other_to(s) == forward.other_to(t));
            }
        }
    }
    // By hand: from a to f, a > b > c > f is 30 s, a - d - e - f is 30 s too; f to a has no
    // one-way help: f - e - d - a = 30 s. From c to a: c - b - e - d - a (b - a is closed
    // that way) = 10 + 25 + 10 + 10 = 55 s, or c > f - e - d - a = 40 s.
    BoundedSearch backward(r, Cost::seconds);
    backward.run(grid.node('a'));
    CHECK(backward.cost_to(grid.node('c')) == 40.0);
    CHECK(backward.cost_to(grid.node('f')) == 30.0);
    backward.run(grid.node('c'));
    CHECK(backward.cost_to(grid.node('a')) == 20.0); // a > b - c
}
