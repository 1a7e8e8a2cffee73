#pragma once
/// @file
/// @brief Opening and loading layers from any source GDAL reads, reprojected at load.

#include <pooled/core/progress.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/io/layer.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pooled::io {

/// How to read a layer. Options document their defaults as `DEFAULT:`.
struct ReadOptions {
    /// What to do with a bad feature. DEFAULT: fail.
    OnInvalid on_invalid = OnInvalid::fail;
    /// CRS of a layer that carries none (a CSV, a Shapefile without .prj). Never overrides a
    /// stored CRS. DEFAULT: none, so a layer without a CRS is an error.
    std::optional<crs::Crs> assume_crs;
    /// For CSV: the columns holding x (easting or longitude) and y, or WKT geometry. Empty =
    /// GDAL's guesses: X/Y, x/y, easting/northing, lon/lat, longitude/latitude; WKT, geometry.
    std::string x_field;
    std::string y_field;
    std::string wkt_field;
    /// Check that every vertex lies within the area of use of the layer's CRS (grown by 0.5
    /// degrees) and, once reprojected, of the working CRS (grown by 5 degrees): catches
    /// swapped x and y and coordinates in the wrong CRS. DEFAULT: true.
    bool check_area = true;
    /// The study area (e.g. the zone polygons) in the working CRS: features further than
    /// `study_area_margin_m` from it are reported as outside_area. DEFAULT: none.
    std::optional<geometry::Geometry> study_area;
    /// DEFAULT: 10 km, the margin the demo facility layers were cut with.
    double study_area_margin_m = 10000.0;
    /// Accept a layer with no features. DEFAULT: false (an empty layer is an Errc::data error,
    /// since no analysis can use one).
    bool allow_empty = false;
    /// Field holding each feature's id, checked for duplicates. DEFAULT: none (FID is the id).
    std::string id_field;
    /// Fields that must hold numbers >= 0 (counts, areas, costs). DEFAULT: none.
    std::vector<std::string> non_negative_fields;
};

/// Names of the layers in a dataset, in GDAL's order.
/// @throws Error (Errc::io) naming the path if it cannot be opened.
POOLED_CXX_API std::vector<std::string> list_layers(const std::string &path);

/// Reads a layer's metadata (driver, CRS, geometry type, count, fields) without its features.
/// @throws Error (Errc::io) if the source or layer cannot be opened.
POOLED_CXX_API LayerInfo inspect_layer(const LayerSource &source, const ReadOptions &options = {});

/// The layer's extent in degrees, for choosing a working CRS (uses assume_crs if none stored).
/// @throws Error (Errc::crs) if the layer has no CRS and none is assumed.
POOLED_CXX_API crs::LonLatBox lon_lat_extent(const LayerInfo &info, const ReadOptions &options = {});

/// Loads all features, reprojecting them into `working_crs` and checking each under the
/// policy in `options` (see LoadReport). Features keep GDAL's order.
/// @throws Error naming file, layer, feature and field for the first bad feature under
///         OnInvalid::fail; Errc::io / Errc::crs for sources that cannot be read at all.
POOLED_CXX_API Layer read_layer(const LayerSource &source, const crs::WorkingCrs &working_crs,
                                const ReadOptions &options = {}, const Progress &progress = {});

/// Reads a layer feature by feature without holding it, for layers too large to keep as a
/// Layer (a national edge table of millions of rows): `visit(header, feature)` is called for
/// each feature that passes read_layer's checks, in GDAL's order, and keeps what it needs.
/// `header` is the layer without features (info, fields, working CRS, the report so far), for
/// field lookups and messages (header.ref()). Unlike read_layer, a CSV's columns are not
/// typed, since that needs every row: each CSV value comes as its text (to_number() reads it).
/// @return the header, with the final LoadReport (loaded = features passed to `visit`).
/// @throws as read_layer, and whatever `visit` throws.
POOLED_CXX_API Layer stream_layer(const LayerSource &source, const crs::WorkingCrs &working_crs,
                                  const ReadOptions &options, const std::function<void(const Layer &, Feature &&)> &visit,
                                  const Progress &progress = {});

/// The working CRS for a set of layers: the user's choice if given; else British National
/// Grid if any layer is stored in it (the data declare themselves British); else the choice
/// of crs::choose_working_crs from the union of the layers' extents in degrees. Reads only
/// metadata. Layers without geometry are ignored.
POOLED_CXX_API crs::WorkingCrs working_crs_for(const std::vector<LayerSource> &sources,
                                               const std::optional<crs::Crs> &user_choice,
                                               const ReadOptions &options = {});

/// All polygon parts of a layer's features as one MultiPolygon (not dissolved), e.g. the
/// zones as a study area. Empty if the layer has no polygons.
POOLED_CXX_API geometry::Geometry polygons_of(const Layer &layer);

/// Several layers read together into one working CRS: the user's choice, or one chosen from
/// all their extents (choose_working_crs). Each layer is read and reprojected once.
struct LoadedLayers {
    crs::WorkingCrs working_crs;
    std::vector<Layer> layers;
};
POOLED_CXX_API LoadedLayers read_layers(const std::vector<LayerSource> &sources,
                                        const std::optional<crs::Crs> &working_crs,
                                        const ReadOptions &options = {},
                                        const Progress &progress = {});

} // namespace pooled::io
