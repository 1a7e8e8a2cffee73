#include "io/dataset.hpp"

#include <pooled/crs/crs.hpp>

#include <cpl_string.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

namespace pooled::io::detail {

namespace {
namespace fs = std::filesystem;

bool is_connection_string(const std::string &path) {
    // "PG:dbname=...", "/vsicurl/...", "WFS:..." and the like are not local files.
    if (path.rfind("/vsi", 0) == 0) {
        return true;
    }
    const auto colon = path.find(':');
    if (colon == std::string::npos || colon < 2) {
        return false;
    }
    return std::all_of(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(colon),
                       [](unsigned char c) { return std::isalpha(c) != 0; });
}

std::string lower_extension(const std::string &path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

// Open options for delimited text: where the geometry is, and typed columns.
CPLStringList csv_open_options(const ReadOptions &options) {
    CPLStringList list;
    const std::string x = options.x_field.empty() ? "x,easting,lon,lng,long,longitude" : options.x_field;
    const std::string y = options.y_field.empty() ? "y,northing,lat,latitude" : options.y_field;
    const std::string wkt = options.wkt_field.empty() ? "wkt,geometry,geom,the_geom" : options.wkt_field;
    list.SetNameValue("X_POSSIBLE_NAMES", x.c_str());
    list.SetNameValue("Y_POSSIBLE_NAMES", y.c_str());
    list.SetNameValue("GEOM_POSSIBLE_NAMES", wkt.c_str());
    list.SetNameValue("KEEP_GEOM_COLUMNS", "NO");
    list.SetNameValue("AUTODETECT_TYPE", "YES");
    list.SetNameValue("EMPTY_STRING_AS_NULL", "YES");
    return list;
}

void check_local_path(const LayerSource &source) {
    std::error_code ec;
    const fs::path path(source.path);
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        // The parent may be a regular file ("a.csv/sub"): say so rather than "no such file".
        throw Error(Errc::io, ec && ec != std::errc::no_such_file_or_directory
                                  ? "cannot open: " + ec.message()
                                  : "no such file or directory",
                    source.ref());
    }
    if (fs::is_regular_file(status) && fs::file_size(path, ec) == 0) {
        throw Error(Errc::io, "file is empty (0 bytes)", source.ref());
    }
    if (fs::is_directory(status)) {
        fs::directory_iterator probe(path, ec);
        if (ec) {
            throw Error(Errc::io, "cannot read directory: " + ec.message(), source.ref());
        }
    }
}
} // namespace

DatasetPtr open_dataset(const LayerSource &source, const ReadOptions &options) {
    ensure_gdal_registered();
    if (source.path.empty()) {
        throw Error(Errc::argument, "no input path given");
    }
    if (!is_connection_string(source.path)) {
        check_local_path(source);
    }
    const std::string ext = lower_extension(source.path);
    const bool delimited = ext == ".csv" || ext == ".tsv" || ext == ".txt";
    CPLStringList open_options = delimited ? csv_open_options(options) : CPLStringList();

    ScopedErrorCollector errors;
    GDALDatasetH handle = GDALOpenEx(source.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                     nullptr, delimited ? open_options.List() : nullptr, nullptr);
    if (handle == nullptr) {
        std::string why = errors.last();
        if (why.empty()) {
            why = "GDAL recognises no vector format in it";
        }
        throw Error(Errc::io, "cannot open as a vector dataset: " + why, source.ref());
    }
    DatasetPtr dataset(handle);
    // Some drivers (GeoJSON) fall back to a default CRS when the stored one is unknown and only
    // report it as an error message: treat that as the failure it is.
    for (const auto &message : errors.failures()) {
        if (message.find("PROJ") != std::string::npos || message.find("crs") != std::string::npos ||
            message.find("CRS") != std::string::npos || message.find("SRS") != std::string::npos) {
            throw Error(Errc::crs, "the stored CRS cannot be read: " + message, source.ref());
        }
    }
    return dataset;
}

OGRLayerH open_layer(GDALDatasetH dataset, const LayerSource &source) {
    const int count = GDALDatasetGetLayerCount(dataset);
    std::string names;
    for (int i = 0; i < count; ++i) {
        names += names.empty() ? "" : ", ";
        names += OGR_L_GetName(GDALDatasetGetLayer(dataset, i));
    }
    if (source.layer.empty()) {
        if (count == 1) {
            return GDALDatasetGetLayer(dataset, 0);
        }
        if (count == 0) {
            throw Error(Errc::io, "the dataset has no layers", source.ref());
        }
        throw Error(Errc::argument, "the dataset has " + std::to_string(count) + " layers; name one as PATH:LAYER (" + names + ")",
                    source.ref());
    }
    ScopedErrorCollector quiet;
    if (OGRLayerH layer = GDALDatasetGetLayerByName(dataset, source.layer.c_str())) {
        return layer;
    }
    throw Error(Errc::io, "no layer '" + source.layer + "'; the layers are: " + (names.empty() ? "(none)" : names),
                source.ref());
}

std::optional<crs::Crs> stored_crs(OGRLayerH layer, const LayerSource &source) {
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (srs == nullptr) {
        return std::nullopt;
    }
    char *wkt = nullptr;
    const char *const wkt_options[] = {"FORMAT=WKT2_2019", nullptr};
    ScopedErrorCollector errors;
    if (OSRExportToWktEx(srs, &wkt, wkt_options) != OGRERR_NONE || wkt == nullptr) {
        CPLFree(wkt);
        throw Error(Errc::crs, "cannot read the layer's CRS: " + errors.last(), source.ref());
    }
    std::string text(wkt);
    CPLFree(wkt);
    try {
        return crs::Crs::from_user_input(text);
    } catch (const Error &e) {
        throw Error(Errc::crs, e.problem(), source.ref());
    }
}

namespace {
FieldType field_type_of(OGRFieldDefnH field) {
    switch (OGR_Fld_GetType(field)) {
    case OFTInteger:
        return OGR_Fld_GetSubType(field) == OFSTBoolean ? FieldType::boolean : FieldType::integer;
    case OFTInteger64: return FieldType::integer;
    case OFTReal: return FieldType::real;
    case OFTString: return FieldType::string;
    case OFTDate: return FieldType::date;
    case OFTDateTime: return FieldType::datetime;
    case OFTBinary: return FieldType::binary;
    case OFTIntegerList:
    case OFTInteger64List:
    case OFTRealList:
    case OFTStringList: return FieldType::list;
    default: return FieldType::other;
    }
}
} // namespace

LayerInfo describe_layer(OGRLayerH layer, const LayerSource &source, GDALDatasetH dataset, bool count_features) {
    LayerInfo info;
    info.source = source;
    info.layer_name = OGR_L_GetName(layer);
    info.source.layer = source.layer;
    info.driver = GDALGetDriverShortName(GDALGetDatasetDriver(dataset));
    info.crs = stored_crs(layer, source);
    const OGRwkbGeometryType type = OGR_L_GetGeomType(layer);
    info.geometry_type = type == wkbNone ? "None" : OGRGeometryTypeToName(type);
    info.feature_count = OGR_L_GetFeatureCount(layer, count_features ? TRUE : FALSE);
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(layer);
    for (int i = 0; i < OGR_FD_GetFieldCount(definition); ++i) {
        OGRFieldDefnH field = OGR_FD_GetFieldDefn(definition, i);
        info.fields.push_back(FieldDef{OGR_Fld_GetNameRef(field), field_type_of(field)});
    }
    if (type != wkbNone) {
        ScopedErrorCollector quiet;
        OGREnvelope envelope;
        if (OGR_L_GetExtent(layer, &envelope, count_features ? TRUE : FALSE) == OGRERR_NONE) {
            info.extent = geometry::Box{envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY};
        }
    }
    return info;
}

} // namespace pooled::io::detail
