#pragma once
/// @file
/// @brief Contraction hierarchies (Geisberger et al. 2008) and the bucket many-to-many query
///        (Knopp et al. 2007): exact shortest costs for large matrices.
///
/// Preprocessing contracts the nodes in rounds, each an independent set of nodes whose
/// priority (edge difference plus deleted neighbours and level, updated lazily) is below their
/// neighbours', with the witness searches of a round on all cores; it adds a shortcut u -> w
/// for a contracted v whenever a witness search (limited by a number of settled nodes) finds
/// no path from u to w avoiding v that is as good. The hierarchy is the same for any number of
/// threads. A query then searches only upwards in the order from both ends.
///
/// Exactness. Every arc and shortcut carries both measures, the minimised one and the other,
/// and paths are compared by (cost, other) lexicographically, the order BoundedSearch uses;
/// a shortcut's measures are the sums over the original arcs it stands for (so "unpacking"
/// it gives the same metres). A matrix entry is start.cost + (forward part + backward part),
/// where BoundedSearch gives start.cost + (w1 + w2 + ...): the same doubles whenever the sums
/// of the float arc weights are exact in double, i.e. when a path's cost is below 2^30 times
/// the smallest non-zero weight's power of two (1 mm steps up to 1,000 km; 1 ms steps up to
/// 12 days), as on any road network. The tests compare both on random graphs with `==`.

#include <pooled/network/graph.hpp>
#include <pooled/network/search.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace pooled::network {

/// Options of ContractionHierarchy. DEFAULTs as documented; they change the preprocessing
/// time and the number of shortcuts, never a cost.
struct ContractionOptions {
    /// Nodes a witness search may settle before giving up (DEFAULT: 60); a search that gives
    /// up adds the shortcut, which is never wrong, only larger.
    std::uint32_t witness_settle_limit = 60;
    /// Threads for the witness searches (DEFAULT: 0 = all cores); the hierarchy is the same
    /// for any number.
    unsigned threads = 0;
};

/// A contraction hierarchy of a Graph for one measure. Build once (it copies what it needs;
/// the Graph may go), then query from any number of threads.
/// Thread safety: immutable after construction.
class POOLED_CXX_API ContractionHierarchy {
public:
    /// @throws Error (Errc::argument) for a graph with no nodes.
    ContractionHierarchy(const Graph &graph, Cost cost, const ContractionOptions &options = {});

    Cost cost() const noexcept { return m_cost; }
    NodeId node_count() const noexcept { return static_cast<NodeId>(m_rank.size()); }
    /// A node's place in the contraction order (0 = contracted first).
    NodeId rank(NodeId node) const { return m_rank.at(node); }
    /// Upward arcs (original arcs and shortcuts) in the forward and backward search graphs.
    std::size_t upward_arc_count() const noexcept { return m_up.size() + m_down.size(); }
    /// Shortcuts added (not counting original arcs).
    std::size_t shortcut_count() const noexcept { return m_shortcuts; }

    /// An arc of the search graphs, in rank space: `node` is the other end (higher rank).
    struct Arc {
        double cost;  ///< the minimised measure
        double other; ///< the other measure along the same path
        NodeId node;
    };
    /// Arcs r -> x with rank x > r (the forward, upward graph), by rank r.
    std::span<const Arc> up(NodeId r) const noexcept {
        return {m_up.data() + m_up_first[r], m_up_first[r + 1] - m_up_first[r]};
    }
    /// Arcs x -> r with rank x > r (searched from r by the backward, upward search), by rank r.
    std::span<const Arc> down(NodeId r) const noexcept {
        return {m_down.data() + m_down_first[r], m_down_first[r + 1] - m_down_first[r]};
    }

private:
    Cost m_cost;
    std::vector<NodeId> m_rank; ///< node -> rank
    std::vector<std::uint32_t> m_up_first;
    std::vector<Arc> m_up;
    std::vector<std::uint32_t> m_down_first;
    std::vector<Arc> m_down;
    std::size_t m_shortcuts = 0;
};

/// What a search found at a target: the cost, the source and the other measure of the best
/// start ((cost, source, other) lexicographically, as BoundedSearch); cost +inf if none.
struct TargetCost {
    double cost = std::numeric_limits<double>::infinity();
    std::uint32_t source = std::numeric_limits<std::uint32_t>::max();
    double other = std::numeric_limits<double>::infinity();
};

/// The backward half of a many-to-many query: for every target node, its upward search
/// space with the cost from each node there down to the target, filed by node ("buckets").
/// Build once for a set of targets; then ForwardSearch::run() gives one row per call. It keeps
/// a reference to the hierarchy, which must outlive it.
/// Thread safety: immutable after construction.
class POOLED_CXX_API TargetBuckets {
public:
    /// @param targets graph node ids (repeats allowed); @param limit prunes the searches (a
    ///        target further than `limit` from every start is reported as +inf anyway).
    /// @throws Error (Errc::argument) for a node not in the hierarchy or a NaN limit.
    TargetBuckets(const ContractionHierarchy &hierarchy, std::span<const NodeId> targets,
                  double limit = std::numeric_limits<double>::infinity());

    const ContractionHierarchy &hierarchy() const noexcept { return m_hierarchy; }
    std::size_t target_count() const noexcept { return m_target_count; }
    /// Entries over all buckets (the total size of the backward search spaces).
    std::size_t entry_count() const noexcept { return m_entries.size(); }

    struct Entry {
        double cost;
        double other;
        std::uint32_t target;
    };
    std::span<const Entry> bucket(NodeId r) const noexcept {
        return {m_entries.data() + m_first[r], m_first[r + 1] - m_first[r]};
    }
    double limit() const noexcept { return m_limit; }

private:
    const ContractionHierarchy &m_hierarchy;
    std::size_t m_target_count = 0;
    double m_limit;
    std::vector<std::uint32_t> m_first; ///< by rank
    std::vector<Entry> m_entries;
};

/// The forward half: one upward search from a set of starts, scanning the buckets it meets.
/// One object per thread; reuse it (O(touched) reset).
class POOLED_CXX_API ForwardSearch {
public:
    explicit ForwardSearch(const ContractionHierarchy &hierarchy);

    /// Costs from `starts` (graph node ids, costs as BoundedSearch) to every target of
    /// `buckets`, into `out` (resized to target_count()); a target beyond buckets.limit() is
    /// +inf. Equal to BoundedSearch::run(starts, limit) read at the targets.
    /// @throws Error (Errc::argument) for bad starts, as BoundedSearch.
    void run(std::span<const Start> starts, const TargetBuckets &buckets, std::vector<TargetCost> &out);

private:
    struct Label {
        double path;
        double other_path;
        std::uint32_t start;
        std::uint32_t stamp;
    };
    const ContractionHierarchy &m_hierarchy;
    std::vector<Label> m_label;
    std::vector<Start> m_starts;
    std::uint32_t m_round = 0;
    struct Item {
        double cost;
        double other;
        std::uint32_t source;
        NodeId node;
    };
    std::vector<Item> m_heap;
};

} // namespace pooled::network
