#pragma once
// INTERNAL to libpooled (colocation). Greedy construction for p-median-like problems: start
// from the required sites and open, p times over, the site that lowers the objective most.

#include <pooled/core/random.hpp>

#include "colocation/allocation_data.hpp"

#include <vector>

namespace pooled::colocation::detail {

/// Without `rng`: the plain greedy (each step the best of all candidates; ties to the smaller
/// index). With one: Resende and Werneck's "sample" randomisation, each step the best of
/// ceil(log2(candidates / p)) + 1 candidates drawn at random, for diverse multi-start
/// solutions. Returns p sites, ascending.
std::vector<SiteIndex> greedy_sites(const AllocationData &data, Rng *rng);

} // namespace pooled::colocation::detail
