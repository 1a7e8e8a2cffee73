#pragma once
// INTERNAL to libpooled: filling a Graph's compressed sparse row arrays, shared by build_graph
// (graph.cpp) and reversed() (reverse.cpp).

#include <pooled/network/graph.hpp>

#include <cstddef>
#include <vector>

namespace pooled::network::detail {

/// One directed arc, before it has a place in the CSR arrays.
struct CsrArc {
    NodeId tail;
    NodeId head;
    float seconds;
    float metres;
    EdgeId edge;
};

/// Sets graph.first_out, head, seconds, metres and arc_edge for `n` nodes with a stable
/// counting sort of the arcs by tail. `for_each_arc(fn)` must call `fn(const CsrArc &)` once
/// per arc, the same arcs in the same order each time (it is called twice); arcs with the same
/// tail keep that order, so give them sorted by (head, edge) for the order Graph documents.
template <typename ForEachArc>
void fill_csr(Graph &graph, NodeId n, ForEachArc &&for_each_arc) {
    graph.first_out.assign(static_cast<std::size_t>(n) + 1, 0);
    for_each_arc([&](const CsrArc &arc) { ++graph.first_out[arc.tail + 1]; });
    for (NodeId v = 0; v < n; ++v) {
        graph.first_out[v + 1] += graph.first_out[v];
    }
    const ArcId m = graph.first_out[n];
    std::vector<ArcId> next(graph.first_out.begin(), graph.first_out.end() - 1);
    graph.head.resize(m);
    graph.seconds.resize(m);
    graph.metres.resize(m);
    graph.arc_edge.resize(m);
    for_each_arc([&](const CsrArc &arc) {
        const ArcId a = next[arc.tail]++;
        graph.head[a] = arc.head;
        graph.seconds[a] = arc.seconds;
        graph.metres[a] = arc.metres;
        graph.arc_edge[a] = arc.edge;
    });
}

} // namespace pooled::network::detail
