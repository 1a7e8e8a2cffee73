#include "geometry/geos_handle.hpp"

#include <climits>
#include <cstddef>
#include <type_traits>
#include <vector>

namespace pooled::geometry::detail {

// pooled::geometry::Point is two packed doubles, so a std::vector<Point> is the x,y,x,y...
// buffer GEOSCoordSeq_copyFromBuffer_r / copyToBuffer_r read and write.
static_assert(std::is_standard_layout_v<Point>);
static_assert(sizeof(Point) == 2 * sizeof(double));
static_assert(offsetof(Point, x) == 0 && offsetof(Point, y) == sizeof(double));

// ---------------------------------------------------------------------------------------------
// GeosContext

struct GeosContext::State {
    GEOSContextHandle_t handle = nullptr;
    std::string last_error;
    std::string last_notice;
};

namespace {

// GEOS calls this from inside its C++ code, so nothing may escape it. Some GEOS messages end
// in a newline; trailing white space is dropped so they fit inside ours.
void store_message(const char *message, void *user_data) noexcept {
    try {
        std::string_view text = message != nullptr ? message : "";
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
            text.remove_suffix(1);
        }
        static_cast<std::string *>(user_data)->assign(text);
    } catch (...) { // NOLINT(bugprone-empty-catch): out of memory; keep the old message
    }
}

} // namespace

GeosContext::GeosContext() : m_state(std::make_unique<State>()) {
    m_state->handle = GEOS_init_r();
    if (m_state->handle == nullptr) {
        throw Error(Errc::internal, "cannot create a GEOS context");
    }
    GEOSContext_setNoticeMessageHandler_r(m_state->handle, &store_message, &m_state->last_notice);
    GEOSContext_setErrorMessageHandler_r(m_state->handle, &store_message, &m_state->last_error);
}

GeosContext::~GeosContext() {
    if (m_state && m_state->handle != nullptr) {
        GEOS_finish_r(m_state->handle);
    }
}

GeosContext::GeosContext(GeosContext &&other) noexcept = default;

GeosContext &GeosContext::operator=(GeosContext &&other) noexcept {
    if (this != &other) {
        if (m_state && m_state->handle != nullptr) {
            GEOS_finish_r(m_state->handle);
        }
        m_state = std::move(other.m_state);
    }
    return *this;
}

GEOSContextHandle_t GeosContext::handle() const noexcept { return m_state ? m_state->handle : nullptr; }

const std::string &GeosContext::last_error() const noexcept {
    static const std::string none; // immutable: not shared mutable state
    return m_state ? m_state->last_error : none;
}

const std::string &GeosContext::last_notice() const noexcept {
    static const std::string none;
    return m_state ? m_state->last_notice : none;
}

void GeosContext::clear_messages() noexcept {
    if (m_state) {
        m_state->last_error.clear();
        m_state->last_notice.clear();
    }
}

void GeosContext::fail(Errc code, std::string_view what) {
    std::string message(what);
    if (m_state && !m_state->last_error.empty()) {
        message += ": ";
        message += m_state->last_error;
        m_state->last_error.clear();
    }
    throw Error(code, message);
}

std::string take_string(GeosContext &context, char *text, Errc code, std::string_view what) {
    if (text == nullptr) {
        context.fail(code, what);
    }
    struct Free {
        GEOSContextHandle_t handle;
        char *text;
        ~Free() { GEOSFree_r(handle, text); }
    } const guard{context.handle(), text};
    return std::string(text);
}

// ---------------------------------------------------------------------------------------------
// pooled -> GEOS

namespace {

unsigned int checked_size(GeosContext &context, std::size_t size) {
    if (size > UINT_MAX) {
        context.fail(Errc::data, "geometry has too many parts or points for GEOS");
    }
    return static_cast<unsigned int>(size);
}

GeosCoordSequence make_sequence(GeosContext &context, const std::vector<Point> &points) {
    GEOSContextHandle_t h = context.handle();
    if (points.empty()) {
        return context.own<GeosCoordSequence>(GEOSCoordSeq_create_r(h, 0, 2), Errc::internal,
                                              "cannot create a GEOS coordinate sequence");
    }
    // See the static_asserts above: Point[] is laid out as double[2 * n].
    const auto *buffer = reinterpret_cast<const double *>(points.data());
    return context.own<GeosCoordSequence>(
        GEOSCoordSeq_copyFromBuffer_r(h, buffer, checked_size(context, points.size()), 0, 0),
        Errc::internal, "cannot create a GEOS coordinate sequence");
}

GeosGeometry make_point(GeosContext &context, const Point &p) {
    return context.own(GEOSGeom_createPointFromXY_r(context.handle(), p.x, p.y), Errc::internal,
                       "cannot create a GEOS point");
}

GeosGeometry make_line(GeosContext &context, const std::vector<Point> &points) {
    // GEOSGeom_createLineString_r takes ownership of the sequence, also when it fails.
    return context.own(GEOSGeom_createLineString_r(context.handle(), make_sequence(context, points).release()),
                       Errc::data, "invalid LineString");
}

GeosGeometry make_ring(GeosContext &context, const Ring &ring) {
    // Takes ownership of the sequence, also when it fails (the ring checks throw inside GEOS).
    return context.own(GEOSGeom_createLinearRing_r(context.handle(), make_sequence(context, ring.points).release()),
                       Errc::data, "invalid Polygon ring");
}

GeosGeometry make_polygon(GeosContext &context, const Polygon &polygon) {
    GEOSContextHandle_t h = context.handle();
    if (polygon.outer.points.empty()) {
        if (!polygon.holes.empty()) {
            context.fail(Errc::data, "invalid Polygon: holes without an outer ring");
        }
        return context.own(GEOSGeom_createEmptyPolygon_r(h), Errc::internal, "cannot create an empty GEOS polygon");
    }
    GeosGeometry shell = make_ring(context, polygon.outer);
    std::vector<GeosGeometry> holes;
    holes.reserve(polygon.holes.size());
    for (const Ring &hole : polygon.holes) {
        holes.push_back(make_ring(context, hole));
    }
    std::vector<GEOSGeometry *> raw;
    raw.reserve(holes.size());
    for (GeosGeometry &hole : holes) {
        raw.push_back(hole.release());
    }
    // Takes ownership of the shell and the holes (GEOS >= 3.8), also when it fails.
    return context.own(GEOSGeom_createPolygon_r(h, shell.release(), raw.data(), checked_size(context, raw.size())),
                       Errc::data, "invalid Polygon");
}

template <typename Item, typename Make>
GeosGeometry make_collection(GeosContext &context, int type, const std::vector<Item> &items, Make &&make) {
    std::vector<GeosGeometry> parts;
    parts.reserve(items.size());
    for (const Item &item : items) {
        parts.push_back(make(context, item));
    }
    return collect(context, type, std::move(parts), "invalid multi-geometry");
}

} // namespace

GeosGeometry collect(GeosContext &context, int type, std::vector<GeosGeometry> parts, std::string_view what) {
    GEOSContextHandle_t h = context.handle();
    if (parts.empty()) {
        return context.own(GEOSGeom_createEmptyCollection_r(h, type), Errc::internal,
                           "cannot create an empty GEOS collection");
    }
    const unsigned int count = checked_size(context, parts.size());
    std::vector<GEOSGeometry *> raw;
    raw.reserve(parts.size());
    for (GeosGeometry &part : parts) {
        raw.push_back(part.release());
    }
    // GEOS 3.11 takes ownership of the parts before it can fail (geos_ts_c.cpp), so a refusal
    // leaks nothing.
    return context.own(GEOSGeom_createCollection_r(h, type, raw.data(), count), Errc::data, what);
}

GeosGeometry to_geos(GeosContext &context, const Geometry &geometry) {
    return std::visit(
        [&context](const auto &g) -> GeosGeometry {
            using T = std::decay_t<decltype(g)>;
            if constexpr (std::is_same_v<T, Empty>) {
                return context.own(GEOSGeom_createEmptyCollection_r(context.handle(), GEOS_GEOMETRYCOLLECTION),
                                   Errc::internal, "cannot create an empty GEOS collection");
            } else if constexpr (std::is_same_v<T, Point>) {
                return make_point(context, g);
            } else if constexpr (std::is_same_v<T, LineString>) {
                return make_line(context, g.points);
            } else if constexpr (std::is_same_v<T, Polygon>) {
                return make_polygon(context, g);
            } else if constexpr (std::is_same_v<T, MultiPoint>) {
                return make_collection(context, GEOS_MULTIPOINT, g.points, &make_point);
            } else if constexpr (std::is_same_v<T, MultiLineString>) {
                return make_collection(context, GEOS_MULTILINESTRING, g.lines,
                                       [](GeosContext &c, const LineString &l) { return make_line(c, l.points); });
            } else {
                static_assert(std::is_same_v<T, MultiPolygon>);
                return make_collection(context, GEOS_MULTIPOLYGON, g.polygons, &make_polygon);
            }
        },
        geometry);
}

// ---------------------------------------------------------------------------------------------
// GEOS -> pooled

namespace {

/// The non-empty single parts of a GEOS geometry, in order, collections flattened.
struct Parts {
    std::vector<Point> points;
    std::vector<LineString> lines;
    std::vector<Polygon> polygons;
};

bool geos_is_empty(GeosContext &context, const GEOSGeometry *g) {
    const char empty = GEOSisEmpty_r(context.handle(), g);
    if (empty == 2) {
        context.fail(Errc::internal, "GEOSisEmpty failed");
    }
    return empty == 1;
}

std::vector<Point> read_sequence(GeosContext &context, const GEOSGeometry *line) {
    GEOSContextHandle_t h = context.handle();
    const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(h, line);
    if (seq == nullptr) {
        context.fail(Errc::internal, "cannot read GEOS coordinates");
    }
    unsigned int size = 0;
    context.require(GEOSCoordSeq_getSize_r(h, seq, &size) != 0, Errc::internal, "cannot read GEOS coordinates");
    std::vector<Point> points(size);
    if (size > 0) {
        // See the static_asserts above: Point[] is laid out as double[2 * n]. hasZ = hasM = 0
        // asks GEOS for x,y only whatever the sequence's dimension.
        context.require(GEOSCoordSeq_copyToBuffer_r(h, seq, reinterpret_cast<double *>(points.data()), 0, 0) != 0,
                        Errc::internal, "cannot read GEOS coordinates");
    }
    return points;
}

Point read_point(GeosContext &context, const GEOSGeometry *point) {
    Point p;
    context.require(GEOSGeomGetX_r(context.handle(), point, &p.x) != 0 &&
                        GEOSGeomGetY_r(context.handle(), point, &p.y) != 0,
                    Errc::internal, "cannot read a GEOS point");
    return p;
}

Polygon read_polygon(GeosContext &context, const GEOSGeometry *polygon) {
    GEOSContextHandle_t h = context.handle();
    Polygon out;
    const GEOSGeometry *shell = GEOSGetExteriorRing_r(h, polygon);
    if (shell == nullptr) {
        context.fail(Errc::internal, "cannot read a GEOS polygon");
    }
    out.outer.points = read_sequence(context, shell);
    const int holes = GEOSGetNumInteriorRings_r(h, polygon);
    if (holes < 0) {
        context.fail(Errc::internal, "cannot read a GEOS polygon");
    }
    out.holes.reserve(static_cast<std::size_t>(holes));
    for (int i = 0; i < holes; ++i) {
        const GEOSGeometry *hole = GEOSGetInteriorRingN_r(h, polygon, i);
        if (hole == nullptr) {
            context.fail(Errc::internal, "cannot read a GEOS polygon hole");
        }
        if (!geos_is_empty(context, hole)) {
            out.holes.push_back(Ring{read_sequence(context, hole)});
        }
    }
    return out;
}

int type_id(GeosContext &context, const GEOSGeometry *g) {
    const int type = GEOSGeomTypeId_r(context.handle(), g);
    if (type < 0) {
        context.fail(Errc::internal, "cannot read a GEOS geometry type");
    }
    return type;
}

void collect(GeosContext &context, const GEOSGeometry *g, Parts &parts) {
    const int type = type_id(context, g);
    switch (type) {
    case GEOS_POINT:
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
    case GEOS_POLYGON:
        if (geos_is_empty(context, g)) {
            return;
        }
        if (type == GEOS_POINT) {
            parts.points.push_back(read_point(context, g));
        } else if (type == GEOS_POLYGON) {
            parts.polygons.push_back(read_polygon(context, g));
        } else {
            parts.lines.push_back(LineString{read_sequence(context, g)});
        }
        return;
    case GEOS_MULTIPOINT:
    case GEOS_MULTILINESTRING:
    case GEOS_MULTIPOLYGON:
    case GEOS_GEOMETRYCOLLECTION: {
        const int n = GEOSGetNumGeometries_r(context.handle(), g);
        if (n < 0) {
            context.fail(Errc::internal, "cannot read a GEOS collection");
        }
        for (int i = 0; i < n; ++i) {
            const GEOSGeometry *part = GEOSGetGeometryN_r(context.handle(), g, i);
            if (part == nullptr) {
                context.fail(Errc::internal, "cannot read a GEOS collection");
            }
            collect(context, part, parts);
        }
        return;
    }
    default:
        context.fail(Errc::internal, "unknown GEOS geometry type " + std::to_string(type));
    }
}

bool is_single(int type) {
    return type == GEOS_POINT || type == GEOS_LINESTRING || type == GEOS_LINEARRING || type == GEOS_POLYGON;
}

/// The single-part value when `single` and there is one part, otherwise the Multi* (or Empty).
Geometry assemble(Parts &&parts, GeometryFamily family, bool single) {
    switch (family) {
    case GeometryFamily::point:
        if (parts.points.empty()) {
            return Empty{};
        }
        if (single) {
            return parts.points.front();
        }
        return MultiPoint{std::move(parts.points)};
    case GeometryFamily::line:
        if (parts.lines.empty()) {
            return Empty{};
        }
        if (single) {
            return std::move(parts.lines.front());
        }
        return MultiLineString{std::move(parts.lines)};
    case GeometryFamily::polygon:
        if (parts.polygons.empty()) {
            return Empty{};
        }
        if (single) {
            return std::move(parts.polygons.front());
        }
        return MultiPolygon{std::move(parts.polygons)};
    case GeometryFamily::none:
        break;
    }
    return Empty{};
}

void check_not_null(GeosContext &context, const GEOSGeometry *geometry) {
    if (geometry == nullptr) {
        throw Error(Errc::internal, "from_geos: null GEOS geometry");
    }
    if (context.handle() == nullptr) {
        throw Error(Errc::internal, "from_geos: moved-from GEOS context");
    }
}

} // namespace

Geometry from_geos(GeosContext &context, const GEOSGeometry *geometry) {
    check_not_null(context, geometry);
    const int type = type_id(context, geometry);
    Parts parts;
    collect(context, geometry, parts);
    const int families = int{!parts.points.empty()} + int{!parts.lines.empty()} + int{!parts.polygons.empty()};
    if (families == 0) {
        return Empty{};
    }
    if (families > 1) {
        throw Error(Errc::data, "a geometry collection that mixes points, lines and polygons is not supported "
                                "(" + std::to_string(parts.points.size()) + " points, " +
                                    std::to_string(parts.lines.size()) + " lines, " +
                                    std::to_string(parts.polygons.size()) + " polygons)");
    }
    const GeometryFamily family = !parts.points.empty() ? GeometryFamily::point
                                  : !parts.lines.empty() ? GeometryFamily::line
                                                         : GeometryFamily::polygon;
    return assemble(std::move(parts), family, is_single(type));
}

Geometry from_geos(GeosContext &context, const GEOSGeometry *geometry, GeometryFamily only) {
    check_not_null(context, geometry);
    if (only == GeometryFamily::none) {
        throw Error(Errc::internal, "from_geos: no geometry family to keep");
    }
    const int type = type_id(context, geometry);
    Parts parts;
    collect(context, geometry, parts);
    return assemble(std::move(parts), only, is_single(type));
}

} // namespace pooled::geometry::detail
