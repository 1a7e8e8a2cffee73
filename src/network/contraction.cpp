// ContractionHierarchy: node ordering and contraction with witness searches.
//
// The remaining graph is held as adjacency lists of uncontracted neighbours (both
// directions), so a witness search sees only what is left. Priorities are
// shortcuts - removed arcs + deleted neighbours, kept up to date lazily: a node popped from
// the queue is simulated again and put back if it got worse than the next one.

#include <pooled/network/contraction.hpp>

#include "network/quad_heap.hpp"

#include <pooled/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace pooled::network {

namespace {

/// An arc of the remaining graph: its other end (tail in `in` lists, head in `out` lists).
struct DArc {
    double cost;
    double other;
    NodeId node;
    std::uint32_t hops; ///< original arcs it stands for
};

/// (cost, other) lexicographically: a < b.
bool less(double cost_a, double other_a, double cost_b, double other_b) noexcept {
    return cost_a < cost_b || (cost_a == cost_b && other_a < other_b);
}

/// Adds the arc to `node` to `list`, or improves the one there; false if that one was as good.
bool add_or_improve(std::vector<DArc> &list, NodeId node, double cost, double other, std::uint32_t hops) {
    for (DArc &arc : list) {
        if (arc.node == node) {
            if (!less(cost, other, arc.cost, arc.other)) {
                return false;
            }
            arc = DArc{cost, other, node, hops};
            return true;
        }
    }
    list.push_back(DArc{cost, other, node, hops});
    return true;
}

void erase_node(std::vector<DArc> &list, NodeId node) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].node == node) {
            list[i] = list.back();
            list.pop_back();
            return;
        }
    }
}

struct WitnessLabel {
    double cost;
    double other;
    std::uint32_t stamp;  ///< == round: reached in this witness search
    std::uint32_t target; ///< == round: an unsettled target of this witness search
};

struct WitnessItem {
    double cost;
    double other;
    NodeId node;
};

struct Shortcut {
    NodeId from;
    NodeId to;
    double cost;
    double other;
    std::uint32_t hops;
};

class Contractor {
public:
    Contractor(const Graph &graph, Cost cost, std::uint32_t settle_limit)
        : m_n(graph.node_count()), m_out(m_n), m_in(m_n), m_deleted(m_n, 0), m_level(m_n, 0),
          m_last_edge_difference(m_n, 0), m_last_hop_difference(m_n, 0), m_label(m_n, WitnessLabel{0.0, 0.0, 0, 0}),
          m_settle_limit(settle_limit) {
        const float *weight = cost == Cost::seconds ? graph.seconds.data() : graph.metres.data();
        const float *other = cost == Cost::seconds ? graph.metres.data() : graph.seconds.data();
        for (NodeId u = 0; u < m_n; ++u) {
            for (ArcId a = graph.first_out[u]; a < graph.first_out[u + 1]; ++a) {
                const NodeId v = graph.head[a];
                if (v == u) {
                    continue;
                }
                const double c = weight[a];
                const double o = other[a];
                if (add_or_improve(m_out[u], v, c, o, 1)) {
                    add_or_improve(m_in[v], u, c, o, 1);
                }
            }
        }
    }

    /// Contracts every node; up[v] and down[v] receive v's arcs to higher nodes (original ids).
    void run(std::vector<NodeId> &order, std::vector<std::vector<DArc>> &up, std::vector<std::vector<DArc>> &down,
             std::size_t &shortcut_count) {
        struct Item {
            std::int64_t priority;
            NodeId node;
        };
        const auto after = [](const Item &a, const Item &b) {
            return a.priority < b.priority || (a.priority == b.priority && a.node < b.node);
        };
        std::vector<std::int64_t> priority(m_n);
        std::vector<Item> queue;
        queue.reserve(m_n);
        // First priorities with short witness searches: an estimate, made exact (with the full
        // limit) when the node comes up.
        const std::uint32_t full_limit = m_settle_limit;
        m_settle_limit = std::min<std::uint32_t>(full_limit, 8);
        for (NodeId v = 0; v < m_n; ++v) {
            priority[v] = simulate(v);
            detail::heap_push(queue, Item{priority[v], v}, after);
        }
        m_settle_limit = full_limit;
        up.assign(m_n, {});
        down.assign(m_n, {});
        order.clear();
        order.reserve(m_n);
        std::vector<Shortcut> shortcuts;
        std::vector<bool> done(m_n, false);
        while (!queue.empty()) {
            const Item item = detail::heap_pop(queue, after);
            const NodeId v = item.node;
            if (done[v] || item.priority != priority[v]) {
                continue; // stale
            }
            // Lazy update: if v got worse than the next node, put it back. The shortcuts of
            // this simulation are the ones contracting v adds.
            shortcuts.clear();
            std::uint64_t hops = 0;
            collect_shortcuts(v, [&](NodeId u, NodeId w, double c, double o, std::uint32_t h) {
                shortcuts.push_back({u, w, c, o, h});
                hops += h;
            });
            const std::int64_t now = priority_of(v, shortcuts.size(), hops);
            if (now != priority[v]) {
                priority[v] = now;
                if (!queue.empty() && after(queue.front(), Item{now, v})) {
                    detail::heap_push(queue, Item{now, v}, after);
                    continue;
                }
            }
            done[v] = true;
            order.push_back(v);
            up[v] = std::move(m_out[v]);
            down[v] = std::move(m_in[v]);
            std::vector<DArc>().swap(m_out[v]);
            std::vector<DArc>().swap(m_in[v]);
            for (const DArc &arc : up[v]) {
                erase_node(m_in[arc.node], v);
            }
            for (const DArc &arc : down[v]) {
                erase_node(m_out[arc.node], v);
            }
            for (const Shortcut &s : shortcuts) {
                if (add_or_improve(m_out[s.from], s.to, s.cost, s.other, s.hops)) {
                    add_or_improve(m_in[s.to], s.from, s.cost, s.other, s.hops);
                    ++shortcut_count;
                }
            }
            // Deleted neighbours: a cheap term, updated at once (the rest waits for the pop).
            const auto touch = [&](NodeId x) {
                ++m_deleted[x];
                m_level[x] = std::max(m_level[x], m_level[v] + 1);
                priority[x] = priority_of_known(x);
                detail::heap_push(queue, Item{priority[x], x}, after);
            };
            for (const DArc &arc : up[v]) {
                touch(arc.node);
            }
            for (const DArc &arc : down[v]) {
                if (std::none_of(up[v].begin(), up[v].end(), [&](const DArc &o) { return o.node == arc.node; })) {
                    touch(arc.node);
                }
            }
        }
    }

private:
    /// The priority of v from a new simulation of its contraction.
    std::int64_t simulate(NodeId v) {
        std::size_t added = 0;
        std::uint64_t hops = 0;
        collect_shortcuts(v, [&](NodeId, NodeId, double, double, std::uint32_t h) {
            ++added;
            hops += h;
        });
        return priority_of(v, added, hops);
    }

    /// 4 x edge difference + 2 x original-arc difference + deleted neighbours + level: the
    /// edge difference keeps the graph sparse, the other terms spread the contraction evenly.
    std::int64_t priority_of(NodeId v, std::size_t shortcuts, std::uint64_t shortcut_hops) {
        std::int64_t removed = 0;
        std::int64_t removed_hops = 0;
        for (const auto *list : {&m_in[v], &m_out[v]}) {
            removed += static_cast<std::int64_t>(list->size());
            for (const DArc &arc : *list) {
                removed_hops += arc.hops;
            }
        }
        m_last_edge_difference[v] = static_cast<std::int64_t>(shortcuts) - removed;
        m_last_hop_difference[v] = static_cast<std::int64_t>(shortcut_hops) - removed_hops;
        return priority_of_known(v);
    }

    /// The priority from the last simulation's differences and the current neighbour terms.
    std::int64_t priority_of_known(NodeId v) const {
        return 4 * m_last_edge_difference[v] + 2 * m_last_hop_difference[v] +
               static_cast<std::int64_t>(m_deleted[v]) + static_cast<std::int64_t>(m_level[v]);
    }

    /// Calls fn(u, w, cost, other) for each shortcut u -> w that contracting v needs.
    template <typename Fn>
    void collect_shortcuts(NodeId v, Fn &&fn) {
        for (const DArc &in : m_in[v]) {
            const NodeId u = in.node;
            double bound = -1.0;
            for (const DArc &out : m_out[v]) {
                if (out.node != u) {
                    bound = std::max(bound, in.cost + out.cost);
                }
            }
            if (bound < 0.0) {
                continue;
            }
            witness_search(u, v, bound);
            for (const DArc &out : m_out[v]) {
                const NodeId w = out.node;
                if (w == u) {
                    continue;
                }
                const double c = in.cost + out.cost;
                const double o = in.other + out.other;
                const WitnessLabel &lw = m_label[w];
                const bool witnessed = lw.stamp == m_round && !less(c, o, lw.cost, lw.other);
                if (!witnessed) {
                    fn(u, w, c, o, in.hops + out.hops);
                }
            }
        }
    }

    /// Dijkstra from u in the remaining graph without v, by (cost, other), until every
    /// out-neighbour of v is settled, the cost passes `bound`, or the settle limit is reached.
    void witness_search(NodeId u, NodeId v, double bound) {
        if (++m_round == 0) {
            for (WitnessLabel &label : m_label) {
                label.stamp = 0;
                label.target = 0;
            }
            m_round = 1;
        }
        WitnessLabel *const label = m_label.data();
        std::size_t targets = 0;
        for (const DArc &out : m_out[v]) {
            if (out.node != u && label[out.node].target != m_round) {
                label[out.node].target = m_round;
                ++targets;
            }
        }
        using Item = WitnessItem;
        const auto before = [](const Item &a, const Item &b) {
            return less(a.cost, a.other, b.cost, b.other) || (a.cost == b.cost && a.other == b.other && a.node < b.node);
        };
        m_heap.clear();
        label[u].stamp = m_round;
        label[u].cost = 0.0;
        label[u].other = 0.0;
        std::vector<Item> &heap = m_heap;
        detail::heap_push(heap, Item{0.0, 0.0, u}, before);
        std::uint32_t settled = 0;
        while (!heap.empty() && targets > 0 && settled < m_settle_limit) {
            const Item top = detail::heap_pop(heap, before);
            if (top.cost != label[top.node].cost || top.other != label[top.node].other) {
                continue;
            }
            if (top.cost > bound) {
                break;
            }
            ++settled;
            if (label[top.node].target == m_round) {
                label[top.node].target = 0; // settled: its label is final
                --targets;
            }
            for (const DArc &arc : m_out[top.node]) {
                const NodeId x = arc.node;
                if (x == v) {
                    continue;
                }
                const double c = top.cost + arc.cost;
                const double o = top.other + arc.other;
                if (c > bound) {
                    continue;
                }
                WitnessLabel &lx = label[x];
                if (lx.stamp != m_round || less(c, o, lx.cost, lx.other)) {
                    lx.stamp = m_round;
                    lx.cost = c;
                    lx.other = o;
                    detail::heap_push(heap, Item{c, o, x}, before);
                }
            }
        }
    }

    NodeId m_n;
    std::vector<std::vector<DArc>> m_out;
    std::vector<std::vector<DArc>> m_in;
    std::vector<std::uint32_t> m_deleted;
    std::vector<std::uint32_t> m_level;
    std::vector<std::int64_t> m_last_edge_difference;
    std::vector<std::int64_t> m_last_hop_difference;
    // Witness search state: one label a node, so a relaxation touches one cache line.
    std::vector<WitnessLabel> m_label;
    std::uint32_t m_round = 0;
    std::uint32_t m_settle_limit;
    std::vector<WitnessItem> m_heap;
};

/// Lists by node (original ids) -> CSR by rank, arcs pointing at ranks, sorted by rank.
void to_rank_csr(const std::vector<std::vector<DArc>> &lists, const std::vector<NodeId> &order,
                 const std::vector<NodeId> &rank, std::vector<std::uint32_t> &first,
                 std::vector<ContractionHierarchy::Arc> &arcs) {
    const std::size_t n = order.size();
    first.assign(n + 1, 0);
    std::size_t total = 0;
    for (std::size_t r = 0; r < n; ++r) {
        total += lists[order[r]].size();
        if (total >= std::numeric_limits<std::uint32_t>::max()) {
            throw Error(Errc::data, "too many arcs for a contraction hierarchy");
        }
        first[r + 1] = static_cast<std::uint32_t>(total);
    }
    arcs.resize(total);
    for (std::size_t r = 0; r < n; ++r) {
        auto *out = arcs.data() + first[r];
        for (const DArc &arc : lists[order[r]]) {
            *out++ = ContractionHierarchy::Arc{arc.cost, arc.other, rank[arc.node]};
        }
        std::sort(arcs.data() + first[r], out,
                  [](const ContractionHierarchy::Arc &a, const ContractionHierarchy::Arc &b) { return a.node < b.node; });
    }
}

} // namespace

ContractionHierarchy::ContractionHierarchy(const Graph &graph, Cost cost, const ContractionOptions &options)
    : m_cost(cost) {
    const NodeId n = graph.node_count();
    if (n == 0) {
        throw Error(Errc::argument, "cannot contract an empty graph", SourceRef{graph.source, {}, {}, {}});
    }
    std::vector<NodeId> order;
    std::vector<std::vector<DArc>> up;
    std::vector<std::vector<DArc>> down;
    {
        Contractor contractor(graph, cost, std::max<std::uint32_t>(options.witness_settle_limit, 1));
        contractor.run(order, up, down, m_shortcuts);
    }
    m_rank.assign(n, 0);
    for (NodeId r = 0; r < n; ++r) {
        m_rank[order[r]] = r;
    }
    to_rank_csr(up, order, m_rank, m_up_first, m_up);
    to_rank_csr(down, order, m_rank, m_down_first, m_down);
}

} // namespace pooled::network
