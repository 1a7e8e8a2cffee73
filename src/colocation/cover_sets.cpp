// Coverage lists and the greedy covering construction shared by MCLP, LSCP, p-center and
// backup covering.

#include "colocation/cover_sets.hpp"

#include <algorithm>
#include <cmath>

namespace pooled::colocation::detail {

CoverSets make_cover_sets(const AllocationData &data, double service_cost) {
    CoverSets cover;
    cover.client_start.push_back(0);
    cover.site_start.assign(data.site_count + 1, 0);
    for (std::size_t i = 0; i < data.client_count(); ++i) {
        const std::size_t first = cover.client_sites.size();
        for (const Reach &r : data.row(i)) {
            if (r.cost > service_cost) {
                break; // rows are sorted by cost
            }
            cover.client_sites.push_back(r.site);
            ++cover.site_start[r.site + 1];
        }
        std::sort(cover.client_sites.begin() + static_cast<std::ptrdiff_t>(first), cover.client_sites.end());
        cover.client_start.push_back(cover.client_sites.size());
    }
    for (std::size_t j = 0; j < data.site_count; ++j) {
        cover.site_start[j + 1] += cover.site_start[j];
    }
    cover.site_clients.resize(cover.client_sites.size());
    std::vector<std::size_t> fill(cover.site_start.begin(), cover.site_start.end() - 1);
    for (std::uint32_t i = 0; i < data.client_count(); ++i) {
        for (const SiteIndex j : cover.sites_of(i)) {
            cover.site_clients[fill[j]++] = i;
        }
    }
    return cover;
}

std::vector<SiteIndex> greedy_cover(const AllocationData &data, const CoverSets &cover, std::span<const double> weight,
                                    std::size_t max_sites, Rng *rng) {
    std::vector<char> open(data.site_count, 0);
    std::vector<char> covered(data.client_count(), 0);
    std::vector<double> gain(data.site_count, 0.0);
    for (std::uint32_t i = 0; i < data.client_count(); ++i) {
        for (const SiteIndex j : cover.sites_of(i)) {
            gain[j] += weight[i];
        }
    }
    const auto open_site = [&](SiteIndex site) {
        open[site] = 1;
        for (const std::uint32_t i : cover.clients_of(site)) {
            if (!covered[i]) {
                covered[i] = 1;
                for (const SiteIndex j : cover.sites_of(i)) {
                    gain[j] -= weight[i];
                }
            }
        }
    };
    for (const SiteIndex site : data.required_sites) {
        open_site(site);
    }
    std::vector<SiteIndex> pool = data.candidates;
    std::size_t count = data.required_sites.size();
    std::size_t sample = pool.size();
    if (rng != nullptr && max_sites > count) {
        const double ratio = static_cast<double>(pool.size()) / static_cast<double>(max_sites - count);
        sample = static_cast<std::size_t>(std::ceil(std::log2(std::max(ratio, 1.0)))) + 1;
    }
    while (count < max_sites && !pool.empty()) {
        std::size_t best = pool.size();
        const std::size_t draw = std::min(sample, pool.size());
        for (std::size_t k = 0; k < draw; ++k) {
            if (draw < pool.size()) {
                std::swap(pool[k], pool[k + static_cast<std::size_t>(rng->below(pool.size() - k))]);
            }
            if (best == pool.size() || gain[pool[k]] > gain[pool[best]] ||
                (gain[pool[k]] == gain[pool[best]] && pool[k] < pool[best])) {
                best = k;
            }
        }
        if (!(gain[pool[best]] > 0.0)) {
            // The sample gains nothing: stop if no site gains anything at all.
            const auto any = std::find_if(pool.begin(), pool.end(), [&](SiteIndex j) { return gain[j] > 0.0; });
            if (any == pool.end()) {
                break;
            }
            best = static_cast<std::size_t>(any - pool.begin());
        }
        open_site(pool[best]);
        pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(best));
        ++count;
    }
    return open_sites(open);
}

} // namespace pooled::colocation::detail
