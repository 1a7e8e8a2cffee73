#pragma once
/// @file
/// @brief Everything around a consolidate() call that `pooled consolidate` and the `pooled run`
/// consolidation stage share, so both give the same candidates, costs, layers and figures:
/// the settings' texts ("95%", "15min", "closed=XL,XLR"), the candidate assets of a service,
/// the zones x assets costs, the output layers (assets kept or closed, zones before and after,
/// moves, groups) and the JSON summary, with one rounding policy (rounded: fixed decimals
/// per kind of figure).
///
/// @code
/// namespace coloc = pooled::colocation;
/// coloc::ConsolidationRun run;
/// const auto candidates = coloc::consolidation_candidates(estate, assets_layer, "library", std::nullopt);
/// run.assets = candidates.assets;  // plus geometries, zones, demand, options (see ConsolidationRun)
/// const auto costs = coloc::consolidation_costs(zone_points, asset_points, {});
/// const auto result = coloc::consolidate(costs.matrix, run.assets, run.demand, run.groups, run.options);
/// const auto layers = coloc::consolidation_layers(run, result, "");   // assets, zones, moves, groups
/// const std::string json = coloc::consolidation_summary_json(run, result);
/// @endcode

#include <pooled/colocation/consolidation.hpp>
#include <pooled/core/progress.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/io/layer.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/model/asset.hpp>
#include <pooled/model/zone.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/network/graph.hpp>
#include <pooled/network/route_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pooled::colocation {

/// A share as people write it: "95%" or "0.95" -> 0.95, in (0, 1] (or [0, 1] with `allow_zero`).
/// @throws Error (Errc::argument) "'150%': give a share such as 95% or 0.95, above 0 and at most 100%".
POOLED_CXX_API double parse_share(std::string_view text, bool allow_zero);

/// What counts as within reach: a travel time ("15min", seconds) or a distance ("5km", metres).
struct Reach {
    double value = 0.0;
    bool is_distance = false;
};
/// @throws Error (Errc::argument) "'soon': give a travel time (20min) or a distance (5km)".
POOLED_CXX_API Reach parse_reach(std::string_view text);

/// Assets left out of a consolidation: those whose `field` is one of `values` (compared as text).
struct AssetExclusion {
    std::string field;
    std::set<std::string> values;
};
/// "FIELD=V1,V2" (e.g. "closed=XL,XLR").
/// @throws Error (Errc::argument) "'closed': give FIELD=VALUE[,VALUE...], e.g. closed=XL,XLR".
POOLED_CXX_API AssetExclusion parse_exclusion(std::string_view text);

/// The assets a consolidation chooses among, in estate order.
struct ConsolidationCandidates {
    std::vector<std::size_t> estate_index;   ///< each candidate's index in Estate::assets
    std::vector<ConsolidationAsset> assets;  ///< its id, name, location, area, costs, value, capacity, must-keep
    std::vector<geometry::Geometry> geometries;
};

/// The assets offering `service`, less the excluded ones. `layers` are the layers the estate
/// was read from, in order (their features, one after another, are the estate's assets), for
/// the exclusion's field.
/// @throws Error (Errc::argument) when the features do not match the assets, or naming the
///         layer when the exclusion's field is not in a layer holding a candidate;
///         (Errc::data) naming the (first) layer when no asset is left, listing up to 10
///         services found.
POOLED_CXX_API ConsolidationCandidates consolidation_candidates(const model::Estate &estate,
                                                                const std::vector<const io::Layer *> &layers,
                                                                const std::string &service,
                                                                const std::optional<AssetExclusion> &exclude);
/// The same for an estate read from one layer.
POOLED_CXX_API ConsolidationCandidates consolidation_candidates(const model::Estate &estate, const io::Layer &layer,
                                                                const std::string &service,
                                                                const std::optional<AssetExclusion> &exclude);

/// How travel between zones and assets is costed.
struct ConsolidationCosts {
    const network::Graph *roads = nullptr; ///< by road when set, else straight line
    double max_snap_m = 1000.0;            ///< by road: points further from a road reach nothing
    double speed_kmh = 30.0;               ///< straight line: the assumed straight-line-equivalent speed
    bool distance = false;                 ///< costs in metres (the reach is a distance), else seconds
    unsigned threads = 0;
};

struct ConsolidationMatrix {
    network::CostMatrix matrix;
    /// "road network", "straight-line distance" or "straight-line distance at 30 km/h".
    std::string description;
};

/// Costs from every zone (origins) to every candidate (destinations), all pairs.
/// @throws what network::route_matrix and straight_line_seconds throw.
POOLED_CXX_API ConsolidationMatrix consolidation_costs(const std::vector<network::Located> &zones,
                                                       const std::vector<network::Located> &assets,
                                                       const ConsolidationCosts &costs, const Progress &progress = {});

/// One consolidate() call with what its outputs describe.
struct ConsolidationRun {
    std::vector<ConsolidationAsset> assets;       ///< as given to consolidate()
    std::vector<geometry::Geometry> asset_geometries; ///< per asset (the layer's geometry)
    std::vector<std::string> zone_ids;
    std::vector<geometry::Geometry> zone_geometries;
    std::vector<double> demand;                   ///< per zone
    std::string by;                               ///< the zone field grouping the zones; empty = none
    std::vector<std::string> groups;              ///< per zone its label ("(empty)" for none); empty = none
    ConsolidationOptions options;
    std::string costs;                            ///< ConsolidationMatrix::description
    network::CostUnit cost_unit = network::CostUnit::seconds;
    std::optional<crs::Crs> crs;                  ///< of the geometries
};

/// A run of `candidates` against `zones`: the candidates' assets and geometries, each zone's
/// id, geometry and population as its demand, the zones' CRS; no groups, options or costs yet.
POOLED_CXX_API ConsolidationRun consolidation_run(ConsolidationCandidates candidates, const model::Population &zones);

/// The run's assets as the cost matrix's destinations (id and location).
POOLED_CXX_API std::vector<network::Located> asset_points(const ConsolidationRun &run);

/// The zones' labels from the field `by` of `zones_layer` (feature k is zone k), "(empty)"
/// for an empty value. @throws Error (Errc::argument) naming the layer if it has no such field.
POOLED_CXX_API std::vector<std::string> zone_groups(const io::Layer &zones_layer, const std::string &by);

/// The output layers of a consolidation, named prefix + "assets", "zones", "moves", "groups":
/// - assets (one per candidate, its geometry): asset_id, name, kept, must_keep,
///   receiving_asset_id, distance_to_receiving_m, people_before, people_after, spare_after,
///   floor_area_m2, running_cost_gbp, value_gbp;
/// - zones (its geometry): zone_id, population, group, asset_before, asset_after, cost_before,
///   cost_after, cost_change, within_before, within_after (null without a cutoff);
/// - moves (a line from the closed asset to the one taking most of its people): from_asset_id,
///   to_asset_id, distance_m, people, people_to, people_reaching_none, spare_before,
///   spare_after, text;
/// - groups (a table: "all" first, then each group): group, zones, population,
///   mean_cost_before/after, share_within_before/after, unreached_before/after, loses_most.
/// Costs have 3 decimals, people 6, shares 9; NaN and infinity are null. No styles (report
/// does those: report::consolidation_styles).
struct ConsolidationLayers {
    io::OutputLayer assets;
    io::OutputLayer zones;
    io::OutputLayer moves;
    io::OutputLayer groups;
};
POOLED_CXX_API ConsolidationLayers consolidation_layers(const ConsolidationRun &run, const ConsolidationResult &result,
                                                        const std::string &prefix = "");

/// The key figures as a JSON object (text, 2-space indented): service, assets, zones,
/// population, costs, cost_unit, goal {keep | min_coverage, min_group_coverage; within},
/// capacity, status, objective, kept, closed, bound, gap, sites_added_for_capacity, kept_ids,
/// closed_ids, savings {running_cost_gbp, running_cost_missing, floor_area_m2,
/// floor_area_missing, capital_receipts_gbp, value_missing}, overall, by, groups, loses_most,
/// moves (their text).
POOLED_CXX_API std::string consolidation_summary_json(const ConsolidationRun &run, const ConsolidationResult &result);

/// "none", "capacity" or "floor-area", as the CLI's --capacity and the scenario's capacity say it.
POOLED_CXX_API const char *capacity_basis_name(CapacityBasis basis) noexcept;

} // namespace pooled::colocation
