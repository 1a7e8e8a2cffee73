#pragma once
// INTERNAL to libpooled (colocation). Lagrangian bound for the single-source capacitated
// problems: relaxing "each client assigned once" leaves, per site, a 0-1 knapsack over the
// clients whose multiplier exceeds their weighted cost there.

#include "colocation/allocation_data.hpp"
#include "colocation/capacitated_assignment.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace pooled::colocation::detail {

/// `p`: exactly p sites open (CPMP); none: any number, site costs decide (CFLP).
/// `multipliers` start the search (e.g. each client's weighted cost in a solution); `upper`
/// is that solution's value. Rounded up when all data are integers.
double capacitated_bound(const AllocationData &data, const Capacities &caps, std::optional<std::size_t> p,
                         std::vector<double> multipliers, double upper, std::size_t iterations);

} // namespace pooled::colocation::detail
