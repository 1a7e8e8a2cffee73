#pragma once
/// @file
/// @brief Consolidation scenarios: which assets of a service to keep, where the demand of the
/// closed ones goes (within the kept ones' capacity), what closing them saves, and who loses
/// access.
///
/// The input is a CostMatrix zones x assets (travel time by road from network::route_matrix,
/// or straight-line distance from network::straight_line_matrix, or its straight-line-
/// equivalent travel time: distance / an assumed speed, see straight_line_seconds), the
/// demand per zone (population), optionally a group per zone (segment, deprivation decile,
/// urban/rural), and the assets with their optional floor area, running cost, capital value,
/// capacity and must-keep flag.
///
/// Two goals:
/// - keep exactly N assets minimising the total demand-weighted travel cost (p-median, or the
///   capacitated p-median when capacities apply), must-keep assets included;
/// - keep the fewest assets such that at least a share of the demand (and optionally of every
///   group's demand) stays within the cutoff (solve_coverage_target; exact through CBC by
///   DEFAULT); among sets of that size, swaps then lower the demand-weighted travel while the
///   targets hold (minimal sets are seldom unique, and the one losing least access is wanted).
///
/// Before: every zone uses its cheapest asset (as today, no capacity limit). After: every zone
/// uses its cheapest kept asset or, with capacities, is placed single-sourced within the kept
/// assets' capacity (cheapest first by regret, then improved). With capacities and a coverage
/// goal, kept assets are added (the one raising the coverage after placement most) until the
/// targets hold after placement too; the bound of the uncapacitated problem still bounds it.
///
/// Deterministic: the same input and seed give the same result, whatever the thread count.
///
/// @code
/// pooled::colocation::ConsolidationOptions options;
/// options.min_coverage = 0.95;
/// options.cutoff = 900.0; // 15 minutes, in the matrix's unit
/// options.service = "library";
/// const auto result = pooled::colocation::consolidate(matrix, assets, population, {}, options);
/// // result.solution.selected, result.savings, result.moves[k].text, result.groups
/// @endcode

#include <pooled/colocation/solution.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pooled::colocation {

/// One asset of the service(s) consolidated: a destination of the CostMatrix, same order.
struct ConsolidationAsset {
    std::string id;
    std::string name;                        ///< for the moves' text (the id when empty)
    geometry::Point location;                ///< working CRS, metres: distances between assets
    std::optional<double> floor_area_m2;     ///< gross internal area
    std::optional<double> running_cost_gbp;  ///< per year
    std::optional<double> value_gbp;         ///< capital value: the receipt if disposed of
    std::optional<double> capacity;          ///< service capacity, in demand units (people)
    bool must_keep = false;
};

/// What limits the demand an asset can take after consolidation.
enum class CapacityBasis {
    none,             ///< no limit (DEFAULT)
    service_capacity, ///< ConsolidationAsset::capacity, in demand units
    floor_area        ///< floor_area_m2 / ConsolidationOptions::floor_area_per_head
};

/// Options of consolidate(). Exactly one goal: `keep`, or `min_coverage` (with `cutoff`).
struct ConsolidationOptions {
    std::optional<std::size_t> keep;  ///< keep exactly this many assets (must-keep ones included)
    double min_coverage = 0.0;        ///< or the fewest assets keeping this share (0, 1] within `cutoff`
    double min_group_coverage = 0.0;  ///< and this share of every group's demand, [0, 1] (0: none)
    /// Travel cost counted as within reach, in the matrix's unit, inclusive. Required with
    /// min_coverage; with `keep` it is optional (the within-cutoff figures are then absent).
    std::optional<double> cutoff;
    CapacityBasis capacity = CapacityBasis::none;
    double floor_area_per_head = 0.0; ///< m2 per unit of demand, for CapacityBasis::floor_area (> 0)
    std::string service = "service";  ///< what moves, in the moves' text ("library")
    bool exact = true;                ///< prove the coverage goal's minimum with CBC (DEFAULT true)
    ExactOptions exact_options;       ///< time limit of the exact mode
    std::uint64_t seed = 1;
    unsigned threads = 0;             ///< 0 = one per hardware thread; never changes the result
};

/// One asset after the scenario.
struct AssetOutcome {
    bool kept = true;
    /// Closed assets: the kept asset taking the largest part of its former demand (by its
    /// nearest kept asset in a straight line when it served nobody; no_site if its demand
    /// reaches no kept asset). Kept assets: no_site.
    SiteIndex receiving = no_site;
    double demand_before = 0.0; ///< demand of the zones it serves now
    double demand_after = 0.0;  ///< demand of the zones it serves after (0 when closed)
    /// Capacity in demand units (NaN without one under the basis): spare = capacity - demand.
    double capacity = std::numeric_limits<double>::quiet_NaN();
};

/// One zone before and after.
struct ZoneChange {
    SiteIndex asset_before = no_site; ///< no_site: reaches no asset
    SiteIndex asset_after = no_site;  ///< no_site: reaches no kept asset (or no room in one)
    double cost_before = std::numeric_limits<double>::infinity();
    double cost_after = std::numeric_limits<double>::infinity();
    bool within_before = false; ///< cost_before <= cutoff (false without a cutoff)
    bool within_after = false;
};

/// Access of a set of zones before and after (all zones, or one group).
struct GroupChange {
    std::string group;        ///< "all" for every zone
    std::size_t zones = 0;
    double demand = 0.0;
    /// Demand-weighted mean cost over the demand that reaches an asset (NaN if none does).
    double mean_cost_before = std::numeric_limits<double>::quiet_NaN();
    double mean_cost_after = std::numeric_limits<double>::quiet_NaN();
    /// Share of the demand within the cutoff (NaN without a cutoff or demand).
    double share_within_before = std::numeric_limits<double>::quiet_NaN();
    double share_within_after = std::numeric_limits<double>::quiet_NaN();
    double unreached_before = 0.0; ///< demand that reaches no asset
    double unreached_after = 0.0;
};

/// What closing the assets releases. A field missing on a closed asset adds nothing and is
/// counted as missing.
struct Savings {
    std::size_t closed = 0;
    double running_cost_gbp = 0.0; ///< per year
    std::size_t running_cost_missing = 0;
    double floor_area_m2 = 0.0;
    std::size_t floor_area_missing = 0;
    double capital_receipts_gbp = 0.0;
    std::size_t value_missing = 0;
};

/// The move of one closed asset's service, in numbers and in words.
struct Move {
    SiteIndex from = no_site;
    SiteIndex to = no_site;      ///< no_site: its demand reaches no kept asset
    double distance_m = std::numeric_limits<double>::quiet_NaN(); ///< straight line between the two
    double demand = 0.0;          ///< the closed asset's demand before
    double demand_to = 0.0;       ///< the part of it that `to` takes
    double demand_lost = 0.0;     ///< the part of it that reaches no kept asset (or finds no room)
    /// `to`'s spare capacity before and after the scenario, in the basis's unit (m2 for floor
    /// area, demand units for service capacity); NaN without a capacity.
    double spare_before = std::numeric_limits<double>::quiet_NaN();
    double spare_after = std::numeric_limits<double>::quiet_NaN();
    /// "Move the library from Ashbourne Library into Belper Library, 600 m away, which has
    /// 300 m2 spare now (120 m2 spare after the changes)"; "Close the library at X (no zone's
    /// nearest); the nearest kept library is Y, 1.2 km away"; "Close the library at X: its 40
    /// people reach no kept library".
    std::string text;
};

struct ConsolidationResult {
    Solution solution;                 ///< kept assets (selected), objective, bound, gap, status
    std::vector<AssetOutcome> assets;  ///< per asset
    std::vector<ZoneChange> zones;     ///< per zone
    GroupChange overall;
    /// Per group label, in label order: by value when every label is a number (deciles 1..10),
    /// else as text.
    std::vector<GroupChange> groups;
    /// Index in `groups` of the group losing most: the largest fall in share within the cutoff,
    /// then the largest rise in mean cost; nullopt without groups or when no group loses.
    std::optional<std::size_t> loses_most;
    Savings savings;
    std::vector<Move> moves;           ///< per closed asset, in asset order
    std::size_t sites_added_for_capacity = 0; ///< coverage goal: kept beyond the uncapacitated minimum
};

/// Runs a consolidation scenario (see the file comment).
/// @param costs zones (origins) x assets (destinations), seconds or metres.
/// @param groups per zone its group label; empty: no groups.
/// @throws Error (Errc::argument) for spans of the wrong size, no goal or both, keep = 0 or more
///         than the assets, more must-keep assets than keep, a share outside its range, a
///         coverage goal without a cutoff, floor_area_per_head <= 0 with the floor-area basis,
///         an asset without the capacity or floor area the basis needs (naming it);
///         (Errc::data) for a bad demand (naming the zone), or when the goal cannot be met:
///         the coverage with every asset open below the target (naming the group and the
///         share reached), or the demand not fitting the kept assets' capacities.
POOLED_CXX_API ConsolidationResult consolidate(const network::CostMatrix &costs,
                                               std::span<const ConsolidationAsset> assets,
                                               std::span<const double> demand, std::span<const std::string> groups,
                                               const ConsolidationOptions &options);

/// Straight-line-equivalent travel time: each distance of a metres matrix divided by `speed`
/// (metres per second), as a seconds matrix (the cutoff too). A stand-in where no road network
/// is at hand; the speed is an assumption the caller states (e.g. 30 km/h = 8.33 m/s for rural
/// driving with the detour of real roads folded in).
/// @throws Error (Errc::argument) for a matrix not in metres or a speed that is not > 0.
POOLED_CXX_API network::CostMatrix straight_line_seconds(const network::CostMatrix &metres, double speed_m_per_s);

} // namespace pooled::colocation
