#pragma once
// INTERNAL to libpooled (colocation). The exact objective of a set of open sites, computed
// afresh from the matrix (the incremental values of the searches may carry rounding drift).

#include <pooled/colocation/solution.hpp>
#include <pooled/network/cost_matrix.hpp>

#include "colocation/allocation_data.hpp"
#include "colocation/lex_value.hpp"

#include <span>
#include <vector>

namespace pooled::colocation::detail {

/// Each origin goes to its cheapest open site (ties to the smaller index; origins of zero
/// demand too, for the report). Returns the two-part value; fills `solution.selected`,
/// `assignment` and `objective` (+inf while demand is left unserved without an unserved cost).
LexValue evaluate(const network::CostMatrix &costs, std::span<const double> demand, const AllocationData &data,
                  std::span<const SiteIndex> open, Solution &solution);

/// Fills gap and status from objective and bound (a lower bound when minimising, an upper
/// one when maximising): optimal when the bound meets the objective within 1e-9 relative.
void set_gap(Solution &solution, bool maximise = false);

} // namespace pooled::colocation::detail
