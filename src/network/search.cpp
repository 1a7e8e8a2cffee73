// BoundedSearch: Dijkstra with a binary heap (lazy deletion) over timestamped arrays, so a run
// costs O(nodes touched), not O(node count).

#include <pooled/core/error.hpp>
#include <pooled/network/search.hpp>

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
    : m_graph(graph), m_cost(cost), m_cost_to(graph.node_count()), m_other_to(graph.node_count()),
      m_source_of(graph.node_count()), m_parent(graph.node_count()), m_stamp(graph.node_count(), 0) {}

void BoundedSearch::run(NodeId source, double limit) {
    const Start start{.node = source};
    run(std::span<const Start>(&start, 1), limit);
}

void BoundedSearch::run(std::span<const Start> starts, double limit) {
    const NodeId n = m_graph.node_count();
    if (std::isnan(limit)) {
        throw Error(Errc::argument, "the search limit is not a number");
    }
    for (const Start &start : starts) {
        if (start.node >= n) {
            throw Error(Errc::argument, "search start node " + std::to_string(start.node) +
                                            " is not in the graph (it has " + std::to_string(n) + " nodes)");
        }
        if (std::isnan(start.cost) || start.cost < 0.0 || std::isnan(start.other) || start.other < 0.0) {
            throw Error(Errc::argument, "search start at node " + std::to_string(start.node) +
                                            " has a negative or NaN cost or other measure");
        }
    }

    // A new round invalidates every label at once; on wrap-around, clear the stamps for real.
    if (++m_round == 0) {
        std::fill(m_stamp.begin(), m_stamp.end(), 0U);
        m_round = 1;
    }
    m_settled.clear();
    m_heap.clear();

    const std::uint32_t round = m_round;
    std::uint32_t *const stamp = m_stamp.data();
    double *const cost_to = m_cost_to.data();
    double *const other_to = m_other_to.data();
    std::uint32_t *const source_of = m_source_of.data();
    ArcId *const parent = m_parent.data();
    // Min-heap on (cost, node): among equal costs the smaller node is settled first.
    const auto later = [](const Entry &a, const Entry &b) {
        return a.cost > b.cost || (a.cost == b.cost && a.node > b.node);
    };

    // Starts: a node given twice keeps the cheaper start; at equal cost, the smaller source.
    for (const Start &start : starts) {
        if (start.cost > limit) {
            continue;
        }
        const NodeId v = start.node;
        const bool fresh = stamp[v] != round;
        if (fresh || start.cost < cost_to[v]) {
            stamp[v] = round;
            cost_to[v] = start.cost;
            other_to[v] = start.other;
            source_of[v] = start.source;
            parent[v] = no_arc;
            m_heap.push_back(Entry{start.cost, v});
            std::push_heap(m_heap.begin(), m_heap.end(), later);
        } else if (start.cost == cost_to[v] && start.source < source_of[v]) {
            other_to[v] = start.other; // same cost: already queued
            source_of[v] = start.source;
        }
    }

    const ArcId *const first_out = m_graph.first_out.data();
    const NodeId *const head = m_graph.head.data();
    const float *const weight = m_cost == Cost::seconds ? m_graph.seconds.data() : m_graph.metres.data();
    const float *const other = m_cost == Cost::seconds ? m_graph.metres.data() : m_graph.seconds.data();

    while (!m_heap.empty()) {
        std::pop_heap(m_heap.begin(), m_heap.end(), later);
        const Entry top = m_heap.back();
        m_heap.pop_back();
        const NodeId u = top.node;
        // Labels only ever improve strictly, so exactly one entry per node has its final cost;
        // the others are stale.
        if (top.cost > cost_to[u]) {
            continue;
        }
        m_settled.push_back(u);
        const double cost_u = top.cost;
        const double other_u = other_to[u];
        const std::uint32_t source_u = source_of[u];
        const ArcId end = first_out[u + 1];
        for (ArcId a = first_out[u]; a < end; ++a) {
            const double cost_v = cost_u + static_cast<double>(weight[a]);
            if (cost_v > limit) {
                continue;
            }
            const NodeId v = head[a];
            if (stamp[v] != round || cost_v < cost_to[v]) {
                stamp[v] = round;
                cost_to[v] = cost_v;
                other_to[v] = other_u + static_cast<double>(other[a]);
                source_of[v] = source_u;
                parent[v] = a;
                m_heap.push_back(Entry{cost_v, v});
                std::push_heap(m_heap.begin(), m_heap.end(), later);
            }
        }
    }
}

bool BoundedSearch::reached(NodeId node) const noexcept {
    // Round 0 is "no run yet" (every stamp starts at 0).
    return m_round != 0 && node < m_stamp.size() && m_stamp[node] == m_round;
}

double BoundedSearch::cost_to(NodeId node) const noexcept { return reached(node) ? m_cost_to[node] : infinity; }

double BoundedSearch::other_to(NodeId node) const noexcept { return reached(node) ? m_other_to[node] : infinity; }

std::uint32_t BoundedSearch::source_of(NodeId node) const noexcept {
    return reached(node) ? m_source_of[node] : no_source;
}

ArcId BoundedSearch::parent_arc(NodeId node) const noexcept { return reached(node) ? m_parent[node] : no_arc; }

} // namespace pooled::network
