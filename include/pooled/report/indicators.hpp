#pragma once
/// @file
/// @brief Asset-use indicators: per asset cost per m2, floor area per resident of its
/// catchment, utilisation, users per segment, catchment shared with other owners, lease and
/// condition flags; per organisation and per service the totals. The numbers behind the
/// report's tables, also written as GeoPackage layers.
///
/// Nothing is guessed: an indicator whose input is missing is missing (nullopt), and the
/// asset's `missing` notes say which field it needed ("cost_per_m2: running_cost not given").
///
/// Typical use:
/// ```cpp
/// auto catchments = catchment::buffer_catchments(sites, 2000.0);   // one per asset
/// catchment::count_population(catchments, zones_index);
/// report::IndicatorInputs in{estate, catchments};
/// in.overlaps = catchment::catchment_overlap(catchments, zones_index);
/// in.as_of = "2026-04-01";
/// const report::Indicators result = report::asset_indicators(in);
/// io::write_layers("indicators.gpkg", report::indicator_layers(result, estate));
/// ```

#include <pooled/catchment/catchment.hpp>
#include <pooled/catchment/population.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/model/asset.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pooled::report {

/// Users of each catchment per segment.
struct SegmentUsers {
    std::vector<std::string> codes;         ///< the segments, in output order
    std::vector<std::vector<double>> users; ///< [catchment][segment], aligned with `codes`
};

/// Users (per-zone counts, e.g. segmentation::count_users_by_zone) inside each catchment, per
/// segment of their zone: sum over zones z of share(z inside the catchment) x users[z], by
/// the segment of z. Shares are the index's (area share or centroid rule).
/// @throws Error (Errc::argument) if users_per_zone or zone_segments do not have one value per
///         zone of the index, or a zone's segment is not in `segment_codes`.
POOLED_CXX_API SegmentUsers users_per_segment(const std::vector<catchment::Catchment> &catchments,
                                              const catchment::PopulationIndex &zones,
                                              const std::vector<double> &users_per_zone,
                                              const std::vector<std::string> &zone_segments,
                                              const std::vector<std::string> &segment_codes);

/// What asset_indicators works from. Only `estate` is required; each other input feeds the
/// indicators that need it, which are missing without it.
struct IndicatorInputs {
    const model::Estate &estate;
    /// At most one catchment per asset (Catchment::asset indexes estate.assets), its population
    /// counted (count_population or count_population_within_cost).
    const std::vector<catchment::Catchment> &catchments;
    /// The people the catchments share pairwise (catchment_overlap or overlap_within_cost),
    /// indexing `catchments`; nullopt if not computed.
    std::optional<std::vector<catchment::Overlap>> overlaps = std::nullopt;
    /// Users per segment of each catchment (users_per_segment), aligned with `catchments`.
    std::optional<SegmentUsers> users = std::nullopt;
    /// The date leases are measured from, "YYYY-MM-DD"; empty = lease flags missing (pooled
    /// reads no clock, so the same inputs give the same outputs).
    std::string as_of = {};
    /// A lease ending on or before as_of + this many months is flagged. DEFAULT 24.
    int lease_horizon_months = 24;
    /// Conditions flagged as poor, compared ignoring case and surrounding spaces. DEFAULT the
    /// RICS/ property-survey grades C (poor) and D (bad) and those words.
    std::vector<std::string> poor_conditions = {"C", "D", "poor", "bad", "very poor"};
    /// Utilisation below this is flagged "under-used" (above 1, "over capacity"). DEFAULT 0.5.
    double under_used_below = 0.5;
};

/// The indicators of one asset. Values that could not be computed are nullopt, with a note in
/// `missing`.
struct AssetIndicators {
    std::size_t asset = 0; ///< index in Estate::assets
    std::optional<double> cost_per_m2;             ///< running cost / floor area, GBP per m2 per year
    std::optional<double> catchment_population;    ///< people in its catchment
    std::optional<double> floor_area_per_resident; ///< floor area / catchment population, m2 per person
    std::optional<double> utilisation;             ///< as given (0..1; above 1 over capacity)
    std::string utilisation_flag;                  ///< "over capacity", "under-used" or ""
    std::optional<double> users;                   ///< users in the catchment, all segments
    std::vector<double> users_by_segment;          ///< aligned with Indicators::segment_codes (empty without users)
    /// People shared with catchments of other owners' assets, summed over those assets (a person
    /// in three other owners' catchments counts three times).
    std::optional<double> shared_with_other_owners;
    std::size_t other_owner_assets_overlapping = 0; ///< other owners' assets whose catchment shares people
    std::string top_other_owner_asset;              ///< id of the one sharing the most ("" if none)
    double top_other_owner_shared = 0.0;            ///< people shared with it
    std::optional<bool> lease_ends_within_horizon;  ///< leasehold ending by as_of + horizon; false for freehold
    std::optional<bool> condition_poor;
    std::vector<std::string> missing; ///< "indicator: field not given", in the order above
};

/// Totals of a group of assets (one organisation, or one service).
struct GroupTotals {
    std::string group;          ///< the organisation's name, or the service
    std::size_t assets = 0;
    double floor_area_m2 = 0.0; ///< sum over the assets with a floor area
    std::size_t missing_floor_area = 0;
    double running_cost_gbp = 0.0; ///< sum over the assets with a running cost
    std::size_t missing_running_cost = 0;
    /// Running cost / floor area over the assets with both (area-weighted mean), nullopt if none.
    std::optional<double> cost_per_m2;
    /// Sum of the assets' catchment populations (people in two of them count twice);
    /// nullopt if no asset of the group has a catchment.
    std::optional<double> population_served;
    std::size_t missing_catchment = 0;
};

struct Indicators {
    std::vector<AssetIndicators> assets;     ///< in the estate's order
    std::vector<std::string> segment_codes;  ///< of users_by_segment (empty without users)
    std::vector<GroupTotals> organisations;  ///< sorted by name; "" = organisation not given
    std::vector<GroupTotals> services;       ///< sorted by service; an asset counts in each it offers
};

/// Computes the indicators.
/// @throws Error (Errc::argument) if a catchment names an asset outside the estate or two
///         catchments the same asset, an overlap or the users name a catchment that does not
///         exist, or as_of is not a date.
POOLED_CXX_API Indicators asset_indicators(const IndicatorInputs &inputs);

/// How many assets carry each flag, and how often each indicator is missing by the field it
/// needed ("cost_per_m2: running_cost not given"): the figures a summary reports.
struct IndicatorFlags {
    std::size_t lease_ends_within_horizon = 0;
    std::size_t condition_poor = 0;
    std::size_t over_capacity = 0;
    std::size_t under_used = 0;
    std::map<std::string, std::size_t> missing;
};

/// Counts the flags of `indicators.assets`.
POOLED_CXX_API IndicatorFlags count_flags(const Indicators &indicators);

/// The indicators as tables to write: `asset_indicators` (the assets' locations in the
/// estate's CRS, with a QGIS style by owner kind), `organisation_indicators` and
/// `service_indicators` (no geometry). Missing values are nulls; the notes are in the assets'
/// `missing` field, joined with "; ".
POOLED_CXX_API std::vector<io::OutputLayer> indicator_layers(const Indicators &indicators, const model::Estate &estate);

} // namespace pooled::report
