#pragma once
// INTERNAL to libpooled: filling a Graph's compressed sparse row arrays, shared by build_graph
// (graph.cpp) and reversed() (reverse.cpp).

#include <pooled/network/graph.hpp>

#include <algorithm>
#include <cstddef>
#include <tuple>
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

/// Sets graph.first_out, head, seconds, metres and arc_edge for `n` nodes: a counting sort of
/// the arcs by tail, then each node's arcs sorted by (head, edge), the order Graph documents,
/// whatever order the arcs come in. `for_each_arc(fn)` must call `fn(const CsrArc &)` once per
/// arc, the same arcs each time (it is called twice). No arc list is held beside the arrays.
template <typename ForEachArc>
void fill_csr(Graph &graph, NodeId n, ForEachArc &&for_each_arc) {
    graph.first_out.assign(static_cast<std::size_t>(n) + 1, 0);
    graph.first_out.shrink_to_fit();
    for_each_arc([&](const CsrArc &arc) { ++graph.first_out[arc.tail + 1]; });
    for (NodeId v = 0; v < n; ++v) {
        graph.first_out[v + 1] += graph.first_out[v];
    }
    const ArcId m = graph.first_out[n];
    for (auto *v : {&graph.head, &graph.arc_edge}) {
        v->assign(m, 0);
        v->shrink_to_fit();
    }
    for (auto *v : {&graph.seconds, &graph.metres}) {
        v->assign(m, 0.0F);
        v->shrink_to_fit();
    }
    {
        std::vector<ArcId> next(graph.first_out.begin(), graph.first_out.end() - 1);
        for_each_arc([&](const CsrArc &arc) {
            const ArcId a = next[arc.tail]++;
            graph.head[a] = arc.head;
            graph.seconds[a] = arc.seconds;
            graph.metres[a] = arc.metres;
            graph.arc_edge[a] = arc.edge;
        });
    }
    // Within a node, by (head, edge): (tail, head, edge) is unique, so the order is total.
    std::vector<std::tuple<NodeId, EdgeId, float, float>> local;
    for (NodeId v = 0; v < n; ++v) {
        const ArcId begin = graph.first_out[v];
        const ArcId end = graph.first_out[v + 1];
        bool sorted = true;
        for (ArcId a = begin; a + 1 < end && sorted; ++a) {
            sorted = std::tie(graph.head[a], graph.arc_edge[a]) < std::tie(graph.head[a + 1], graph.arc_edge[a + 1]);
        }
        if (sorted) {
            continue;
        }
        local.clear();
        for (ArcId a = begin; a < end; ++a) {
            local.emplace_back(graph.head[a], graph.arc_edge[a], graph.seconds[a], graph.metres[a]);
        }
        std::sort(local.begin(), local.end(), [](const auto &x, const auto &y) {
            return std::tie(std::get<0>(x), std::get<1>(x)) < std::tie(std::get<0>(y), std::get<1>(y));
        });
        for (ArcId a = begin; a < end; ++a) {
            std::tie(graph.head[a], graph.arc_edge[a], graph.seconds[a], graph.metres[a]) = local[a - begin];
        }
    }
}

} // namespace pooled::network::detail
