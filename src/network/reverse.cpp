// reversed(): the transpose of a CSR graph, for searches towards a node instead of from it.

#include <pooled/network/graph.hpp>

#include "network/graph_csr.hpp"

namespace pooled::network {

Graph reversed(const Graph &graph) {
    const NodeId n = graph.node_count();
    Graph out;
    out.edges = graph.edges;
    out.shape_first = graph.shape_first;
    out.shape_points = graph.shape_points;
    out.edge_origin = graph.edge_origin;
    out.node_position = graph.node_position;
    out.node_key = graph.node_key;
    out.crs = graph.crs;
    out.source = graph.source;
    detail::fill_csr(out, n, [&](auto &&fn) {
        for (NodeId u = 0; u < n; ++u) {
            for (ArcId a = graph.first_out[u]; a < graph.first_out[u + 1]; ++a) {
                fn(detail::CsrArc{graph.head[a], u, graph.seconds[a], graph.metres[a], graph.arc_edge[a]});
            }
        }
    });
    return out;
}

} // namespace pooled::network
