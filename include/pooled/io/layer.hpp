#pragma once
/// @file
/// @brief A vector layer read into memory: features with geometry in the working CRS.

#include <pooled/core/error.hpp>
#include <pooled/crs/crs.hpp>
#include <pooled/geometry/types.hpp>
#include <pooled/io/load_report.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pooled::io {

/// Where a layer comes from: `PATH[:LAYER]` or a GDAL connection string.
struct POOLED_CXX_API LayerSource {
    std::string path;  ///< file, directory or connection string as given
    std::string layer; ///< layer name; empty = the only (or first) layer

    /// Splits "zones.gpkg:lsoa21" into path and layer. The split is at the last ':' whose
    /// left part names an existing file or directory, so "PG:dbname=x" and Windows drive
    /// letters are left whole; a spec naming an existing path is taken as a path.
    static LayerSource parse(std::string_view spec);
    /// "zones.gpkg:lsoa21", or the path alone.
    std::string display() const;
    /// For error messages: path and layer set, feature and field empty.
    SourceRef ref() const { return SourceRef{path, layer, std::nullopt, {}}; }
};

/// Attribute types, simplified from OGR's.
enum class FieldType { integer, real, string, date, datetime, boolean, binary, list, other };
POOLED_CXX_API const char *field_type_name(FieldType type) noexcept;

struct FieldDef {
    std::string name;
    FieldType type = FieldType::string;
};

/// One attribute value: null, integer, real or text (dates and others as ISO-like text).
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string>;

struct Feature {
    std::int64_t fid = 0;         ///< feature id as GDAL reports it (kept for messages)
    geometry::Geometry geometry;  ///< in the layer's working CRS
    std::vector<FieldValue> values; ///< aligned with Layer::fields
};

/// Facts about a layer as stored, read without loading its features.
struct LayerInfo {
    LayerSource source;
    std::string layer_name;            ///< the resolved layer name
    std::string driver;                ///< GDAL short name: "GPKG", "CSV", "ESRI Shapefile", ...
    std::optional<crs::Crs> crs;       ///< the stored CRS, if any
    std::optional<crs::Crs> assumed_crs; ///< set by read_layer when the layer stores none and one was assumed
    std::string geometry_type;         ///< OGR's name: "Multi Polygon", "Point", "None", ...
    std::int64_t feature_count = -1;   ///< -1 if GDAL cannot tell without reading
    std::vector<FieldDef> fields;      ///< attributes (a CSV's geometry columns left out)
    std::vector<std::string> geometry_columns; ///< CSV columns the geometry came from (x, y or WKT)
    std::optional<geometry::Box> extent; ///< in the stored CRS, if GDAL knows it cheaply
};

/// A layer loaded into memory, reprojected into the working CRS.
/// Thread safety: immutable after loading; share freely for reading.
class POOLED_CXX_API Layer {
public:
    Layer(LayerInfo info, crs::WorkingCrs working_crs);

    const LayerInfo &info() const noexcept { return m_info; }
    const LayerSource &source() const noexcept { return m_info.source; }
    const crs::WorkingCrs &working_crs() const noexcept { return m_working_crs; }
    const std::vector<FieldDef> &fields() const noexcept { return m_info.fields; }
    const std::vector<Feature> &features() const noexcept { return m_features; }
    const LoadReport &report() const noexcept { return m_report; }

    /// Index of a field, or nullopt.
    std::optional<std::size_t> field_index(std::string_view name) const noexcept;
    /// Index of a field. @throws Error (Errc::argument) naming the layer and listing the fields.
    std::size_t require_field(std::string_view name) const;
    /// The extent of all features in the working CRS (empty box if there are none).
    geometry::Box extent() const;
    /// A SourceRef naming this layer, and optionally a feature and a field.
    SourceRef ref(std::optional<std::int64_t> fid = std::nullopt, std::string field = {}) const;

    std::vector<Feature> &mutable_features() noexcept { return m_features; }
    std::vector<FieldDef> &mutable_fields() noexcept { return m_info.fields; }
    LoadReport &mutable_report() noexcept { return m_report; }

private:
    LayerInfo m_info;
    crs::WorkingCrs m_working_crs;
    std::vector<Feature> m_features;
    LoadReport m_report;
};

/// Numeric value of a field, or nullopt when null. Integers and reals convert; text that is a
/// whole number in C locale ("1234", " 12.5 ") converts too.
/// @throws Error (Errc::data, naming `where`) for text that is not a number.
POOLED_CXX_API std::optional<double> to_number(const FieldValue &value, const SourceRef &where);
/// Text of a value ("" for null; integers without decimals; reals shortest round-trip).
POOLED_CXX_API std::string to_text(const FieldValue &value);

} // namespace pooled::io
