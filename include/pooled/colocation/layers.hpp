#pragma once
/// @file
/// @brief The outputs of a co-location search, one implementation for `pooled colocate` and
/// the co-location stage of `pooled run`: the layers colocation_groups (a hub point per group),
/// colocation_members and colocation_excluded, and the JSON summary, with one rounding policy
/// (metres and m2 to 3 decimals, pounds to 2, scores to 9).

#include <pooled/colocation/candidates.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/model/asset.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <limits>
#include <optional>
#include <string>

namespace pooled::colocation {

/// The three output layers (styles are the caller's: report::style_colocation_layers).
struct ColocationLayers {
    /// "colocation_groups": one point per group at its hub, in rank order: rank, hub_id,
    /// members ("a; b"), member_count, organisations, organisation_count, services, score,
    /// largest_cost, cost_unit, floor_area_m2, running_cost_gbp, spare_floor_area_m2,
    /// leases_ending, poor_condition, shared_population (null without zones), reasons, missing.
    io::OutputLayer groups;
    /// "colocation_members": every member of every group at its location: rank, asset_id, name,
    /// organisation, organisation_kind, services, is_hub, floor_area_m2, running_cost_gbp,
    /// utilisation, lease_end, condition.
    io::OutputLayer members;
    /// "colocation_excluded" (no geometry): asset_id, reason.
    io::OutputLayer excluded;
};

/// How the search was made, as the summary states it.
struct SearchSettings {
    double within = 800.0;               ///< in `within_unit`
    std::string within_unit = "metres";  ///< "metres" or "seconds"
    std::string by = "straight line";    ///< "straight line" or "road"
    std::string compatibility;           ///< the compatibility table's source
    std::string catchment;               ///< as given, e.g. "2km"; empty = no zones, no catchments
    std::optional<double> zone_population; ///< the zones' people; none without zones
    std::string as_of;                   ///< empty = leases not scored
    int lease_horizon_years = 5;
};

/// The layers of `result` (found in `estate`) in `crs`; `cost_unit` names largest_cost's unit.
POOLED_CXX_API ColocationLayers colocation_layers(const model::Estate &estate, const CandidateResult &result,
                                                  const crs::Crs &crs, const std::string &cost_unit);

/// The summary as JSON text (2-space indent, no trailing newline): assets, sources, the
/// settings, close_pairs, linked_pairs, excluded, group_count and groups (rank, hub, hub_point,
/// members, organisations, services, score, measures, reasons, missing), the first
/// `listed_groups` of them (DEFAULT all).
POOLED_CXX_API std::string colocation_summary_json(const model::Estate &estate, const CandidateResult &result,
                                                   const SearchSettings &settings,
                                                   std::size_t listed_groups = std::numeric_limits<std::size_t>::max());

} // namespace pooled::colocation
