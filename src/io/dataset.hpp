#pragma once
// Internal: opening a GDAL dataset and one of its layers, with errors that name the source.

#include "io/gdal_handle.hpp"

#include <pooled/io/layer.hpp>
#include <pooled/io/reader.hpp>

#include <ogr_api.h>

namespace pooled::io::detail {

/// How the columns of delimited text (CSV) come typed: GDAL's guess from the first 100 kB
/// (enough to describe a layer), or all as text, for read_layer to type from every value
/// (TextColumns, io/text_columns.hpp).
enum class CsvColumns { guessed, text };

/// Opens `source.path` read-only as a vector dataset.
/// @throws Error (Errc::io) saying why: no such file, empty file, permission, not a
///         format GDAL reads (with GDAL's own message).
DatasetPtr open_dataset(const LayerSource &source, const ReadOptions &options,
                        CsvColumns csv_columns = CsvColumns::guessed);

/// One layer of an open dataset, described.
struct OpenedLayer {
    DatasetPtr dataset;
    OGRLayerH layer = nullptr;
    LayerInfo info;                    ///< fields leave out the CSV geometry columns
    std::vector<int> field_map;        ///< info.fields[i] is OGR field field_map[i]
    std::vector<int> geometry_columns; ///< OGR fields a CSV's geometry was built from
    std::string geometry_label;        ///< names the geometry in messages: "geom", "easting, northing"
    bool text_columns = false;         ///< delimited text opened with CsvColumns::text: every column is text
};

/// Opens the named layer, or the only layer when none is named, and describes it;
/// `count_features` forces a count (and extent) when GDAL has none cached.
/// @throws Error (Errc::io) listing the available layers when the name is unknown or when a
///         multi-layer dataset was opened without a name; Errc::crs when the stored CRS is
///         unreadable.
OpenedLayer open_layer(const LayerSource &source, const ReadOptions &options, bool count_features,
                       CsvColumns csv_columns = CsvColumns::guessed);

/// The layer's stored CRS, if it has one. @throws Error (Errc::crs) if PROJ cannot read it.
std::optional<crs::Crs> stored_crs(OGRLayerH layer, const LayerSource &source);

} // namespace pooled::io::detail
