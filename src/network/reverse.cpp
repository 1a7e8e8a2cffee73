// reversed(): the transpose of a CSR graph, for searches towards a node instead of from it.

#include <pooled/network/graph.hpp>

#include <vector>

namespace pooled::network {

Graph reversed(const Graph &graph) {
    const NodeId n = graph.node_count();
    const ArcId m = graph.arc_count();
    Graph out;
    out.edges = graph.edges;
    out.node_position = graph.node_position;
    out.node_key = graph.node_key;
    out.crs = graph.crs;
    out.source = graph.source;

    // Counting sort of the arcs by their new tail (the old head). Old arcs are visited by old
    // tail (the new head) ascending and, within a tail, by (head, edge): so every new tail's
    // arcs come out sorted by (new head, edge), the order build_graph gives.
    out.first_out.assign(static_cast<std::size_t>(n) + 1, 0);
    for (ArcId a = 0; a < m; ++a) {
        ++out.first_out[graph.head[a] + 1];
    }
    for (NodeId v = 0; v < n; ++v) {
        out.first_out[v + 1] += out.first_out[v];
    }
    std::vector<ArcId> next(out.first_out.begin(), out.first_out.end() - 1);
    out.head.resize(m);
    out.seconds.resize(m);
    out.metres.resize(m);
    out.arc_edge.resize(m);
    for (NodeId u = 0; u < n; ++u) {
        for (ArcId a = graph.first_out[u]; a < graph.first_out[u + 1]; ++a) {
            const ArcId b = next[graph.head[a]]++;
            out.head[b] = u;
            out.seconds[b] = graph.seconds[a];
            out.metres[b] = graph.metres[a];
            out.arc_edge[b] = graph.arc_edge[a];
        }
    }
    return out;
}

} // namespace pooled::network
