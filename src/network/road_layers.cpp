// Road segments from GDAL layers: road lines noded at shared vertices (read_road_lines) and
// pgRouting-style edge tables (read_edge_table).

#include <pooled/network/road_layers.hpp>

#include "core/text.hpp"
#include "network/osm_profile.hpp"

#include <pooled/core/error.hpp>
#include <pooled/crs/crs.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace pooled::network {

namespace {

using geometry::Point;

/// Shortest text that reads back as the same double ("48", "-3", "0.25").
std::string number(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

/// Planar length of a run of points, m.
double planar_length(const std::vector<Point> &points) {
    double metres = 0.0;
    for (std::size_t i = 1; i < points.size(); ++i) {
        metres += std::hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
    }
    return metres;
}

/// The index of a mapped field: nullopt when unmapped (empty name).
/// @throws Error (Errc::argument) naming the layer and listing its fields when the mapped
///         field is not in the layer.
std::optional<std::size_t> mapped_field(const io::Layer &layer, const std::string &name, std::string_view role) {
    if (name.empty()) {
        return std::nullopt;
    }
    try {
        return layer.require_field(name);
    } catch (const Error &e) {
        throw Error(e.code(), e.problem() + " (the " + std::string(role) + " column; map another, or none)", e.where());
    }
}

/// The index of an optional field: nullopt when unmapped or not in the layer.
std::optional<std::size_t> optional_field(const io::Layer &layer, const std::string &name) {
    std::optional<std::size_t> index;
    if (!name.empty()) {
        index = layer.field_index(name);
    }
    return index;
}

// ---------------------------------------------------------------------------------------------
// Road lines

/// Hash of a point by the bits of its coordinates (-0.0 folded into 0.0, as they compare equal).
struct PointHash {
    std::size_t operator()(const Point &p) const noexcept {
        const auto bits = [](double v) { return std::bit_cast<std::uint64_t>(v == 0.0 ? 0.0 : v); };
        std::uint64_t h = bits(p.x) * 0x9E3779B97F4A7C15ULL;
        h ^= bits(p.y) + 0x632BE59BD9B4E019ULL + (h << 6) + (h >> 2);
        h ^= h >> 31;
        return static_cast<std::size_t>(h * 0xBF58476D1CE4E5B9ULL);
    }
};

/// A line part the profile may use, with its speeds (m/s along / against its vertex order,
/// 0 = closed that way).
struct UsedPart {
    std::int64_t fid = 0;
    std::vector<Point> points; ///< without consecutive repeats, >= 2 points
    double forward_mps = 0.0;
    double backward_mps = 0.0;
};

/// The line parts of a feature, each without consecutive repeated vertices; parts that
/// collapse to one point are left out (they have no length).
/// @throws Error (Errc::data) for a geometry that is not a line.
std::vector<std::vector<Point>> line_parts(const io::Layer &layer, const io::Feature &feature) {
    std::vector<const std::vector<Point> *> runs;
    if (const auto *line = std::get_if<geometry::LineString>(&feature.geometry)) {
        runs.push_back(&line->points);
    } else if (const auto *multi = std::get_if<geometry::MultiLineString>(&feature.geometry)) {
        for (const auto &part : multi->lines) {
            runs.push_back(&part.points);
        }
    } else if (std::holds_alternative<geometry::Empty>(feature.geometry)) {
        throw Error(Errc::data, "the road has no geometry (a road layer needs lines)", layer.ref(feature.fid, "geometry"));
    } else {
        throw Error(Errc::data,
                    std::string("a road must be a line, not a ") + geometry::type_name(feature.geometry),
                    layer.ref(feature.fid, "geometry"));
    }
    std::vector<std::vector<Point>> parts;
    for (const auto *run : runs) {
        std::vector<Point> points;
        points.reserve(run->size());
        for (const Point &p : *run) {
            if (points.empty() || !(points.back() == p)) {
                points.push_back(p);
            }
        }
        if (points.size() >= 2) {
            parts.push_back(std::move(points));
        }
    }
    return parts;
}

/// The OSM oneway tag for a layer's direction text: "yes", "-1", "no", or none for Geofabrik's
/// "B" and for empty text (both ways unless the class implies one way, as a motorway does).
/// @throws Error (Errc::data) naming the feature and field for any other text.
std::optional<std::string_view> osm_oneway(const std::string &text, const SourceRef &where) {
    const std::string_view value = pooled::detail::trim(text);
    using pooled::detail::iequals;
    if (value.empty() || iequals(value, "B")) {
        return std::nullopt;
    }
    if (iequals(value, "no")) {
        return "no";
    }
    if (iequals(value, "F") || iequals(value, "yes")) {
        return "yes";
    }
    if (iequals(value, "T") || value == "-1") {
        return "-1";
    }
    throw Error(Errc::data,
                "unknown one-way value '" + text + "' (expected B, F or T as Geofabrik writes them, or yes, no or -1)",
                where);
}

/// The OSM highway value of a layer's road class: trimmed, lower case, and Geofabrik's
/// "track_grade1".."track_grade5" as the "track" they are.
std::string osm_highway(const std::string &text) {
    std::string value = pooled::detail::to_lower(pooled::detail::trim(text));
    if (value.rfind("track_grade", 0) == 0) {
        value = "track";
    }
    return value;
}

} // namespace

RoadEdges read_road_lines(const io::Layer &layer, Profile profile, const RoadLineFields &fields) {
    const auto speed_field = mapped_field(layer, fields.speed_kmh, "speed");
    const auto class_field = mapped_field(layer, fields.road_class, "road class");
    const auto oneway_field = mapped_field(layer, fields.oneway, "one-way");

    // 1. The line parts the profile may use, with their speeds by direction.
    std::vector<UsedPart> used;
    std::set<std::string> unused_classes;
    std::size_t unused_features = 0;
    for (const io::Feature &feature : layer.features()) {
        auto parts = line_parts(layer, feature);

        std::string highway = "road"; // OSM's "road of unknown class", when no class is mapped
        if (class_field) {
            highway = osm_highway(io::to_text(feature.values[*class_field]));
        }
        std::string maxspeed;
        if (speed_field) {
            const auto &field = layer.fields()[*speed_field].name;
            const auto kmh = io::to_number(feature.values[*speed_field], layer.ref(feature.fid, field));
            if (kmh && (*kmh < 0.0 || !std::isfinite(*kmh))) {
                throw Error(Errc::data, "the speed is " + std::string(*kmh < 0.0 ? "negative" : "not finite") + ": " +
                                            number(*kmh) + " km/h (0 or empty = the class default)",
                            layer.ref(feature.fid, field));
            }
            if (kmh && *kmh > 0.0) {
                maxspeed = number(*kmh); // a bare number is km/h to OSM, as to the layer
            }
        }
        std::optional<std::string_view> oneway;
        if (oneway_field) {
            oneway = osm_oneway(io::to_text(feature.values[*oneway_field]),
                                layer.ref(feature.fid, layer.fields()[*oneway_field].name));
        }

        std::vector<detail::OsmTag> tags{{"highway", highway}};
        if (oneway) {
            tags.push_back({"oneway", *oneway});
        }
        if (!maxspeed.empty()) {
            tags.push_back({"maxspeed", maxspeed});
        }
        const detail::WayRule rule = detail::interpret_way(detail::OsmTags(tags), profile);
        if (!rule.usable || (rule.forward_mps <= 0.0 && rule.backward_mps <= 0.0)) {
            ++unused_features;
            unused_classes.insert(highway.empty() ? "(none)" : highway);
            continue;
        }
        for (auto &points : parts) {
            used.push_back(UsedPart{feature.fid, std::move(points), rule.forward_mps, rule.backward_mps});
        }
    }
    if (used.empty()) {
        std::string classes;
        for (const auto &c : unused_classes) {
            classes += (classes.empty() ? "" : ", ") + c;
        }
        throw Error(Errc::data,
                    std::string("no road the ") + profile_name(profile) + " profile may use (" +
                        std::to_string(unused_features) + " lines of classes: " + (classes.empty() ? "none" : classes) +
                        "; road classes are OpenStreetMap highway values such as primary or residential)",
                    layer.ref(std::nullopt, fields.road_class));
    }

    // 2. Junctions: line ends, and vertices used more than once (by two lines, or twice by one).
    std::unordered_map<Point, std::uint64_t, PointHash> uses;
    for (const UsedPart &part : used) {
        for (const Point &p : part.points) {
            ++uses[p];
        }
        uses[part.points.front()] += 2;
        uses[part.points.back()] += 2;
    }
    std::vector<Point> junctions;
    for (const auto &[p, count] : uses) {
        if (count >= 2) {
            junctions.push_back(p);
        }
    }
    // Keys in lexicographic (x, y) order, so they do not depend on hashing or feature order.
    std::sort(junctions.begin(), junctions.end(),
              [](const Point &a, const Point &b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    constexpr std::uint64_t not_junction = std::numeric_limits<std::uint64_t>::max();
    for (auto &entry : uses) {
        entry.second = not_junction;
    }
    for (std::size_t k = 0; k < junctions.size(); ++k) {
        uses[junctions[k]] = k;
    }

    // 3. Segments between junctions, in feature order and along each line.
    RoadEdges roads;
    roads.crs = layer.working_crs();
    roads.source = layer.source().display();
    for (const UsedPart &part : used) {
        std::size_t start = 0;
        for (std::size_t i = 1; i < part.points.size(); ++i) {
            const std::uint64_t key = uses.at(part.points[i]);
            if (key == not_junction) {
                continue;
            }
            RoadEdge edge;
            edge.source = uses.at(part.points[start]);
            edge.target = key;
            edge.shape.assign(part.points.begin() + static_cast<std::ptrdiff_t>(start),
                              part.points.begin() + static_cast<std::ptrdiff_t>(i) + 1);
            edge.metres = planar_length(edge.shape);
            edge.forward_seconds = part.forward_mps > 0.0 ? edge.metres / part.forward_mps : not_traversable;
            edge.backward_seconds = part.backward_mps > 0.0 ? edge.metres / part.backward_mps : not_traversable;
            edge.origin_id = part.fid;
            roads.edges.push_back(std::move(edge));
            start = i;
        }
    }
    return roads;
}

// ---------------------------------------------------------------------------------------------
// Edge tables

namespace {

/// Travel speed given to a table whose costs are metres: walking pace, the pace of the access
/// leg (AccessLeg), so a seconds matrix on such a table is a walking-time matrix.
constexpr double metres_table_mps = 5.0 / 3.6;

/// A node id: a whole number >= 0, as an integer, a real without fraction, or text.
/// @throws Error (Errc::data) naming the feature and field otherwise.
std::uint64_t node_id(const io::FieldValue &value, const SourceRef &where) {
    if (std::holds_alternative<std::monostate>(value)) {
        throw Error(Errc::data, "the node id is empty", where);
    }
    if (const auto *i = std::get_if<std::int64_t>(&value)) {
        if (*i < 0) {
            throw Error(Errc::data, "the node id is negative: " + std::to_string(*i), where);
        }
        return static_cast<std::uint64_t>(*i);
    }
    if (const auto *d = std::get_if<double>(&value)) {
        if (*d < 0.0) {
            throw Error(Errc::data, "the node id is negative: " + number(*d), where);
        }
        if (!std::isfinite(*d) || std::trunc(*d) != *d || *d >= 9007199254740992.0) { // 2^53: exact in a double
            throw Error(Errc::data, "the node id is not a whole number: " + number(*d), where);
        }
        return static_cast<std::uint64_t>(*d);
    }
    const std::string &text = std::get<std::string>(value);
    const std::string_view body = pooled::detail::trim(text);
    if (body.empty()) {
        throw Error(Errc::data, "the node id is empty", where);
    }
    std::int64_t parsed = 0;
    const auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), parsed);
    if (ec != std::errc() || end != body.data() + body.size()) {
        throw Error(Errc::data, "the node id is not a whole number: '" + text + "'", where);
    }
    if (parsed < 0) {
        throw Error(Errc::data, "the node id is negative: " + std::to_string(parsed), where);
    }
    return static_cast<std::uint64_t>(parsed);
}

/// The edge's own id (any whole number), for messages.
std::int64_t edge_id(const io::FieldValue &value, const SourceRef &where) {
    if (const auto *i = std::get_if<std::int64_t>(&value)) {
        return *i;
    }
    const auto number_value = io::to_number(value, where);
    if (!number_value) {
        throw Error(Errc::data, "the edge id is empty", where);
    }
    if (std::trunc(*number_value) != *number_value || std::abs(*number_value) >= 9007199254740992.0) {
        throw Error(Errc::data, "the edge id is not a whole number: " + number(*number_value), where);
    }
    return static_cast<std::int64_t>(*number_value);
}

/// A cost: a finite number; nullopt when empty.
std::optional<double> cost_value(const io::FieldValue &value, const SourceRef &where) {
    const auto cost = io::to_number(value, where);
    if (cost && !std::isfinite(*cost)) {
        throw Error(Errc::data, "the cost is not finite: " + number(*cost), where);
    }
    return cost;
}

/// A single line for an edge's shape from a feature's geometry; nullopt for no geometry.
/// A MultiLineString is taken when its parts join end to start.
/// @throws Error (Errc::data) for another geometry, or parts that do not join.
std::optional<std::vector<Point>> edge_line(const io::Layer &layer, const io::Feature &feature) {
    if (std::holds_alternative<geometry::Empty>(feature.geometry)) {
        return std::nullopt;
    }
    if (const auto *line = std::get_if<geometry::LineString>(&feature.geometry)) {
        return line->points;
    }
    if (const auto *multi = std::get_if<geometry::MultiLineString>(&feature.geometry)) {
        std::vector<Point> points;
        for (const auto &part : multi->lines) {
            if (part.points.empty()) {
                continue;
            }
            if (!points.empty() && !(points.back() == part.points.front())) {
                throw Error(Errc::data,
                            "an edge must be one line; this MultiLineString has " +
                                std::to_string(multi->lines.size()) + " parts that do not join end to start",
                            layer.ref(feature.fid, "geometry"));
            }
            points.insert(points.end(), part.points.begin() + (points.empty() ? 0 : 1), part.points.end());
        }
        return points;
    }
    throw Error(Errc::data, std::string("an edge must be a line, not a ") + geometry::type_name(feature.geometry),
                layer.ref(feature.fid, "geometry"));
}

} // namespace

namespace {

/// Builds RoadEdges from an edge table one row at a time, so a table can be read whole
/// (read_edge_table of a Layer) or streamed (of a source) by the same code.
class EdgeTableBuilder {
public:
    /// `header`: the table's fields, CRS and working CRS (its features are not read).
    /// @throws Error (Errc::argument) for a missing column.
    EdgeTableBuilder(const io::Layer &header, EdgeCostUnit unit, const EdgeTableFields &fields)
        : m_unit(unit), m_fields(fields), m_id(header.require_field(fields.id)),
          m_source(header.require_field(fields.source)), m_target(header.require_field(fields.target)),
          m_cost(header.require_field(fields.cost)), m_reverse(optional_field(header, fields.reverse_cost)),
          m_length(mapped_field(header, fields.length, "length")),
          m_has_geometry(header.info().geometry_type != "None") {
        // Node coordinates: used when the layer has no geometry and has all four columns.
        if (!m_has_geometry) {
            const auto x1 = optional_field(header, fields.x1);
            const auto y1 = optional_field(header, fields.y1);
            const auto x2 = optional_field(header, fields.x2);
            const auto y2 = optional_field(header, fields.y2);
            if (x1 && y1 && x2 && y2) {
                m_xy = std::array<std::size_t, 4>{*x1, *y1, *x2, *y2};
            }
        }
        m_roads.source = header.source().display();
    }

    void reserve(std::size_t rows) {
        m_roads.edges.reserve(rows);
        m_length_from_shape.reserve(rows);
        m_fids.reserve(rows);
    }

    /// One row of the table. @throws Error naming the feature and field of a bad value.
    void add(const io::Layer &header, const io::Feature &feature) {
        const auto ref = [&](std::size_t field) { return header.ref(feature.fid, header.fields()[field].name); };
        RoadEdge edge;
        edge.origin_id = edge_id(feature.values[m_id], ref(m_id));
        edge.source = node_id(feature.values[m_source], ref(m_source));
        edge.target = node_id(feature.values[m_target], ref(m_target));

        const auto cost = cost_value(feature.values[m_cost], ref(m_cost));
        if (!cost) {
            throw Error(Errc::data, "the cost is empty", ref(m_cost));
        }
        std::optional<double> reverse;
        if (m_reverse) {
            reverse = cost_value(feature.values[*m_reverse], ref(*m_reverse));
        }
        if (!reverse) {
            reverse = cost; // no reverse cost: the same both ways
        }
        if (*cost < 0.0 && *reverse < 0.0) {
            throw Error(Errc::data,
                        "edge " + std::to_string(edge.origin_id) + " is not traversable either way (cost " +
                            number(*cost) + ", reverse cost " + number(*reverse) + ")",
                        header.ref(feature.fid, m_fields.cost));
        }

        // Shape: the line geometry, else the straight segment x1,y1 -> x2,y2.
        if (m_has_geometry) {
            if (auto line = edge_line(header, feature)) {
                edge.shape = std::move(*line);
            }
        } else if (m_xy) {
            std::array<double, 4> xy{};
            for (std::size_t k = 0; k < 4; ++k) {
                const std::size_t field = (*m_xy)[k];
                const auto v = io::to_number(feature.values[field], ref(field));
                if (!v) {
                    throw Error(Errc::data, "the node coordinate is empty", ref(field));
                }
                xy[k] = *v;
            }
            edge.shape = {Point{xy[0], xy[1]}, Point{xy[2], xy[3]}};
        }
        m_any_shape = m_any_shape || !edge.shape.empty();

        // Length: the length column, else (costs in metres) the cost, else the shape's length
        // (measured in finish(), once the shape is in the working CRS), else unknown: 0.
        std::optional<double> length;
        if (m_length) {
            length = io::to_number(feature.values[*m_length], ref(*m_length));
            if (length && (*length < 0.0 || !std::isfinite(*length))) {
                throw Error(Errc::data, "the length is negative: " + number(*length), ref(*m_length));
            }
        }
        if (!length && m_unit == EdgeCostUnit::metres) {
            length = *cost >= 0.0 ? *cost : *reverse;
        }
        m_length_from_shape.push_back(!length && !edge.shape.empty());
        edge.metres = length.value_or(0.0);

        const double per_cost = m_unit == EdgeCostUnit::seconds ? 1.0 : 1.0 / metres_table_mps;
        edge.forward_seconds = *cost >= 0.0 ? *cost * per_cost : not_traversable;
        edge.backward_seconds = *reverse >= 0.0 ? *reverse * per_cost : not_traversable;
        m_roads.edges.push_back(std::move(edge));
        m_fids.push_back(feature.fid);
    }

    /// The edges, node coordinates reprojected and lengths measured.
    RoadEdges finish(const io::Layer &header) && {
        // x1,y1,x2,y2 are in the layer's CRS (stored or assumed), which the reader applied to
        // the geometry but not to these columns; without either they are taken as in the
        // working CRS.
        if (m_xy && m_any_shape) {
            const auto &from = header.info().crs ? header.info().crs : header.info().assumed_crs;
            if (from && !from->equivalent_to(header.working_crs().crs())) {
                reproject_node_coordinates(header, *from);
            }
        }
        for (std::size_t e = 0; e < m_roads.edges.size(); ++e) {
            if (m_length_from_shape[e]) {
                m_roads.edges[e].metres = planar_length(m_roads.edges[e].shape);
            }
        }
        if (m_any_shape) {
            m_roads.crs = header.working_crs();
        }
        return std::move(m_roads);
    }

private:
    /// All node coordinates in one call of the transformer (one call per edge costs far more).
    void reproject_node_coordinates(const io::Layer &header, const crs::Crs &from) {
        const crs::Transformer transformer(from, header.working_crs().crs());
        std::vector<Point> points;
        points.reserve(2 * m_roads.edges.size());
        for (const auto &edge : m_roads.edges) {
            points.insert(points.end(), edge.shape.begin(), edge.shape.end());
        }
        transformer.transform(&points.front().x, &points.front().y, points.size(), 2);
        std::size_t next = 0;
        for (std::size_t e = 0; e < m_roads.edges.size(); ++e) {
            RoadEdge &edge = m_roads.edges[e];
            for (Point &p : edge.shape) {
                p = points[next++];
                if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
                    throw Error(Errc::crs,
                                "the node coordinates of edge " + std::to_string(edge.origin_id) +
                                    " cannot be transformed from " + from.display() + " into " +
                                    header.working_crs().crs().display(),
                                header.ref(m_fids[e], m_fields.x1));
                }
            }
        }
    }

    EdgeCostUnit m_unit;
    const EdgeTableFields &m_fields;
    std::size_t m_id, m_source, m_target, m_cost;
    std::optional<std::size_t> m_reverse, m_length;
    bool m_has_geometry;
    std::optional<std::array<std::size_t, 4>> m_xy;
    RoadEdges m_roads;
    std::vector<bool> m_length_from_shape; ///< per edge: its length is its shape's
    std::vector<std::int64_t> m_fids;      ///< per edge: its feature, for messages
    bool m_any_shape = false;
};

} // namespace

RoadEdges read_edge_table(const io::Layer &layer, EdgeCostUnit unit, const EdgeTableFields &fields) {
    EdgeTableBuilder builder(layer, unit, fields);
    builder.reserve(layer.features().size());
    for (const io::Feature &feature : layer.features()) {
        builder.add(layer, feature);
    }
    return std::move(builder).finish(layer);
}

RoadEdges read_edge_table(const io::LayerSource &source, const crs::WorkingCrs &working_crs,
                          const io::ReadOptions &options, EdgeCostUnit unit, const EdgeTableFields &fields) {
    std::optional<EdgeTableBuilder> builder;
    const io::Layer header = io::stream_layer(source, working_crs, options, [&](const io::Layer &h, io::Feature &&f) {
        if (!builder) {
            builder.emplace(h, unit, fields);
            if (h.info().feature_count > 0) {
                builder->reserve(static_cast<std::size_t>(h.info().feature_count));
            }
        }
        builder->add(h, f);
    });
    if (!builder) { // no rows (allowed by options): the columns are still checked
        builder.emplace(header, unit, fields);
    }
    return std::move(*builder).finish(header);
}

} // namespace pooled::network
