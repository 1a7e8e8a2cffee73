// build_graph: road edges -> compressed sparse row graph; Graph::node_of_key.

#include <pooled/network/graph.hpp>

#include "core/text.hpp"
#include "network/graph_csr.hpp"

#include <pooled/core/error.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace pooled::network {

namespace {

/// Where an edge came from: the roads' source and the edge's origin id (when it has one).
SourceRef edge_ref(const RoadEdges &roads, const RoadEdge &edge) {
    SourceRef where;
    where.path = roads.source;
    if (edge.origin_id >= 0) {
        where.feature = edge.origin_id;
    }
    return where;
}

/// Rejects lengths and times that no search could use.
void check_edge(const RoadEdges &roads, std::size_t i) {
    const RoadEdge &edge = roads.edges[i];
    // Without an origin id the message names the edge's position in the input instead.
    const std::string at = edge.origin_id >= 0 ? std::string() : " at road edge " + std::to_string(i);
    const auto fail = [&](const std::string &problem) {
        throw Error(Errc::data, problem + at, edge_ref(roads, edge));
    };
    if (std::isnan(edge.metres)) {
        fail("length is not a number");
    }
    if (edge.metres < 0.0) {
        fail("negative length " + pooled::detail::number_text(edge.metres));
    }
    if (!std::isfinite(static_cast<float>(edge.metres))) {
        fail("length is too large: " + pooled::detail::number_text(edge.metres));
    }
    const auto check_seconds = [&](double seconds, const char *direction) {
        if (std::isnan(seconds)) {
            fail(std::string("travel time ") + direction + " is not a number");
        }
        if (seconds < 0.0) {
            fail("negative travel time " + pooled::detail::number_text(seconds) + " s " + direction);
        }
        if (seconds != not_traversable && !std::isfinite(static_cast<float>(seconds))) {
            fail("travel time " + pooled::detail::number_text(seconds) + " s " + direction + " is too large");
        }
    };
    check_seconds(edge.forward_seconds, "forwards");
    check_seconds(edge.backward_seconds, "backwards");
}

bool traversable(double seconds) noexcept { return seconds != not_traversable; }

/// The graph of the chosen road edges (indexes into roads.edges, in input order), without edge
/// shapes (copied once at the end, for the graph that is returned).
Graph assemble(const RoadEdges &roads, const std::vector<std::size_t> &chosen) {
    Graph graph;
    graph.source = roads.source;
    graph.crs = roads.crs;

    // Junction keys -> dense node ids, in increasing key order.
    std::vector<std::uint64_t> &keys = graph.node_key;
    keys.reserve(2 * chosen.size());
    for (const std::size_t i : chosen) {
        keys.push_back(roads.edges[i].source);
        keys.push_back(roads.edges[i].target);
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    keys.shrink_to_fit();
    if (keys.size() >= no_node) {
        throw Error(Errc::data, "too many junctions for one graph: " + std::to_string(keys.size()),
                    SourceRef{roads.source, {}, {}, {}});
    }
    const auto node_of = [&keys](std::uint64_t key) {
        return static_cast<NodeId>(std::lower_bound(keys.begin(), keys.end(), key) - keys.begin());
    };
    const auto n = static_cast<NodeId>(keys.size());

    // Edges, in the order chosen.
    graph.edges.resize(chosen.size());
    std::size_t arc_total = 0;
    for (std::size_t e = 0; e < chosen.size(); ++e) {
        const RoadEdge &road = roads.edges[chosen[e]];
        Edge &edge = graph.edges[e];
        edge.from = node_of(road.source);
        edge.to = node_of(road.target);
        edge.metres = static_cast<float>(road.metres);
        edge.forward_seconds = static_cast<float>(road.forward_seconds);   // +inf stays +inf
        edge.backward_seconds = static_cast<float>(road.backward_seconds);
        edge.origin_id = road.origin_id;
        arc_total += (traversable(road.forward_seconds) ? 1 : 0) + (traversable(road.backward_seconds) ? 1 : 0);
    }
    if (arc_total >= std::numeric_limits<ArcId>::max()) {
        throw Error(Errc::data, "too many roads for one graph: " + std::to_string(arc_total) + " arcs",
                    SourceRef{roads.source, {}, {}, {}});
    }
    const auto m = static_cast<ArcId>(arc_total);

    // Arcs sorted by (tail, head, edge) with two stable counting sorts: first by head (arcs are
    // generated in edge order, so equal heads keep edge order), then by tail (fill_csr).
    using detail::CsrArc;
    std::vector<ArcId> start(static_cast<std::size_t>(n) + 1, 0);
    const auto for_each_arc = [&](auto &&fn) {
        for (EdgeId e = 0; e < graph.edges.size(); ++e) {
            const Edge &edge = graph.edges[e];
            if (std::isfinite(edge.forward_seconds)) {
                fn(CsrArc{edge.from, edge.to, edge.forward_seconds, edge.metres, e});
            }
            if (std::isfinite(edge.backward_seconds)) {
                fn(CsrArc{edge.to, edge.from, edge.backward_seconds, edge.metres, e});
            }
        }
    };
    for_each_arc([&](const CsrArc &arc) { ++start[arc.head + 1]; });
    for (NodeId v = 0; v < n; ++v) {
        start[v + 1] += start[v];
    }
    std::vector<CsrArc> by_head(m);
    for_each_arc([&](const CsrArc &arc) { by_head[start[arc.head]++] = arc; });
    detail::fill_csr(graph, n, [&](auto &&fn) {
        for (const CsrArc &arc : by_head) {
            fn(arc);
        }
    });

    // Node positions from the shapes' end points, all or nothing; the first edge (in input
    // order) that touches a junction gives its position.
    const bool all_shapes = std::all_of(chosen.begin(), chosen.end(),
                                        [&](std::size_t i) { return !roads.edges[i].shape.empty(); });
    if (roads.crs && all_shapes && n > 0) {
        graph.node_position.resize(n);
        std::vector<bool> placed(n, false);
        for (std::size_t e = 0; e < chosen.size(); ++e) {
            const RoadEdge &road = roads.edges[chosen[e]];
            const Edge &edge = graph.edges[e];
            if (!placed[edge.from]) {
                graph.node_position[edge.from] = road.shape.front();
                placed[edge.from] = true;
            }
            if (!placed[edge.to]) {
                graph.node_position[edge.to] = road.shape.back();
                placed[edge.to] = true;
            }
        }
    }
    return graph;
}

} // namespace

NodeId Graph::node_of_key(std::uint64_t key) const {
    const auto it = std::lower_bound(node_key.begin(), node_key.end(), key);
    if (it == node_key.end() || *it != key) {
        throw Error(Errc::argument, "no node with id " + std::to_string(key), SourceRef{source, {}, {}, {}});
    }
    return static_cast<NodeId>(it - node_key.begin());
}

Graph build_graph(const RoadEdges &roads, const BuildOptions &options, BuildReport *report) {
    // Check every edge first, then keep those that are a road at all: not a self-loop (it
    // never shortens a path) and open in at least one direction.
    std::vector<std::size_t> chosen;
    chosen.reserve(roads.edges.size());
    for (std::size_t i = 0; i < roads.edges.size(); ++i) {
        check_edge(roads, i);
        const RoadEdge &edge = roads.edges[i];
        if (edge.source != edge.target && (traversable(edge.forward_seconds) || traversable(edge.backward_seconds))) {
            chosen.push_back(i);
        }
    }
    const SourceRef where{roads.source, {}, {}, {}};
    if (chosen.empty()) {
        throw Error(Errc::data, "the network has no roads", where);
    }

    Graph graph = assemble(roads, chosen);
    BuildReport local;
    local.input_edges = roads.edges.size();
    if (report != nullptr || options.largest_component_only) {
        // Components of the whole network; their `example` nodes are numbered as in this
        // graph (the one returned when largest_component_only is false).
        std::vector<std::uint32_t> component_of;
        local.components = strongly_connected_components(graph, &component_of);
        if (options.largest_component_only && local.components.size() > 1) {
            std::vector<std::size_t> kept;
            kept.reserve(chosen.size());
            for (std::size_t e = 0; e < chosen.size(); ++e) {
                const Edge &edge = graph.edges[e];
                if (component_of[edge.from] == 0 && component_of[edge.to] == 0) {
                    kept.push_back(chosen[e]);
                }
            }
            if (kept.empty()) {
                throw Error(Errc::data,
                            "the network has no roads: no two junctions can reach each other "
                            "(every road is one-way with no way back)",
                            where);
            }
            chosen = std::move(kept);
            graph = assemble(roads, chosen); // renumbers the kept nodes, keeping their order
        }
    }
    local.dropped_edges = roads.edges.size() - chosen.size();

    for (std::size_t e = 0; e < chosen.size(); ++e) {
        graph.edges[e].shape = roads.edges[chosen[e]].shape;
    }
    if (report != nullptr) {
        *report = std::move(local);
    }
    return graph;
}

} // namespace pooled::network
