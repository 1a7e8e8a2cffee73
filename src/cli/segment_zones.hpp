#pragma once
// What pooled segment, segment assign and profile share: reading the zones with the census
// columns a variable spec names, and writing zones with their segment codes.

#include "cli/layer_options.hpp"
#include "cli/output_values.hpp"

#include <pooled/io/layer.hpp>
#include <pooled/io/writer.hpp>
#include <pooled/model/zone.hpp>
#include <pooled/segmentation/variables.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pooled::cli {

/// --zones, --population and --zone-id, and the layer options.
struct SegmentZoneOptions {
    std::string zones;
    std::string population; ///< default: guessed (ts0010001, population, ...)
    std::string zone_id;    ///< default: guessed (oa21cd, lsoa21cd, ...), else the FID
    LayerOptions layers;

    void add_to(CLI::App &app);
};

struct SegmentZones {
    io::Layer layer;
    model::Population population;
};

/// Reads the zones (and `other` layers into the same working CRS) and converts them with the
/// spec's columns as variables. A spec column missing from the layer is an Error naming the
/// spec file, its line and the column (with a "did you mean").
SegmentZones read_segment_zones(const SegmentZoneOptions &options, const segmentation::VariableSpec &spec,
                                const std::vector<io::LayerSource> &other = {}, std::vector<io::Layer> *other_layers = nullptr);

/// The zones as an output layer: geometry, zone_id, population and one segment column per level
/// (segment_l1, segment_l2, ...), with a QGIS style colouring segment_l1 as the report does:
/// `top_codes` are the first level's segments in order, `top_labels` (empty or one per code)
/// their legend text.
io::OutputLayer zones_with_codes(const SegmentZones &zones, const std::vector<std::vector<std::string>> &codes,
                                 const std::vector<std::string> &top_codes,
                                 const std::vector<std::string> &top_labels = {});


} // namespace pooled::cli
