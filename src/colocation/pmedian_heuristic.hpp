#pragma once
// INTERNAL to libpooled (colocation). The hybrid p-median heuristic of Resende and Werneck
// (J. Heuristics 10, 2004): multi-start (greedy, then randomised "sample" greedy starts), each
// start improved by fast vertex substitution and relinked with a solution of an elite pool,
// then the elite solutions relinked pairwise until the best stops improving.

#include "colocation/allocation_data.hpp"

#include <cstdint>
#include <vector>

namespace pooled::colocation::detail {

struct HeuristicOptions {
    std::uint64_t seed = 1;
    std::size_t starts = 16;
    std::size_t elite = 10;
    unsigned threads = 0;
};

/// The best set of p open sites found, ascending. Deterministic in (data, seed, starts,
/// elite): starts run in fixed batches whose results join the pool in start order, so the
/// thread count changes only the speed.
std::vector<SiteIndex> pmedian_heuristic(const AllocationData &data, const HeuristicOptions &options);

/// The objective of `sites` computed afresh: each client's first open site in its sorted row.
LexValue exact_value(const AllocationData &data, const std::vector<SiteIndex> &sites);

/// The best of `incumbent` and the local optima from `starts`, each relinked with the
/// incumbent both ways (e.g. starts from a Lagrangian relaxation). Deterministic.
std::vector<SiteIndex> improve_from(const AllocationData &data, const std::vector<SiteIndex> &incumbent,
                                    const std::vector<std::vector<SiteIndex>> &starts, unsigned threads);

} // namespace pooled::colocation::detail
