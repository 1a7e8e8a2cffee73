#include <pooled/geometry/algorithms.hpp>

#include "geometry/geos_handle.hpp"

#include <pooled/core/error.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>

// Every function here makes its own GeosContext: no GEOS state is shared between calls or
// threads. Values GEOS cannot even build (a ring that is not closed, a ring of 1-3 points, a
// LineString of one point) make every function below throw Error(Errc::data) with GEOS's
// message; see to_geos() in geos_handle.hpp.

namespace pooled::geometry {

using detail::from_geos;
using detail::GeosContext;
using detail::GeosGeometry;
using detail::to_geos;

namespace {

/// Deterministic coordinate text for messages: whole metres when |v| >= 1000, otherwise up to
/// three decimals with trailing zeros removed; halves round away from zero; never "-0".
std::string format_coordinate(double v) {
    if (std::isnan(v)) {
        return "nan";
    }
    if (std::isinf(v)) {
        return v > 0 ? "inf" : "-inf";
    }
    const bool whole = std::fabs(v) >= 1000.0;
    double rounded = whole ? std::round(v) : std::round(v * 1000.0) / 1000.0;
    if (rounded == 0.0) {
        rounded = 0.0; // drop the sign of -0
    }
    char buffer[400]; // fixed notation of DBL_MAX is 309 digits
    const auto [end, ec] =
        std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed, whole ? 0 : 3);
    if (ec != std::errc{}) {
        return "?";
    }
    std::string text(buffer, end);
    if (!whole) {
        while (text.back() == '0') {
            text.pop_back();
        }
        if (text.back() == '.') {
            text.pop_back();
        }
    }
    return text;
}

/// At most `limit` bytes of `text` for a message, not cutting a UTF-8 sequence, "..." if cut.
std::string excerpt(const std::string &text, std::size_t limit = 60) {
    if (text.size() <= limit) {
        return text;
    }
    std::size_t n = limit;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0U) == 0x80U) {
        --n;
    }
    return text.substr(0, n) + "...";
}

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_letter(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/// GEOS 3.11's WKT reader stops after the first geometry and ignores whatever follows, so
/// "POINT (1 2), POINT (3 4)" would read as POINT (1 2); later GEOS versions reject it. For WKT
/// GEOS has parsed, finds where the geometry's text ends (after "EMPTY" or the ')' matching the
/// first '(') and returns the offset of the first non-space character after it, or npos.
std::size_t trailing_text(const std::string &wkt) noexcept {
    const std::size_t n = wkt.size();
    std::size_t i = 0;
    const auto skip_space = [&] {
        while (i < n && is_space(wkt[i])) {
            ++i;
        }
    };
    skip_space();
    while (i < n && is_letter(wkt[i])) { // the type name, then "Z", "M", "ZM" or "EMPTY"
        const std::size_t start = i;
        while (i < n && is_letter(wkt[i])) {
            ++i;
        }
        std::string word = wkt.substr(start, i - start);
        std::transform(word.begin(), word.end(), word.begin(), [](char c) { return static_cast<char>(c & ~0x20); });
        skip_space();
        if (word == "EMPTY") {
            break;
        }
    }
    if (i < n && wkt[i] == '(') {
        int depth = 0;
        for (; i < n; ++i) {
            if (wkt[i] == '(') {
                ++depth;
            } else if (wkt[i] == ')' && --depth == 0) {
                ++i;
                break;
            }
        }
    }
    skip_space();
    return i < n ? i : std::string::npos;
}

bool is_single(const Geometry &geometry) noexcept {
    return std::holds_alternative<Point>(geometry) || std::holds_alternative<LineString>(geometry) ||
           std::holds_alternative<Polygon>(geometry);
}

/// A Multi* with exactly one member -> that member; anything else unchanged.
Geometry unwrap_single_member(Geometry geometry) {
    if (auto *mp = std::get_if<MultiPolygon>(&geometry); mp != nullptr && mp->polygons.size() == 1) {
        return std::move(mp->polygons.front());
    }
    if (auto *ml = std::get_if<MultiLineString>(&geometry); ml != nullptr && ml->lines.size() == 1) {
        return std::move(ml->lines.front());
    }
    if (auto *mpt = std::get_if<MultiPoint>(&geometry); mpt != nullptr && mpt->points.size() == 1) {
        return mpt->points.front();
    }
    return geometry;
}

/// A Point, LineString or Polygon -> the Multi* with it as the only member; anything else unchanged.
Geometry wrap_single(Geometry geometry) {
    if (auto *polygon = std::get_if<Polygon>(&geometry)) {
        return MultiPolygon{{std::move(*polygon)}};
    }
    if (auto *line = std::get_if<LineString>(&geometry)) {
        return MultiLineString{{std::move(*line)}};
    }
    if (const auto *point = std::get_if<Point>(&geometry)) {
        return MultiPoint{{*point}};
    }
    return geometry;
}

} // namespace

std::string ValidityProblem::describe() const {
    if (!std::isfinite(location.x) || !std::isfinite(location.y)) {
        return reason; // GEOS gave no usable location
    }
    return reason + " at (" + format_coordinate(location.x) + " " + format_coordinate(location.y) + ")";
}

std::optional<ValidityProblem> validity_problem(const Geometry &geometry) {
    if (std::holds_alternative<Empty>(geometry)) {
        return std::nullopt;
    }
    GeosContext context;
    GEOSContextHandle_t h = context.handle();
    const GeosGeometry g = to_geos(context, geometry);
    char *reason = nullptr;
    GEOSGeometry *location = nullptr;
    const char valid = GEOSisValidDetail_r(h, g.get(), 0, &reason, &location);
    const GeosGeometry owned_location(h, location);
    if (valid == 1) {
        if (reason != nullptr) {
            GEOSFree_r(h, reason);
        }
        return std::nullopt;
    }
    if (valid != 0) {
        if (reason != nullptr) {
            GEOSFree_r(h, reason);
        }
        context.fail(Errc::internal, "GEOS validity check failed");
    }
    ValidityProblem problem;
    problem.reason = detail::take_string(context, reason, Errc::internal, "GEOS gave no reason for invalidity");
    problem.location = {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    if (owned_location) {
        if (const Geometry where = from_geos(context, owned_location.get()); std::holds_alternative<Point>(where)) {
            problem.location = std::get<Point>(where);
        }
    }
    return problem;
}

Geometry make_valid(const Geometry &geometry) {
    const GeometryFamily keep = family(geometry);
    if (keep == GeometryFamily::none || is_empty(geometry)) {
        return Empty{};
    }
    GeosContext context;
    GEOSContextHandle_t h = context.handle();
    const GeosGeometry g = to_geos(context, geometry);
    const auto params = context.own<detail::GeosMakeValidParams>(GEOSMakeValidParams_create_r(h), Errc::internal,
                                                                 "cannot create GEOS make-valid parameters");
    context.require(GEOSMakeValidParams_setMethod_r(h, params.get(), GEOS_MAKE_VALID_STRUCTURE) != 0,
                    Errc::internal, "cannot set the GEOS make-valid method");
    context.require(GEOSMakeValidParams_setKeepCollapsed_r(h, params.get(), 0) != 0, Errc::internal,
                    "cannot set the GEOS make-valid collapse rule");
    const GeosGeometry fixed =
        context.own(GEOSMakeValidWithParams_r(h, g.get(), params.get()), Errc::data, "cannot repair the geometry");
    // Parts of other families (e.g. lines GEOS returns for collapsed pieces) are dropped.
    Geometry out = from_geos(context, fixed.get(), keep);
    // The result follows the input's shape: a single input stays single when one part survives
    // (several parts give the Multi*); a Multi* input stays Multi* (GEOS returns a Polygon when
    // one member of a MultiPolygon survives), so a layer's geometry type does not change.
    return is_single(geometry) ? unwrap_single_member(std::move(out)) : wrap_single(std::move(out));
}

Point representative_point(const Geometry &geometry) {
    if (is_empty(geometry)) {
        throw Error(Errc::argument, "an empty geometry has no representative point");
    }
    if (const auto *p = std::get_if<Point>(&geometry)) {
        return *p;
    }
    GeosContext context;
    const GeosGeometry g = to_geos(context, geometry);
    const GeosGeometry on_surface = context.own(GEOSPointOnSurface_r(context.handle(), g.get()), Errc::data,
                                                "cannot find a point on the geometry");
    const Geometry point = from_geos(context, on_surface.get());
    if (!std::holds_alternative<Point>(point)) {
        throw Error(Errc::data, "cannot find a point on the geometry: GEOS returned " +
                                    std::string(type_name(point)));
    }
    return std::get<Point>(point);
}

double area(const Geometry &geometry) {
    if (family(geometry) != GeometryFamily::polygon || is_empty(geometry)) {
        return 0.0;
    }
    GeosContext context;
    const GeosGeometry g = to_geos(context, geometry);
    double value = 0.0;
    context.require(GEOSArea_r(context.handle(), g.get(), &value) != 0, Errc::data, "cannot compute the area");
    return value;
}

double distance(const Geometry &a, const Geometry &b) {
    // GEOS says 0 for an empty input, which would read as "touching".
    if (is_empty(a) || is_empty(b)) {
        throw Error(Errc::argument, "distance to an empty geometry is undefined");
    }
    GeosContext context;
    const GeosGeometry ga = to_geos(context, a);
    const GeosGeometry gb = to_geos(context, b);
    double value = 0.0;
    context.require(GEOSDistance_r(context.handle(), ga.get(), gb.get(), &value) != 0, Errc::data,
                    "cannot compute the distance");
    return value;
}

std::string to_wkt(const Geometry &geometry, int precision) {
    if (precision < 0) {
        throw Error(Errc::argument, "WKT precision must be 0 or more, not " + std::to_string(precision));
    }
    GeosContext context;
    GEOSContextHandle_t h = context.handle();
    const GeosGeometry g = to_geos(context, geometry);
    const auto writer = context.own<detail::GeosWktWriter>(GEOSWKTWriter_create_r(h), Errc::internal,
                                                           "cannot create a GEOS WKT writer");
    GEOSWKTWriter_setTrim_r(h, writer.get(), 1);
    GEOSWKTWriter_setRoundingPrecision_r(h, writer.get(), precision);
    GEOSWKTWriter_setOutputDimension_r(h, writer.get(), 2);
    return detail::take_string(context, GEOSWKTWriter_write_r(h, writer.get(), g.get()), Errc::internal,
                               "cannot write WKT");
}

Geometry from_wkt(const std::string &wkt) {
    const auto fail = [&wkt](const std::string &why) {
        return Error(Errc::data, "not valid WKT: '" + excerpt(wkt) + "' (" + why + ")");
    };
    if (wkt.find('\0') != std::string::npos) {
        throw fail("contains a NUL character");
    }
    GeosContext context;
    GEOSContextHandle_t h = context.handle();
    const auto reader = context.own<detail::GeosWktReader>(GEOSWKTReader_create_r(h), Errc::internal,
                                                           "cannot create a GEOS WKT reader");
    const GeosGeometry g(h, GEOSWKTReader_read_r(h, reader.get(), wkt.c_str()));
    if (!g) {
        throw fail(context.last_error().empty() ? std::string("GEOS cannot parse it") : context.last_error());
    }
    if (const std::size_t rest = trailing_text(wkt); rest != std::string::npos) {
        throw fail("unexpected text after the geometry: '" + excerpt(wkt.substr(rest), 20) + "'");
    }
    try {
        return from_geos(context, g.get());
    } catch (const Error &e) {
        if (e.code() != Errc::data) {
            throw;
        }
        throw Error(Errc::data, "unsupported WKT: '" + excerpt(wkt) + "' (" + e.problem() + ")");
    }
}

} // namespace pooled::geometry
