// ContractionHierarchy: node ordering and contraction with witness searches, in rounds.
//
// The remaining graph is held as adjacency lists of uncontracted neighbours (both
// directions), so a witness search sees only what is left. Each round contracts an
// independent set: the nodes whose priority (shortcuts - removed arcs, in arcs and in the
// original arcs they stand for, + deleted neighbours + level) is below every neighbour's.
// Their witness searches run in parallel on the graph as the round found it; then the round's
// arcs are removed and its shortcuts added in node order, and the neighbours' priorities are
// simulated again (in parallel). Each step depends only on the graph, never on which thread
// did it, so the hierarchy is the same for any thread count.
//
// Why contracting a set at once is exact: take the set in node-id order as if contracted one
// by one. A witness search for v skips v and the set's nodes before v, but may pass the later
// ones. The nodes before v are not v's neighbours, so in the one-by-one order v's arcs are the
// same when its turn comes, and every arc the witness used is still there (or was improved by
// a shortcut): each "no shortcut needed" holds in that order too, and a shortcut added beyond
// it stands for a real path. The hierarchy is therefore one a one-by-one contraction in that
// order could have built, with at most some shortcuts more.

#include <pooled/network/contraction.hpp>

#include "core/parallel.hpp"
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

/// What simulating a contraction found: shortcuts - removed arcs, and the same in original arcs.
struct Difference {
    std::int64_t arcs = 0;
    std::int64_t hops = 0;
};

/// One worker's witness search state: a label a node (one cache line for what a relaxation
/// touches), reset in O(1) by a round stamp.
struct WitnessScratch {
    explicit WitnessScratch(NodeId n) : label(n, WitnessLabel{0.0, 0.0, 0, 0}) {}
    std::vector<WitnessLabel> label;
    std::uint32_t round = 0;
    std::vector<WitnessItem> heap;
};

/// A fixed mix of a node id: ties between equal priorities fall in a scattered pattern, not
/// along the ids (which follow the grid or the input order).
std::uint64_t scatter(NodeId v) noexcept {
    std::uint64_t x = v + 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// Rounds below this many nodes run on the calling thread (starting threads would cost more).
constexpr std::size_t min_parallel_items = 64;

class Contractor {
public:
    Contractor(const Graph &graph, Cost cost, std::uint32_t settle_limit, unsigned threads)
        : m_n(graph.node_count()), m_out(m_n), m_in(m_n), m_deleted(m_n, 0), m_level(m_n, 0),
          m_difference(m_n), m_in_batch(m_n, 0), m_settle_limit(settle_limit),
          m_workers(pooled::detail::worker_count(m_n, threads)) {
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
        m_scratch.reserve(m_workers);
        for (std::size_t w = 0; w < m_workers; ++w) {
            m_scratch.emplace_back(m_n);
        }
    }

    /// Contracts every node; up[v] and down[v] receive v's arcs to higher nodes (original ids).
    void run(std::vector<NodeId> &order, std::vector<std::vector<DArc>> &up, std::vector<std::vector<DArc>> &down,
             std::size_t &shortcut_count) {
        std::vector<NodeId> remaining(m_n);
        for (NodeId v = 0; v < m_n; ++v) {
            remaining[v] = v;
        }
        // First priorities with short witness searches: an estimate, made exact (with the full
        // limit) when the node is picked.
        const std::uint32_t estimate_limit = std::min<std::uint32_t>(m_settle_limit, 8);
        for_each(remaining.size(), [&](WitnessScratch &scratch, std::size_t i) {
            const NodeId v = remaining[i];
            Difference d;
            collect_shortcuts(v, estimate_limit, scratch, [&](const Shortcut &s) { count(d, s); });
            m_difference[v] = removed(v, d);
        });
        up.assign(m_n, {});
        down.assign(m_n, {});
        order.clear();
        order.reserve(m_n);
        std::vector<NodeId> batch;
        std::vector<NodeId> kept;
        std::vector<std::uint8_t> picked; ///< by place in `remaining`
        std::vector<std::vector<Shortcut>> shortcuts;
        while (!remaining.empty()) {
            // The independent set (in node order, as `remaining`) and the rest.
            picked.resize(remaining.size());
            for_each(remaining.size(), [&](WitnessScratch &, std::size_t i) {
                picked[i] = is_local_minimum(remaining[i], priority(remaining[i])) ? 1 : 0;
            });
            batch.clear();
            kept.clear();
            for (std::size_t i = 0; i < remaining.size(); ++i) {
                (picked[i] != 0 ? batch : kept).push_back(remaining[i]);
            }
            for (const NodeId v : batch) {
                m_in_batch[v] = 1;
            }
            if (shortcuts.size() < batch.size()) {
                shortcuts.resize(batch.size());
            }
            for_each(batch.size(), [&](WitnessScratch &scratch, std::size_t i) {
                shortcuts[i].clear();
                collect_shortcuts(batch[i], m_settle_limit, scratch,
                                  [&](const Shortcut &s) { shortcuts[i].push_back(s); });
            });
            // Lazy update: a node whose exact priority is worse than its estimate and than a
            // neighbour's waits for a later round (with its exact priority). Then the round is
            // applied in node order, as the one-by-one contraction it stands for.
            std::size_t deferred = kept.size();
            for (std::size_t i = 0; i < batch.size(); ++i) {
                const NodeId v = batch[i];
                m_in_batch[v] = 0;
                Difference d;
                for (const Shortcut &s : shortcuts[i]) {
                    count(d, s);
                }
                const std::int64_t estimate = priority(v);
                m_difference[v] = removed(v, d);
                const std::int64_t exact = priority(v);
                if (exact > estimate && !is_local_minimum(v, exact)) {
                    kept.push_back(v);
                    continue;
                }
                contract(v, shortcuts[i], order, up[v], down[v], shortcut_count);
            }
            std::inplace_merge(kept.begin(), kept.begin() + static_cast<std::ptrdiff_t>(deferred), kept.end());
            remaining.swap(kept);
        }
    }

private:
    /// Runs fn(scratch, i) for i in [0, count), on the workers for a large count.
    template <typename Fn>
    void for_each(std::size_t count, Fn &&fn) {
        if (count < min_parallel_items || m_workers == 1) {
            for (std::size_t i = 0; i < count; ++i) {
                fn(m_scratch[0], i);
            }
            return;
        }
        pooled::detail::for_each_on_workers(count, m_workers,
                                            [&](std::size_t worker, std::size_t i) { fn(m_scratch[worker], i); });
    }

    /// 4 x arc difference + 2 x original-arc difference + deleted neighbours + level: the arc
    /// difference keeps the graph sparse, the other terms spread the contraction evenly.
    std::int64_t priority(NodeId v) const {
        return 4 * m_difference[v].arcs + 2 * m_difference[v].hops + static_cast<std::int64_t>(m_deleted[v]) +
               static_cast<std::int64_t>(m_level[v]);
    }

    /// Whether v, at priority pv, comes before every remaining neighbour: by priority, then a
    /// scattered order.
    bool is_local_minimum(NodeId v, std::int64_t pv) const {
        const std::uint64_t sv = scatter(v);
        for (const auto *list : {&m_out[v], &m_in[v]}) {
            for (const DArc &arc : *list) {
                const std::int64_t px = priority(arc.node);
                if (px < pv || (px == pv && (scatter(arc.node) < sv || (scatter(arc.node) == sv && arc.node < v)))) {
                    return false;
                }
            }
        }
        return true;
    }

    static void count(Difference &d, const Shortcut &s) {
        ++d.arcs;
        d.hops += s.hops;
    }

    /// `added` minus v's arcs: what contracting v changes.
    Difference removed(NodeId v, Difference added) const {
        for (const auto *list : {&m_in[v], &m_out[v]}) {
            added.arcs -= static_cast<std::int64_t>(list->size());
            for (const DArc &arc : *list) {
                added.hops -= arc.hops;
            }
        }
        return added;
    }

    /// Removes v from the remaining graph, adds its shortcuts and updates its neighbours'
    /// deleted-neighbour count and level (a cheap term, kept exact; the rest waits).
    void contract(NodeId v, const std::vector<Shortcut> &shortcuts, std::vector<NodeId> &order,
                  std::vector<DArc> &up, std::vector<DArc> &down, std::size_t &shortcut_count) {
        order.push_back(v);
        up = std::move(m_out[v]);
        down = std::move(m_in[v]);
        std::vector<DArc>().swap(m_out[v]);
        std::vector<DArc>().swap(m_in[v]);
        const auto touch = [&](NodeId x) {
            ++m_deleted[x];
            m_level[x] = std::max(m_level[x], m_level[v] + 1);
        };
        for (const DArc &arc : up) {
            erase_node(m_in[arc.node], v);
            touch(arc.node);
        }
        for (const DArc &arc : down) {
            erase_node(m_out[arc.node], v);
            if (std::none_of(up.begin(), up.end(), [&](const DArc &o) { return o.node == arc.node; })) {
                touch(arc.node);
            }
        }
        for (const Shortcut &s : shortcuts) {
            if (add_or_improve(m_out[s.from], s.to, s.cost, s.other, s.hops)) {
                add_or_improve(m_in[s.to], s.from, s.cost, s.other, s.hops);
                ++shortcut_count;
            }
        }
    }

    /// Calls fn(shortcut) for each shortcut u -> w that contracting v needs.
    template <typename Fn>
    void collect_shortcuts(NodeId v, std::uint32_t settle_limit, WitnessScratch &scratch, Fn &&fn) const {
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
            witness_search(u, v, bound, settle_limit, scratch);
            for (const DArc &out : m_out[v]) {
                const NodeId w = out.node;
                if (w == u) {
                    continue;
                }
                const double c = in.cost + out.cost;
                const double o = in.other + out.other;
                const WitnessLabel &lw = scratch.label[w];
                const bool witnessed = lw.stamp == scratch.round && !less(c, o, lw.cost, lw.other);
                if (!witnessed) {
                    fn(Shortcut{u, w, c, o, in.hops + out.hops});
                }
            }
        }
    }

    /// Dijkstra from u in the remaining graph without v (and without the round's nodes before
    /// v), by (cost, other), until every out-neighbour of v is settled, the cost passes
    /// `bound`, or the settle limit is reached.
    void witness_search(NodeId u, NodeId v, double bound, std::uint32_t settle_limit, WitnessScratch &scratch) const {
        if (++scratch.round == 0) {
            for (WitnessLabel &label : scratch.label) {
                label.stamp = 0;
                label.target = 0;
            }
            scratch.round = 1;
        }
        const std::uint32_t round = scratch.round;
        WitnessLabel *const label = scratch.label.data();
        std::size_t targets = 0;
        for (const DArc &out : m_out[v]) {
            if (out.node != u && label[out.node].target != round) {
                label[out.node].target = round;
                ++targets;
            }
        }
        using Item = WitnessItem;
        const auto before = [](const Item &a, const Item &b) {
            return less(a.cost, a.other, b.cost, b.other) || (a.cost == b.cost && a.other == b.other && a.node < b.node);
        };
        std::vector<Item> &heap = scratch.heap;
        heap.clear();
        label[u].stamp = round;
        label[u].cost = 0.0;
        label[u].other = 0.0;
        detail::heap_push(heap, Item{0.0, 0.0, u}, before);
        const std::uint8_t *const in_batch = m_in_batch.data();
        std::uint32_t settled = 0;
        while (!heap.empty() && targets > 0 && settled < settle_limit) {
            const Item top = detail::heap_pop(heap, before);
            if (top.cost != label[top.node].cost || top.other != label[top.node].other) {
                continue;
            }
            if (top.cost > bound) {
                break;
            }
            ++settled;
            if (label[top.node].target == round) {
                label[top.node].target = 0; // settled: its label is final
                --targets;
            }
            for (const DArc &arc : m_out[top.node]) {
                const NodeId x = arc.node;
                if (x == v || (in_batch[x] != 0 && x < v)) {
                    continue;
                }
                const double c = top.cost + arc.cost;
                const double o = top.other + arc.other;
                if (c > bound) {
                    continue;
                }
                WitnessLabel &lx = label[x];
                if (lx.stamp != round || less(c, o, lx.cost, lx.other)) {
                    lx.stamp = round;
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
    std::vector<Difference> m_difference; ///< by the last simulation
    std::vector<std::uint8_t> m_in_batch; ///< 1 for the nodes of the round being contracted
    std::uint32_t m_settle_limit;
    std::size_t m_workers;
    std::vector<WitnessScratch> m_scratch; ///< one a worker
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
        Contractor contractor(graph, cost, std::max<std::uint32_t>(options.witness_settle_limit, 1), options.threads);
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
