#pragma once
/// @file
/// @brief Profiles of segments: size, mean values, index scores and the variables that most
/// distinguish each segment (the raw material of a pen portrait).
///
/// **Index score** of variable v in segment s, from the untransformed percentages p_iv and the
/// zone populations w_i (population-weighted):
///
///     P_sv = sum_{i in s} w_i p_iv / sum_{i in s} w_i      (segment's mean percentage)
///     P_v  = sum_i w_i p_iv / sum_i w_i                    (overall mean percentage)
///     index_sv = 100 x P_sv / P_v
///
/// so 100 is the overall average, and the population-weighted mean of index_sv over the
/// segments, sum_s W_s index_sv / W with W_s the segment's population, is exactly 100.
/// Where P_v = 0 (no zone has any of it) the index is NaN.
///
/// **Distinguishing variables** of a segment: those whose mean prepared value (the k-means
/// input) lies furthest from the overall mean, in overall standard deviations:
/// score_sv = (mean_{i in s} x_iv - mean_i x_iv) / sd_i(x_iv) (unweighted over zones, as
/// k-means sees them). Positive = more than average, negative = less.

#include <pooled/pooled_cxx_export.h>
#include <pooled/segmentation/prepare.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace pooled::segmentation {

/// A variable that sets a segment apart.
struct Distinguishing {
    std::size_t variable = 0; ///< column
    double score = 0.0;       ///< standard deviations from the overall mean (see the file comment)
};

struct SegmentProfile {
    std::string code;
    std::size_t zones = 0;
    double population = 0.0;
    std::vector<double> mean_values;      ///< per variable: mean prepared value over the segment's zones
    std::vector<double> mean_percentages; ///< per variable: population-weighted mean percentage, P_sv
    std::vector<double> index;            ///< per variable: 100 x P_sv / P_v
    std::vector<Distinguishing> distinguishing; ///< largest |score| first (ties: lower column)
};

/// The profiles of one level of a classification.
struct LevelProfile {
    std::vector<std::string> variable_names;
    std::vector<double> overall_percentages; ///< P_v
    double population = 0.0;
    std::vector<SegmentProfile> segments;    ///< in the order of `segment_codes`
};

/// Profiles of the segments named in `segment_codes`, with `zone_codes` the segment of each
/// zone (prepared.matrix's rows). Segments without zones have zones = 0 and NaN means.
/// @param distinguishing_count variables kept per segment. DEFAULT: 5.
/// @throws Error (Errc::argument) if zone_codes has the wrong size or names a segment not in
///         segment_codes; (Errc::data) if the zones have no population at all.
POOLED_CXX_API LevelProfile profile_segments(const PreparedZones &prepared, const std::vector<std::string> &zone_codes,
                                             const std::vector<std::string> &segment_codes,
                                             std::size_t distinguishing_count = 5);

} // namespace pooled::segmentation
