// AllocationData: validate a location problem's input and lay it out by client and by site.

#include "colocation/allocation_data.hpp"

#include <pooled/core/error.hpp>

#include "core/text.hpp"

#include <algorithm>
#include <cmath>

namespace pooled::colocation::detail {

namespace {

void check_site(SiteIndex site, std::size_t site_count, const std::string &problem, const char *list) {
    if (site >= site_count) {
        throw Error(Errc::argument, problem + ": " + list + " site " + std::to_string(site) + " is out of range (" +
                                        std::to_string(site_count) + " candidate sites)");
    }
}

} // namespace

AllocationData make_allocation_data(const network::CostMatrix &costs, std::span<const double> demand,
                                    const SiteRules &rules, std::size_t p, std::optional<double> unserved_cost,
                                    const std::string &problem, bool keep_zero_demand) {
    const std::size_t m = costs.destination_count();
    if (demand.size() != costs.origin_count()) {
        throw Error(Errc::argument, problem + ": " + std::to_string(demand.size()) + " demand values for " +
                                        std::to_string(costs.origin_count()) + " origins");
    }
    if (unserved_cost && (std::isnan(*unserved_cost) || *unserved_cost < 0.0)) {
        throw Error(Errc::argument, problem + ": the unserved cost must be a number >= 0, not " +
                                        pooled::detail::number_text(*unserved_cost));
    }
    AllocationData data;
    data.site_count = m;
    data.p = p;
    data.unserved_cost = unserved_cost;
    data.allowed.assign(m, 1);
    data.required.assign(m, 0);
    data.site_cost.assign(m, 0.0);
    for (const SiteIndex site : rules.forbidden) {
        check_site(site, m, problem, "forbidden");
        data.allowed[site] = 0;
    }
    for (const SiteIndex site : rules.required) {
        check_site(site, m, problem, "required");
        if (!data.allowed[site]) {
            throw Error(Errc::argument, problem + ": site '" + costs.destination_ids()[site] +
                                            "' is both required and forbidden");
        }
        data.required[site] = 1;
    }
    for (const ExistingSite &existing : rules.existing) {
        check_site(existing.site, m, problem, "existing");
        if (!std::isfinite(existing.closing_cost)) {
            throw Error(Errc::argument, problem + ": existing site '" + costs.destination_ids()[existing.site] +
                                            "' has closing cost " + pooled::detail::number_text(existing.closing_cost));
        }
        // Closing costs c when closed = c - c * open: a constant plus a negative site cost.
        data.constant += existing.closing_cost;
        data.site_cost[existing.site] -= existing.closing_cost;
    }
    for (SiteIndex j = 0; j < m; ++j) {
        if (data.required[j]) {
            data.required_sites.push_back(j);
        } else if (data.allowed[j]) {
            data.candidates.push_back(j);
        }
    }
    if (p == 0) {
        throw Error(Errc::argument, problem + ": p must be at least 1");
    }
    if (data.required_sites.size() > p) {
        throw Error(Errc::argument, problem + ": " + std::to_string(data.required_sites.size()) +
                                        " required sites, more than p = " + std::to_string(p));
    }
    if (data.required_sites.size() + data.candidates.size() < p) {
        throw Error(Errc::argument, problem + ": p = " + std::to_string(p) + " but only " +
                                        std::to_string(data.required_sites.size() + data.candidates.size()) +
                                        " sites are allowed");
    }

    data.row_start.push_back(0);
    for (std::size_t o = 0; o < costs.origin_count(); ++o) {
        const double w = demand[o];
        if (std::isnan(w) || std::isinf(w) || w < 0.0) {
            throw Error(Errc::data, problem + ": demand of origin " + std::to_string(o) + " ('" + costs.origin_ids()[o] +
                                        "') is " + pooled::detail::number_text(w) + " (it must be finite and >= 0)");
        }
        if (w == 0.0 && !keep_zero_demand) {
            continue; // no demand, no say in where sites go
        }
        const std::size_t first = data.reach.size();
        double largest = 0.0;
        for (const network::MatrixEntry &entry : costs.row(o)) {
            if (data.allowed[entry.destination]) {
                data.reach.push_back({entry.destination, entry.cost});
                largest = std::max(largest, entry.cost);
            }
        }
        std::sort(data.reach.begin() + static_cast<std::ptrdiff_t>(first), data.reach.end(),
                  [](const Reach &a, const Reach &b) { return a.cost < b.cost || (a.cost == b.cost && a.site < b.site); });
        data.origin_of.push_back(static_cast<std::uint32_t>(o));
        data.weight.push_back(w);
        data.row_start.push_back(data.reach.size());
        data.total_weight += w;
        data.cost_scale += w * std::max(largest, unserved_cost.value_or(0.0));
    }
    for (const double f : data.site_cost) {
        data.cost_scale += std::abs(f);
    }

    data.column_start.assign(m + 1, 0);
    for (const Reach &r : data.reach) {
        ++data.column_start[r.site + 1];
    }
    for (std::size_t j = 0; j < m; ++j) {
        data.column_start[j + 1] += data.column_start[j];
    }
    data.served.resize(data.reach.size());
    std::vector<std::size_t> fill(data.column_start.begin(), data.column_start.end() - 1);
    for (std::uint32_t i = 0; i < data.client_count(); ++i) {
        for (const Reach &r : data.row(i)) {
            data.served[fill[r.site]++] = {i, r.cost};
        }
    }
    return data;
}

std::size_t allowed_site_count(const network::CostMatrix &costs, const SiteRules &rules) {
    std::vector<char> forbidden(costs.destination_count(), 0);
    for (const SiteIndex j : rules.forbidden) {
        if (j < forbidden.size()) {
            forbidden[j] = 1; // out-of-range indexes are reported by make_allocation_data
        }
    }
    const auto count = static_cast<std::size_t>(std::count(forbidden.begin(), forbidden.end(), 0));
    return std::max<std::size_t>(count, 1);
}

std::vector<SiteIndex> open_sites(const std::vector<char> &open) {
    std::vector<SiteIndex> sites;
    for (SiteIndex j = 0; j < open.size(); ++j) {
        if (open[j]) {
            sites.push_back(j);
        }
    }
    return sites;
}

} // namespace pooled::colocation::detail
