#pragma once
/// @file
/// @brief Loaded layers into the model: assets, zones and service users under a schema.
///
/// Typical use (the CLI does the same):
/// ```cpp
/// auto schema = io::load_schema("derbyshire.toml");            // or io::Schema{}
/// io::apply_field_override(schema, "assets", "floor_area=gia_m2"); // --field
/// const auto info = io::inspect_layer(source);
/// schema.assets = io::guess_asset_schema(info, schema.assets);
/// const auto layer = io::read_layer(source, working_crs, io::read_options_for(schema.assets, options));
/// const model::Estate estate = model::to_estate(layer, schema.assets);
/// ```

#include <pooled/io/layer.hpp>
#include <pooled/io/schema.hpp>
#include <pooled/model/asset.hpp>
#include <pooled/model/service_user.hpp>
#include <pooled/model/zone.hpp>
#include <pooled/pooled_cxx_export.h>

namespace pooled::model {

/// Converts a loaded layer into assets (rows were already checked and filtered by read_layer;
/// Estate::report is the layer's). Asset::location is the representative point of each
/// geometry. A cell left empty takes the schema's constant (organisation, organisation kind,
/// services); with neither, the organisation kind is read from the organisation's name.
/// @throws Error (Errc::argument) naming the layer if a mapped column is missing or the
///         organisation kind constant cannot be parsed; (Errc::data) naming file, layer,
///         feature and field for a value that cannot be converted: text in a numeric column,
///         a negative number, an unreadable flag, date or organisation kind, an empty or
///         repeated id, a feature without geometry.
POOLED_CXX_API Estate to_estate(const io::Layer &layer, const io::AssetSchema &schema);

/// Converts a loaded layer into zones. Variables are null-tolerant (NaN); the population is not.
/// @throws Error (Errc::argument) naming the layer if the population is unmapped ("zones need
///         a population column; map one with --field population=COLUMN"), a mapped column is
///         missing, only one centroid column is mapped or a variable pattern matches nothing;
///         (Errc::crs) if centroid_crs is not a CRS; (Errc::data) naming the feature and field
///         for an empty or negative population, a non-numeric value, an empty or repeated id,
///         a feature without geometry.
POOLED_CXX_API Population to_population(const io::Layer &layer, const io::ZoneSchema &schema);

/// Converts a loaded layer into service users (as to_estate; a null weight counts as 1).
POOLED_CXX_API ServiceUsers to_service_users(const io::Layer &layer, const io::ServiceUserSchema &schema);

} // namespace pooled::model
