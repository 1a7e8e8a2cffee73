#pragma once
// INTERNAL to libpooled: a 4-ary min-heap on a std::vector, shared by the searches
// (BoundedSearch, the contraction's witness searches, the hierarchy's queries). Four children
// per node halve the depth of a binary heap and keep siblings in one cache line.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace pooled::network::detail {

/// Adds `entry`; `before(a, b)` is the heap's strict order (the smallest comes out first).
template <typename Entry, typename Before>
void heap_push(std::vector<Entry> &heap, const Entry &entry, Before before) {
    std::size_t i = heap.size();
    heap.push_back(entry);
    Entry *const h = heap.data();
    while (i > 0) {
        const std::size_t parent = (i - 1) / 4;
        if (!before(entry, h[parent])) {
            break;
        }
        h[i] = h[parent];
        i = parent;
    }
    h[i] = entry;
}

/// Removes and returns the smallest entry; the heap must not be empty.
template <typename Entry, typename Before>
Entry heap_pop(std::vector<Entry> &heap, Before before) {
    Entry *const h = heap.data();
    const Entry top = h[0];
    const Entry last = heap.back();
    heap.pop_back();
    const std::size_t size = heap.size();
    if (size == 0) {
        return top;
    }
    std::size_t i = 0;
    for (;;) {
        const std::size_t first = 4 * i + 1;
        if (first >= size) {
            break;
        }
        std::size_t best = first;
        const std::size_t end = first + 4 < size ? first + 4 : size;
        for (std::size_t c = first + 1; c < end; ++c) {
            if (before(h[c], h[best])) {
                best = c;
            }
        }
        if (!before(h[best], last)) {
            break;
        }
        h[i] = h[best];
        i = best;
    }
    h[i] = last;
    return top;
}

/// The order of search labels: (cost, source, other), then node for a total order.
template <typename Entry>
bool label_before(const Entry &a, const Entry &b) noexcept {
    if (a.cost != b.cost) {
        return a.cost < b.cost;
    }
    if (a.source != b.source) {
        return a.source < b.source;
    }
    if (a.other != b.other) {
        return a.other < b.other;
    }
    return a.node < b.node;
}

/// Whether (cost, source, other) a is strictly better than b.
inline bool better(double cost_a, std::uint32_t source_a, double other_a, double cost_b, std::uint32_t source_b,
                   double other_b) noexcept {
    if (cost_a != cost_b) {
        return cost_a < cost_b;
    }
    if (source_a != source_b) {
        return source_a < source_b;
    }
    return other_a < other_b;
}

} // namespace pooled::network::detail
