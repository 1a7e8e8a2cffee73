#pragma once
/// @file
/// @brief Coverage: the share of demand (population) within a cutoff of at least one site.
///
/// Matrix, spans and errors as in measures.hpp. A zone is covered as a whole when its point
/// (e.g. population-weighted centroid) reaches a site: coverage per zone is 0 or 1.

#include <pooled/network/cost_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <span>
#include <vector>

namespace pooled::accessibility {

/// The result of coverage().
struct CoverageResult {
    /// 1 for a zone within the cutoff of at least one site with supply > 0, else 0.
    std::vector<double> covered;
    double covered_demand = 0.0; ///< sum_i P_i covered_i
    double total_demand = 0.0;   ///< sum_i P_i
    /// covered_demand / total_demand; NaN when the total demand is 0 (a share of nobody).
    double share = 0.0;
};

/// Coverage within `cutoff` (inclusive). A site counts only if its supply is > 0, so a supply
/// column of 0/1 (or a capacity) picks the sites of one service; a supply of zero everywhere
/// covers nobody.
POOLED_CXX_API CoverageResult coverage(const network::CostMatrix &m, std::span<const double> demand,
                                       std::span<const double> supply, double cutoff);

} // namespace pooled::accessibility
