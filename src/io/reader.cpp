#include <pooled/io/reader.hpp>

#include "io/dataset.hpp"
#include "io/feature_checks.hpp"
#include "io/gdal_handle.hpp"
#include "io/text_columns.hpp"

#include <ogr_api.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>

namespace pooled::io {

namespace {
struct FeatureDeleter {
    void operator()(OGRFeatureH feature) const noexcept { OGR_F_Destroy(feature); }
};
using FeaturePtr = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDeleter>;

FieldValue read_value(OGRFeatureH feature, int index, OGRFieldType type) {
    if (!OGR_F_IsFieldSetAndNotNull(feature, index)) {
        return std::monostate{};
    }
    switch (type) {
    case OFTInteger:
    case OFTInteger64:
        return static_cast<std::int64_t>(OGR_F_GetFieldAsInteger64(feature, index));
    case OFTReal:
        return OGR_F_GetFieldAsDouble(feature, index);
    default:
        return std::string(OGR_F_GetFieldAsString(feature, index));
    }
}
} // namespace

std::vector<std::string> list_layers(const std::string &path) {
    const LayerSource source{path, {}};
    auto dataset = detail::open_dataset(source, ReadOptions{});
    std::vector<std::string> names;
    for (int i = 0; i < GDALDatasetGetLayerCount(dataset.get()); ++i) {
        names.emplace_back(OGR_L_GetName(GDALDatasetGetLayer(dataset.get(), i)));
    }
    return names;
}

LayerInfo inspect_layer(const LayerSource &source, const ReadOptions &options) {
    return detail::open_layer(source, options, true).info;
}

crs::LonLatBox lon_lat_extent(const LayerInfo &info, const ReadOptions &options) {
    const auto &layer_crs = info.crs ? info.crs : options.assume_crs;
    if (!layer_crs) {
        throw Error(Errc::crs, "the layer has no CRS; name the CRS of its coordinates (e.g. --crs EPSG:27700)",
                    SourceRef{info.source.path, info.layer_name, std::nullopt, {}});
    }
    if (!info.extent || info.extent->empty()) {
        throw Error(Errc::data, "the layer has no extent (no features with geometry)",
                    SourceRef{info.source.path, info.layer_name, std::nullopt, {}});
    }
    const auto &e = *info.extent;
    const SourceRef where{info.source.path, info.layer_name, std::nullopt, {}};
    crs::LonLatBox box;
    try {
        box = crs::to_lon_lat(*layer_crs, e.min_x, e.min_y, e.max_x, e.max_y);
    } catch (const Error &error) {
        throw Error(Errc::crs, "the layer's CRS cannot be related to longitude and latitude: " + error.problem(), where);
    }
    const bool finite = std::isfinite(box.west) && std::isfinite(box.east) && std::isfinite(box.south) &&
                        std::isfinite(box.north);
    if (!finite || box.west < -180.0 || box.east > 180.0 || box.south < -90.0 || box.north > 90.0) {
        char text[200];
        std::snprintf(text, sizeof text, "the layer's extent (%g %g, %g %g) lies outside the earth in %s", e.min_x,
                      e.min_y, e.max_x, e.max_y, layer_crs->display().c_str());
        throw Error(Errc::data, std::string(text) + " (x and y swapped, or the wrong CRS?)", where);
    }
    return box;
}

namespace {

/// How a reading pass treats a CSV's columns: typed from every value (read_layer, which holds
/// the rows) or left as their text (stream_layer, which cannot look back).
enum class CsvTyping { from_all_rows, none };

/// The one reading loop of read_layer and stream_layer: opens the layer, reads and checks each
/// feature, and hands those that pass to keep(layer, feature). Returns the layer with its
/// report (and the features keep stored in it, CSV columns typed when asked).
template <class Keep>
Layer read_features(const LayerSource &source, const crs::WorkingCrs &working_crs, const ReadOptions &options,
                    const Progress &progress, CsvTyping typing, Keep &&keep) {
    detail::OpenedLayer opened = detail::open_layer(source, options, false, detail::CsvColumns::text);
    OGRLayerH ogr_layer = opened.layer;
    if (!opened.info.crs) {
        // Also for tables without geometry: their coordinate columns (an edge table's x1..y2)
        // are in the assumed CRS.
        opened.info.assumed_crs = options.assume_crs;
    }
    Layer layer(opened.info, working_crs);
    detail::FeatureChecks checks(layer, opened, options);

    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(ogr_layer);
    std::vector<OGRFieldType> field_types;
    for (const int index : opened.field_map) {
        field_types.push_back(OGR_Fld_GetType(OGR_FD_GetFieldDefn(definition, index)));
    }
    LoadReport &report = layer.mutable_report();
    auto &features = layer.mutable_features();
    const GIntBig expected = OGR_L_GetFeatureCount(ogr_layer, FALSE);
    const ProgressTicker ticker(progress, expected > 0 ? static_cast<std::size_t>(expected) : 0, "reading");

    std::optional<detail::TextColumns> text_columns;
    if (opened.text_columns && typing == CsvTyping::from_all_rows) {
        std::optional<std::size_t> id_column;
        if (!options.id_field.empty()) {
            id_column = layer.require_field(options.id_field);
        }
        text_columns.emplace(opened.field_map.size(), id_column);
    }

    detail::ScopedErrorCollector errors;
    OGR_L_ResetReading(ogr_layer);
    while (true) {
        errors.clear();
        FeaturePtr ogr_feature(OGR_L_GetNextFeature(ogr_layer));
        if (!ogr_feature) {
            if (!errors.failures().empty()) {
                throw Error(Errc::io, "cannot read past feature " + std::to_string(report.read) + ": " + errors.last(),
                            layer.ref());
            }
            break;
        }
        ++report.read;
        if (expected > 0) {
            ticker.tick(report.read);
        }
        Feature feature;
        feature.fid = OGR_F_GetFID(ogr_feature.get());
        feature.values.reserve(opened.field_map.size());
        for (std::size_t i = 0; i < opened.field_map.size(); ++i) {
            const int index = opened.field_map[i];
            if (text_columns && OGR_F_IsFieldSetAndNotNull(ogr_feature.get(), index)) {
                feature.values.push_back(text_columns->value(i, OGR_F_GetFieldAsString(ogr_feature.get(), index), features));
            } else {
                feature.values.push_back(read_value(ogr_feature.get(), index, field_types[i]));
            }
        }
        if (checks.geometry(feature, ogr_feature.get(), errors) && checks.attributes(feature)) {
            ++report.loaded;
            keep(layer, std::move(feature));
        } else {
            ++report.skipped;
        }
    }
    if (text_columns) {
        text_columns->finish(features, layer.mutable_fields());
    }
    if (report.read == 0 && !options.allow_empty) {
        throw Error(Errc::data, "the layer has no features", layer.ref());
    }
    return layer;
}

} // namespace

Layer read_layer(const LayerSource &source, const crs::WorkingCrs &working_crs, const ReadOptions &options,
                 const Progress &progress) {
    return read_features(source, working_crs, options, progress, CsvTyping::from_all_rows,
                         [](Layer &layer, Feature &&feature) { layer.mutable_features().push_back(std::move(feature)); });
}

Layer stream_layer(const LayerSource &source, const crs::WorkingCrs &working_crs, const ReadOptions &options,
                   const std::function<void(const Layer &, Feature &&)> &visit, const Progress &progress) {
    return read_features(source, working_crs, options, progress, CsvTyping::none,
                         [&](const Layer &layer, Feature &&feature) { visit(layer, std::move(feature)); });
}

crs::WorkingCrs working_crs_for(const std::vector<LayerSource> &sources, const std::optional<crs::Crs> &user_choice,
                                const ReadOptions &options) {
    if (user_choice) {
        return crs::WorkingCrs(*user_choice);
    }
    const auto bng = crs::WorkingCrs::british_national_grid();
    std::optional<crs::LonLatBox> all;
    for (const auto &source : sources) {
        const LayerInfo info = inspect_layer(source, options);
        if (info.geometry_type == "None") {
            continue;
        }
        if (info.crs && info.crs->equivalent_to(bng.crs())) {
            return bng;
        }
        if (!info.extent || info.extent->empty()) {
            continue;
        }
        const auto box = lon_lat_extent(info, options);
        if (!all) {
            all = box;
        } else {
            all->west = std::min(all->west, box.west);
            all->south = std::min(all->south, box.south);
            all->east = std::max(all->east, box.east);
            all->north = std::max(all->north, box.north);
        }
    }
    return all ? crs::choose_working_crs(std::nullopt, *all) : bng;
}

geometry::Geometry polygons_of(const Layer &layer) {
    geometry::MultiPolygon all;
    for (const auto &feature : layer.features()) {
        if (const auto *polygon = std::get_if<geometry::Polygon>(&feature.geometry)) {
            all.polygons.push_back(*polygon);
        } else if (const auto *multi = std::get_if<geometry::MultiPolygon>(&feature.geometry)) {
            all.polygons.insert(all.polygons.end(), multi->polygons.begin(), multi->polygons.end());
        }
    }
    if (all.polygons.empty()) {
        return geometry::Empty{};
    }
    return all;
}

LoadedLayers read_layers(const std::vector<LayerSource> &sources, const std::optional<crs::Crs> &working_crs,
                         const ReadOptions &options, const Progress &progress) {
    const crs::WorkingCrs chosen = working_crs_for(sources, working_crs, options);
    LoadedLayers loaded{chosen, {}};
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const double lo = static_cast<double>(i) / static_cast<double>(sources.size());
        const double hi = static_cast<double>(i + 1) / static_cast<double>(sources.size());
        loaded.layers.push_back(read_layer(sources[i], chosen, options, progress.sub(lo, hi)));
    }
    return loaded;
}

} // namespace pooled::io
