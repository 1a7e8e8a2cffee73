#pragma once
/// @file
/// @brief Equity of a measure over zones weighted by population: Gini, Palma ratio, Theil
/// index, concentration index, and summaries by a grouping column (e.g. IMD decile).
///
/// Every function takes `values` x_i (a measure per zone, finite and >= 0) and `weights` w_i
/// (population per zone, finite and >= 0, not all 0), and treats zone i as w_i people who all
/// have x_i. W = sum_i w_i, mu = sum_i w_i x_i / W (the population-weighted mean).
/// Errors: spans of different sizes or empty, (Errc::argument); a NaN, infinite or negative value
/// or weight, or weights adding up to 0, (Errc::data) naming the zone's index.
/// An index whose denominator is 0 (mu = 0: nobody has any) is NaN: inequality is undefined.

#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pooled::accessibility {

/// Weighted Gini coefficient, G = sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mu): 0 when everybody
/// has the same, towards 1 when one zone has everything. Computed in O(n log n) as
/// G = sum_i w_i x_i (W_below(i) - W_above(i)) / (W^2 mu) with zones sorted by x.
POOLED_CXX_API double gini(std::span<const double> values, std::span<const double> weights);

/// Palma ratio: the share of the total (sum w x) held by the 10% of people with the most,
/// divided by the share held by the 40% with the least. People are ordered by x and a zone is
/// split at the 40% and 90% points in proportion to its weight (the Lorenz curve is linear
/// within a zone). 1/4 for perfect equality; +inf when the bottom 40% have nothing.
POOLED_CXX_API double palma_ratio(std::span<const double> values, std::span<const double> weights);

/// Theil T index, T = sum_i (w_i / W) (x_i / mu) ln(x_i / mu), with 0 ln 0 = 0: 0 for perfect
/// equality, ln(W / w_k) when zone k has everything.
POOLED_CXX_API double theil_index(std::span<const double> values, std::span<const double> weights);

/// Concentration index of x against the ranking variable `rank_by` (e.g. IMD decile, 1 = most
/// deprived; or an income), CI = (2 / mu) sum_i (w_i / W) (x_i - mu) (r_i - 1/2), where r_i is
/// the weighted fractional rank of zone i by rank_by, ascending: r_i = (W_before + W_tied / 2) / W
/// (zones tied on rank_by share the rank of their group's midpoint). In [-1, 1]: negative when x
/// is concentrated among the low-ranked (e.g. the most deprived). Ranking by x itself gives the Gini.
/// @throws Error also for a rank_by of another size or with a NaN.
POOLED_CXX_API double concentration_index(std::span<const double> values, std::span<const double> weights,
                                          std::span<const double> rank_by);

/// Every index at once, over one set of zones.
struct Inequality {
    std::size_t zones = 0;
    double weight = 0.0; ///< W
    double mean = 0.0;   ///< mu
    double minimum = 0.0;
    double maximum = 0.0;
    double gini = 0.0;
    double palma = 0.0;
    double theil = 0.0;
    /// Against `rank_by`; NaN without one.
    double concentration = 0.0;
};

/// The indices of the zones, with a concentration index when `rank_by` is given.
POOLED_CXX_API Inequality inequality(std::span<const double> values, std::span<const double> weights,
                                     std::optional<std::span<const double>> rank_by = std::nullopt);

/// The indices within one group of zones.
struct GroupSummary {
    std::string group;
    Inequality within;
    /// This group's share of the total sum_i w_i x_i over all zones (NaN if that total is 0).
    double share_of_total = 0.0;
};

/// One summary per distinct value of `groups` (one per zone), in numeric order of the group
/// names when they are all numbers (deciles 1..10), else in byte order. Zones of zero weight
/// count in `zones` but not in the indices; a group of zero total weight has NaN indices.
POOLED_CXX_API std::vector<GroupSummary> summarise_by(std::span<const double> values, std::span<const double> weights,
                                                      std::span<const std::string> groups);

} // namespace pooled::accessibility
