#pragma once
// INTERNAL to libpooled (colocation). Lagrangian bounds for the covering problems, maximised
// or minimised by subgradient steps (Held, Wolfe and Crowder 1974).

#include "colocation/allocation_data.hpp"
#include "colocation/cover_sets.hpp"

#include <cstddef>
#include <span>

namespace pooled::colocation::detail {

/// Upper bound on  max sum_i w_i z_i  s.t.  z_i <= (sites of Y covering i) - extra_cover,
/// |Y| = sites (required ones included), by relaxing the coverage rows with lambda >= 0:
///   L = sum_i max(0, w_i - lambda_i) - extra_cover sum_i lambda_i + top-sites sum_{i in N(j)} lambda_i.
/// extra_cover 0: MCLP; 1: "covered twice" (backup covering). `lower` is a known solution's
/// value (steers the steps, stops once met). Rounded down when every w_i is an integer.
double covering_upper_bound(const AllocationData &data, const CoverSets &cover, std::span<const double> weight,
                            std::size_t sites, double extra_cover, double lower, std::size_t iterations);

/// Lower bound on the number of sites covering every client (required sites included, the
/// clients they cover dropped):  |R| + ceil(max_lambda sum_i lambda_i + sum_j min(0, 1 - sum_{i in N(j)} lambda_i)).
/// `upper` is a known cover's size.
double set_cover_lower_bound(const AllocationData &data, const CoverSets &cover, double upper, std::size_t iterations);

} // namespace pooled::colocation::detail
