#include <pooled/io/writer.hpp>

#include "core/atomic_file.hpp"
#include "core/text.hpp"
#include "io/gdal_handle.hpp"
#include "io/ogr_convert.hpp"

#include <cpl_string.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <unistd.h>

namespace pooled::io {

namespace {
namespace fs = std::filesystem;

const char *driver_name(OutputFormat format) {
    switch (format) {
    case OutputFormat::geopackage: return "GPKG";
    case OutputFormat::geojson: return "GeoJSON";
    case OutputFormat::flatgeobuf: return "FlatGeobuf";
    case OutputFormat::csv: return "CSV";
    }
    return "GPKG";
}

// The one geometry type of a layer: Polygon and MultiPolygon promote to MultiPolygon (and
// likewise for lines and points), anything more mixed is wkbUnknown.
OGRwkbGeometryType common_type(const std::vector<Feature> &features) {
    OGRwkbGeometryType type = wkbNone;
    for (const auto &feature : features) {
        const OGRwkbGeometryType t = detail::ogr_type_of(feature.geometry);
        if (t == wkbNone || t == type) {
            continue;
        }
        if (type == wkbNone) {
            type = t;
        } else if (OGR_GT_GetCollection(type) == OGR_GT_GetCollection(t)) {
            type = OGR_GT_GetCollection(t);
        } else {
            return wkbUnknown;
        }
    }
    return type;
}

OGRFieldType ogr_field_type(FieldType type) {
    switch (type) {
    case FieldType::integer:
    case FieldType::boolean: return OFTInteger64;
    case FieldType::real: return OFTReal;
    default: return OFTString;
    }
}

struct SrsDeleter {
    void operator()(OGRSpatialReferenceH srs) const noexcept { OSRRelease(srs); }
};
struct FeatureDeleter {
    void operator()(OGRFeatureH feature) const noexcept { OGR_F_Destroy(feature); }
};

// Field names must differ ignoring case: GeoPackage and Shapefile-like stores fold case.
void check_field_names(const OutputLayer &layer, const std::string &path) {
    std::vector<std::string> seen;
    for (const auto &field : layer.fields) {
        std::string folded = pooled::detail::to_lower(field.name);
        if (folded.empty() || std::find(seen.begin(), seen.end(), folded) != seen.end()) {
            throw Error(Errc::argument, folded.empty() ? "a field has no name" : "two fields are named alike",
                        SourceRef{path, layer.name, std::nullopt, field.name});
        }
        seen.push_back(std::move(folded));
    }
}

void write_one_layer(GDALDatasetH dataset, OutputFormat format, const OutputLayer &layer, const std::string &path) {
    const SourceRef where{path, layer.name, std::nullopt, {}};
    std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsDeleter> srs;
    if (layer.crs) {
        srs.reset(OSRNewSpatialReference(nullptr));
        if (OSRSetFromUserInput(srs.get(), layer.crs->wkt().c_str()) != OGRERR_NONE) {
            throw Error(Errc::crs, "GDAL cannot use the CRS " + layer.crs->display(), where);
        }
        OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    }
    CPLStringList options;
    if (format == OutputFormat::csv) {
        options.SetNameValue("GEOMETRY", "AS_WKT");
    }
    if (format == OutputFormat::geopackage) {
        options.SetNameValue("FID", "fid");
    }
    if (format == OutputFormat::flatgeobuf) {
        // The packed R-tree would reorder features along a Hilbert curve; keep the caller's order.
        options.SetNameValue("SPATIAL_INDEX", "NO");
    }
    const OGRwkbGeometryType type = common_type(layer.features);
    OGRLayerH ogr_layer = GDALDatasetCreateLayer(dataset, layer.name.c_str(), type == wkbNone ? nullptr : srs.get(),
                                                 type, options.List());
    if (ogr_layer == nullptr) {
        throw Error(Errc::io, "cannot create the layer: " + std::string(CPLGetLastErrorMsg()), where);
    }
    for (const auto &field : layer.fields) {
        OGRFieldDefnH definition = OGR_Fld_Create(field.name.c_str(), ogr_field_type(field.type));
        if (field.type == FieldType::boolean) {
            OGR_Fld_SetType(definition, OFTInteger);
            OGR_Fld_SetSubType(definition, OFSTBoolean);
        }
        const OGRErr err = OGR_L_CreateField(ogr_layer, definition, TRUE);
        OGR_Fld_Destroy(definition);
        if (err != OGRERR_NONE) {
            throw Error(Errc::io, "cannot create the field: " + std::string(CPLGetLastErrorMsg()),
                        SourceRef{path, layer.name, std::nullopt, field.name});
        }
    }
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(ogr_layer);
    const bool transactions = OGR_L_TestCapability(ogr_layer, OLCTransactions) != 0;
    if (transactions && OGR_L_StartTransaction(ogr_layer) != OGRERR_NONE) {
        throw Error(Errc::io, "cannot start a transaction: " + std::string(CPLGetLastErrorMsg()), where);
    }
    std::int64_t next_fid = 1;
    for (const auto &feature : layer.features) {
        std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDeleter> out(OGR_F_Create(definition));
        OGR_F_SetFID(out.get(), next_fid);
        for (std::size_t i = 0; i < layer.fields.size() && i < feature.values.size(); ++i) {
            const int index = static_cast<int>(i);
            const auto &value = feature.values[i];
            if (const auto *n = std::get_if<std::int64_t>(&value)) {
                OGR_F_SetFieldInteger64(out.get(), index, *n);
            } else if (const auto *d = std::get_if<double>(&value)) {
                OGR_F_SetFieldDouble(out.get(), index, *d);
            } else if (const auto *s = std::get_if<std::string>(&value)) {
                OGR_F_SetFieldString(out.get(), index, s->c_str());
            } else {
                OGR_F_SetFieldNull(out.get(), index);
            }
        }
        if (OGRGeometryH g = detail::to_ogr(feature.geometry)) {
            OGR_F_SetGeometryDirectly(out.get(), g);
        }
        if (OGR_L_CreateFeature(ogr_layer, out.get()) != OGRERR_NONE) {
            throw Error(Errc::io, "cannot write the feature: " + std::string(CPLGetLastErrorMsg()),
                        SourceRef{path, layer.name, next_fid, {}});
        }
        ++next_fid;
    }
    if (transactions && OGR_L_CommitTransaction(ogr_layer) != OGRERR_NONE) {
        throw Error(Errc::io, "cannot commit the layer: " + std::string(CPLGetLastErrorMsg()), where);
    }
}

// The QGIS layer_styles table, created field by field as QGIS itself creates it through OGR
// (qgis/QGIS src/core/providers/ogr/qgsogrprovidermetadata.cpp, QgsOgrProviderMetadata::saveStyle):
// a table without geometry, FID column "id", then f_table_catalog, f_table_schema, f_table_name,
// f_geometry_column (TEXT(256)), styleName (TEXT(30)), styleQML, styleSLD (TEXT), useAsDefault
// (BOOLEAN), description (TEXT), owner, ui (TEXT(30)), update_time (DATETIME, default now).
// GDAL registers such a table in gpkg_contents with data_type 'attributes', as QGIS's does.
struct StyleColumn {
    const char *name;
    OGRFieldType type;
    int width;
};
constexpr StyleColumn style_columns[] = {
    {"f_table_catalog", OFTString, 256}, {"f_table_schema", OFTString, 256}, {"f_table_name", OFTString, 256},
    {"f_geometry_column", OFTString, 256}, {"styleName", OFTString, 30},   {"styleQML", OFTString, 0},
    {"styleSLD", OFTString, 0},            {"useAsDefault", OFTInteger, 0}, {"description", OFTString, 0},
    {"owner", OFTString, 30},              {"ui", OFTString, 30},           {"update_time", OFTDateTime, 0}};

void check_style(const OutputLayer &layer, const std::string &path) {
    if (!layer.style) {
        return;
    }
    const std::size_t length = layer.style->name.size();
    if (length == 0 || length > 30) {
        throw Error(Errc::argument,
                    "a layer style's name must have 1 to 30 characters (QGIS's styleName column); got '" +
                        layer.style->name + "'",
                    SourceRef{path, layer.name, std::nullopt, "styleName"});
    }
}

void write_styles(GDALDatasetH dataset, const std::vector<OutputLayer> &layers, const std::string &path) {
    const SourceRef where{path, layer_styles_table, std::nullopt, {}};
    CPLStringList options;
    options.SetNameValue("FID", "id");
    OGRLayerH table = GDALDatasetCreateLayer(dataset, layer_styles_table, nullptr, wkbNone, options.List());
    if (table == nullptr) {
        throw Error(Errc::io, "cannot create the table: " + std::string(CPLGetLastErrorMsg()), where);
    }
    for (const auto &column : style_columns) {
        OGRFieldDefnH definition = OGR_Fld_Create(column.name, column.type);
        if (column.width > 0) {
            OGR_Fld_SetWidth(definition, column.width);
        }
        if (std::string_view(column.name) == "useAsDefault") {
            OGR_Fld_SetSubType(definition, OFSTBoolean);
        }
        if (column.type == OFTDateTime) {
            OGR_Fld_SetDefault(definition, "CURRENT_TIMESTAMP");
        }
        const OGRErr err = OGR_L_CreateField(table, definition, TRUE);
        OGR_Fld_Destroy(definition);
        if (err != OGRERR_NONE) {
            throw Error(Errc::io, "cannot create the field: " + std::string(CPLGetLastErrorMsg()),
                        SourceRef{path, layer_styles_table, std::nullopt, column.name});
        }
    }
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(table);
    const auto set = [definition](OGRFeatureH row, const char *field, const std::string &value) {
        OGR_F_SetFieldString(row, OGR_FD_GetFieldIndex(definition, field), value.c_str());
    };
    std::int64_t id = 1;
    for (const auto &layer : layers) {
        if (!layer.style) {
            continue;
        }
        OGRLayerH styled = GDALDatasetGetLayerByName(dataset, layer.name.c_str());
        std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDeleter> row(OGR_F_Create(definition));
        OGR_F_SetFID(row.get(), id);
        // QGIS finds a layer's styles by f_table_schema = '' (not null), the table and its
        // geometry column ("" for a table without geometry), as QGIS writes them.
        set(row.get(), "f_table_catalog", "");
        set(row.get(), "f_table_schema", "");
        set(row.get(), "f_table_name", layer.name);
        set(row.get(), "f_geometry_column", styled ? OGR_L_GetGeometryColumn(styled) : "");
        set(row.get(), "styleName", layer.style->name);
        set(row.get(), "styleQML", layer.style->qml);
        set(row.get(), "styleSLD", layer.style->sld);
        OGR_F_SetFieldInteger(row.get(), OGR_FD_GetFieldIndex(definition, "useAsDefault"), 1);
        set(row.get(), "description", layer.style->description);
        set(row.get(), "owner", "");
        // A fixed time (the same as OGR_CURRENT_DATE below), so the file's bytes do not change.
        OGR_F_SetFieldDateTimeEx(row.get(), OGR_FD_GetFieldIndex(definition, "update_time"), 2000, 1, 1, 0, 0, 0.0F,
                                 100);
        if (OGR_L_CreateFeature(table, row.get()) != OGRERR_NONE) {
            throw Error(Errc::io, "cannot write the style: " + std::string(CPLGetLastErrorMsg()),
                        SourceRef{path, layer_styles_table, id, {}});
        }
        ++id;
    }
}

bool same_file(const fs::path &a, const fs::path &b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) {
        return fs::equivalent(a, b, ec);
    }
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

} // namespace

OutputFormat format_for_path(const std::string &path) {
    const std::string ext = pooled::detail::to_lower(fs::path(path).extension().string());
    if (ext == ".gpkg") return OutputFormat::geopackage;
    if (ext == ".geojson" || ext == ".json") return OutputFormat::geojson;
    if (ext == ".fgb") return OutputFormat::flatgeobuf;
    if (ext == ".csv") return OutputFormat::csv;
    throw Error(Errc::argument, "unknown output format '" + ext + "'; use .gpkg, .geojson, .fgb or .csv",
                SourceRef{path, {}, std::nullopt, {}});
}

void write_layers(const std::string &path, const std::vector<OutputLayer> &layers, const std::vector<std::string> &inputs) {
    const OutputFormat format = format_for_path(path);
    const SourceRef where{path, {}, std::nullopt, {}};
    if (layers.empty()) {
        throw Error(Errc::argument, "nothing to write", where);
    }
    if (format != OutputFormat::geopackage && layers.size() != 1) {
        throw Error(Errc::argument, "this format holds one layer; write " + std::to_string(layers.size()) +
                                        " layers to a .gpkg",
                    where);
    }
    bool styled = false;
    for (const auto &layer : layers) {
        check_field_names(layer, path);
        if (format == OutputFormat::geopackage) {
            check_style(layer, path);
            styled = styled || layer.style.has_value();
        }
    }
    for (const auto &layer : layers) {
        if (styled && pooled::detail::to_lower(layer.name) == layer_styles_table) {
            throw Error(Errc::argument, "a styled GeoPackage keeps its styles in the table 'layer_styles'; "
                                        "name the layer otherwise",
                        SourceRef{path, layer.name, std::nullopt, {}});
        }
    }
    const fs::path target(path);
    for (const auto &input : inputs) {
        if (same_file(target, fs::path(input))) {
            throw Error(Errc::argument, "refusing to overwrite an input", where);
        }
    }
    pooled::detail::AtomicFile temporary(target);

    detail::ensure_gdal_registered();
    detail::ScopedErrorCollector errors;
    // Fixed timestamps and a single-threaded R-tree build keep GeoPackages byte-identical.
    detail::ScopedThreadConfig fixed_date("OGR_CURRENT_DATE", "2000-01-01T00:00:00.000Z");
    detail::ScopedThreadConfig serial_rtree("OGR_GPKG_ALLOW_THREADED_RTREE", "NO");
    GDALDriverH driver = GDALGetDriverByName(driver_name(format));
    if (driver == nullptr) {
        throw Error(Errc::internal, std::string("GDAL has no ") + driver_name(format) + " driver", where);
    }
    try {
        {
            detail::DatasetPtr dataset(
                GDALCreate(driver, temporary.temporary().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
            if (!dataset) {
                throw Error(Errc::io, "cannot create the file: " + errors.last(), where);
            }
            for (const auto &layer : layers) {
                write_one_layer(dataset.get(), format, layer, path);
            }
            if (styled) {
                write_styles(dataset.get(), layers, path);
            }
        } // closing flushes everything
        if (!errors.failures().empty()) {
            throw Error(Errc::io, "writing failed: " + errors.failures().back(), where);
        }
    } catch (const Error &) {
        // A full disk shows first as SQLite's or the OS's message, and later failures as
        // puzzling ones (a table "missing" that could not be created): say what happened.
        for (const auto &message : errors.messages()) {
            if (message.find("disk is full") != std::string::npos ||
                message.find("No space left on device") != std::string::npos) {
                throw Error(Errc::io, "the disk is full: " + message, SourceRef{path, {}, std::nullopt, {}});
            }
        }
        throw;
    }
    temporary.commit();
}

void write_layer(const std::string &path, const Layer &layer, const std::string &layer_name,
                 const std::vector<std::string> &inputs) {
    OutputLayer out{layer_name.empty() ? layer.info().layer_name : layer_name, layer.working_crs().crs(),
                    layer.fields(), layer.features()};
    write_layers(path, {out}, inputs);
}

} // namespace pooled::io
