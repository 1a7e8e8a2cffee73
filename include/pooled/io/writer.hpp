#pragma once
/// @file
/// @brief Writing layers through GDAL, atomically: a temporary file renamed into place.

#include <pooled/io/layer.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pooled::io {

/// Output formats pooled writes.
enum class OutputFormat { geopackage, geojson, flatgeobuf, csv };

/// The format implied by a file name's extension (.gpkg, .geojson/.json, .fgb, .csv).
/// @throws Error (Errc::argument) for any other extension.
POOLED_CXX_API OutputFormat format_for_path(const std::string &path);

/// A QGIS style stored with a layer, so that QGIS opens the layer styled: a row of the
/// GeoPackage `layer_styles` table (QGIS's own convention; QGIS loads the row marked
/// useAsDefault when the layer is added).
struct LayerStyle {
    std::string name;        ///< styleName: 1..30 characters (QGIS declares the column TEXT(30))
    std::string qml;         ///< the QGIS style document (QML, a `<qgis>` XML document)
    std::string sld;         ///< an OGC SLD document, or empty
    std::string description; ///< shown in QGIS's style manager
};

/// A table to write: fields, features with geometry in `crs` (Empty for none), and optionally
/// its default QGIS style.
struct OutputLayer {
    std::string name;
    std::optional<crs::Crs> crs;
    std::vector<FieldDef> fields;
    std::vector<Feature> features;
    /// Written to the GeoPackage's `layer_styles` table as the layer's default style; other
    /// formats have no place for it and leave it out.
    std::optional<LayerStyle> style = std::nullopt;
};

/// The name of the table holding the layers' QGIS styles in a GeoPackage.
inline constexpr const char *layer_styles_table = "layer_styles";

/// Writes the layers into one new file at `path` (one layer per table; GeoJSON, FlatGeobuf
/// and CSV take exactly one). The file is written beside the target under a temporary name
/// and renamed into place only when complete, so a failure leaves no file and never touches an
/// existing one. Features are written in the given order and fids are renumbered 1..n, so the
/// same input gives the same bytes. In a GeoPackage, the layers' styles go to the table
/// `layer_styles`, one row per styled layer in the order of `layers`, each the default of its
/// layer, with a fixed update_time (2000-01-01T00:00:00Z) so the bytes stay the same.
/// @throws Error (Errc::io) naming the path; Errc::argument if `path` is one of `inputs`, a
///         style's name is empty or longer than 30 characters, or a styled GeoPackage would
///         also hold a layer named `layer_styles`.
POOLED_CXX_API void write_layers(const std::string &path, const std::vector<OutputLayer> &layers,
                                 const std::vector<std::string> &inputs = {});

/// The same as write_layers for one Layer as it was loaded (in its working CRS).
POOLED_CXX_API void write_layer(const std::string &path, const Layer &layer,
                                const std::string &layer_name = {},
                                const std::vector<std::string> &inputs = {});

} // namespace pooled::io
