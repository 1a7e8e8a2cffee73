#pragma once
// INTERNAL to libpooled (colocation). Coverage for the covering problems: a site covers a
// client when their stored cost is within the service cost (inclusive). Both directions are
// kept as CSR lists, built from AllocationData's sorted rows (so from stored pairs only).

#include <pooled/core/random.hpp>

#include "colocation/allocation_data.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace pooled::colocation::detail {

struct CoverSets {
    std::vector<std::size_t> client_start;
    std::vector<SiteIndex> client_sites; ///< per client, the allowed sites covering it, ascending
    std::vector<std::size_t> site_start;
    std::vector<std::uint32_t> site_clients; ///< per site, the clients it covers, ascending

    std::span<const SiteIndex> sites_of(std::size_t client) const noexcept {
        return {client_sites.data() + client_start[client], client_sites.data() + client_start[client + 1]};
    }
    std::span<const std::uint32_t> clients_of(SiteIndex site) const noexcept {
        return {site_clients.data() + site_start[site], site_clients.data() + site_start[site + 1]};
    }
};

CoverSets make_cover_sets(const AllocationData &data, double service_cost);

/// Opens sites one at a time, each time the one adding the most weight of uncovered clients
/// (ties to the smaller index; with `rng`, the best of a random sample as greedy_sites does),
/// starting from the required sites, until `max_sites` are open or nothing more is gained.
/// Returns the sites, ascending.
std::vector<SiteIndex> greedy_cover(const AllocationData &data, const CoverSets &cover, std::span<const double> weight,
                                    std::size_t max_sites, Rng *rng);

} // namespace pooled::colocation::detail
