#pragma once
/// @file
/// @brief The whole classification of zones in one call: prepare, classify top down, profile,
/// and the model to save.
///
/// ```cpp
/// const auto spec = segmentation::read_variable_spec("share/pooled/oac2021_variables.csv");
/// io::ZoneSchema schema = io::guess_zone_schema(layer.info());
/// schema.variables = spec.columns();
/// const auto zones = model::to_population(layer, schema);
/// segmentation::SegmentOptions options;
/// options.hierarchy.ks = {8, 3};
/// const auto result = segmentation::segment_zones(zones, spec, options);
/// segmentation::save_model(result.model, "model.json");
/// ```

#include <pooled/core/progress.hpp>
#include <pooled/model/zone.hpp>
#include <pooled/pooled_cxx_export.h>
#include <pooled/segmentation/hierarchy.hpp>
#include <pooled/segmentation/model_file.hpp>
#include <pooled/segmentation/prepare.hpp>
#include <pooled/segmentation/profile.hpp>
#include <pooled/segmentation/variables.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace pooled::segmentation {

struct SegmentOptions {
    PrepareOptions prepare;
    /// ks per level and the k-means options (DEFAULT ks: {8}).
    HierarchyOptions hierarchy{{8}, {}};
    /// Distinguishing variables kept per segment. DEFAULT: 5.
    std::size_t distinguishing = 5;
};

struct Segmentation {
    PreparedZones prepared;
    Hierarchy hierarchy;
    std::vector<LevelProfile> profiles;            ///< per level
    std::vector<std::vector<std::string>> codes;   ///< per level, the segment code of every zone
    SegmentModel model;
};

/// The model of a fitted hierarchy: the spec, the preparation and every level's centres.
POOLED_CXX_API SegmentModel make_model(const VariableSpec &spec, const PreparedZones &prepared,
                                       const Hierarchy &hierarchy, const HierarchyOptions &options);

/// Prepares the zones, classifies them top down and profiles every level.
/// @throws Error (Errc::argument) if the first level's k exceeds the number of zones (naming
///         the zones' source); what prepare() and classify_top_down() throw.
POOLED_CXX_API Segmentation segment_zones(const model::Population &zones, const VariableSpec &spec,
                                          const SegmentOptions &options, const Progress &progress = {});

} // namespace pooled::segmentation
