#include "colocation/maximal_cliques.hpp"

#include <algorithm>
#include <iterator>
#include <numeric>

namespace pooled::colocation::detail {

namespace {

using Set = std::vector<std::uint32_t>; // sorted ascending

class Search {
public:
    Search(const std::vector<Set> &adjacency, std::size_t min_size, std::size_t limit, std::vector<Set> &out)
        : m_adjacency(adjacency), m_min_size(min_size), m_limit(limit), m_out(out) {}

    /// Extends R by the vertices of P (candidates); X holds the vertices already tried.
    bool extend(Set &r, Set p, Set x) {
        if (p.empty()) {
            if (x.empty() && r.size() >= m_min_size) {
                if (m_out.size() >= m_limit) {
                    return false;
                }
                Set clique = r;
                std::sort(clique.begin(), clique.end());
                m_out.push_back(std::move(clique));
            }
            return true;
        }
        // Pivot: the vertex of P or X with the most neighbours in P (the first such, for determinism).
        std::uint32_t pivot = p.front();
        std::size_t best = common(m_adjacency[pivot], p);
        for (const Set *side : {&p, &x}) {
            for (const std::uint32_t u : *side) {
                const std::size_t n = common(m_adjacency[u], p);
                if (n > best) {
                    best = n;
                    pivot = u;
                }
            }
        }
        Set branch;
        std::set_difference(p.begin(), p.end(), m_adjacency[pivot].begin(), m_adjacency[pivot].end(),
                            std::back_inserter(branch));
        for (const std::uint32_t v : branch) {
            r.push_back(v);
            if (!extend(r, intersect(p, m_adjacency[v]), intersect(x, m_adjacency[v]))) {
                return false;
            }
            r.pop_back();
            p.erase(std::lower_bound(p.begin(), p.end(), v));
            x.insert(std::lower_bound(x.begin(), x.end(), v), v);
        }
        return true;
    }

    static Set intersect(const Set &a, const Set &b) {
        Set out;
        std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
        return out;
    }

private:
    static std::size_t common(const Set &a, const Set &b) {
        std::size_t n = 0;
        for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
            if (*i < *j) {
                ++i;
            } else if (*j < *i) {
                ++j;
            } else {
                ++n, ++i, ++j;
            }
        }
        return n;
    }

    const std::vector<Set> &m_adjacency;
    std::size_t m_min_size;
    std::size_t m_limit;
    std::vector<Set> &m_out;
};

} // namespace

bool maximal_cliques(const std::vector<std::vector<std::uint32_t>> &adjacency, std::size_t min_size, std::size_t limit,
                     std::vector<std::vector<std::uint32_t>> &cliques) {
    const std::size_t n = adjacency.size();
    std::vector<Set> sorted(adjacency);
    for (auto &row : sorted) {
        std::sort(row.begin(), row.end());
    }
    // Vertices by increasing degree (ties by index); each starts the cliques in which it comes
    // first in this order: P = its later neighbours, X = its earlier ones.
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return sorted[a].size() < sorted[b].size(); });
    std::vector<std::size_t> position(n);
    for (std::size_t k = 0; k < n; ++k) {
        position[order[k]] = k;
    }
    Search search(sorted, std::max<std::size_t>(min_size, 1), limit, cliques);
    for (const std::uint32_t v : order) {
        Set p, x;
        for (const std::uint32_t u : sorted[v]) {
            (position[u] > position[v] ? p : x).push_back(u);
        }
        Set r{v};
        if (!search.extend(r, std::move(p), std::move(x))) {
            return false;
        }
    }
    return true;
}

} // namespace pooled::colocation::detail
