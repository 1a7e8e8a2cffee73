#pragma once
/// @file
/// @brief Writing layers through GDAL, atomically: a temporary file renamed into place.

#include <pooled/io/layer.hpp>

#include <string>
#include <vector>

namespace pooled::io {

/// Output formats pooled writes.
enum class OutputFormat { geopackage, geojson, flatgeobuf, csv };

/// The format implied by a file name's extension (.gpkg, .geojson/.json, .fgb, .csv).
/// @throws Error (Errc::argument) for any other extension.
POOLED_CXX_API OutputFormat format_for_path(const std::string &path);

/// A table to write: fields, features with geometry in `crs` (Empty for none).
struct OutputLayer {
    std::string name;
    std::optional<crs::Crs> crs;
    std::vector<FieldDef> fields;
    std::vector<Feature> features;
};

/// Writes the layers into one new file at `path` (one layer per table; GeoJSON, FlatGeobuf
/// and CSV take exactly one). The file is written beside the target under a temporary name
/// and renamed into place only when complete, so a failure leaves no file and never touches an
/// existing one. Features are written in the given order and fids are renumbered 1..n, so the
/// same input gives the same bytes.
/// @throws Error (Errc::io) naming the path; Errc::argument if `path` is one of `inputs`.
POOLED_CXX_API void write_layers(const std::string &path, const std::vector<OutputLayer> &layers,
                                 const std::vector<std::string> &inputs = {});

/// The same as write_layers for one Layer as it was loaded (in its working CRS).
POOLED_CXX_API void write_layer(const std::string &path, const Layer &layer,
                                const std::string &layer_name = {},
                                const std::vector<std::string> &inputs = {});

} // namespace pooled::io
