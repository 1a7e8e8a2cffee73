#pragma once
/// @file
/// @brief The road graph: directed, in compressed sparse row form, built once and shared.

#include <pooled/crs/crs.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/network/road_edges.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace pooled::network {

using NodeId = std::uint32_t;
using ArcId = std::uint32_t;
using EdgeId = std::uint32_t;
inline constexpr NodeId no_node = std::numeric_limits<NodeId>::max();

/// One road segment of the graph (both directions share it): its geometry and origin.
struct Edge {
    NodeId from = no_node;               ///< the node at shape.front()
    NodeId to = no_node;                 ///< the node at shape.back()
    float metres = 0.0F;
    float forward_seconds = 0.0F;        ///< from -> to; +inf if closed that way
    float backward_seconds = 0.0F;       ///< to -> from; +inf if closed that way
    std::vector<geometry::Point> shape;  ///< working CRS; empty without coordinates
    std::int64_t origin_id = -1;         ///< way, feature or row id
};

/// A strongly connected component, for reports.
struct Component {
    std::size_t nodes = 0;
    geometry::Box extent;    ///< empty without coordinates
    NodeId example = no_node; ///< one of its nodes
};

/// Directed road graph in compressed sparse row form: the arcs leaving node v are
/// [first_out[v], first_out[v + 1]). Arcs of a node are sorted by head, then by edge, so the
/// layout (and every search result) does not depend on input order beyond the edges' own.
///
/// Thread safety: immutable after build_graph(); share it between threads (const members).
struct POOLED_CXX_API Graph {
    std::vector<ArcId> first_out;  ///< node_count() + 1 entries; first_out[0] == 0
    std::vector<NodeId> head;      ///< arc -> node it leads to
    std::vector<float> seconds;    ///< arc -> travel time, s
    std::vector<float> metres;     ///< arc -> length, m
    std::vector<EdgeId> arc_edge;  ///< arc -> the Edge it runs along
    std::vector<Edge> edges;       ///< the road segments
    std::vector<geometry::Point> node_position; ///< node -> position (empty without coordinates)
    std::vector<std::uint64_t> node_key;        ///< node -> the source's junction key
    std::optional<crs::WorkingCrs> crs;         ///< the CRS of positions and shapes
    std::string source;                         ///< where the roads came from

    NodeId node_count() const noexcept { return static_cast<NodeId>(first_out.empty() ? 0 : first_out.size() - 1); }
    ArcId arc_count() const noexcept { return static_cast<ArcId>(head.size()); }
    bool has_coordinates() const noexcept { return !node_position.empty(); }
    /// The node with a source junction key. @throws Error (Errc::argument) if there is none.
    NodeId node_of_key(std::uint64_t key) const;
};

/// Options for build_graph. DEFAULTs as documented.
struct BuildOptions {
    /// Keep only the largest strongly connected component (DEFAULT: true), so every kept node
    /// can reach every other; the dropped components are reported in BuildReport.
    bool largest_component_only = true;
};

/// What build_graph found and did.
struct BuildReport {
    std::size_t input_edges = 0;
    std::size_t dropped_edges = 0;          ///< closed both ways, or outside the kept component
    std::vector<Component> components;      ///< strongly connected components, largest first
};

/// Compacts road edges into a Graph. Junction keys become dense NodeIds in increasing key
/// order; arcs are created for each traversable direction.
/// @throws Error (Errc::data) naming the source and the edge for a negative length or time;
///         (Errc::data) if no traversable edge is left ("the network has no roads").
POOLED_CXX_API Graph build_graph(const RoadEdges &roads, const BuildOptions &options = {},
                                 BuildReport *report = nullptr);

/// Strongly connected components of a graph (Tarjan, iterative), largest first, ties by the
/// smallest node id; `component_of` (if given) receives each node's index into the result.
POOLED_CXX_API std::vector<Component> strongly_connected_components(const Graph &graph,
                                                                    std::vector<std::uint32_t> *component_of = nullptr);

/// The transposed graph: the same nodes, edges, positions and keys, with every arc u -> v
/// turned into v -> u (same seconds, metres and Edge; arcs of a node sorted by head, then
/// edge, as build_graph does). A search on it from t gives every node's cost *to* t in
/// `graph` (e.g. zone -> site for many zones in one search from the sites). Edge::from, to and
/// the directional seconds keep their meaning in the original graph, so starts_from() and
/// cost_to_snap() (which read them) do not apply to the reversed graph.
/// reversed(reversed(g)) has the same arcs as g.
POOLED_CXX_API Graph reversed(const Graph &graph);

} // namespace pooled::network
