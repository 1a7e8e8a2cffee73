#include <pooled/io/reader.hpp>

#include "io/dataset.hpp"
#include "io/gdal_handle.hpp"
#include "io/ogr_convert.hpp"

#include <pooled/geometry/algorithms.hpp>
#include <pooled/geometry/distance_index.hpp>

#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <unordered_map>

namespace pooled::io {

namespace {
using geometry::Box;
using geometry::Geometry;
using geometry::GeometryFamily;
using geometry::Point;

struct FeatureDeleter {
    void operator()(OGRFeatureH feature) const noexcept { OGR_F_Destroy(feature); }
};
using FeaturePtr = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDeleter>;

std::string format_xy(const Point &p) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "(%.0f %.0f)", p.x, p.y);
    if (std::fabs(p.x) < 1000.0 && std::fabs(p.y) < 1000.0) {
        std::snprintf(buffer, sizeof buffer, "(%.6f %.6f)", p.x, p.y);
    }
    return buffer;
}

// True when the layer's first data axis is the CRS's northing/latitude axis, as in
// EPSG:4326 read by a driver that keeps the authority's lat/lon order.
bool data_is_north_first(OGRLayerH layer) {
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (srs == nullptr) {
        return false;
    }
    int count = 0;
    const int *mapping = OSRGetDataAxisToSRSAxisMapping(srs, &count);
    if (mapping == nullptr || count < 1) {
        return false;
    }
    const int crs_axis = std::abs(mapping[0]) - 1;
    OGRAxisOrientation orientation = OAO_Other;
    OSRGetAxis(srs, nullptr, crs_axis, &orientation);
    return orientation == OAO_North || orientation == OAO_South;
}

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

// A box in `target` coordinates covering `area` (degrees) grown by `margin_deg`.
std::optional<Box> area_box_in(const crs::Crs &target, const crs::LonLatBox &area, double margin_deg) {
    try {
        const crs::Transformer to_target(crs::Crs::from_user_input("EPSG:4326"), target);
        double min_x = std::max(-180.0, area.west - margin_deg);
        double min_y = std::max(-90.0, area.south - margin_deg);
        double max_x = std::min(180.0, area.east + margin_deg);
        double max_y = std::min(90.0, area.north + margin_deg);
        to_target.transform_bounds(min_x, min_y, max_x, max_y);
        if (!std::isfinite(min_x) || !std::isfinite(max_x) || !std::isfinite(min_y) || !std::isfinite(max_y)) {
            return std::nullopt;
        }
        return Box{min_x, min_y, max_x, max_y};
    } catch (const Error &) {
        return std::nullopt; // no usable area: skip that check rather than fail the load
    }
}

// The first vertex of a geometry outside `box`, if any.
std::optional<Point> first_outside(const Geometry &geometry, const Box &box) {
    std::optional<Point> found;
    Geometry copy = geometry;
    geometry::for_each_point(copy, [&](Point &p) {
        if (!found && !box.contains(p)) {
            found = p;
        }
    });
    return found;
}

// Why a feature came without geometry, and the field to blame: for a CSV, what its
// geometry columns held; otherwise GDAL's own message, if it gave one.
std::pair<std::string, std::string> why_no_geometry(OGRFeatureH feature, const detail::OpenedLayer &opened,
                                                    const detail::ScopedErrorCollector &errors) {
    const auto &columns = opened.geometry_columns;
    for (std::size_t k = 0; k < columns.size(); ++k) {
        const std::string &name = opened.info.geometry_columns[k];
        if (!OGR_F_IsFieldSetAndNotNull(feature, columns[k])) {
            return {"no geometry: '" + name + "' is empty", name};
        }
        const std::string text = OGR_F_GetFieldAsString(feature, columns[k]);
        if (columns.size() == 1) {
            std::string excerpt = text.size() > 60 ? text.substr(0, 57) + "..." : text;
            return {"no geometry: WKT cannot be parsed: '" + excerpt + "'", name};
        }
        try {
            (void)to_number(FieldValue{text}, {});
        } catch (const Error &) {
            return {"no geometry: coordinate is not a number: '" + text + "'", name};
        }
    }
    std::string why = "feature has no geometry";
    if (!errors.messages().empty()) {
        why += ": " + errors.last();
    }
    return {why, opened.geometry_label};
}

// Reprojects every vertex in place, one PROJ call per run of points (a ring, a line), reading
// x and y straight out of the Point array with a stride. False if any vertex failed.
bool reproject(Geometry &geometry, const crs::Transformer &transformer) {
    static_assert(sizeof(Point) == 2 * sizeof(double), "Point must be two packed doubles");
    bool ok = true;
    geometry::for_each_point_run(geometry, [&](Point *first, std::size_t count) {
        ok = transformer.transform(&first->x, &first->y, count, 2) == count && ok;
    });
    return ok;
}

// True when every vertex lies within +-180, +-90: degrees written into a projected CRS. Real
// projected data essentially never sits within 180 m of its false origin.
bool looks_like_degrees(const Geometry &geometry) {
    const Box box = geometry::envelope(geometry);
    return !box.empty() && box.min_x >= -180.0 && box.max_x <= 180.0 && box.min_y >= -90.0 && box.max_y <= 90.0;
}

// Everything one read_layer call needs to judge a feature.
class FeatureChecker {
public:
    FeatureChecker(Layer &layer, const ReadOptions &options) : m_layer(layer), m_options(options) {}

    // Records a problem under the policy. Returns true if the caller should repair
    // (repairable problem under OnInvalid::repair); throws under OnInvalid::fail.
    bool problem(IssueKind kind, std::int64_t fid, const std::string &field, const std::string &text,
                 bool repairable, Errc code = Errc::data) {
        SourceRef where = m_layer.ref(fid, field);
        if (m_options.on_invalid == OnInvalid::fail) {
            throw Error(code, text, where);
        }
        const bool repair = repairable && m_options.on_invalid == OnInvalid::repair;
        m_layer.mutable_report().add(
            Issue{kind, repair ? IssueAction::repaired : IssueAction::skipped, std::move(where), text});
        return repair;
    }

private:
    Layer &m_layer;
    const ReadOptions &m_options;
};

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
    try {
        return crs::to_lon_lat(*layer_crs, e.min_x, e.min_y, e.max_x, e.max_y);
    } catch (const Error &error) {
        throw Error(Errc::crs, "the layer's CRS cannot be related to longitude and latitude: " + error.problem(),
                    SourceRef{info.source.path, info.layer_name, std::nullopt, {}});
    }
}

Layer read_layer(const LayerSource &source, const crs::WorkingCrs &working_crs, const ReadOptions &options,
                 const Progress &progress) {
    detail::OpenedLayer opened = detail::open_layer(source, options, false);
    OGRLayerH ogr_layer = opened.layer;
    if (!opened.info.crs && OGR_L_GetGeomType(ogr_layer) != wkbNone) {
        opened.info.assumed_crs = options.assume_crs;
    }
    Layer layer(opened.info, working_crs);
    const LayerInfo &info = layer.info();
    const std::string &geometry_label = opened.geometry_label;
    const bool has_geometry = OGR_L_GetGeomType(ogr_layer) != wkbNone;

    std::optional<crs::Crs> source_crs = info.crs ? info.crs : options.assume_crs;
    if (has_geometry && !source_crs) {
        throw Error(Errc::crs,
                    "the layer has no CRS; name the CRS of its coordinates (e.g. --crs EPSG:27700 or --crs EPSG:4326)",
                    layer.ref());
    }
    std::optional<crs::Transformer> transformer;
    std::optional<Box> source_area;
    std::optional<Box> working_area;
    if (has_geometry) {
        try {
            transformer.emplace(*source_crs, working_crs.crs());
        } catch (const Error &e) {
            throw Error(Errc::crs, e.problem(), layer.ref());
        }
        if (options.check_area && source_crs->area_of_use()) {
            source_area = area_box_in(*source_crs, *source_crs->area_of_use(), 0.5);
        }
        if (options.check_area && !transformer->is_identity() && working_crs.crs().area_of_use()) {
            working_area = area_box_in(working_crs.crs(), *working_crs.crs().area_of_use(), 5.0);
        }
    }
    const bool swap_axes = has_geometry && data_is_north_first(ogr_layer);
    std::optional<geometry::DistanceIndex> study_area;
    if (has_geometry && options.study_area) {
        study_area.emplace(*options.study_area);
    }

    // Field indexes for the attribute checks.
    std::optional<std::size_t> id_index;
    if (!options.id_field.empty()) {
        id_index = layer.require_field(options.id_field);
    }
    std::vector<std::size_t> non_negative;
    for (const auto &name : options.non_negative_fields) {
        non_negative.push_back(layer.require_field(name));
    }
    std::unordered_map<std::string, std::int64_t> first_fid_of_id;
    GeometryFamily layer_family = GeometryFamily::none;
    std::string family_origin; // what set layer_family, for messages
    {
        const auto declared = wkbFlatten(OGR_L_GetGeomType(ogr_layer));
        if (declared != wkbUnknown && declared != wkbNone && declared != wkbGeometryCollection) {
            family_origin = std::string("the layer's declared type ") + OGRGeometryTypeToName(declared);
            layer_family = OGR_GT_IsSubClassOf(declared, wkbPoint) || OGR_GT_IsSubClassOf(declared, wkbMultiPoint)
                               ? GeometryFamily::point
                           : OGR_GT_IsSurface(declared) || OGR_GT_IsSubClassOf(declared, wkbMultiSurface)
                               ? GeometryFamily::polygon
                               : GeometryFamily::line;
        }
    }

    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(ogr_layer);
    std::vector<OGRFieldType> field_types;
    for (const int index : opened.field_map) {
        field_types.push_back(OGR_Fld_GetType(OGR_FD_GetFieldDefn(definition, index)));
    }

    FeatureChecker checker(layer, options);
    LoadReport &report = layer.mutable_report();
    auto &features = layer.mutable_features();
    const GIntBig expected = OGR_L_GetFeatureCount(ogr_layer, FALSE);
    const ProgressTicker ticker(progress, expected > 0 ? static_cast<std::size_t>(expected) : 0, "reading");

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
        const std::int64_t fid = feature.fid;
        feature.values.reserve(opened.field_map.size());
        for (std::size_t i = 0; i < opened.field_map.size(); ++i) {
            feature.values.push_back(read_value(ogr_feature.get(), opened.field_map[i], field_types[i]));
        }

        bool keep = true;
        if (has_geometry) {
            feature.geometry = detail::from_ogr(OGR_F_GetGeometryRef(ogr_feature.get()));
            if (geometry::is_empty(feature.geometry)) {
                const auto [why, field] = why_no_geometry(ogr_feature.get(), opened, errors);
                checker.problem(IssueKind::missing_geometry, fid, field, why, false);
                keep = false;
            }
            if (keep) {
                const auto fam = geometry::family(feature.geometry);
                if (layer_family == GeometryFamily::none) {
                    // An untyped layer (GeoJSON, CSV) takes the family of its first geometry.
                    layer_family = fam;
                    family_origin = std::string("feature ") + std::to_string(fid) + "'s " +
                                    geometry::type_name(feature.geometry);
                } else if (fam != layer_family) {
                    checker.problem(IssueKind::mixed_geometry, fid, geometry_label,
                                    std::string("mixed geometry types: a ") + geometry::type_name(feature.geometry) +
                                        ", unlike " + family_origin,
                                    false);
                    keep = false;
                }
            }
            if (keep && swap_axes) {
                geometry::for_each_point(feature.geometry, [](Point &p) { std::swap(p.x, p.y); });
            }
            if (keep && source_area) {
                if (auto p = first_outside(feature.geometry, *source_area)) {
                    checker.problem(IssueKind::outside_area, fid, geometry_label,
                                    "coordinates " + format_xy(*p) + " lie outside the area of use of " +
                                        source_crs->display() + " (x and y swapped, or the wrong CRS?)",
                                    false);
                    keep = false;
                }
            }
            if (keep && source_crs->is_projected() && looks_like_degrees(feature.geometry)) {
                const Box own = geometry::envelope(feature.geometry);
                checker.problem(IssueKind::outside_area, fid, geometry_label,
                                "coordinates " + format_xy(Point{own.min_x, own.min_y}) +
                                    " look like longitude and latitude, but the layer's CRS is " +
                                    source_crs->display() + " (give the right CRS, e.g. --crs EPSG:4326)",
                                false, Errc::crs);
                keep = false;
            }
            if (keep && !transformer->is_identity()) {
                if (!reproject(feature.geometry, *transformer)) {
                    checker.problem(IssueKind::outside_area, fid, geometry_label,
                                    "coordinates cannot be transformed from " + source_crs->display() + " to " +
                                        working_crs.crs().display(),
                                    false, Errc::crs);
                    keep = false;
                }
            }
            if (keep && working_area) {
                if (auto p = first_outside(feature.geometry, *working_area)) {
                    checker.problem(IssueKind::outside_area, fid, geometry_label,
                                    "coordinates " + format_xy(*p) + " in " + working_crs.crs().display() +
                                        " lie far outside its area of use (x and y swapped?)",
                                    false);
                    keep = false;
                }
            }
            if (keep && study_area) {
                // Distance to the study area itself, not its box: a point can sit inside the
                // box and still be far from every zone (a mistyped northing, say).
                const double gap = study_area->distance(feature.geometry);
                if (gap > options.study_area_margin_m) {
                    const Box own = geometry::envelope(feature.geometry);
                    char text[200];
                    std::snprintf(text, sizeof text, "feature at %s lies %.0f m outside the study area (limit %.0f m)",
                                  format_xy(Point{own.min_x, own.min_y}).c_str(), gap, options.study_area_margin_m);
                    checker.problem(IssueKind::outside_area, fid, geometry_label, text, false);
                    keep = false;
                }
            }
            if (keep && geometry::family(feature.geometry) != GeometryFamily::point) {
                std::optional<geometry::ValidityProblem> invalid;
                try {
                    invalid = geometry::validity_problem(feature.geometry);
                } catch (const Error &e) {
                    // GEOS cannot even build it (an unclosed ring, a one-point line): not repairable.
                    checker.problem(IssueKind::invalid_geometry, fid, geometry_label, "invalid geometry: " + e.problem(), false);
                    keep = false;
                }
                if (invalid) {
                    const bool repair = checker.problem(IssueKind::invalid_geometry, fid, geometry_label,
                                                        "invalid geometry: " + invalid->describe(), true);
                    if (repair) {
                        feature.geometry = geometry::make_valid(feature.geometry);
                        if (geometry::is_empty(feature.geometry)) {
                            keep = false; // nothing of its kind survived the repair
                        } else {
                            ++report.repaired;
                        }
                    } else {
                        keep = false;
                    }
                }
            }
        }
        if (keep && id_index) {
            const std::string id = to_text(feature.values[*id_index]);
            if (id.empty()) {
                checker.problem(IssueKind::missing_value, fid, options.id_field, "the id is empty", false);
                keep = false;
            } else if (auto [it, inserted] = first_fid_of_id.emplace(id, fid); !inserted) {
                checker.problem(IssueKind::duplicate_id, fid, options.id_field,
                                "duplicate id '" + id + "' (first used by feature " + std::to_string(it->second) + ")",
                                false);
                keep = false;
            }
        }
        for (std::size_t k = 0; keep && k < non_negative.size(); ++k) {
            const std::size_t index = non_negative[k];
            const std::string &name = info.fields[index].name;
            std::optional<double> number;
            try {
                number = to_number(feature.values[index], layer.ref(fid, name));
            } catch (const Error &e) {
                checker.problem(IssueKind::not_a_number, fid, name, e.problem(), false);
                keep = false;
                break;
            }
            if (number && *number < 0.0) {
                checker.problem(IssueKind::negative_value, fid, name, "negative value: " + to_text(feature.values[index]),
                                false);
                keep = false;
            }
        }
        if (keep) {
            features.push_back(std::move(feature));
        } else {
            ++report.skipped;
        }
    }
    report.loaded = features.size();
    if (report.read == 0 && !options.allow_empty) {
        throw Error(Errc::data, "the layer has no features", layer.ref());
    }
    return layer;
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
