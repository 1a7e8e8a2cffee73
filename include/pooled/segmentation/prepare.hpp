#pragma once
/// @file
/// @brief From census counts to the matrix k-means clusters: percentages, a transform, a
/// standardisation (the ONS Output Area Classification's steps), and checks of the result.
///
/// For zone i and variable v with numerator columns N and denominator D:
/// - percentage p_iv = 100 x sum(N) / D (or sum(N) as it is when the spec has no denominator).
///   **Zero denominator rule**: when D = 0 (an Output Area with no households of a table's
///   kind, say) p_iv = 0 and the zone is listed in DataChecks::zero_denominators; a zone with a
///   zero denominator has no people of that kind, so 0 % is the value closest to the truth.
/// - transform t_iv = asinh(p_iv) (inverse hyperbolic sine, OAC 2021), log(1 + p_iv), or p_iv.
/// - standardisation x_iv = (t_iv - offset_v) / scale_v: range (offset = min, scale = max - min,
///   so values lie in 0..1, OAC 2011 and 2021), z-score (offset = mean, scale = population
///   standard deviation), or none (0, 1). The offsets and scales are kept in Preparation so
///   that new zones are prepared exactly as the zones the classification was fitted on.

#include <pooled/model/zone.hpp>
#include <pooled/pooled_cxx_export.h>
#include <pooled/segmentation/data_matrix.hpp>
#include <pooled/segmentation/variables.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pooled::segmentation {

enum class Transform { none, ihs, log1p };
enum class Standardise { none, range, zscore };

/// "none", "ihs", "log1p".
POOLED_CXX_API const char *transform_name(Transform transform) noexcept;
/// "none", "range", "zscore".
POOLED_CXX_API const char *standardise_name(Standardise standardise) noexcept;
/// Parses a name as transform_name gives it (also "asinh" for ihs).
/// @throws Error (Errc::argument) listing the accepted names.
POOLED_CXX_API Transform parse_transform(std::string_view name);
/// Parses a name as standardise_name gives it (also "standardise"/"z" for zscore, "minmax" for range).
/// @throws Error (Errc::argument) listing the accepted names.
POOLED_CXX_API Standardise parse_standardise(std::string_view name);

/// The transform of one value (see the file comment).
POOLED_CXX_API double transform_value(Transform transform, double percentage) noexcept;

/// How one column is standardised: x = (t - offset) / scale; scale 0 (a constant column) gives x = 0.
struct ColumnScaling {
    double offset = 0.0;
    double scale = 1.0;
};

/// The fitted preparation: everything needed to prepare new zones the same way.
struct POOLED_CXX_API Preparation {
    Transform transform = Transform::ihs;
    Standardise standardise = Standardise::range;
    std::vector<ColumnScaling> scaling; ///< one per variable

    /// Transforms and standardises one zone's percentages into `out` (same size as scaling).
    void apply(std::span<const double> percentages, std::span<double> out) const;
    /// The same for every row of a percentage matrix.
    DataMatrix apply(const DataMatrix &percentages) const;
};

/// Fits the standardisation of `transform`ed percentages (see the file comment).
POOLED_CXX_API Preparation fit_preparation(const DataMatrix &percentages, Transform transform,
                                           Standardise standardise);

/// A zone whose denominator is 0 for a variable (the percentage was set to 0).
struct ZeroDenominator {
    std::size_t zone = 0;     ///< row of the matrix
    std::size_t variable = 0; ///< column of the matrix
};

/// A pair of variables whose Pearson correlation over the zones exceeds the threshold in size.
struct CorrelatedPair {
    std::size_t first = 0;  ///< column
    std::size_t second = 0; ///< column, > first
    double r = 0.0;
};

/// What the checks found. Nothing here stops a run; zero-variance variables stop prepare()
/// when a standardisation is asked for (see PrepareOptions).
struct DataChecks {
    std::vector<std::size_t> zero_variance;        ///< columns with one value in every zone
    std::vector<CorrelatedPair> correlated;        ///< |r| > threshold, by (first, second)
    std::vector<ZeroDenominator> zero_denominators; ///< by (zone, variable)
};

/// Zero-variance columns and correlated pairs of a matrix (correlations of the transformed
/// values equal those of the standardised ones: standardising is affine).
POOLED_CXX_API void check_matrix(const DataMatrix &matrix, double correlation_threshold, DataChecks &checks);

struct PrepareOptions {
    /// DEFAULT: ihs (OAC 2021).
    Transform transform = Transform::ihs;
    /// DEFAULT: range (OAC 2011 and 2021).
    Standardise standardise = Standardise::range;
    /// Pairs with |r| above this are reported. DEFAULT: 0.9.
    double correlation_threshold = 0.9;
};

/// The zones ready for k-means, with what profiles need.
struct PreparedZones {
    std::vector<std::string> zone_ids; ///< Zone::id, in the population's order
    std::vector<double> population;    ///< Zone::population
    DataMatrix percentages;            ///< zones x variables, before the transform
    DataMatrix matrix;                 ///< transformed and standardised: what k-means clusters
    Preparation preparation;
    DataChecks checks;
};

/// Percentages of every zone (see the file comment), with the zero-denominator cases.
/// The population must hold every column of the spec as a variable (ZoneSchema::variables =
/// spec.columns()).
/// @throws Error (Errc::argument) naming the spec line for a column the population lacks;
///         (Errc::data) naming the zones' source, the zone's feature and the column for an
///         empty (null) count or a negative one.
POOLED_CXX_API DataMatrix percentages(const model::Population &zones, const VariableSpec &spec,
                                      std::vector<ZeroDenominator> &zero_denominators);

/// Percentages, transform, standardisation and checks, fitted on these zones.
/// @throws Error (Errc::data) naming the spec file, line and variable for a variable with the
///         same value in every zone when options.standardise is not none (it cannot be
///         scaled and separates nothing: remove it from the spec); see percentages().
POOLED_CXX_API PreparedZones prepare(const model::Population &zones, const VariableSpec &spec,
                                     const PrepareOptions &options = {});

/// Prepares zones with a preparation fitted before (a saved model's), for assigning them.
/// Checks are filled as in prepare() but a zero-variance column is not an error.
POOLED_CXX_API PreparedZones prepare_with(const model::Population &zones, const VariableSpec &spec,
                                          const Preparation &preparation, double correlation_threshold = 0.9);

} // namespace pooled::segmentation
