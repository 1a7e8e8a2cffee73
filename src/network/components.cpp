// Strongly connected components: Tarjan's algorithm without recursion, so a million-node
// chain does not overflow the stack.

#include <pooled/network/graph.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

namespace pooled::network {

namespace {

constexpr std::uint32_t unset = std::numeric_limits<std::uint32_t>::max();

/// One frame of the explicit depth-first "call stack": the node and its next arc to look at.
struct Frame {
    NodeId node;
    ArcId next_arc;
};

} // namespace

std::vector<Component> strongly_connected_components(const Graph &graph, std::vector<std::uint32_t> *component_of) {
    const NodeId n = graph.node_count();
    const auto &first_out = graph.first_out;
    const auto &head = graph.head;

    // Tarjan's bookkeeping. A node that has been visited (index set) but has no component yet is
    // exactly a node on Tarjan's stack, so no separate on-stack flag is needed.
    std::vector<std::uint32_t> index(n, unset);
    std::vector<std::uint32_t> low(n, unset);
    std::vector<std::uint32_t> raw_component(n, unset);
    std::vector<NodeId> tarjan_stack;
    std::vector<Frame> calls;
    std::uint32_t next_index = 0;
    std::uint32_t raw_count = 0;

    const auto visit = [&](NodeId v) {
        index[v] = low[v] = next_index++;
        tarjan_stack.push_back(v);
        calls.push_back(Frame{v, first_out[v]});
    };

    for (NodeId root = 0; root < n; ++root) {
        if (index[root] != unset) {
            continue;
        }
        visit(root);
        while (!calls.empty()) {
            Frame &frame = calls.back();
            const NodeId v = frame.node;
            if (frame.next_arc < first_out[v + 1]) {
                const NodeId w = head[frame.next_arc++];
                if (index[w] == unset) {
                    visit(w); // invalidates `frame`; it is not used again in this iteration
                } else if (raw_component[w] == unset) {
                    low[v] = std::min(low[v], index[w]); // w is on the stack
                }
                continue;
            }
            calls.pop_back();
            if (low[v] == index[v]) {
                NodeId w = no_node;
                do {
                    w = tarjan_stack.back();
                    tarjan_stack.pop_back();
                    raw_component[w] = raw_count;
                } while (w != v);
                ++raw_count;
            }
            if (!calls.empty()) {
                const NodeId parent = calls.back().node;
                low[parent] = std::min(low[parent], low[v]);
            }
        }
    }

    // Sizes and smallest nodes (the first node met in increasing order is the smallest).
    std::vector<std::size_t> size(raw_count, 0);
    std::vector<NodeId> smallest(raw_count, no_node);
    for (NodeId v = 0; v < n; ++v) {
        const std::uint32_t c = raw_component[v];
        if (size[c]++ == 0) {
            smallest[c] = v;
        }
    }

    // Largest first, ties by the smallest node id.
    std::vector<std::uint32_t> order(raw_count);
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return size[a] != size[b] ? size[a] > size[b] : smallest[a] < smallest[b];
    });
    std::vector<std::uint32_t> rank(raw_count);
    std::vector<Component> components(raw_count);
    for (std::uint32_t r = 0; r < raw_count; ++r) {
        rank[order[r]] = r;
        components[r].nodes = size[order[r]];
        components[r].example = smallest[order[r]];
    }

    if (graph.has_coordinates()) {
        for (NodeId v = 0; v < n; ++v) {
            components[rank[raw_component[v]]].extent.expand(graph.node_position[v]);
        }
    }
    if (component_of != nullptr) {
        component_of->resize(n);
        for (NodeId v = 0; v < n; ++v) {
            (*component_of)[v] = rank[raw_component[v]];
        }
    }
    return components;
}

} // namespace pooled::network
