// Task 1, pooled: one-to-all search on a grid edge list (common.hpp).
//   bench_grid_search EDGES.bin [DIST_OUT.bin]
// Reads the edge list, builds the Graph (GraphBuilder, defaults: largest strongly connected
// component), then times one BoundedSearch from node 0 with no limit (constructing
// the search object, whose per-node arrays are allocated then, is included). Distances go to
// DIST_OUT as float64 by node id (+inf = unreached), outside the timing.

#include "common.hpp"

#include <pooled/network/graph.hpp>
#include <pooled/network/search.hpp>

using namespace pooled::network;

int main(int argc, char **argv) {
    if (argc < 2) {
        std::cerr << "usage: bench_grid_search EDGES.bin [DIST_OUT.bin]\n";
        return 2;
    }
    double t = bench::now_s();
    const double t_read = bench::now_s();
    Graph graph;
    double build_s = 0.0;
    std::uint64_t nodes = 0;
    {
        // Straight from the edge arrays into a GraphBuilder: no RoadEdges (72 bytes an edge)
        // are held, as a caller with its own arrays would do.
        bench::EdgeList list = bench::read_edges(argv[1]);
        nodes = list.nodes;
        GraphBuilder builder(argv[1]);
        builder.reserve(list.size());
        for (std::size_t i = 0; i < list.size(); ++i) {
            builder.add(list.u[i], list.v[i], list.fwd[i], std::isfinite(list.fwd[i]) ? list.fwd[i] : not_traversable,
                        std::isfinite(list.bwd[i]) ? list.bwd[i] : not_traversable);
        }
        list = {};
        t = bench::now_s();
        graph = builder.build();
        build_s = bench::now_s() - t;
    } // the builder's arrays are freed by build()
    const double read_s = bench::now_s() - t_read - build_s;
    const long rss_graph = bench::status_kib("VmRSS");

    t = bench::now_s();
    BoundedSearch search(graph);
    const NodeId source = graph.node_of_key(0);
    search.run(source);
    const double search_s = bench::now_s() - t;

    std::vector<double> dist(nodes, std::numeric_limits<double>::infinity());
    double sum = 0.0, max = 0.0;
    std::size_t reached = 0;
    for (NodeId v = 0; v < graph.node_count(); ++v) {
        const double d = search.cost_to(v);
        dist[graph.node_key[v]] = d;
        if (std::isfinite(d)) {
            sum += d;
            max = std::max(max, d);
            ++reached;
        }
    }
    if (argc > 2) {
        bench::write_doubles(argv[2], dist);
    }
    bench::Result()
        .text("tool", "pooled")
        .num("nodes", static_cast<double>(graph.node_count()))
        .num("arcs", static_cast<double>(graph.arc_count()))
        .num("read_s", read_s)
        .num("build_s", build_s)
        .num("time_s", search_s)
        .num("reached", static_cast<double>(reached))
        .num("sum", sum)
        .num("max", max)
        .num("rss_graph_kib", static_cast<double>(rss_graph))
        .num("rss_after_search_kib", static_cast<double>(bench::status_kib("VmRSS")))
        .print();
    return 0;
}
