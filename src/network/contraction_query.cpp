// The bucket many-to-many query on a ContractionHierarchy (Knopp et al. 2007): backward
// upward searches from the targets file (target, cost) into buckets by node; one forward
// upward search per row scans the buckets of the nodes it settles. Both searches use
// stall-on-demand: a node whose label an arc from a higher node beats is not expanded.

#include <pooled/network/contraction.hpp>

#include "network/quad_heap.hpp"
#include "network/start_checks.hpp"

#include <pooled/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace pooled::network {

namespace {

/// (cost, other) lexicographically: a < b.
bool less(double cost_a, double other_a, double cost_b, double other_b) noexcept {
    return cost_a < cost_b || (cost_a == cost_b && other_a < other_b);
}

struct BackwardItem {
    double cost;
    double other;
    NodeId node;
};

/// The upward search space of one target in the backward graph: (node, cost, other) of every
/// settled, unstalled node within the limit.
class BackwardSearch {
public:
    explicit BackwardSearch(const ContractionHierarchy &ch)
        : m_ch(ch), m_cost(ch.node_count()), m_other(ch.node_count()), m_stamp(ch.node_count(), 0) {}

    template <typename Fn>
    void run(NodeId target_rank, double limit, Fn &&fn) {
        if (++m_round == 0) {
            std::fill(m_stamp.begin(), m_stamp.end(), 0U);
            m_round = 1;
        }
        const auto before = [](const BackwardItem &a, const BackwardItem &b) {
            return less(a.cost, a.other, b.cost, b.other) ||
                   (a.cost == b.cost && a.other == b.other && a.node < b.node);
        };
        m_heap.clear();
        m_stamp[target_rank] = m_round;
        m_cost[target_rank] = 0.0;
        m_other[target_rank] = 0.0;
        detail::heap_push(m_heap, BackwardItem{0.0, 0.0, target_rank}, before);
        while (!m_heap.empty()) {
            const BackwardItem top = detail::heap_pop(m_heap, before);
            const NodeId x = top.node;
            if (top.cost != m_cost[x] || top.other != m_other[x]) {
                continue;
            }
            // Stalled: x -> y, then y's way down to the target, beats x's label.
            bool stalled = false;
            for (const auto &arc : m_ch.up(x)) {
                if (m_stamp[arc.node] == m_round &&
                    less(m_cost[arc.node] + arc.cost, m_other[arc.node] + arc.other, top.cost, top.other)) {
                    stalled = true;
                    break;
                }
            }
            if (stalled) {
                continue;
            }
            fn(x, top.cost, top.other);
            for (const auto &arc : m_ch.down(x)) { // arcs y -> x, y higher: from x to y here
                const double c = top.cost + arc.cost;
                if (c > limit) {
                    continue;
                }
                const double o = top.other + arc.other;
                const NodeId y = arc.node;
                if (m_stamp[y] != m_round || less(c, o, m_cost[y], m_other[y])) {
                    m_stamp[y] = m_round;
                    m_cost[y] = c;
                    m_other[y] = o;
                    detail::heap_push(m_heap, BackwardItem{c, o, y}, before);
                }
            }
        }
    }

private:
    const ContractionHierarchy &m_ch;
    std::vector<double> m_cost;
    std::vector<double> m_other;
    std::vector<std::uint32_t> m_stamp;
    std::uint32_t m_round = 0;
    std::vector<BackwardItem> m_heap;
};

} // namespace

TargetBuckets::TargetBuckets(const ContractionHierarchy &hierarchy, std::span<const NodeId> targets, double limit)
    : m_hierarchy(hierarchy), m_target_count(targets.size()), m_limit(limit) {
    if (std::isnan(limit)) {
        throw Error(Errc::argument, "the search limit is not a number");
    }
    const NodeId n = hierarchy.node_count();
    for (const NodeId t : targets) {
        if (t >= n) {
            throw Error(Errc::argument, "target node " + std::to_string(t) + " is not in the graph (it has " +
                                            std::to_string(n) + " nodes)");
        }
    }
    // Search spaces target by target, then filed by node with a counting sort that keeps
    // target order within a bucket.
    struct Found {
        NodeId node;
        Entry entry;
    };
    std::vector<Found> found;
    BackwardSearch search(hierarchy);
    for (std::size_t j = 0; j < targets.size(); ++j) {
        search.run(hierarchy.rank(targets[j]), limit, [&](NodeId x, double cost, double other) {
            found.push_back(Found{x, Entry{cost, other, static_cast<std::uint32_t>(j)}});
        });
    }
    if (found.size() >= std::numeric_limits<std::uint32_t>::max()) {
        throw Error(Errc::argument, "too many targets for one many-to-many search");
    }
    m_first.assign(static_cast<std::size_t>(n) + 1, 0);
    for (const Found &f : found) {
        ++m_first[f.node + 1];
    }
    for (NodeId r = 0; r < n; ++r) {
        m_first[r + 1] += m_first[r];
    }
    m_entries.resize(found.size());
    std::vector<std::uint32_t> next(m_first.begin(), m_first.end() - 1);
    for (const Found &f : found) {
        m_entries[next[f.node]++] = f.entry;
    }
}

ForwardSearch::ForwardSearch(const ContractionHierarchy &hierarchy)
    : m_hierarchy(hierarchy), m_label(hierarchy.node_count(), Label{0.0, 0.0, 0, 0}) {}

void ForwardSearch::run(std::span<const Start> starts, const TargetBuckets &buckets, std::vector<TargetCost> &out) {
    const ContractionHierarchy &ch = m_hierarchy;
    const NodeId n = ch.node_count();
    detail::check_starts(starts, n);
    out.assign(buckets.target_count(), TargetCost{});
    const double limit = buckets.limit();
    if (++m_round == 0) {
        for (Label &label : m_label) {
            label.stamp = 0;
        }
        m_round = 1;
    }
    const std::uint32_t round = m_round;
    m_heap.clear();
    m_starts.clear();
    const auto before = [](const Item &a, const Item &b) { return detail::label_before(a, b); };
    Label *const label = m_label.data();

    for (const Start &start : starts) {
        if (start.cost > limit) {
            continue;
        }
        const NodeId r = ch.rank(start.node);
        Label &l = label[r];
        if (l.stamp == round) {
            const Start &held = m_starts[l.start];
            if (!detail::better(start.cost, start.source, start.other, held.cost, held.source, held.other)) {
                continue;
            }
        }
        l = Label{0.0, 0.0, static_cast<std::uint32_t>(m_starts.size()), round};
        m_starts.push_back(start);
        detail::heap_push(m_heap, Item{start.cost, start.other, start.source, r}, before);
    }
    const Start *const start_of = m_starts.data();

    while (!m_heap.empty()) {
        const Item top = detail::heap_pop(m_heap, before);
        const NodeId x = top.node;
        const Label lx = label[x];
        const Start &s = start_of[lx.start];
        if (top.cost != s.cost + lx.path || top.source != s.source || top.other != s.other + lx.other_path) {
            continue; // stale
        }
        // Stalled: a higher node y with an arc y -> x beats x's label.
        bool stalled = false;
        for (const auto &arc : ch.down(x)) {
            const Label &ly = label[arc.node];
            if (ly.stamp != round) {
                continue;
            }
            const Start &sy = start_of[ly.start];
            if (detail::better(sy.cost + (ly.path + arc.cost), sy.source, sy.other + (ly.other_path + arc.other),
                               top.cost, top.source, top.other)) {
                stalled = true;
                break;
            }
        }
        if (stalled) {
            continue;
        }
        // Meet the targets whose upward search reached x.
        for (const TargetBuckets::Entry &entry : buckets.bucket(x)) {
            const double cost = s.cost + (lx.path + entry.cost);
            if (cost > limit) {
                continue;
            }
            const double other = s.other + (lx.other_path + entry.other);
            TargetCost &best = out[entry.target];
            if (detail::better(cost, s.source, other, best.cost, best.source, best.other)) {
                best = TargetCost{cost, s.source, other};
            }
        }
        for (const auto &arc : ch.up(x)) {
            const double path = lx.path + arc.cost;
            const double cost = s.cost + path;
            if (cost > limit) {
                continue;
            }
            const double other_path = lx.other_path + arc.other;
            const double other = s.other + other_path;
            Label &ly = label[arc.node];
            if (ly.stamp == round) {
                const Start &held = start_of[ly.start];
                if (!detail::better(cost, s.source, other, held.cost + ly.path, held.source,
                                    held.other + ly.other_path)) {
                    continue;
                }
            }
            ly = Label{path, other_path, lx.start, round};
            detail::heap_push(m_heap, Item{cost, other, s.source, arc.node}, before);
        }
    }
}

} // namespace pooled::network
