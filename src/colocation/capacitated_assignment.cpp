// Regret assignment, one-ejection repair and shift / ejection-chain improvement within capacities.

#include "colocation/capacitated_assignment.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace pooled::colocation::detail {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

/// Cost of client i at site j from its sorted row; +inf if the pair is not stored.
double cost_at(const AllocationData &data, std::uint32_t client, SiteIndex site) {
    for (const Reach &r : data.row(client)) {
        if (r.site == site) {
            return r.cost;
        }
    }
    return inf;
}

class Placement {
public:
    Placement(const AllocationData &data, const Capacities &caps, std::span<const SiteIndex> open)
        : m_data(data), m_caps(caps), m_open(data.site_count, 0), m_residual(caps.capacity),
          m_site_of(data.client_count(), no_site), m_clients(data.site_count) {
        for (const SiteIndex j : open) {
            m_open[j] = 1;
        }
    }

    /// Places i at the open site with room of least cost + penalty x load (no penalty: the
    /// first such site of its cost-sorted row).
    bool place(std::uint32_t i, std::span<const double> penalty) {
        SiteIndex best = no_site;
        double best_cost = inf;
        for (const Reach &r : m_data.row(i)) {
            if (m_open[r.site] && m_residual[r.site] >= m_caps.load[i]) {
                const double c = m_data.weight[i] * r.cost + (penalty.empty() ? 0.0 : penalty[r.site] * m_caps.load[i]);
                if (c < best_cost) {
                    best_cost = c;
                    best = r.site;
                }
                if (penalty.empty()) {
                    break;
                }
            }
        }
        if (best == no_site) {
            return false;
        }
        move(i, best);
        return true;
    }

    /// Frees room for i at one of its open sites by moving one client elsewhere (cheapest extra cost).
    bool place_by_ejection(std::uint32_t i) {
        double best_extra = inf;
        std::uint32_t best_k = 0;
        SiteIndex best_from = no_site;
        SiteIndex best_to = no_site;
        for (const Reach &r : m_data.row(i)) {
            if (!m_open[r.site]) {
                continue;
            }
            const double need = m_caps.load[i] - m_residual[r.site];
            for (const std::uint32_t k : m_clients[r.site]) {
                if (m_caps.load[k] < need) {
                    continue;
                }
                for (const Reach &to : m_data.row(k)) {
                    if (to.site != r.site && m_open[to.site] && m_residual[to.site] >= m_caps.load[k]) {
                        const double extra = m_data.weight[i] * r.cost +
                                             m_data.weight[k] * (to.cost - cost_at(m_data, k, r.site));
                        if (extra < best_extra) {
                            best_extra = extra;
                            best_k = k;
                            best_from = r.site;
                            best_to = to.site;
                        }
                        break; // k's cheapest alternative with room
                    }
                }
            }
        }
        if (best_from == no_site) {
            return false;
        }
        move(best_k, best_to);
        move(i, best_from);
        return true;
    }

    /// Moves that lower the cost, until none does: shift a client to another open site with
    /// room, or move it to a full site whose client k moves on to a third site (or to the
    /// first one's place: a swap) with room (an ejection chain of length two).
    void improve() {
        const double eps = 1e-12 * (1.0 + m_data.cost_scale);
        for (int pass = 0; pass < 100; ++pass) {
            bool changed = false;
            for (std::uint32_t i = 0; i < m_data.client_count(); ++i) {
                changed = improve_client(i, eps) || changed;
            }
            if (!changed) {
                return;
            }
        }
    }

    Assignment result() const {
        Assignment a;
        a.site_of = m_site_of;
        a.complete = std::find(m_site_of.begin(), m_site_of.end(), no_site) == m_site_of.end();
        a.value = m_data.constant;
        for (SiteIndex j = 0; j < m_data.site_count; ++j) {
            a.value += m_open[j] ? m_data.site_cost[j] : 0.0;
        }
        for (std::uint32_t i = 0; i < m_data.client_count(); ++i) {
            if (m_site_of[i] != no_site) {
                a.value += m_data.weight[i] * cost_at(m_data, i, m_site_of[i]);
            }
        }
        return a;
    }

private:
    bool improve_client(std::uint32_t i, double eps) {
        const SiteIndex a = m_site_of[i];
        if (a == no_site) {
            return false;
        }
        const double wi = m_data.weight[i];
        const double ca = cost_at(m_data, i, a);
        for (const Reach &b : m_data.row(i)) {
            if (b.site == a || !m_open[b.site]) {
                continue;
            }
            const double d1 = wi * (b.cost - ca);
            if (m_residual[b.site] >= m_caps.load[i]) {
                if (d1 < -eps) {
                    move(i, b.site);
                    return true;
                }
                continue;
            }
            for (const std::uint32_t k : m_clients[b.site]) {
                if (m_residual[b.site] + m_caps.load[k] < m_caps.load[i]) {
                    continue;
                }
                const double ckb = cost_at(m_data, k, b.site);
                for (const Reach &c : m_data.row(k)) {
                    const double delta = d1 + m_data.weight[k] * (c.cost - ckb);
                    if (!(delta < -eps)) {
                        break; // rows are sorted by cost: no cheaper c follows
                    }
                    if (c.site == b.site || !m_open[c.site]) {
                        continue;
                    }
                    const double room = m_residual[c.site] + (c.site == a ? m_caps.load[i] : 0.0);
                    if (room >= m_caps.load[k]) {
                        move(k, c.site);
                        move(i, b.site);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    void move(std::uint32_t i, SiteIndex to) {
        const SiteIndex from = m_site_of[i];
        if (from != no_site) {
            m_residual[from] += m_caps.load[i];
            auto &list = m_clients[from];
            list.erase(std::find(list.begin(), list.end(), i));
        }
        m_residual[to] -= m_caps.load[i];
        m_clients[to].push_back(i);
        m_site_of[i] = to;
    }

    const AllocationData &m_data;
    const Capacities &m_caps;
    std::vector<char> m_open;
    std::vector<double> m_residual;
    std::vector<SiteIndex> m_site_of;
    std::vector<std::vector<std::uint32_t>> m_clients;
};

} // namespace

bool better(const Assignment &a, const Assignment &b) {
    return (a.complete && !b.complete) || (a.complete == b.complete && a.value < b.value);
}

namespace {

/// Regret placement under adjusted costs w c_ij + penalty_j load_i, then improvement under the
/// true costs.
Assignment place_all(const AllocationData &data, const Capacities &caps, std::span<const SiteIndex> open,
                     std::span<const double> penalty) {
    std::vector<char> is_open(data.site_count, 0);
    for (const SiteIndex j : open) {
        is_open[j] = 1;
    }
    const auto adjusted = [&](std::uint32_t i, const Reach &r) {
        return data.weight[i] * r.cost + (penalty.empty() ? 0.0 : penalty[r.site] * caps.load[i]);
    };
    // Regret: what a client loses if its cheapest site that could hold it is taken.
    std::vector<double> regret(data.client_count(), inf);
    for (std::uint32_t i = 0; i < data.client_count(); ++i) {
        double first = inf;
        double second = inf;
        for (const Reach &r : data.row(i)) {
            if (is_open[r.site] && caps.capacity[r.site] >= caps.load[i]) {
                const double c = adjusted(i, r);
                if (c < first) {
                    second = first;
                    first = c;
                } else if (c < second) {
                    second = c;
                }
            }
        }
        regret[i] = second - first;
    }
    std::vector<std::uint32_t> order(data.client_count());
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (regret[a] != regret[b]) {
            return regret[a] > regret[b];
        }
        if (caps.load[a] != caps.load[b]) {
            return caps.load[a] > caps.load[b];
        }
        return a < b;
    });
    Placement placement(data, caps, open);
    for (const std::uint32_t i : order) {
        if (!placement.place(i, penalty)) {
            placement.place_by_ejection(i);
        }
    }
    placement.improve();
    return placement.result();
}

} // namespace

Assignment assign_within_capacity(const AllocationData &data, const Capacities &caps, std::span<const SiteIndex> open,
                                  std::size_t rounds) {
    Assignment best = place_all(data, caps, open, {});
    // Lagrangian rounds: price each site's capacity (penalty per unit of load) by subgradient
    // steps on the relaxed assignment (everyone to their cheapest priced site) and place again.
    std::vector<double> penalty(data.site_count, 0.0);
    std::vector<double> used(data.site_count, 0.0);
    std::vector<char> is_open(data.site_count, 0);
    for (const SiteIndex j : open) {
        is_open[j] = 1;
    }
    double theta = 1.0;
    for (std::size_t round = 0; round < rounds; ++round) {
        std::fill(used.begin(), used.end(), 0.0);
        double relaxed = 0.0;
        for (const SiteIndex j : open) {
            relaxed -= penalty[j] * caps.capacity[j];
        }
        for (std::uint32_t i = 0; i < data.client_count(); ++i) {
            SiteIndex pick = no_site;
            double pick_cost = inf;
            for (const Reach &r : data.row(i)) {
                if (is_open[r.site]) {
                    const double c = data.weight[i] * r.cost + penalty[r.site] * caps.load[i];
                    if (c < pick_cost) {
                        pick_cost = c;
                        pick = r.site;
                    }
                }
            }
            if (pick != no_site) {
                used[pick] += caps.load[i];
                relaxed += pick_cost;
            }
        }
        double norm = 0.0;
        for (const SiteIndex j : open) {
            norm += (used[j] - caps.capacity[j]) * (used[j] - caps.capacity[j]);
        }
        const Assignment next = place_all(data, caps, open, penalty);
        if (better(next, best)) {
            best = next;
        }
        if (norm == 0.0 || !best.complete) {
            break;
        }
        const double step = theta * std::max(best.value - relaxed, 1e-9 * (1.0 + std::abs(best.value))) / norm;
        for (const SiteIndex j : open) {
            penalty[j] = std::max(0.0, penalty[j] + step * (used[j] - caps.capacity[j]));
        }
        theta *= 0.95;
    }
    return best;
}

} // namespace pooled::colocation::detail
