#pragma once
// Internal: opening a GDAL dataset and one of its layers, with errors that name the source.

#include "io/gdal_handle.hpp"

#include <pooled/io/layer.hpp>
#include <pooled/io/reader.hpp>

#include <ogr_api.h>

namespace pooled::io::detail {

/// Opens `source.path` read-only as a vector dataset.
/// @throws Error (Errc::io) saying why: no such file, empty file, permission, not a
///         format GDAL reads (with GDAL's own message).
DatasetPtr open_dataset(const LayerSource &source, const ReadOptions &options);

/// The named layer, or the only layer when none is named.
/// @throws Error (Errc::io) listing the available layers when the name is unknown or when a
///         multi-layer dataset was opened without a name.
OGRLayerH open_layer(GDALDatasetH dataset, const LayerSource &source);

/// Metadata of an open layer; `count_features` forces a count when GDAL has none cached.
LayerInfo describe_layer(OGRLayerH layer, const LayerSource &source, GDALDatasetH dataset,
                         bool count_features);

/// The layer's stored CRS, if it has one. @throws Error (Errc::crs) if PROJ cannot read it.
std::optional<crs::Crs> stored_crs(OGRLayerH layer, const LayerSource &source);

} // namespace pooled::io::detail
