// Swap local search on cover counts. A swap (in j, out r) changes the count of clients of j
// by +1 and of r by -1 (clients of both: unchanged), so its profit is
//   sum_{i in N(j)} [s(c+1) - s(c)] + sum_{i in N(r)} [s(c-1) - s(c)] + correction over N(j) and N(r).

#include "colocation/cover_search.hpp"

#include <algorithm>

namespace pooled::colocation::detail {

std::vector<SiteIndex> cover_local_search(const AllocationData &data, const CoverSets &cover, const CoverScore &score,
                                          std::vector<SiteIndex> sites, LexValue &value) {
    const std::size_t n = data.client_count();
    const std::size_t m = data.site_count;
    std::vector<std::size_t> count(n, 0);
    std::vector<char> open(m, 0);
    for (const SiteIndex j : sites) {
        open[j] = 1;
        for (const std::uint32_t i : cover.clients_of(j)) {
            ++count[i];
        }
    }
    const auto total = [&] {
        LexValue v{};
        for (std::size_t i = 0; i < n; ++i) {
            v += score(i, count[i]);
        }
        return v;
    };
    const LexTolerance tolerance{1e-9, 1e-9 * (1.0 + data.total_weight)};
    std::vector<LexValue> add(m);
    std::vector<LexValue> correction(m);
    std::vector<SiteIndex> touched;
    for (std::size_t step = 0; step < 50 * m + 10; ++step) {
        for (const SiteIndex j : data.candidates) {
            add[j] = {};
            if (!open[j]) {
                for (const std::uint32_t i : cover.clients_of(j)) {
                    add[j] += score(i, count[i] + 1) - score(i, count[i]);
                }
            }
        }
        SiteIndex best_in = no_site;
        SiteIndex best_out = no_site;
        LexValue best{};
        for (const SiteIndex r : sites) {
            if (data.required[r]) {
                continue;
            }
            LexValue remove{};
            touched.clear();
            for (const std::uint32_t i : cover.clients_of(r)) {
                const LexValue up = score(i, count[i] + 1) - score(i, count[i]);
                const LexValue down = score(i, count[i] - 1) - score(i, count[i]);
                remove += down;
                for (const SiteIndex j : cover.sites_of(i)) {
                    if (correction[j] == LexValue{}) {
                        touched.push_back(j);
                    }
                    correction[j] -= up + down;
                }
            }
            for (const SiteIndex j : data.candidates) {
                if (!open[j]) {
                    const LexValue profit = add[j] + remove + correction[j];
                    if (best < profit) {
                        best = profit;
                        best_in = j;
                        best_out = r;
                    }
                }
            }
            for (const SiteIndex j : touched) {
                correction[j] = {};
            }
        }
        if (best_in == no_site || !tolerance.positive(best)) {
            break;
        }
        open[best_out] = 0;
        open[best_in] = 1;
        for (const std::uint32_t i : cover.clients_of(best_out)) {
            --count[i];
        }
        for (const std::uint32_t i : cover.clients_of(best_in)) {
            ++count[i];
        }
        *std::find(sites.begin(), sites.end(), best_out) = best_in;
    }
    std::sort(sites.begin(), sites.end());
    value = total();
    return sites;
}

std::vector<SiteIndex> pad_sites(const AllocationData &data, std::vector<SiteIndex> sites, std::size_t count) {
    for (const SiteIndex j : data.candidates) {
        if (sites.size() >= count) {
            break;
        }
        if (std::find(sites.begin(), sites.end(), j) == sites.end()) {
            sites.push_back(j);
        }
    }
    std::sort(sites.begin(), sites.end());
    return sites;
}

} // namespace pooled::colocation::detail
