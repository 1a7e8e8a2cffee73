// Multi-start + path relinking around the fast swap local search.

#include "colocation/pmedian_heuristic.hpp"

#include <pooled/core/random.hpp>

#include "catchment/parallel_for.hpp"
#include "colocation/greedy.hpp"
#include "colocation/swap_state.hpp"

#include <algorithm>
#include <iterator>
#include <optional>

namespace pooled::colocation::detail {

namespace {

/// Starts run this many at a time; fixed (not the thread count) so results never depend on it.
constexpr std::size_t batch_size = 4;

struct Candidate {
    std::vector<SiteIndex> sites; ///< ascending
    LexValue value;               ///< exact
};

bool better(const Candidate &a, const Candidate &b) {
    return a.value < b.value || (a.value == b.value && a.sites < b.sites);
}

Candidate local_optimum(const AllocationData &data, const std::vector<SiteIndex> &sites) {
    SwapState state(data, sites);
    local_search(state, data);
    Candidate result{state.open_sites(), {}};
    result.value = exact_value(data, result.sites);
    return result;
}

/// Walks from `from` towards `to` by the best swaps that bring in a site of `to` and take out
/// one not in it; the best solution strictly between the two is improved by local search.
std::optional<Candidate> relink(const AllocationData &data, const Candidate &from, const Candidate &to) {
    std::vector<SiteIndex> ins;
    std::vector<SiteIndex> outs;
    std::set_difference(to.sites.begin(), to.sites.end(), from.sites.begin(), from.sites.end(), std::back_inserter(ins));
    std::set_difference(from.sites.begin(), from.sites.end(), to.sites.begin(), to.sites.end(), std::back_inserter(outs));
    if (ins.size() < 2) {
        return std::nullopt; // nothing lies strictly between them
    }
    SwapState state(data, from.sites);
    std::optional<std::vector<SiteIndex>> best_sites;
    LexValue best_value{};
    while (ins.size() > 1) {
        const Swap swap = state.best_swap(ins, outs);
        state.apply(swap);
        ins.erase(std::find(ins.begin(), ins.end(), swap.in));
        outs.erase(std::find(outs.begin(), outs.end(), swap.out));
        if (!best_sites || state.value() < best_value) {
            best_value = state.value();
            best_sites = state.open_sites();
        }
    }
    return local_optimum(data, *best_sites);
}

class ElitePool {
public:
    explicit ElitePool(std::size_t capacity) : m_capacity(std::max<std::size_t>(capacity, 1)) {}

    /// Keeps `c` if it is new and the pool has room or `c` beats the worst; true if the best improved.
    bool offer(Candidate c) {
        for (const Candidate &e : m_pool) {
            if (e.sites == c.sites) {
                return false;
            }
        }
        const bool improves = m_pool.empty() || better(c, m_pool.front());
        if (m_pool.size() < m_capacity) {
            m_pool.push_back(std::move(c));
        } else if (better(c, m_pool.back())) {
            m_pool.back() = std::move(c);
        } else {
            return false;
        }
        std::sort(m_pool.begin(), m_pool.end(), better);
        return improves;
    }
    const std::vector<Candidate> &solutions() const noexcept { return m_pool; }

private:
    std::size_t m_capacity;
    std::vector<Candidate> m_pool; ///< best first
};

} // namespace

LexValue exact_value(const AllocationData &data, const std::vector<SiteIndex> &sites) {
    std::vector<char> open(data.site_count, 0);
    LexValue value{0.0, data.constant};
    for (const SiteIndex site : sites) {
        open[site] = 1;
        value.cost += data.site_cost[site];
    }
    for (std::uint32_t i = 0; i < data.client_count(); ++i) {
        LexValue d = data.unserved();
        for (const Reach &r : data.row(i)) {
            if (open[r.site]) {
                d = std::min(d, AllocationData::served_at(r.cost));
                break;
            }
        }
        value += data.weight[i] * d;
    }
    return value;
}

std::vector<SiteIndex> pmedian_heuristic(const AllocationData &data, const HeuristicOptions &options) {
    const Rng root(options.seed);
    ElitePool pool(options.elite);
    const std::size_t starts = std::max<std::size_t>(options.starts, 1);
    for (std::size_t first = 0; first < starts; first += batch_size) {
        const std::size_t count = std::min(batch_size, starts - first);
        const std::vector<Candidate> snapshot = pool.solutions();
        std::vector<Candidate> found(count);
        catchment::detail::parallel_for(count, options.threads, [&](std::size_t k) {
            const std::size_t start = first + k;
            Rng rng = root.split(start);
            Candidate c = local_optimum(data, greedy_sites(data, start == 0 ? nullptr : &rng));
            if (!snapshot.empty()) {
                const Candidate &guide = snapshot[static_cast<std::size_t>(rng.below(snapshot.size()))];
                // Both directions: the walks pass through different intermediate solutions.
                for (auto relinked : {relink(data, c, guide), relink(data, guide, c)}) {
                    if (relinked && better(*relinked, c)) {
                        c = std::move(*relinked);
                    }
                }
            }
            found[k] = std::move(c);
        });
        for (Candidate &c : found) {
            pool.offer(std::move(c));
        }
    }
    // Post-optimisation: relink the best elite solution with each other one, both ways, while
    // that improves the best (all pairs, as Resende and Werneck do, costs too much on large
    // instances for what it adds once the Lagrangian heuristic follows).
    for (int round = 0; round < 10; ++round) {
        const std::vector<Candidate> elite = pool.solutions();
        std::vector<std::pair<std::size_t, std::size_t>> pairs;
        for (std::size_t b = 1; b < elite.size(); ++b) {
            pairs.emplace_back(0, b);
            pairs.emplace_back(b, 0);
        }
        std::vector<std::optional<Candidate>> found(pairs.size());
        catchment::detail::parallel_for(pairs.size(), options.threads, [&](std::size_t k) {
            found[k] = relink(data, elite[pairs[k].first], elite[pairs[k].second]);
        });
        bool improved = false;
        for (auto &c : found) {
            if (c) {
                improved = pool.offer(std::move(*c)) || improved;
            }
        }
        if (!improved) {
            break;
        }
    }
    return pool.solutions().front().sites;
}

std::vector<SiteIndex> improve_from(const AllocationData &data, const std::vector<SiteIndex> &incumbent,
                                    const std::vector<std::vector<SiteIndex>> &starts, unsigned threads) {
    const Candidate base{incumbent, exact_value(data, incumbent)};
    std::vector<Candidate> found(starts.size());
    catchment::detail::parallel_for(starts.size(), threads, [&](std::size_t k) {
        Candidate c = local_optimum(data, starts[k]);
        for (auto relinked : {relink(data, c, base), relink(data, base, c)}) {
            if (relinked && better(*relinked, c)) {
                c = std::move(*relinked);
            }
        }
        found[k] = std::move(c);
    });
    const Candidate *best = &base;
    for (const Candidate &c : found) {
        if (better(c, *best)) {
            best = &c;
        }
    }
    return best->sites;
}

} // namespace pooled::colocation::detail
