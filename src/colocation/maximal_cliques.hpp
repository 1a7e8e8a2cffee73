#pragma once
// Maximal cliques of a sparse undirected graph (internal to colocation): Bron-Kerbosch with
// Tomita's pivot, started once per vertex over its later neighbours in an order of increasing
// degree (Eppstein, Loeffler and Strash 2010), so the work follows the cliques found rather than
// n^2 as a single top-level call does.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pooled::colocation::detail {

/// Every maximal clique with at least `min_size` vertices, each sorted ascending; the list is in
/// a deterministic order (a function of the graph only). `adjacency[v]` lists v's neighbours
/// (no self loops; symmetric). Stops with `false` once more than `limit` cliques were found.
bool maximal_cliques(const std::vector<std::vector<std::uint32_t>> &adjacency, std::size_t min_size, std::size_t limit,
                     std::vector<std::vector<std::uint32_t>> &cliques);

} // namespace pooled::colocation::detail
