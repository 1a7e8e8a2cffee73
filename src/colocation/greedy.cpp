// Greedy construction with incrementally kept opening gains (only clients whose closest open
// site changes are updated, so sparse matrices cost O(stored pairs near each client)).

#include "colocation/greedy.hpp"

#include <algorithm>
#include <cmath>

namespace pooled::colocation::detail {

namespace {

class GreedyState {
public:
    explicit GreedyState(const AllocationData &data)
        : m_data(data), m_open(data.site_count, 0), m_d1(data.client_count(), data.unserved()),
          m_gain(data.site_count) {
        for (std::uint32_t i = 0; i < data.client_count(); ++i) {
            contribute(i, 1.0);
        }
    }

    void open(SiteIndex site) {
        m_open[site] = 1;
        for (const Served &s : m_data.column(site)) {
            const LexValue d = AllocationData::served_at(s.cost);
            if (d < m_d1[s.client]) {
                contribute(s.client, -1.0);
                m_d1[s.client] = d;
                contribute(s.client, 1.0);
            }
        }
    }
    bool is_open(SiteIndex site) const noexcept { return m_open[site] != 0; }
    /// How much opening `site` lowers the objective.
    LexValue saving(SiteIndex site) const noexcept { return m_gain[site] - LexValue{0.0, m_data.site_cost[site]}; }
    std::vector<SiteIndex> sites() const { return open_sites(m_open); }

private:
    void contribute(std::uint32_t client, double sign) {
        const double w = sign * m_data.weight[client];
        const LexValue d1 = m_d1[client];
        for (const Reach &r : m_data.row(client)) {
            const LexValue d = AllocationData::served_at(r.cost);
            if (!(d < d1)) {
                break;
            }
            m_gain[r.site] += w * (d1 - d);
        }
    }

    const AllocationData &m_data;
    std::vector<char> m_open;
    std::vector<LexValue> m_d1;
    std::vector<LexValue> m_gain;
};

} // namespace

std::vector<SiteIndex> greedy_sites(const AllocationData &data, Rng *rng) {
    GreedyState state(data);
    for (const SiteIndex site : data.required_sites) {
        state.open(site);
    }
    std::vector<SiteIndex> pool = data.candidates; // closed candidates, ascending
    const std::size_t to_open = data.p - data.required_sites.size();
    std::size_t sample = pool.size();
    if (rng != nullptr && to_open > 0) {
        const double ratio = static_cast<double>(pool.size()) / static_cast<double>(to_open);
        sample = static_cast<std::size_t>(std::ceil(std::log2(std::max(ratio, 1.0)))) + 1;
    }
    for (std::size_t step = 0; step < to_open; ++step) {
        std::size_t best = pool.size();
        if (sample >= pool.size()) {
            for (std::size_t k = 0; k < pool.size(); ++k) {
                if (best == pool.size() || state.saving(pool[best]) < state.saving(pool[k])) {
                    best = k;
                }
            }
        } else {
            // Draw `sample` distinct positions by a partial Fisher-Yates shuffle of the pool.
            for (std::size_t k = 0; k < sample; ++k) {
                const std::size_t pick = k + static_cast<std::size_t>(rng->below(pool.size() - k));
                std::swap(pool[k], pool[pick]);
                if (best == pool.size() || state.saving(pool[best]) < state.saving(pool[k]) ||
                    (state.saving(pool[best]) == state.saving(pool[k]) && pool[k] < pool[best])) {
                    best = k;
                }
            }
        }
        state.open(pool[best]);
        pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(best));
    }
    return state.sites();
}

} // namespace pooled::colocation::detail
