#pragma once
// INTERNAL to libpooled (colocation). Single-source assignment of clients to a fixed set of
// open sites within capacities (a generalised assignment problem): clients in order of
// regret take their cheapest site with room left, one ejection repairs a client that finds
// none, then shift and ejection-chain (incl. swap) moves lower the cost while they can.

#include "colocation/allocation_data.hpp"

#include <span>
#include <vector>

namespace pooled::colocation::detail {

/// A problem's capacity side: per client its load (demand), per site its capacity.
struct Capacities {
    std::vector<double> load;     ///< per client
    std::vector<double> capacity; ///< per site
};

struct Assignment {
    std::vector<SiteIndex> site_of; ///< per client; no_site if it could not be placed
    bool complete = false;          ///< every client placed
    double value = 0.0;             ///< sum of weight x cost + site costs of the open sites + constant
};

/// Lexicographic: complete first, then lower value.
bool better(const Assignment &a, const Assignment &b);

/// `rounds` > 0 adds Lagrangian rounds: the capacities are priced by subgradient steps and the
/// clients placed again under the priced costs; the best assignment found is kept.
Assignment assign_within_capacity(const AllocationData &data, const Capacities &caps, std::span<const SiteIndex> open,
                                  std::size_t rounds = 0);

} // namespace pooled::colocation::detail
