#include "io/feature_checks.hpp"

#include "core/text.hpp"
#include "io/ogr_convert.hpp"

#include <pooled/geometry/algorithms.hpp>

#include <ogr_srs_api.h>

#include <cmath>
#include <cstdio>

namespace pooled::io::detail {

namespace {
using geometry::Box;
using geometry::Geometry;
using geometry::GeometryFamily;
using geometry::Point;

std::string format_xy(const Point &p) {
    const bool degrees = std::fabs(p.x) < 1000.0 && std::fabs(p.y) < 1000.0;
    const auto one = [degrees](double v) {
        // No real coordinate reaches 1e15: a stray 1e308 in full (309 digits) overran the
        // buffer and the message lost its y (found by fuzzing, testdata/bad/README.md F3).
        if (!(std::fabs(v) < 1e15)) {
            return pooled::detail::number_text(v);
        }
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, degrees ? "%.6f" : "%.0f", v);
        return std::string(buffer);
    };
    return "(" + one(p.x) + " " + one(p.y) + ")";
}

Point lower_left(const Geometry &geometry) {
    const Box box = geometry::envelope(geometry);
    return Point{box.min_x, box.min_y};
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
    OGRAxisOrientation orientation = OAO_Other;
    OSRGetAxis(srs, nullptr, std::abs(mapping[0]) - 1, &orientation);
    return orientation == OAO_North || orientation == OAO_South;
}

// The family a layer declares, if it declares one.
GeometryFamily declared_family(OGRLayerH layer) {
    const auto declared = wkbFlatten(OGR_L_GetGeomType(layer));
    if (declared == wkbUnknown || declared == wkbNone || declared == wkbGeometryCollection) {
        return GeometryFamily::none;
    }
    if (OGR_GT_IsSubClassOf(declared, wkbPoint) || OGR_GT_IsSubClassOf(declared, wkbMultiPoint)) {
        return GeometryFamily::point;
    }
    if (OGR_GT_IsSurface(declared) || OGR_GT_IsSubClassOf(declared, wkbMultiSurface)) {
        return GeometryFamily::polygon;
    }
    return GeometryFamily::line;
}

// A box in `target` coordinates covering `area` (degrees) grown by `margin_deg`; none if
// PROJ cannot give one (that check is then skipped rather than the load failed).
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
        return std::nullopt;
    }
}

std::optional<Point> first_outside(const Geometry &geometry, const Box &box) {
    std::optional<Point> found;
    geometry::for_each_point_run(geometry, [&](const Point *first, std::size_t count) {
        for (std::size_t i = 0; i < count && !found; ++i) {
            if (!box.contains(first[i])) {
                found = first[i];
            }
        }
    });
    return found;
}

std::optional<Point> first_not_finite(const Geometry &geometry) {
    std::optional<Point> found;
    geometry::for_each_point_run(geometry, [&](const Point *first, std::size_t count) {
        for (std::size_t i = 0; i < count && !found; ++i) {
            if (!std::isfinite(first[i].x) || !std::isfinite(first[i].y)) {
                found = first[i];
            }
        }
    });
    return found;
}

// True when every vertex lies within +-180, +-90: degrees written into a projected CRS. Real
// projected data essentially never sits within 180 m of its false origin.
bool looks_like_degrees(const Geometry &geometry) {
    const Box box = geometry::envelope(geometry);
    return !box.empty() && box.min_x >= -180.0 && box.max_x <= 180.0 && box.min_y >= -90.0 && box.max_y <= 90.0;
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

// Why a feature came without geometry, and the field to blame: for a CSV, what its
// geometry columns held; otherwise GDAL's own message, if it gave one.
std::pair<std::string, std::string> why_no_geometry(OGRFeatureH feature, const OpenedLayer &opened,
                                                    const ScopedErrorCollector &errors) {
    const auto &columns = opened.geometry_columns;
    for (std::size_t k = 0; k < columns.size(); ++k) {
        const std::string &name = opened.info.geometry_columns[k];
        if (!OGR_F_IsFieldSetAndNotNull(feature, columns[k])) {
            return {"no geometry: '" + name + "' is empty", name};
        }
        const std::string text = OGR_F_GetFieldAsString(feature, columns[k]);
        if (columns.size() == 1) {
            const std::string excerpt = text.size() > 60 ? text.substr(0, 57) + "..." : text;
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
} // namespace

FeatureChecks::FeatureChecks(Layer &layer, const OpenedLayer &opened, const ReadOptions &options)
    : m_layer(layer), m_opened(opened), m_options(options) {
    m_has_geometry = OGR_L_GetGeomType(opened.layer) != wkbNone;
    if (m_has_geometry) {
        m_source_crs = opened.info.crs ? opened.info.crs : options.assume_crs;
        if (!m_source_crs) {
            throw Error(Errc::crs,
                        "the layer has no CRS; name the CRS of its coordinates (e.g. --crs EPSG:27700 or --crs EPSG:4326)",
                        layer.ref());
        }
        const crs::Crs &working = layer.working_crs().crs();
        try {
            m_transformer.emplace(*m_source_crs, working);
        } catch (const Error &e) {
            throw Error(Errc::crs, e.problem(), layer.ref());
        }
        if (options.check_area && m_source_crs->area_of_use()) {
            m_source_area = area_box_in(*m_source_crs, *m_source_crs->area_of_use(), 0.5);
        }
        if (options.check_area && !m_transformer->is_identity() && working.area_of_use()) {
            m_working_area = area_box_in(working, *working.area_of_use(), 5.0);
        }
        m_swap_axes = data_is_north_first(opened.layer);
        if (options.study_area) {
            m_study_area.emplace(*options.study_area);
        }
        m_family = declared_family(opened.layer);
        if (m_family != GeometryFamily::none) {
            m_family_origin = std::string("the layer's declared type ") + opened.info.geometry_type;
        }
    }
    if (!options.id_field.empty()) {
        m_id_index = layer.require_field(options.id_field);
    }
    for (const auto &name : options.non_negative_fields) {
        m_non_negative.push_back(layer.require_field(name));
    }
}

void FeatureChecks::problem(IssueKind kind, IssueAction action, std::int64_t fid, const std::string &field,
                            const std::string &text, Errc code) {
    SourceRef where = m_layer.ref(fid, field);
    if (m_options.on_invalid == OnInvalid::fail) {
        throw Error(code, text, std::move(where));
    }
    m_layer.mutable_report().add(Issue{kind, action, std::move(where), text});
}

bool FeatureChecks::skip(IssueKind kind, std::int64_t fid, const std::string &field, const std::string &text,
                         Errc code) {
    problem(kind, IssueAction::skipped, fid, field, text, code);
    return false;
}

bool FeatureChecks::geometry(Feature &feature, OGRFeatureH source, const ScopedErrorCollector &errors) {
    if (!m_has_geometry) {
        return true;
    }
    feature.geometry = from_ogr(OGR_F_GetGeometryRef(source));
    if (geometry::is_empty(feature.geometry)) {
        const auto [why, field] = why_no_geometry(source, m_opened, errors);
        return skip(IssueKind::missing_geometry, feature.fid, field, why);
    }
    // "3603081e308" is read as infinity: an infinite (or NaN) coordinate would poison every
    // distance, and only the area check (which may be off) caught it (found by fuzzing,
    // testdata/bad/README.md F6).
    if (const auto p = first_not_finite(feature.geometry)) {
        return skip(IssueKind::invalid_geometry, feature.fid, m_opened.geometry_label,
                    "coordinates " + format_xy(*p) + " are not finite numbers");
    }
    if (!family_ok(feature)) {
        return false;
    }
    if (m_swap_axes) {
        geometry::for_each_point(feature.geometry, [](Point &p) { std::swap(p.x, p.y); });
    }
    return area_ok(feature) && valid_or_repaired(feature);
}

bool FeatureChecks::family_ok(const Feature &feature) {
    const auto family = geometry::family(feature.geometry);
    if (m_family == GeometryFamily::none) {
        // An untyped layer (GeoJSON, CSV) takes the family of its first geometry.
        m_family = family;
        m_family_origin = "feature " + std::to_string(feature.fid) + "'s " + geometry::type_name(feature.geometry);
        return true;
    }
    if (family == m_family) {
        return true;
    }
    return skip(IssueKind::mixed_geometry, feature.fid, m_opened.geometry_label,
                std::string("mixed geometry types: a ") + geometry::type_name(feature.geometry) + ", unlike " +
                    m_family_origin);
}

bool FeatureChecks::area_ok(Feature &feature) {
    const std::int64_t fid = feature.fid;
    const std::string &label = m_opened.geometry_label;
    const crs::Crs &working = m_layer.working_crs().crs();
    if (m_source_area) {
        if (auto p = first_outside(feature.geometry, *m_source_area)) {
            return skip(IssueKind::outside_area, fid, label,
                        "coordinates " + format_xy(*p) + " lie outside the area of use of " + m_source_crs->display() +
                            " (x and y swapped, or the wrong CRS?)");
        }
    }
    if (m_source_crs->is_projected() && looks_like_degrees(feature.geometry)) {
        return skip(IssueKind::outside_area, fid, label,
                    "coordinates " + format_xy(lower_left(feature.geometry)) +
                        " look like longitude and latitude, but the layer's CRS is " + m_source_crs->display() +
                        " (give the right CRS, e.g. --crs EPSG:4326)",
                    Errc::crs);
    }
    if (!m_transformer->is_identity() && !reproject(feature.geometry, *m_transformer)) {
        return skip(IssueKind::outside_area, fid, label,
                    "coordinates cannot be transformed from " + m_source_crs->display() + " to " + working.display(),
                    Errc::crs);
    }
    if (m_working_area) {
        if (auto p = first_outside(feature.geometry, *m_working_area)) {
            return skip(IssueKind::outside_area, fid, label,
                        "coordinates " + format_xy(*p) + " in " + working.display() +
                            " lie far outside its area of use (x and y swapped?)");
        }
    }
    if (m_study_area) {
        // Distance to the study area itself, not its box: a point can sit inside the box and
        // still be far from every zone (a mistyped northing, say).
        const double gap = m_study_area->distance(feature.geometry);
        if (gap > m_options.study_area_margin_m) {
            char text[200];
            std::snprintf(text, sizeof text, "feature at %s lies %.0f m outside the study area (limit %.0f m)",
                          format_xy(lower_left(feature.geometry)).c_str(), gap, m_options.study_area_margin_m);
            return skip(IssueKind::outside_area, fid, label, text);
        }
    }
    return true;
}

bool FeatureChecks::valid_or_repaired(Feature &feature) {
    if (geometry::family(feature.geometry) == GeometryFamily::point) {
        return true;
    }
    const std::string &label = m_opened.geometry_label;
    std::optional<geometry::ValidityProblem> invalid;
    try {
        invalid = geometry::validity_problem(feature.geometry);
    } catch (const Error &e) {
        // GEOS cannot even build it (an unclosed ring, a one-point line): not repairable.
        return skip(IssueKind::invalid_geometry, feature.fid, label, "invalid geometry: " + e.problem());
    }
    if (!invalid) {
        return true;
    }
    const std::string text = "invalid geometry: " + invalid->describe();
    if (m_options.on_invalid != OnInvalid::repair) {
        return skip(IssueKind::invalid_geometry, feature.fid, label, text);
    }
    Geometry repaired = geometry::make_valid(feature.geometry);
    if (geometry::is_empty(repaired)) {
        return skip(IssueKind::invalid_geometry, feature.fid, label, text + "; nothing of it survives MakeValid");
    }
    feature.geometry = std::move(repaired);
    problem(IssueKind::invalid_geometry, IssueAction::repaired, feature.fid, label, text);
    ++m_layer.mutable_report().repaired;
    return true;
}

bool FeatureChecks::attributes(const Feature &feature) {
    const std::int64_t fid = feature.fid;
    if (m_id_index) {
        const std::string id = to_text(feature.values[*m_id_index]);
        if (id.empty()) {
            return skip(IssueKind::missing_value, fid, m_options.id_field, "the id is empty");
        }
        if (auto [it, inserted] = m_first_fid_of_id.emplace(id, fid); !inserted) {
            return skip(IssueKind::duplicate_id, fid, m_options.id_field,
                        "duplicate id '" + id + "' (first used by feature " + std::to_string(it->second) + ")");
        }
    }
    for (const std::size_t index : m_non_negative) {
        const std::string &name = m_layer.fields()[index].name;
        std::optional<double> number;
        try {
            number = to_number(feature.values[index], m_layer.ref(fid, name));
        } catch (const Error &e) {
            return skip(IssueKind::not_a_number, fid, name, e.problem());
        }
        if (number && *number < 0.0) {
            return skip(IssueKind::negative_value, fid, name, "negative value: " + to_text(feature.values[index]));
        }
    }
    return true;
}

} // namespace pooled::io::detail
