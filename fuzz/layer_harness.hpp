#pragma once
// What the CLI does with a layer file (pooled info --as ...), for the layer fuzz targets:
// inspect, guess a schema, read under a policy, convert into the model.

#include <cstddef>
#include <string>

namespace pooled::fuzz {

/// Reads the layer at `path` into British National Grid the way `pooled info --as` does, as
/// zones or assets, under the OnInvalid policy picked by `variant` (fail, skip, repair), with
/// the area-of-use check in one run of four. CSVs are given EPSG:27700 as their CRS.
/// Refusals must be pooled::Error.
void read_as_model(const std::string &path, std::size_t variant);

} // namespace pooled::fuzz
