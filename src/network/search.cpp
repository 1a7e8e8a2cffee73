// BoundedSearch: Dijkstra with a 4-ary heap (lazy deletion) over timestamped labels, so a run
// costs O(nodes touched), not O(node count).

#include <pooled/core/error.hpp>
#include <pooled/network/search.hpp>

#include "network/quad_heap.hpp"
#include "network/start_checks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace pooled::network {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr ArcId no_arc = std::numeric_limits<ArcId>::max();
constexpr std::uint32_t no_source = std::numeric_limits<std::uint32_t>::max();

} // namespace

BoundedSearch::BoundedSearch(const Graph &graph, Cost cost)
    : m_graph(graph), m_cost(cost), m_label(graph.node_count(), Label{0.0, 0.0, 0, no_arc, 0}) {}

void BoundedSearch::push(const Entry &entry) { 
    detail::heap_push(m_heap, entry, [](const Entry &a, const Entry &b) { return detail::label_before(a, b); });
 }

BoundedSearch::Entry BoundedSearch::pop() { 
    return detail::heap_pop(m_heap, [](const Entry &a, const Entry &b) { return detail::label_before(a, b); });
 }

void BoundedSearch::run(NodeId source, double limit) {
    const Start start{.node = source};
    run(std::span<const Start>(&start, 1), limit);
}

void BoundedSearch::run(std::span<const Start> starts, double limit) {
    const NodeId n = m_graph.node_count();
    if (std::isnan(limit)) {
        throw Error(Errc::argument, "the search limit is not a number");
    }
    detail::check_starts(starts, n);

    // A new round invalidates every label at once; on wrap-around, clear the stamps for real.
    if (++m_round == 0) {
        for (Label &label : m_label) {
            label.stamp = 0;
        }
        m_round = 1;
    }
    m_settled.clear();
    m_heap.clear();
    m_starts.clear();

    const std::uint32_t round = m_round;
    Label *const label = m_label.data();

    // Starts: a node given twice keeps the better (cost, source, other).
    for (const Start &start : starts) {
        if (start.cost > limit) {
            continue;
        }
        const NodeId v = start.node;
        Label &l = label[v];
        if (l.stamp == round) {
            const Start &held = m_starts[l.start];
            if (!detail::better(start.cost, start.source, start.other, held.cost, held.source, held.other)) {
                continue;
            }
        }
        l = Label{0.0, 0.0, static_cast<std::uint32_t>(m_starts.size()), no_arc, round};
        m_starts.push_back(start);
        push(Entry{start.cost, start.other, start.source, v});
    }

    const ArcId *const first_out = m_graph.first_out.data();
    const NodeId *const head = m_graph.head.data();
    const float *const weight = m_cost == Cost::seconds ? m_graph.seconds.data() : m_graph.metres.data();
    const float *const other = m_cost == Cost::seconds ? m_graph.metres.data() : m_graph.seconds.data();
    const Start *const start_of = m_starts.data();

    while (!m_heap.empty()) {
        const Entry top = pop();
        const NodeId u = top.node;
        const Label lu = label[u];
        const Start &s = start_of[lu.start];
        // Labels only ever improve strictly, so exactly one entry per node matches its final
        // label; the others are stale.
        if (top.cost != s.cost + lu.path || top.source != s.source || top.other != s.other + lu.other_path) {
            continue;
        }
        m_settled.push_back(u);
        const ArcId end = first_out[u + 1];
        for (ArcId a = first_out[u]; a < end; ++a) {
            const double path_v = lu.path + static_cast<double>(weight[a]);
            const double cost_v = s.cost + path_v;
            if (cost_v > limit) {
                continue;
            }
            const double other_path_v = lu.other_path + static_cast<double>(other[a]);
            const double other_v = s.other + other_path_v;
            const NodeId v = head[a];
            Label &lv = label[v];
            if (lv.stamp == round) {
                const Start &held = start_of[lv.start];
                if (!detail::better(cost_v, s.source, other_v, held.cost + lv.path, held.source,
                            held.other + lv.other_path)) {
                    continue;
                }
            }
            lv = Label{path_v, other_path_v, lu.start, a, round};
            push(Entry{cost_v, other_v, s.source, v});
        }
    }
}

bool BoundedSearch::reached(NodeId node) const noexcept {
    // Round 0 is "no run yet" (every stamp starts at 0).
    return m_round != 0 && node < m_label.size() && m_label[node].stamp == m_round;
}

double BoundedSearch::cost_to(NodeId node) const noexcept {
    return reached(node) ? m_starts[m_label[node].start].cost + m_label[node].path : infinity;
}

double BoundedSearch::other_to(NodeId node) const noexcept {
    return reached(node) ? m_starts[m_label[node].start].other + m_label[node].other_path : infinity;
}

std::uint32_t BoundedSearch::source_of(NodeId node) const noexcept {
    return reached(node) ? m_starts[m_label[node].start].source : no_source;
}

ArcId BoundedSearch::parent_arc(NodeId node) const noexcept {
    return reached(node) ? m_label[node].parent : no_arc;
}

} // namespace pooled::network
