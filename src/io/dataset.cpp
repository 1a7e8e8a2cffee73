#include "io/dataset.hpp"

#include "core/text.hpp"

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

// Column names a delimited file's geometry may come from, in GDAL's list syntax.
std::string x_names(const ReadOptions &options) {
    return options.x_field.empty() ? "x,easting,lon,lng,long,longitude" : options.x_field;
}
std::string y_names(const ReadOptions &options) {
    return options.y_field.empty() ? "y,northing,lat,latitude" : options.y_field;
}
std::string wkt_names(const ReadOptions &options) {
    return options.wkt_field.empty() ? "wkt,geometry,geom,the_geom" : options.wkt_field;
}

bool is_delimited(const std::string &path) {
    const std::string ext = pooled::detail::to_lower(fs::path(path).extension().string());
    return ext == ".csv" || ext == ".tsv" || ext == ".txt";
}

// Open options for delimited text: where the geometry is, and typed columns. The geometry
// columns are kept so a message can quote what was in them; open_layer hides them.
CPLStringList csv_open_options(const ReadOptions &options, CsvColumns columns) {
    CPLStringList list;
    list.SetNameValue("X_POSSIBLE_NAMES", x_names(options).c_str());
    list.SetNameValue("Y_POSSIBLE_NAMES", y_names(options).c_str());
    list.SetNameValue("GEOM_POSSIBLE_NAMES", wkt_names(options).c_str());
    list.SetNameValue("KEEP_GEOM_COLUMNS", "YES");
    list.SetNameValue("AUTODETECT_TYPE", columns == CsvColumns::guessed ? "YES" : "NO");
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

DatasetPtr open_dataset(const LayerSource &source, const ReadOptions &options, CsvColumns csv_columns) {
    ensure_gdal_registered();
    if (source.path.empty()) {
        throw Error(Errc::argument, "no input path given");
    }
    if (!is_connection_string(source.path)) {
        check_local_path(source);
    }
    const bool delimited = is_delimited(source.path);
    CPLStringList open_options = delimited ? csv_open_options(options, csv_columns) : CPLStringList();

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
            const int count = GDALDatasetGetLayerCount(dataset.get());
            SourceRef where = source.ref();
            if (where.layer.empty() && count == 1) {
                where.layer = OGR_L_GetName(GDALDatasetGetLayer(dataset.get(), 0));
            }
            throw Error(Errc::crs, "the stored CRS cannot be read: " + message, where);
        }
    }
    return dataset;
}

namespace {
OGRLayerH find_layer(GDALDatasetH dataset, const LayerSource &source) {
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

} // namespace

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

namespace {
// Index of the first field whose name is in GDAL's comma-separated `names` (case-insensitive),
// which is how the CSV driver picks its geometry columns.
int first_field_named(OGRFeatureDefnH definition, const std::string &names) {
    const CPLStringList candidates(CSLTokenizeString2(names.c_str(), ",", CSLT_STRIPLEADSPACES | CSLT_STRIPENDSPACES));
    for (int i = 0; i < OGR_FD_GetFieldCount(definition); ++i) {
        const char *name = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, i));
        for (int k = 0; k < candidates.size(); ++k) {
            if (EQUAL(name, candidates[k])) {
                return i;
            }
        }
    }
    return -1;
}
} // namespace

OpenedLayer open_layer(const LayerSource &source, const ReadOptions &options, bool count_features,
                       CsvColumns csv_columns) {
    OpenedLayer opened;
    opened.dataset = open_dataset(source, options, csv_columns);
    opened.layer = find_layer(opened.dataset.get(), source);
    OGRLayerH layer = opened.layer;
    LayerInfo &info = opened.info;
    info.source = source;
    info.layer_name = OGR_L_GetName(layer);
    info.driver = GDALGetDriverShortName(GDALGetDatasetDriver(opened.dataset.get()));
    opened.text_columns = csv_columns == CsvColumns::text && info.driver == "CSV" && is_delimited(source.path);
    info.crs = stored_crs(layer, LayerSource{source.path, info.layer_name});
    const OGRwkbGeometryType type = OGR_L_GetGeomType(layer);
    info.geometry_type = type == wkbNone ? "None" : OGRGeometryTypeToName(type);
    info.feature_count = OGR_L_GetFeatureCount(layer, count_features ? TRUE : FALSE);

    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(layer);
    if (info.driver == "CSV" && type != wkbNone) {
        const int wkt = first_field_named(definition, wkt_names(options));
        const int x = first_field_named(definition, x_names(options));
        const int y = first_field_named(definition, y_names(options));
        if (wkt >= 0 && (x < 0 || y < 0)) {
            opened.geometry_columns = {wkt};
        } else if (x >= 0 && y >= 0) {
            opened.geometry_columns = {x, y};
        }
    }
    for (const int column : opened.geometry_columns) {
        const std::string name = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, column));
        info.geometry_columns.push_back(name);
        opened.geometry_label += (opened.geometry_label.empty() ? "" : ", ") + name;
    }
    if (opened.geometry_label.empty() && type != wkbNone) {
        const char *column = OGR_L_GetGeometryColumn(layer);
        opened.geometry_label = column != nullptr && *column != '\0' ? column : "geometry";
    }
    for (int i = 0; i < OGR_FD_GetFieldCount(definition); ++i) {
        if (std::find(opened.geometry_columns.begin(), opened.geometry_columns.end(), i) != opened.geometry_columns.end()) {
            continue;
        }
        OGRFieldDefnH field = OGR_FD_GetFieldDefn(definition, i);
        info.fields.push_back(FieldDef{OGR_Fld_GetNameRef(field), field_type_of(field)});
        opened.field_map.push_back(i);
    }
    if (type != wkbNone) {
        ScopedErrorCollector quiet;
        OGREnvelope envelope;
        if (OGR_L_GetExtent(layer, &envelope, count_features ? TRUE : FALSE) == OGRERR_NONE) {
            info.extent = geometry::Box{envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY};
        }
    }
    return opened;
}

} // namespace pooled::io::detail
