#pragma once
/// @file
/// @brief Co-location candidates: groups of nearby assets of different owners whose services
/// could share a building, ranked by what sharing could release.
///
/// **Grouping.** Two assets are *linked* when (1) each is within `within` of the other: the
/// straight-line distance in metres, or, given an assets x assets CostMatrix (e.g. from
/// network::route_matrix), the travel cost in BOTH directions (absent pairs are not linked);
/// and (2) every service of one is compatible with every service of the other under the
/// CompatibilityTable. A candidate group is a *maximal clique* of the linked graph (Bron and
/// Kerbosch 1973, with Tomita's pivot, started from each vertex as Eppstein, Loeffler and Strash
/// 2010 do, so sparse estates of 100,000 assets take seconds) with at least two members and owners from at least two
/// different organisations (names compared with normalise_name). So every member is within
/// `within` of every other and all their services may share: groups do not grow into chains as
/// connected components would. An asset may belong to several overlapping groups.
///
/// **Assets left out** (reported in CandidateResult::excluded, never guessed): no services, a
/// service the table does not know, or no organisation.
///
/// **Ranking.** Each group gets seven measures (GroupScores): extra organisations (owners - 1),
/// combined floor area, combined running cost, spare floor area (floor area x (1 - utilisation)
/// over members with utilisation below 1), leases ending by the horizon, members in poor
/// condition (grade C or D, "poor", "bad"), and the catchment overlap (the most people any two
/// members' catchments share, from catchment::catchment_overlap or overlap_within_cost). Each
/// measure is divided by its largest value over all groups (0 when that is 0) and the score is
/// their sum (0..7, equal weights). Unknown values count 0 and are listed in Group::missing.
/// Groups are sorted by score (descending), then more members, then the smaller largest
/// distance, then the members' ids: the order is a function of the input only.

#include <pooled/catchment/catchment.hpp>
#include <pooled/catchment/population.hpp>
#include <pooled/colocation/compatibility.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/model/asset.hpp>
#include <pooled/network/cost_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pooled::colocation {

/// Options of find_colocation_candidates. DEFAULTs as documented; pointers are not owned.
struct CandidateOptions {
    /// How close members must be: metres in a straight line, or the matrix's unit when `costs`
    /// is given. DEFAULT 800 (metres).
    double within = 800.0;
    /// Travel costs between the assets (origins and destinations = the estate's assets, same
    /// ids, same order). DEFAULT null: straight-line distances.
    const network::CostMatrix *costs = nullptr;
    /// DEFAULT null: default_compatibility().
    const CompatibilityTable *compatibility = nullptr;
    /// Reference date "YYYY-MM-DD" for lease ends. DEFAULT empty: leases are not scored (said
    /// in each group's missing list), so results never depend on the day they are computed.
    std::string as_of;
    /// A lease ending on or before as_of + this many years counts. DEFAULT 5.
    int lease_horizon_years = 5;
    /// One catchment per asset (Catchment::asset = the asset's index) and their overlaps, from
    /// the catchment module. DEFAULT null: no catchment overlap measure.
    const std::vector<catchment::Catchment> *catchments = nullptr;
    const std::vector<catchment::Overlap> *overlaps = nullptr;
    /// Stop with an error beyond this many maximal cliques (dense estates with a large
    /// `within`). DEFAULT 200,000.
    std::size_t max_groups = 200000;
};

/// What sharing could release, per group. Sums are over the members whose value is known.
struct GroupScores {
    std::size_t organisations = 0;
    double largest_cost = 0.0;          ///< the largest member-to-member distance or cost
    double floor_area_m2 = 0.0;
    double running_cost_gbp = 0.0;
    double spare_floor_area_m2 = 0.0;   ///< sum of floor area x (1 - utilisation) where utilisation < 1
    std::size_t with_spare_capacity = 0; ///< members with utilisation < 1
    /// Members whose lease ends by the horizon: (asset index, "YYYY-MM-DD"), by date.
    std::vector<std::pair<std::size_t, std::string>> leases_ending;
    std::size_t poor_condition = 0;     ///< members in condition C / D (poor, bad)
    /// The most people two members' catchments share; NaN without catchments.
    double shared_population = std::numeric_limits<double>::quiet_NaN();
    double score = 0.0;                 ///< 0..7, see the file comment
};

/// One candidate group.
struct CandidateGroup {
    std::vector<std::size_t> members;      ///< asset indexes, ordered by asset id
    std::size_t hub = 0;                   ///< the member with the least total distance to the others
    geometry::Point hub_point;             ///< the hub's location
    std::vector<std::string> organisations; ///< distinct owners, sorted
    std::vector<std::string> services;     ///< distinct canonical services, sorted
    GroupScores scores;
    std::vector<std::string> reasons;      ///< plain words, e.g. "3 organisations within 420 m"
    std::vector<std::string> missing;      ///< unknown values, e.g. "no running cost for A12, B7"
};

/// An asset left out, and why.
struct ExcludedAsset {
    std::size_t asset = 0;
    std::string reason;
};

/// The candidates and what was left out.
struct CandidateResult {
    std::vector<CandidateGroup> groups; ///< ranked (see the file comment)
    std::vector<ExcludedAsset> excluded; ///< by asset index
    std::size_t close_pairs = 0;        ///< pairs of usable assets within `within` of each other
    std::size_t linked_pairs = 0;       ///< of those, pairs whose services are compatible
};

/// Finds and ranks co-location candidates in an estate (see the file comment).
/// @throws Error (Errc::argument) for a `within` that is NaN or negative, a cost matrix whose
///         origins or destinations are not the estate's asset ids in order, catchments without
///         overlaps (or the reverse), a malformed `as_of` or a negative horizon, or more than
///         max_groups maximal cliques.
POOLED_CXX_API CandidateResult find_colocation_candidates(const model::Estate &estate,
                                                          const CandidateOptions &options = {});

/// Reads a condition grade: "A", "good", "very good", "excellent" -> 0; "B", "fair",
/// "satisfactory" -> 1; "C", "poor" -> 2; "D", "bad", "very poor", "unsatisfactory" -> 3
/// (case-insensitive). @returns -1 for empty or other text.
POOLED_CXX_API int condition_grade(std::string_view condition);

} // namespace pooled::colocation
