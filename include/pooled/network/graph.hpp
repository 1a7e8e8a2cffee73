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
#include <span>
#include <string>
#include <vector>

namespace pooled::network {

using NodeId = std::uint32_t;
using ArcId = std::uint32_t;
using EdgeId = std::uint32_t;
inline constexpr NodeId no_node = std::numeric_limits<NodeId>::max();

/// One road segment of the graph (both directions share it). Its shape and origin id are kept
/// apart, in Graph's flat arrays (Graph::shape(), Graph::origin_id()), so an edge is 20 bytes.
struct Edge {
    NodeId from = no_node;               ///< the node at the shape's first point
    NodeId to = no_node;                 ///< the node at the shape's last point
    float metres = 0.0F;
    float forward_seconds = 0.0F;        ///< from -> to; +inf if closed that way
    float backward_seconds = 0.0F;       ///< to -> from; +inf if closed that way
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
    /// Edge shapes, flat: edge e's points are shape_points[shape_first[e] .. shape_first[e + 1]),
    /// in the working CRS, from Edge::from to Edge::to. Both empty without coordinates.
    std::vector<std::uint32_t> shape_first;
    std::vector<geometry::Point> shape_points;
    /// Edge -> id of the way, feature or row it came from; empty when no edge has one.
    std::vector<std::int64_t> edge_origin;
    std::vector<geometry::Point> node_position; ///< node -> position (empty without coordinates)
    std::vector<std::uint64_t> node_key;        ///< node -> the source's junction key
    std::optional<crs::WorkingCrs> crs;         ///< the CRS of positions and shapes
    std::string source;                         ///< where the roads came from

    NodeId node_count() const noexcept { return static_cast<NodeId>(first_out.empty() ? 0 : first_out.size() - 1); }
    ArcId arc_count() const noexcept { return static_cast<ArcId>(head.size()); }
    EdgeId edge_count() const noexcept { return static_cast<EdgeId>(edges.size()); }
    bool has_coordinates() const noexcept { return !node_position.empty(); }
    /// The edge's line (empty without coordinates).
    std::span<const geometry::Point> shape(EdgeId edge) const noexcept {
        if (shape_first.empty()) {
            return {};
        }
        return std::span<const geometry::Point>(shape_points).subspan(shape_first[edge],
                                                                       shape_first[edge + 1] - shape_first[edge]);
    }
    /// The id of the way, feature or row the edge came from; -1 if it has none.
    std::int64_t origin_id(EdgeId edge) const noexcept { return edge_origin.empty() ? -1 : edge_origin[edge]; }
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

/// Builds a Graph edge by edge, holding only what the graph needs of each (about 28 bytes,
/// plus its shape points), so large networks need not be held as RoadEdges first.
/// build_graph(RoadEdges) is this builder over the edges in order; both give the same Graph.
/// Thread safety: none.
class POOLED_CXX_API GraphBuilder {
public:
    /// @param source where the roads come from, for messages; @param crs their CRS (shapes
    ///        are used only with one).
    explicit GraphBuilder(std::string source, std::optional<crs::WorkingCrs> crs = std::nullopt);

    /// Room for `edges` more edges and `shape_points` more shape points.
    void reserve(std::size_t edges, std::size_t shape_points = 0);

    /// Checks and adds one road edge (its shape is copied).
    /// @throws Error (Errc::data) naming the source and the edge (its origin id, else its
    ///         position among the edges added) for a NaN or negative length or time, or one
    ///         too large for a float.
    void add(const RoadEdge &edge);
    /// The same without a RoadEdge: `shape` may be empty (then the graph has no coordinates).
    void add(std::uint64_t source, std::uint64_t target, double metres, double forward_seconds,
             double backward_seconds, std::span<const geometry::Point> shape = {}, std::int64_t origin_id = -1);

    /// Compacts the edges into a Graph, as build_graph documents; the builder is left empty.
    /// @throws Error as build_graph.
    Graph build(const BuildOptions &options = {}, BuildReport *report = nullptr);

private:
    std::string m_source;
    std::optional<crs::WorkingCrs> m_crs;
    std::size_t m_input = 0;                ///< edges added, usable or not
    std::vector<std::uint64_t> m_from_key;  ///< of the usable edges (not self-loops, open one way)
    std::vector<std::uint64_t> m_to_key;
    std::vector<Edge> m_edges;              ///< lengths and times (from and to are set in build)
    std::vector<std::int64_t> m_origin;     ///< empty until an edge has an origin id
    bool m_has_origins = false;
    std::vector<std::uint32_t> m_shape_first;
    std::vector<geometry::Point> m_shape_points;
    bool m_all_shapes = true;               ///< every usable edge has a shape
};

/// Compacts road edges into a Graph. Junction keys become dense NodeIds in increasing key
/// order; arcs are created for each traversable direction. Self-loops and edges closed both
/// ways are dropped.
/// @throws Error (Errc::data) naming the source and the edge for a negative length or time;
///         (Errc::data) if no traversable edge is left ("the network has no roads").
POOLED_CXX_API Graph build_graph(const RoadEdges &roads, const BuildOptions &options = {},
                                 BuildReport *report = nullptr);

/// Strongly connected components of a graph (Tarjan, iterative), largest first, ties by the
/// smallest node id; `component_of` (if given) receives each node's index into the result.
POOLED_CXX_API std::vector<Component> strongly_connected_components(const Graph &graph,
                                                                    std::vector<std::uint32_t> *component_of = nullptr);

/// The transposed graph: the same nodes, edges, shapes, positions and keys, with every arc u -> v
/// turned into v -> u (same seconds, metres and Edge; arcs of a node sorted by head, then
/// edge, as build_graph does). A search on it from t gives every node's cost *to* t in
/// `graph` (e.g. zone -> site for many zones in one search from the sites). Edge::from, to and
/// the directional seconds keep their meaning in the original graph, so starts_from() and
/// cost_to_snap() (which read them) do not apply to the reversed graph.
/// reversed(reversed(g)) has the same arcs as g.
POOLED_CXX_API Graph reversed(const Graph &graph);

} // namespace pooled::network
