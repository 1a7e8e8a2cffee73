// Fast vertex substitution (Resende and Werneck 2007): incremental gain / loss / extra tables.

#include "colocation/swap_state.hpp"

#include <limits>

namespace pooled::colocation::detail {

SwapState::SwapState(const AllocationData &data, std::span<const SiteIndex> open)
    : m_data(data), m_unserved(static_cast<SiteIndex>(data.site_count)), m_open(data.site_count, 0),
      m_slot_of(data.site_count, 0), m_slots(open.begin(), open.end()), m_first(data.client_count()),
      m_second(data.client_count()), m_d1(data.client_count()), m_d2(data.client_count()),
      m_gain(data.site_count), m_loss(data.site_count), m_extra(open.size() * data.site_count),
      m_stamp(data.client_count(), 0) {
    for (std::uint32_t s = 0; s < m_slots.size(); ++s) {
        m_open[m_slots[s]] = 1;
        m_slot_of[m_slots[s]] = s;
        m_value.cost += data.site_cost[m_slots[s]];
    }
    m_value.cost += data.constant;
    for (std::uint32_t i = 0; i < data.client_count(); ++i) {
        find_closest(i);
        contribute(i, 1.0);
        m_value += data.weight[i] * m_d1[i];
    }
}

void SwapState::find_closest(std::uint32_t client) {
    m_first[client] = m_second[client] = m_unserved;
    m_d1[client] = m_d2[client] = m_data.unserved();
    bool have_first = false;
    for (const Reach &r : m_data.row(client)) {
        if (!m_open[r.site]) {
            continue;
        }
        const LexValue d = AllocationData::served_at(r.cost);
        if (!(d < m_data.unserved())) {
            break; // no cheaper than leaving it unserved (only with an unserved cost)
        }
        if (!have_first) {
            m_first[client] = r.site;
            m_d1[client] = d;
            have_first = true;
        } else {
            m_second[client] = r.site;
            m_d2[client] = d;
            break;
        }
    }
}

void SwapState::contribute(std::uint32_t client, double sign) {
    const double w = sign * m_data.weight[client];
    const SiteIndex r = m_first[client];
    const LexValue d1 = m_d1[client];
    const LexValue d2 = m_d2[client];
    LexValue *extra = nullptr;
    if (r != m_unserved) {
        m_loss[r] += w * (d2 - d1);
        extra = m_extra.data() + static_cast<std::size_t>(m_slot_of[r]) * m_data.site_count;
    }
    for (const Reach &reach : m_data.row(client)) {
        const LexValue d = AllocationData::served_at(reach.cost);
        if (!(d < d2)) {
            break;
        }
        if (d < d1) {
            m_gain[reach.site] += w * (d1 - d);
        }
        if (extra != nullptr) {
            extra[reach.site] += w * (d2 - max(d, d1));
        }
    }
}

Swap SwapState::best_swap(std::span<const SiteIndex> ins, std::span<const SiteIndex> outs) const {
    Swap best{no_site, no_site, {-std::numeric_limits<double>::infinity(), 0.0}};
    for (const SiteIndex out : outs) {
        if (!m_open[out] || m_data.required[out]) {
            continue;
        }
        const LexValue keep = LexValue{0.0, m_data.site_cost[out]} - m_loss[out];
        const LexValue *extra = m_extra.data() + static_cast<std::size_t>(m_slot_of[out]) * m_data.site_count;
        for (const SiteIndex in : ins) {
            if (m_open[in] || !m_data.allowed[in]) {
                continue;
            }
            const LexValue profit = keep + m_gain[in] + extra[in] - LexValue{0.0, m_data.site_cost[in]};
            if (best.profit < profit) {
                best = {in, out, profit};
            }
        }
    }
    return best;
}

Swap SwapState::best_swap() const { return best_swap(m_data.candidates, m_slots); }

void SwapState::apply(const Swap &swap) {
    const SiteIndex in = swap.in;
    const SiteIndex out = swap.out;
    ++m_round;
    m_affected.clear();
    const auto touch = [&](std::uint32_t client) {
        if (m_stamp[client] != m_round) {
            m_stamp[client] = m_round;
            m_affected.push_back(client);
        }
    };
    for (const Served &s : m_data.column(out)) {
        if (m_first[s.client] == out || m_second[s.client] == out) {
            touch(s.client);
        }
    }
    for (const Served &s : m_data.column(in)) {
        if (AllocationData::served_at(s.cost) < m_d2[s.client]) {
            touch(s.client);
        }
    }
    for (const std::uint32_t client : m_affected) {
        contribute(client, -1.0);
        m_value -= m_data.weight[client] * m_d1[client];
    }
    const std::uint32_t slot = m_slot_of[out];
    // Every client of `out` was undone above, so its extra row is zero but for rounding.
    std::fill_n(m_extra.begin() + static_cast<std::ptrdiff_t>(slot * m_data.site_count), m_data.site_count, LexValue{});
    m_open[out] = 0;
    m_open[in] = 1;
    m_slot_of[in] = slot;
    m_slots[slot] = in;
    m_value.cost += m_data.site_cost[in] - m_data.site_cost[out];
    for (const std::uint32_t client : m_affected) {
        find_closest(client);
        contribute(client, 1.0);
        m_value += m_data.weight[client] * m_d1[client];
    }
}

std::vector<SiteIndex> SwapState::open_sites() const { return detail::open_sites(m_open); }

void local_search(SwapState &state, const AllocationData &data) {
    const LexTolerance tolerance = data.tolerance();
    for (std::size_t step = 0; step < 50 * data.site_count + 10; ++step) {
        const Swap swap = state.best_swap();
        if (swap.in == no_site || !tolerance.positive(swap.profit)) {
            return;
        }
        state.apply(swap);
    }
}

} // namespace pooled::colocation::detail
