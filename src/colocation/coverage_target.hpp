#pragma once
// INTERNAL to libpooled (colocation). The coverage targets of solve_coverage_target laid out
// once for the heuristic and the exact mode: one row for the total demand and one per group
// with a share to reach, each with the demand it needs covered.

#include <pooled/colocation/covering.hpp>

#include "colocation/allocation_data.hpp"
#include "colocation/cover_sets.hpp"

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace pooled::colocation::detail {

inline constexpr std::uint32_t no_row = std::numeric_limits<std::uint32_t>::max();

struct CoverageTargets {
    std::vector<double> need;           ///< per row: the demand it needs covered (> 0)
    std::vector<double> tolerance;      ///< per row: shortfall still counted as met (rounding)
    std::vector<std::uint32_t> group_row; ///< per client: its group's row, or no_row
    std::uint32_t total_row = no_row;   ///< the row of the total demand, or no_row

    std::size_t rows() const noexcept { return need.size(); }
};

/// Checks the options and lays out the targets of the problem `data` describes.
/// @throws Error (Errc::argument) as solve_coverage_target documents.
CoverageTargets make_coverage_targets(const network::CostMatrix &costs, const AllocationData &data,
                                      const CoverageTargetOptions &options);

/// Demand covered per row when `open` sites (flags per site) are open.
std::vector<double> covered_per_row(const AllocationData &data, const CoverSets &cover, const CoverageTargets &targets,
                                    const std::vector<char> &open);

/// Whether `covered` (per row) meets every target.
bool targets_met(const CoverageTargets &targets, std::span<const double> covered);

/// Sum over the rows short of their target of shortfall / target (0 when every target is met):
/// what the searches lower, so that a small group's shortfall weighs as much as the total's.
double relative_shortfall(const CoverageTargets &targets, std::span<const double> covered);

} // namespace pooled::colocation::detail
