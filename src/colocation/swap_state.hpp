#pragma once
// INTERNAL to libpooled (colocation). The fast vertex substitution of Resende and Werneck
// ("A fast swap-based local search procedure for location problems", Annals of OR 150, 2007):
// per client its closest and second-closest open sites; per closed site the gain of opening
// it, per open site the loss of closing it, and extra(r, j) correcting gain - loss for clients
// of r that j would take over. A swap's profit is gain(j) - loss(r) + extra(r, j); after a
// swap only the clients whose two closest sites change are updated.
//
// The unserved "site" (leaving a client unserved) is always open and never swapped, so
// sparse matrices need no special case. Thread safety: none; one per thread.

#include "colocation/allocation_data.hpp"
#include "colocation/lex_value.hpp"

#include <span>
#include <vector>

namespace pooled::colocation::detail {

/// A swap: open `in`, close `out`; profit = how much the objective falls.
struct Swap {
    SiteIndex in = no_site;
    SiteIndex out = no_site;
    LexValue profit{};
};

class SwapState {
public:
    /// `open`: exactly the sites of a solution (p of them, required ones included).
    SwapState(const AllocationData &data, std::span<const SiteIndex> open);

    /// The best swap with `in` among `ins` and `out` among `outs` (required sites never leave);
    /// ties go to the first out, then the first in, of the lists. profit is -inf-like
    /// ({+inf unserved}) negative when there is no pair.
    Swap best_swap(std::span<const SiteIndex> ins, std::span<const SiteIndex> outs) const;
    /// The best swap over every closed candidate and every open non-required site.
    Swap best_swap() const;
    void apply(const Swap &swap);

    bool is_open(SiteIndex site) const noexcept { return m_open[site] != 0; }
    std::vector<SiteIndex> open_sites() const; ///< ascending
    /// The objective kept up to date incrementally (rounding drift is possible; evaluate() is exact).
    const LexValue &value() const noexcept { return m_value; }

private:
    void find_closest(std::uint32_t client);
    void contribute(std::uint32_t client, double sign);

    const AllocationData &m_data;
    SiteIndex m_unserved; ///< the pseudo-site "unserved", index site_count
    std::vector<char> m_open;
    std::vector<std::uint32_t> m_slot_of; ///< open site -> its row of m_extra
    std::vector<SiteIndex> m_slots;
    std::vector<SiteIndex> m_first, m_second;
    std::vector<LexValue> m_d1, m_d2;
    std::vector<LexValue> m_gain, m_loss, m_extra;
    std::vector<std::uint32_t> m_stamp;
    std::uint32_t m_round = 0;
    std::vector<std::uint32_t> m_affected;
    LexValue m_value{};
};

/// Local search by best-improving swaps until none improves beyond rounding (or a cap of
/// 50 x sites swaps, a guard against rounding cycles).
void local_search(SwapState &state, const AllocationData &data);

} // namespace pooled::colocation::detail
