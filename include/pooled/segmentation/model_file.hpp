#pragma once
/// @file
/// @brief A fitted classification saved to a file, and new zones assigned to it.
///
/// The model file is JSON: `format` ("pooled-segmentation"), `version` (1), the pooled
/// version that wrote it, the seed, the variable spec (name, numerator, denominator per
/// variable), the transform and standardisation with each variable's offset and scale, and
/// per level its segments: code, parent code (empty at the top level), zones and population
/// when fitted, and centre (one prepared value per variable). Numbers are written so that they
/// read back as the same doubles.

#include <pooled/pooled_cxx_export.h>
#include <pooled/segmentation/data_matrix.hpp>
#include <pooled/segmentation/prepare.hpp>
#include <pooled/segmentation/variables.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pooled::segmentation {

/// One segment of a saved classification.
struct SegmentCentre {
    std::string code;           ///< e.g. "3b"
    std::string parent;         ///< e.g. "3"; empty at the top level
    std::size_t zones = 0;      ///< zones it had when fitted
    double population = 0.0;    ///< population it had when fitted
    std::vector<double> centre; ///< one prepared value per variable
};

/// One level of a classification (supergroups, groups, ...).
struct SegmentLevel {
    std::vector<SegmentCentre> segments;
    double within_ss = 0.0; ///< total within-cluster sum of squares when fitted
};

/// A fitted classification: enough to prepare and assign new zones.
struct SegmentModel {
    static constexpr int format_version = 1;
    VariableSpec variables;
    Preparation preparation;
    std::vector<SegmentLevel> levels; ///< top level first
    std::uint64_t seed = 0;
    std::size_t restarts = 0;
    std::string pooled_version; ///< of the pooled that fitted it
};

/// The model as JSON text (stable: the same model gives the same bytes).
POOLED_CXX_API std::string model_to_json(const SegmentModel &model);
/// Reads a model from JSON text; `source` names it in messages.
/// @throws Error (Errc::data) naming the source and the JSON key for a malformed file, an
///         unknown format or a newer version, centres of the wrong length or a parent that is
///         not a segment of the level above.
POOLED_CXX_API SegmentModel model_from_json(std::string_view text, const std::string &source);

/// Writes the model to `path` atomically (a temporary file renamed into place).
/// @throws Error (Errc::io) naming the path.
POOLED_CXX_API void save_model(const SegmentModel &model, const std::string &path);
/// @throws Error (Errc::io) if the file cannot be read; see model_from_json.
POOLED_CXX_API SegmentModel load_model(const std::string &path);

/// The segment code of every row of `prepared` (a matrix prepared with the model's
/// preparation) at every level: codes[level][row]. Level by level: a row goes to the nearest
/// centre (Euclidean; ties to the segment listed first) of the top level, then to the nearest
/// among the children of the segment it went to, and so on.
/// @throws Error (Errc::argument) if the matrix does not have one column per model variable;
///         (Errc::data) for a non-finite value.
POOLED_CXX_API std::vector<std::vector<std::string>> assign_segments(const SegmentModel &model,
                                                                     const DataMatrix &prepared);

/// The codes of each level's segments, in the model's order.
POOLED_CXX_API std::vector<std::vector<std::string>> segment_codes(const SegmentModel &model);

} // namespace pooled::segmentation
