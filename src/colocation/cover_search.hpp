#pragma once
// INTERNAL to libpooled (colocation). Swap local search for covering objectives: each client
// scores by how many open sites cover it (MCLP: its weight once covered; backup covering:
// first covered at all, then covered twice), and the search makes the best-improving swap of
// an open site for a closed one until none improves.

#include "colocation/cover_sets.hpp"
#include "colocation/lex_value.hpp"

#include <span>
#include <vector>

namespace pooled::colocation::detail {

/// A client's score as a function of its cover count (maximised).
struct CoverScore {
    std::span<const double> weight; ///< per client
    bool backup = false;            ///< false: w if covered (MCLP); true: {-1 if uncovered, 1 if covered twice}
    LexValue operator()(std::size_t client, std::size_t count) const noexcept {
        if (!backup) {
            return {0.0, count > 0 ? weight[client] : 0.0};
        }
        return {count == 0 ? -1.0 : 0.0, count >= 2 ? 1.0 : 0.0};
    }
};

/// Improves `sites` (the open set; same size kept) by best-improving swaps; returns the sites,
/// ascending, and their score.
std::vector<SiteIndex> cover_local_search(const AllocationData &data, const CoverSets &cover, const CoverScore &score,
                                          std::vector<SiteIndex> sites, LexValue &value);

/// `sites` plus the smallest-index closed candidates until there are `count` (a covering
/// greedy may stop early when nothing more is gained).
std::vector<SiteIndex> pad_sites(const AllocationData &data, std::vector<SiteIndex> sites, std::size_t count);

} // namespace pooled::colocation::detail
