#pragma once
/// @file
/// @brief Profiling a service's users against the base population, per segment: count,
/// share, penetration (users per 1,000 residents) and index (100 = average).
///
/// index_s = 100 x (U_s / U) / (R_s / R), with U_s the users and R_s the residents of
/// segment s, U and R the totals: a segment with index 150 has half as many users again as its
/// share of residents would give. Equivalently 100 x penetration_s / overall penetration.

#include <pooled/model/service_user.hpp>
#include <pooled/model/zone.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <string>
#include <vector>

namespace pooled::segmentation {

/// Users counted into zones.
struct ZoneUserCounts {
    std::vector<double> users; ///< per zone, the sum of the weights of its users
    double unmatched = 0.0;    ///< weight of users in no zone
    std::size_t unmatched_users = 0;
};

/// Counts geocoded users into zones: a user falls in the polygon zone containing it (by the
/// crossing-number rule; if two zones claim it, the one listed first); with point zones (e.g.
/// population-weighted centroids) in the nearest zone point (ties: the zone listed first). Users outside every
/// polygon are counted as unmatched.
/// @throws Error (Errc::crs) if users and zones are in different working CRSs;
///         (Errc::argument) if the zones mix points and polygons or have no geometry.
POOLED_CXX_API ZoneUserCounts count_users_by_zone(const model::Population &zones, const model::ServiceUsers &users);

/// A service's users against the base population, per segment.
struct UserSegment {
    std::string code;
    double users = 0.0;          ///< users (sum of weights) in the segment's zones
    double residents = 0.0;      ///< population of the segment's zones
    double user_share = 0.0;     ///< users / all users (0..1)
    double resident_share = 0.0; ///< residents / all residents (0..1)
    double penetration = 0.0;    ///< users per 1,000 residents (NaN with no residents)
    double index = 0.0;          ///< 100 x user_share / resident_share (100 = average; NaN with no residents)
};

struct UserProfile {
    double users = 0.0;     ///< users in profiled zones
    double residents = 0.0;
    std::vector<UserSegment> segments; ///< in the order of `segment_codes`
};

/// Profiles users (per zone counts, e.g. from users_per_zone or a count column) against the
/// zones' population, per segment.
/// @throws Error (Errc::argument) for mismatched sizes or an unknown code; (Errc::data) for a
///         negative or NaN count or no users at all.
POOLED_CXX_API UserProfile profile_users(const std::vector<std::string> &zone_codes,
                                         const std::vector<std::string> &segment_codes,
                                         const std::vector<double> &population,
                                         const std::vector<double> &users_per_zone);

} // namespace pooled::segmentation
