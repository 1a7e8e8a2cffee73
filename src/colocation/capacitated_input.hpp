#pragma once
// INTERNAL to libpooled (colocation). The capacitated problems' input checked and laid out:
// AllocationData with every origin a client (cost weights as weights, opening costs added to
// the site costs) and the capacity side (loads, capacities).

#include <pooled/colocation/capacitated.hpp>

#include "colocation/allocation_data.hpp"
#include "colocation/capacitated_assignment.hpp"

#include <span>
#include <string>

namespace pooled::colocation::detail {

struct CapacitatedInput {
    AllocationData data;
    Capacities caps;
};

/// @throws Error (Errc::argument) for a capacity, demand, cost-weight or opening-cost span of
///         the wrong size or with a negative or non-finite value (naming the origin or site),
///         and as make_allocation_data.
CapacitatedInput prepare_capacitated(const network::CostMatrix &costs, std::span<const double> demand, std::size_t p,
                                     std::span<const double> opening_cost, const CapacitatedOptions &options,
                                     const std::string &problem);

} // namespace pooled::colocation::detail
