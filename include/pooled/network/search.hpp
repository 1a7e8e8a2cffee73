#pragma once
/// @file
/// @brief Shortest-path searches on a Graph: bounded one-to-all and multi-source.

#include <pooled/core/units.hpp>
#include <pooled/network/graph.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace pooled::network {

/// What a search minimises.
enum class Cost { seconds, metres };

/// A start of a search: a node and the cost already spent reaching it (the access leg from a
/// snapped point, for instance).
struct Start {
    NodeId node = no_node;
    double cost = 0.0;        ///< in the minimised measure
    double other = 0.0;       ///< the other measure already spent (metres when minimising seconds)
    std::uint32_t source = 0; ///< which source this start belongs to (multi-source search)
};

/// Dijkstra's search from one or more starts, stopping at a cost limit (inclusive: a node
/// at exactly the limit is reached). One object per thread; reuse it across runs: its arrays
/// are reset in O(nodes touched), not O(node count).
///
/// Each reached node also records the other measure along the chosen path (metres when
/// minimising seconds, and the reverse) and, for several starts, which source reached it.
///
/// A node's cost is its start's cost plus the sum of the arc weights from the start node,
/// accumulated in path order: cost = start.cost + (w1 + w2 + ...). (Keeping the start's cost
/// apart makes the result independent of how the path is split, so the contraction hierarchy,
/// which sums paths in another order, gives the same doubles: see contraction.hpp.)
///
/// Ties: of paths of equal cost, a node keeps the one from the smallest `source`, then the
/// smallest other measure; nodes of equal (cost, source, other) are settled by node id. The
/// heap is keyed by that whole order, so the rule holds along zero-cost arcs too, and results
/// depend on nothing but the graph and the starts.
/// Thread safety: none; one per thread, sharing the const Graph.
class POOLED_CXX_API BoundedSearch {
public:
    explicit BoundedSearch(const Graph &graph, Cost cost = Cost::seconds);

    /// Runs from `starts` until every node within `limit` is settled (+inf = no limit).
    void run(std::span<const Start> starts, double limit = std::numeric_limits<double>::infinity());
    /// Convenience: one start at cost 0.
    void run(NodeId source, double limit = std::numeric_limits<double>::infinity());

    bool reached(NodeId node) const noexcept;
    /// Cost to the node in the minimised measure; +inf if not reached.
    double cost_to(NodeId node) const noexcept;
    /// The other measure along the chosen path (metres if minimising seconds); +inf if not reached.
    double other_to(NodeId node) const noexcept;
    /// The `source` of the start that reached the node; undefined if not reached.
    std::uint32_t source_of(NodeId node) const noexcept;
    /// The nodes settled by the last run, in settling order.
    std::span<const NodeId> settled() const noexcept { return m_settled; }
    /// The arc by which the node was reached (for isochrones); no arc for a start.
    ArcId parent_arc(NodeId node) const noexcept;

    Cost cost() const noexcept { return m_cost; }
    const Graph &graph() const noexcept { return m_graph; }

private:
    /// A node's label: one cache line holds everything a relaxation reads or writes.
    struct Label {
        double path;         ///< minimised measure from the start node (start cost excluded)
        double other_path;   ///< other measure from the start node
        std::uint32_t start; ///< index into m_starts
        ArcId parent;
        std::uint32_t stamp; ///< == m_round when reached in the current run
    };
    struct Entry {
        double cost;
        double other;
        std::uint32_t source;
        NodeId node;
    };
    void push(const Entry &entry);
    Entry pop();

    const Graph &m_graph;
    Cost m_cost;
    std::vector<Label> m_label;
    std::vector<Start> m_starts; ///< the starts of the current run, within the limit
    std::uint32_t m_round = 0;
    std::vector<NodeId> m_settled;
    std::vector<Entry> m_heap; ///< 4-ary min-heap with lazy deletion
};

} // namespace pooled::network
