// GraphBuilder and build_graph: road edges -> compressed sparse row graph; Graph::node_of_key.
//
// Memory is what limits the largest networks, so the builder keeps only what the graph needs
// of each edge, frees each stage's inputs as soon as the next is made, and needs no arc list
// beside the CSR arrays (detail::fill_csr sorts in place).

#include <pooled/network/graph.hpp>

#include "core/text.hpp"
#include "network/graph_csr.hpp"

#include <pooled/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace pooled::network {

namespace {

bool traversable(double seconds) noexcept { return seconds != not_traversable; }

/// Rejects lengths and times that no search could use. `position` is the edge's index among
/// those added, named when it has no origin id.
void check_edge(const std::string &source, std::size_t position, double metres, double forward_seconds,
                double backward_seconds, std::int64_t origin_id) {
    const std::string at = origin_id >= 0 ? std::string() : " at road edge " + std::to_string(position);
    const auto fail = [&](const std::string &problem) {
        SourceRef where;
        where.path = source;
        if (origin_id >= 0) {
            where.feature = origin_id;
        }
        throw Error(Errc::data, problem + at, where);
    };
    if (std::isnan(metres)) {
        fail("length is not a number");
    }
    if (metres < 0.0) {
        fail("negative length " + pooled::detail::number_text(metres));
    }
    if (!std::isfinite(static_cast<float>(metres))) {
        fail("length is too large: " + pooled::detail::number_text(metres));
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
    check_seconds(forward_seconds, "forwards");
    check_seconds(backward_seconds, "backwards");
}

/// Frees a vector's memory (clear() keeps it).
template <typename T>
void release(std::vector<T> &v) {
    std::vector<T>().swap(v);
}

/// Sets the graph's arcs from its edges: one per open direction.
void fill_arcs(Graph &graph) {
    std::size_t arc_total = 0;
    for (const Edge &edge : graph.edges) {
        arc_total += (std::isfinite(edge.forward_seconds) ? 1 : 0) + (std::isfinite(edge.backward_seconds) ? 1 : 0);
    }
    if (arc_total >= std::numeric_limits<ArcId>::max()) {
        throw Error(Errc::data, "too many roads for one graph: " + std::to_string(arc_total) + " arcs",
                    SourceRef{graph.source, {}, {}, {}});
    }
    detail::fill_csr(graph, static_cast<NodeId>(graph.node_key.size()), [&graph](auto &&fn) {
        for (EdgeId e = 0; e < graph.edges.size(); ++e) {
            const Edge &edge = graph.edges[e];
            if (std::isfinite(edge.forward_seconds)) {
                fn(detail::CsrArc{edge.from, edge.to, edge.forward_seconds, edge.metres, e});
            }
            if (std::isfinite(edge.backward_seconds)) {
                fn(detail::CsrArc{edge.to, edge.from, edge.backward_seconds, edge.metres, e});
            }
        }
    });
}

/// Node positions from the shapes' end points; the first edge that touches a junction gives
/// its position.
void place_nodes(Graph &graph) {
    const std::size_t n = graph.node_key.size(); // the arcs are not there yet
    graph.node_position.assign(n, geometry::Point{});
    std::vector<bool> placed(n, false);
    for (EdgeId e = 0; e < graph.edges.size(); ++e) {
        const Edge &edge = graph.edges[e];
        const auto shape = graph.shape(e);
        if (!placed[edge.from]) {
            graph.node_position[edge.from] = shape.front();
            placed[edge.from] = true;
        }
        if (!placed[edge.to]) {
            graph.node_position[edge.to] = shape.back();
            placed[edge.to] = true;
        }
    }
}

/// Keeps the nodes with keep[v] and the edges between two kept nodes, renumbering both in
/// their order (so node ids stay in increasing key order), then rebuilds the arcs.
void keep_only(Graph &graph, const std::vector<bool> &keep) {
    const NodeId n = graph.node_count();
    std::vector<NodeId> new_id(n, no_node);
    NodeId kept_nodes = 0;
    for (NodeId v = 0; v < n; ++v) {
        if (keep[v]) {
            new_id[v] = kept_nodes;
            graph.node_key[kept_nodes] = graph.node_key[v];
            if (graph.has_coordinates()) {
                graph.node_position[kept_nodes] = graph.node_position[v];
            }
            ++kept_nodes;
        }
    }
    graph.node_key.resize(kept_nodes);
    graph.node_key.shrink_to_fit();
    if (graph.has_coordinates()) {
        graph.node_position.resize(kept_nodes);
        graph.node_position.shrink_to_fit();
    }
    const bool shapes = !graph.shape_first.empty();
    const bool origins = !graph.edge_origin.empty();
    EdgeId kept_edges = 0;
    std::uint32_t kept_points = 0;
    for (EdgeId e = 0; e < graph.edges.size(); ++e) {
        const Edge edge = graph.edges[e];
        if (!keep[edge.from] || !keep[edge.to]) {
            continue;
        }
        graph.edges[kept_edges] = Edge{new_id[edge.from], new_id[edge.to], edge.metres, edge.forward_seconds,
                                       edge.backward_seconds};
        if (origins) {
            graph.edge_origin[kept_edges] = graph.edge_origin[e];
        }
        if (shapes) {
            const std::uint32_t begin = graph.shape_first[e];
            const std::uint32_t end = graph.shape_first[e + 1];
            graph.shape_first[kept_edges] = kept_points;
            for (std::uint32_t i = begin; i < end; ++i) {
                graph.shape_points[kept_points++] = graph.shape_points[i];
            }
        }
        ++kept_edges;
    }
    graph.edges.resize(kept_edges);
    graph.edges.shrink_to_fit();
    if (origins) {
        graph.edge_origin.resize(kept_edges);
        graph.edge_origin.shrink_to_fit();
    }
    if (shapes) {
        graph.shape_first[kept_edges] = kept_points;
        graph.shape_first.resize(static_cast<std::size_t>(kept_edges) + 1);
        graph.shape_first.shrink_to_fit();
        graph.shape_points.resize(kept_points);
        graph.shape_points.shrink_to_fit();
    }
    release(new_id);
    fill_arcs(graph);
}

} // namespace

NodeId Graph::node_of_key(std::uint64_t key) const {
    const auto it = std::lower_bound(node_key.begin(), node_key.end(), key);
    if (it == node_key.end() || *it != key) {
        throw Error(Errc::argument, "no node with id " + std::to_string(key), SourceRef{source, {}, {}, {}});
    }
    return static_cast<NodeId>(it - node_key.begin());
}

GraphBuilder::GraphBuilder(std::string source, std::optional<crs::WorkingCrs> crs)
    : m_source(std::move(source)), m_crs(std::move(crs)) {
    m_shape_first.push_back(0);
}

void GraphBuilder::reserve(std::size_t edges, std::size_t shape_points) {
    m_from_key.reserve(m_from_key.size() + edges);
    m_to_key.reserve(m_to_key.size() + edges);
    m_edges.reserve(m_edges.size() + edges);
    if (shape_points > 0) {
        m_shape_first.reserve(m_shape_first.size() + edges);
        m_shape_points.reserve(m_shape_points.size() + shape_points);
    }
}

void GraphBuilder::add(const RoadEdge &edge) {
    add(edge.source, edge.target, edge.metres, edge.forward_seconds, edge.backward_seconds, edge.shape,
        edge.origin_id);
}

void GraphBuilder::add(std::uint64_t source, std::uint64_t target, double metres, double forward_seconds,
                       double backward_seconds, std::span<const geometry::Point> shape, std::int64_t origin_id) {
    check_edge(m_source, m_input++, metres, forward_seconds, backward_seconds, origin_id);
    // A self-loop never shortens a path; an edge closed both ways is no road.
    if (source == target || !(traversable(forward_seconds) || traversable(backward_seconds))) {
        return;
    }
    if (origin_id >= 0 && !m_has_origins) {
        m_origin.assign(m_edges.size(), -1);
        m_has_origins = true;
    }
    if (m_has_origins) {
        m_origin.push_back(origin_id);
    }
    m_from_key.push_back(source);
    m_to_key.push_back(target);
    m_edges.push_back(Edge{no_node, no_node, static_cast<float>(metres), static_cast<float>(forward_seconds),
                           static_cast<float>(backward_seconds)}); // +inf stays +inf
    m_all_shapes = m_all_shapes && !shape.empty();
    if (m_all_shapes) {
        if (m_shape_points.size() + shape.size() >= std::numeric_limits<std::uint32_t>::max()) {
            throw Error(Errc::data, "too many shape points for one graph", SourceRef{m_source, {}, {}, {}});
        }
        m_shape_points.insert(m_shape_points.end(), shape.begin(), shape.end());
        m_shape_first.push_back(static_cast<std::uint32_t>(m_shape_points.size()));
    } else {
        release(m_shape_points);
        release(m_shape_first);
    }
}

Graph GraphBuilder::build(const BuildOptions &options, BuildReport *report) {
    const SourceRef where{m_source, {}, {}, {}};
    if (m_edges.empty()) {
        throw Error(Errc::data, "the network has no roads", where);
    }
    Graph graph;
    graph.source = m_source;
    graph.crs = m_crs;

    // Junction keys -> dense node ids, in increasing key order.
    std::vector<std::uint64_t> &keys = graph.node_key;
    keys.reserve(2 * m_edges.size());
    keys.insert(keys.end(), m_from_key.begin(), m_from_key.end());
    keys.insert(keys.end(), m_to_key.begin(), m_to_key.end());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    keys.shrink_to_fit();
    if (keys.size() >= no_node) {
        throw Error(Errc::data, "too many junctions for one graph: " + std::to_string(keys.size()), where);
    }
    const auto node_of = [&keys](std::uint64_t key) {
        return static_cast<NodeId>(std::lower_bound(keys.begin(), keys.end(), key) - keys.begin());
    };
    graph.edges = std::move(m_edges);
    for (std::size_t e = 0; e < graph.edges.size(); ++e) {
        graph.edges[e].from = node_of(m_from_key[e]);
        graph.edges[e].to = node_of(m_to_key[e]);
    }
    release(m_from_key);
    release(m_to_key);
    graph.edge_origin = std::move(m_origin);
    m_has_origins = false;
    if (m_crs && m_all_shapes) {
        graph.shape_first = std::move(m_shape_first);
        graph.shape_points = std::move(m_shape_points);
        place_nodes(graph);
    }
    release(m_shape_first);
    release(m_shape_points);
    fill_arcs(graph);

    BuildReport local;
    local.input_edges = m_input;
    if (report != nullptr || options.largest_component_only) {
        // Components of the whole network; their `example` nodes are numbered as in this
        // graph (the one returned when largest_component_only is false).
        std::vector<std::uint32_t> component_of;
        local.components = strongly_connected_components(graph, &component_of);
        if (options.largest_component_only && local.components.size() > 1) {
            if (local.components.front().nodes < 2) {
                throw Error(Errc::data,
                            "the network has no roads: no two junctions can reach each other "
                            "(every road is one-way with no way back)",
                            where);
            }
            std::vector<bool> keep(component_of.size());
            for (std::size_t v = 0; v < component_of.size(); ++v) {
                keep[v] = component_of[v] == 0;
            }
            release(component_of);
            keep_only(graph, keep);
        }
    }
    local.dropped_edges = m_input - graph.edges.size();
    m_input = 0;
    m_all_shapes = true;
    m_shape_first.assign(1, 0);
    if (report != nullptr) {
        *report = std::move(local);
    }
    return graph;
}

Graph build_graph(const RoadEdges &roads, const BuildOptions &options, BuildReport *report) {
    GraphBuilder builder(roads.source, roads.crs);
    std::size_t points = 0;
    for (const RoadEdge &edge : roads.edges) {
        points += edge.shape.size();
    }
    builder.reserve(roads.edges.size(), points);
    for (const RoadEdge &edge : roads.edges) {
        builder.add(edge);
    }
    return builder.build(options, report);
}

} // namespace pooled::network
