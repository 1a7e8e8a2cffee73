// Coordinate reference systems on top of the PROJ C API. PROJ stays inside this file: the
// public header exposes no PJ* and no proj.h.
//
// A Crs keeps only precomputed, immutable facts (WKT, code, name, kind, ...), never a live
// PJ*, so it is a cheap, thread-safe value. Each operation that needs PROJ objects makes a
// short-lived PJ_CONTEXT, re-creates the objects from the stored WKT and destroys
// everything before returning. A Transformer owns one context and one operation for its
// whole life (one Transformer per thread).

#include <pooled/core/error.hpp>
#include <pooled/crs/crs.hpp>

#include "core/text.hpp"

#include <proj.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <utility>

namespace pooled::crs {
namespace {

// ------------------------------------------------------------------------------ helpers

/// A PROJ context with the network off (deterministic, offline runs) and PROJ's log
/// captured instead of printed to stderr. Not copyable or movable: PROJ holds a pointer to
/// it for the logger.
class Context {
public:
    Context() : m_ctx(proj_context_create()) {
        if (m_ctx == nullptr) {
            throw Error(Errc::internal, "cannot create a PROJ context");
        }
        proj_context_set_enable_network(m_ctx, 0);
        proj_log_func(m_ctx, this, &Context::log);
    }
    ~Context() { proj_context_destroy(m_ctx); }
    Context(const Context &) = delete;
    Context &operator=(const Context &) = delete;

    PJ_CONTEXT *get() const noexcept { return m_ctx; }

    /// The last error PROJ reported on this context, for messages ("" if none).
    std::string last_error() const {
        if (!m_last_log.empty()) {
            return m_last_log;
        }
        const int err = proj_context_errno(m_ctx);
        if (err != 0) {
            if (const char *text = proj_context_errno_string(m_ctx, err)) {
                return text;
            }
        }
        return {};
    }
    /// Forgets the last logged error. (proj_errno_reset() on an object of this context
    /// clears the context's error number too.)
    void clear_log() { m_last_log.clear(); }

private:
    static void log(void *self, int level, const char *message) {
        if (level == PJ_LOG_ERROR && message != nullptr) {
            static_cast<Context *>(self)->m_last_log = message;
        }
    }

    PJ_CONTEXT *m_ctx;
    std::string m_last_log;
};

/// Owns one PJ (destroyed with proj_destroy, which accepts nullptr).
class Object {
public:
    Object() = default;
    explicit Object(PJ *pj) noexcept : m_pj(pj) {}
    ~Object() { proj_destroy(m_pj); }
    Object(Object &&other) noexcept : m_pj(std::exchange(other.m_pj, nullptr)) {}
    Object &operator=(Object &&other) noexcept {
        if (this != &other) {
            proj_destroy(m_pj);
            m_pj = std::exchange(other.m_pj, nullptr);
        }
        return *this;
    }
    Object(const Object &) = delete;
    Object &operator=(const Object &) = delete;

    PJ *get() const noexcept { return m_pj; }
    PJ *release() noexcept { return std::exchange(m_pj, nullptr); }
    explicit operator bool() const noexcept { return m_pj != nullptr; }

private:
    PJ *m_pj = nullptr;
};

/// Text for an error message: whitespace runs (WKT is multi-line) collapsed to one space,
/// and cut to about 80 characters at a UTF-8 character boundary.
std::string quote_for_message(std::string_view text) {
    constexpr std::size_t limit = 80;
    std::string flat;
    flat.reserve(std::min(text.size(), limit + 8));
    bool in_space = false;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (space) {
            in_space = true;
            continue;
        }
        if (in_space && !flat.empty()) {
            flat.push_back(' ');
        }
        in_space = false;
        flat.push_back(c);
        if (flat.size() > limit + 4) {
            break; // enough to know it will be cut
        }
    }
    if (flat.size() > limit) {
        std::size_t cut = limit - 3;
        while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0U) == 0x80U) {
            --cut; // do not split a multi-byte character
        }
        flat.resize(cut);
        flat += "...";
    }
    return flat;
}

std::string to_string_or_empty(const char *text) { return text != nullptr ? std::string(text) : std::string(); }

bool starts_with_proj_string(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return false;
    }
    text.remove_prefix(first);
    return text.starts_with("+proj=") || text.starts_with("proj=") || text.starts_with("+init=");
}

const char *type_name(PJ_TYPE type) {
    switch (type) {
    case PJ_TYPE_ELLIPSOID: return "an ellipsoid";
    case PJ_TYPE_PRIME_MERIDIAN: return "a prime meridian";
    case PJ_TYPE_GEODETIC_REFERENCE_FRAME:
    case PJ_TYPE_DYNAMIC_GEODETIC_REFERENCE_FRAME:
    case PJ_TYPE_VERTICAL_REFERENCE_FRAME:
    case PJ_TYPE_DYNAMIC_VERTICAL_REFERENCE_FRAME:
    case PJ_TYPE_DATUM_ENSEMBLE:
    case PJ_TYPE_TEMPORAL_DATUM:
    case PJ_TYPE_ENGINEERING_DATUM:
    case PJ_TYPE_PARAMETRIC_DATUM: return "a datum";
    case PJ_TYPE_CONVERSION:
    case PJ_TYPE_TRANSFORMATION:
    case PJ_TYPE_CONCATENATED_OPERATION:
    case PJ_TYPE_OTHER_COORDINATE_OPERATION: return "a coordinate operation";
    default: return "not a CRS";
    }
}

/// The CRS whose kind and axes matter: a BoundCRS's source CRS, a CompoundCRS's horizontal
/// part (recursively). Returns an empty Object when `crs` itself is the answer.
Object horizontal_part(PJ_CONTEXT *ctx, PJ *crs) {
    Object current;
    PJ *at = crs;
    for (int depth = 0; depth < 4; ++depth) {
        const PJ_TYPE type = proj_get_type(at);
        Object next;
        if (type == PJ_TYPE_BOUND_CRS) {
            next = Object(proj_get_source_crs(ctx, at));
        } else if (type == PJ_TYPE_COMPOUND_CRS) {
            next = Object(proj_crs_get_sub_crs(ctx, at, 0));
        } else {
            break;
        }
        if (!next) {
            break;
        }
        current = std::move(next);
        at = current.get();
    }
    return current;
}

CrsKind kind_of(PJ *crs) {
    switch (proj_get_type(crs)) {
    case PJ_TYPE_GEOGRAPHIC_CRS:
    case PJ_TYPE_GEOGRAPHIC_2D_CRS:
    case PJ_TYPE_GEOGRAPHIC_3D_CRS: return CrsKind::geographic;
    case PJ_TYPE_PROJECTED_CRS: return CrsKind::projected;
    default: return CrsKind::other;
    }
}

/// True when the first two axes are in metres. PROJ reports each axis unit's conversion
/// factor to the SI unit (the metre for lengths), so a factor of 1 is a metre whatever the
/// unit's spelling ("metre", "Meter", "m"); US survey feet are 0.30480060960121924.
bool axes_in_metres(PJ_CONTEXT *ctx, PJ *crs) {
    const Object cs(proj_crs_get_coordinate_system(ctx, crs));
    if (!cs || proj_cs_get_axis_count(ctx, cs.get()) < 2) {
        return false;
    }
    for (int axis = 0; axis < 2; ++axis) {
        double factor = 0.0;
        const char *unit_name = nullptr;
        if (proj_cs_get_axis_info(ctx, cs.get(), axis, nullptr, nullptr, nullptr, &factor, &unit_name,
                                  nullptr, nullptr) == 0) {
            return false;
        }
        if (!(std::fabs(factor - 1.0) <= 1e-12)) {
            return false;
        }
    }
    return true;
}

/// "AUTH:CODE" of the object's own identifier, or "".
std::string own_code(PJ *obj) {
    const char *auth = proj_get_id_auth_name(obj, 0);
    const char *code = proj_get_id_code(obj, 0);
    if (auth == nullptr || code == nullptr) {
        return {};
    }
    return std::string(auth) + ":" + code;
}

/// proj_identify(): the match with the highest confidence, if that is at least 90 %. Ties
/// are broken without relying on PROJ's result order: EPSG first, then the smaller
/// authority name, then the numerically (then lexically) smaller code.
std::string identified_code(PJ_CONTEXT *ctx, PJ *obj) {
    constexpr int min_confidence = 90;
    int *confidence = nullptr;
    PJ_OBJ_LIST *matches = proj_identify(ctx, obj, nullptr, nullptr, &confidence);
    if (matches == nullptr) {
        return {};
    }
    struct Candidate {
        int confidence = -1;
        std::string auth;
        std::string code;
    };
    const auto better = [](const Candidate &a, const Candidate &b) { // is a better than b?
        if (a.confidence != b.confidence) {
            return a.confidence > b.confidence;
        }
        const bool a_epsg = a.auth == "EPSG";
        const bool b_epsg = b.auth == "EPSG";
        if (a_epsg != b_epsg) {
            return a_epsg;
        }
        if (a.auth != b.auth) {
            return a.auth < b.auth;
        }
        if (a.code.size() != b.code.size()) {
            return a.code.size() < b.code.size(); // numeric order for digit codes
        }
        return a.code < b.code;
    };
    Candidate best;
    const int count = proj_list_get_count(matches);
    for (int i = 0; i < count; ++i) {
        if (confidence[i] < min_confidence) {
            continue;
        }
        const Object match(proj_list_get(ctx, matches, i));
        if (!match) {
            continue;
        }
        Candidate candidate{confidence[i], to_string_or_empty(proj_get_id_auth_name(match.get(), 0)),
                            to_string_or_empty(proj_get_id_code(match.get(), 0))};
        if (candidate.auth.empty() || candidate.code.empty()) {
            continue;
        }
        if (best.confidence < 0 || better(candidate, best)) {
            best = std::move(candidate);
        }
    }
    proj_int_list_destroy(confidence);
    proj_list_destroy(matches);
    return best.confidence < 0 ? std::string() : best.auth + ":" + best.code;
}

std::optional<LonLatBox> area_of(PJ_CONTEXT *ctx, PJ *obj) {
    double west = 0.0;
    double south = 0.0;
    double east = 0.0;
    double north = 0.0;
    if (proj_get_area_of_use(ctx, obj, &west, &south, &east, &north, nullptr) == 0) {
        return std::nullopt;
    }
    if (west == -1000.0 || south == -1000.0 || east == -1000.0 || north == -1000.0) {
        return std::nullopt; // PROJ's "unknown"
    }
    return LonLatBox{west, south, east, north};
}

} // namespace

// ------------------------------------------------------------------------------------ Crs

struct Crs::Impl {
    std::string wkt; // WKT2:2019: what PROJ re-creates the CRS from
    std::string authority;
    std::string name;
    CrsKind kind = CrsKind::other;
    bool metric = false;
    std::optional<LonLatBox> area;
};

namespace {
/// Re-creates the PJ of `crs` in `ctx` from its WKT (which came from PROJ, so this does not
/// fail short of memory or a missing proj.db).
Object create(Context &ctx, const Crs &crs) {
    Object obj(proj_create(ctx.get(), crs.wkt().c_str()));
    if (!obj) {
        throw Error(Errc::internal,
                    "PROJ cannot re-create the CRS " + crs.display() + " from its WKT (" + ctx.last_error() + ")");
    }
    return obj;
}
} // namespace

Crs::Crs(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}

Crs Crs::from_user_input(std::string_view text) {
    Context ctx;
    const std::string input(text);
    Object obj(proj_create(ctx.get(), input.c_str()));
    // "+proj=utm +zone=30 +datum=WGS84" is an operation to PROJ; the user means the CRS, as
    // GDAL does. Retry with "+type=crs" unless it is already there.
    if (obj && !proj_is_crs(obj.get()) && starts_with_proj_string(input) &&
        input.find("type=crs") == std::string::npos) {
        Object as_crs(proj_create(ctx.get(), (input + " +type=crs").c_str()));
        if (as_crs && proj_is_crs(as_crs.get())) {
            obj = std::move(as_crs);
        }
    }
    if (!obj) {
        std::string why = ctx.last_error();
        throw Error(Errc::crs, "unknown CRS: '" + quote_for_message(text) + "'" +
                                   (why.empty() ? std::string() : " (" + why + ")"));
    }
    if (!proj_is_crs(obj.get())) {
        throw Error(Errc::crs, "unknown CRS: '" + quote_for_message(text) + "' (" +
                                   type_name(proj_get_type(obj.get())) + ", not a coordinate reference system)");
    }

    auto impl = std::make_shared<Impl>();
    PJ *crs = obj.get();
    impl->wkt = to_string_or_empty(proj_as_wkt(ctx.get(), crs, PJ_WKT2_2019, nullptr));
    if (impl->wkt.empty()) {
        // Never seen for a CRS PROJ itself made; without WKT it could not be re-created.
        throw Error(Errc::crs, "unknown CRS: '" + quote_for_message(text) + "' (PROJ cannot express it as WKT2)");
    }
    impl->name = to_string_or_empty(proj_get_name(crs));

    const Object horizontal = horizontal_part(ctx.get(), crs);
    PJ *base = horizontal ? horizontal.get() : crs;
    impl->kind = kind_of(base);
    impl->metric = impl->kind == CrsKind::projected && axes_in_metres(ctx.get(), base);

    // A BoundCRS (e.g. a PROJ string with +towgs84) has no identifier of its own: its
    // source CRS's identifier or identification describes it best.
    impl->authority = own_code(crs);
    if (impl->authority.empty() && proj_get_type(crs) == PJ_TYPE_BOUND_CRS && horizontal) {
        impl->authority = own_code(base);
    }
    if (impl->authority.empty()) {
        impl->authority = identified_code(ctx.get(), crs);
    }
    if (impl->authority.empty() && proj_get_type(crs) == PJ_TYPE_BOUND_CRS && horizontal) {
        impl->authority = identified_code(ctx.get(), base);
    }

    impl->area = area_of(ctx.get(), crs);
    if (!impl->area && horizontal) {
        impl->area = area_of(ctx.get(), base);
    }
    return Crs(std::move(impl));
}

const std::string &Crs::authority_code() const noexcept { return m_impl->authority; }
const std::string &Crs::name() const noexcept { return m_impl->name; }
const std::string &Crs::wkt() const noexcept { return m_impl->wkt; }
CrsKind Crs::kind() const noexcept { return m_impl->kind; }
bool Crs::is_metric() const noexcept { return m_impl->metric; }
const std::optional<LonLatBox> &Crs::area_of_use() const noexcept { return m_impl->area; }

std::string Crs::display() const {
    if (m_impl->authority.empty()) {
        return m_impl->name.empty() ? std::string("unnamed CRS") : m_impl->name;
    }
    if (m_impl->name.empty()) {
        return m_impl->authority;
    }
    return m_impl->authority + " (" + m_impl->name + ")";
}

bool Crs::equivalent_to(const Crs &other) const {
    if (m_impl == other.m_impl || m_impl->wkt == other.m_impl->wkt) {
        return true;
    }
    Context ctx;
    const Object a = create(ctx, *this);
    const Object b = create(ctx, other);
    return proj_is_equivalent_to_with_ctx(ctx.get(), a.get(), b.get(),
                                          PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS) != 0;
}

// ----------------------------------------------------------------------------- WorkingCrs

WorkingCrs::WorkingCrs(Crs crs) : m_crs(std::move(crs)) {
    if (!m_crs.is_projected() || !m_crs.is_metric()) {
        throw Error(Errc::crs, "working CRS must be projected with metre units: " + m_crs.display());
    }
}

WorkingCrs WorkingCrs::british_national_grid() {
    static const WorkingCrs bng(Crs::from_user_input("EPSG:27700"));
    return bng;
}

WorkingCrs WorkingCrs::utm_zone_for(double lon, double lat) {
    if (!std::isfinite(lon) || !std::isfinite(lat)) {
        throw Error(Errc::argument, "cannot choose a UTM zone for a point that is not finite");
    }
    // Plain 6-degree zones. The exceptions around Norway (32V) and Svalbard (31X-37X) are
    // deliberately ignored: the standard zone is still a valid metric CRS there, only not
    // the one the national mapping agencies use.
    const double zone_real = std::floor((lon + 180.0) / 6.0) + 1.0;
    const int zone = static_cast<int>(std::clamp(zone_real, 1.0, 60.0));
    const int code = (lat >= 0.0 ? 32600 : 32700) + zone;
    return WorkingCrs(Crs::from_user_input("EPSG:" + std::to_string(code)));
}

WorkingCrs choose_working_crs(const std::optional<Crs> &user_choice, const LonLatBox &data_extent) {
    if (user_choice) {
        return WorkingCrs(*user_choice);
    }
    WorkingCrs bng = WorkingCrs::british_national_grid();
    if (const auto &area = bng.crs().area_of_use(); area && area->contains(data_extent)) {
        return bng;
    }
    const double lon = 0.5 * (data_extent.west + data_extent.east);
    const double lat = 0.5 * (data_extent.south + data_extent.north);
    return WorkingCrs::utm_zone_for(lon, lat);
}

// ---------------------------------------------------------------------------- Transformer

struct Transformer::Impl {
    Context ctx;
    Object op; // empty when identity
    bool identity = false;
    std::string from_display;
    std::string to_display;
};

Transformer::Transformer(const Crs &from, const Crs &to) : m_impl(std::make_unique<Impl>()) {
    Impl &impl = *m_impl;
    impl.from_display = from.display();
    impl.to_display = to.display();
    if (from.wkt() == to.wkt()) {
        impl.identity = true;
        return;
    }
    const Object source = create(impl.ctx, from);
    const Object target = create(impl.ctx, to);
    // Same test as Crs::equivalent_to(), without a second context.
    if (proj_is_equivalent_to_with_ctx(impl.ctx.get(), source.get(), target.get(),
                                       PJ_COMP_EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS) != 0) {
        impl.identity = true;
        return;
    }
    const auto fail = [&impl] {
        std::string why = impl.ctx.last_error();
        throw Error(Errc::crs, "no transformation from " + impl.from_display + " to " + impl.to_display +
                                   (why.empty() ? std::string() : " (" + why + ")"));
    };
    Object op(proj_create_crs_to_crs_from_pj(impl.ctx.get(), source.get(), target.get(), nullptr, nullptr));
    if (!op) {
        fail();
    }
    // x = easting/longitude, y = northing/latitude, whatever the CRS definitions say.
    Object normalized(proj_normalize_for_visualization(impl.ctx.get(), op.get()));
    if (!normalized) {
        fail();
    }
    impl.op = std::move(normalized);
}

Transformer::~Transformer() = default;
Transformer::Transformer(Transformer &&) noexcept = default;
Transformer &Transformer::operator=(Transformer &&) noexcept = default;

bool Transformer::is_identity() const noexcept { return m_impl && m_impl->identity; }

std::size_t Transformer::transform(double *x, double *y, std::size_t count, std::size_t stride) const {
    if (count == 0) {
        return 0;
    }
    if (stride == 0) {
        throw Error(Errc::argument, "Transformer::transform: stride must be at least 1");
    }
    if (m_impl->identity) {
        std::size_t finite = 0;
        for (std::size_t i = 0; i < count; ++i) {
            finite += std::isfinite(x[i * stride]) && std::isfinite(y[i * stride]) ? 1U : 0U;
        }
        return finite;
    }
    const std::size_t step = stride * sizeof(double);
    proj_trans_generic(m_impl->op.get(), PJ_FWD, x, step, count, y, step, count, nullptr, 0, 0, nullptr, 0, 0);
    // Failed points are HUGE_VAL already; make sure both coordinates of any non-finite
    // result are, and clear the per-point errors PROJ left on the context.
    proj_errno_reset(m_impl->op.get());
    m_impl->ctx.clear_log();
    std::size_t finite = 0;
    for (std::size_t i = 0; i < count; ++i) {
        double &xi = x[i * stride];
        double &yi = y[i * stride];
        if (std::isfinite(xi) && std::isfinite(yi)) {
            ++finite;
        } else {
            xi = HUGE_VAL;
            yi = HUGE_VAL;
        }
    }
    return finite;
}

void Transformer::transform_bounds(double &min_x, double &min_y, double &max_x, double &max_y) const {
    if (m_impl->identity) {
        return;
    }
    constexpr int densify_points = 21;
    double out_min_x = 0.0;
    double out_min_y = 0.0;
    double out_max_x = 0.0;
    double out_max_y = 0.0;
    m_impl->ctx.clear_log();
    proj_errno_reset(m_impl->op.get());
    if (proj_trans_bounds(m_impl->ctx.get(), m_impl->op.get(), PJ_FWD, min_x, min_y, max_x, max_y, &out_min_x,
                          &out_min_y, &out_max_x, &out_max_y, densify_points) == 0 ||
        !std::isfinite(out_min_x) || !std::isfinite(out_min_y) || !std::isfinite(out_max_x) ||
        !std::isfinite(out_max_y)) {
        std::string why = m_impl->ctx.last_error();
        m_impl->ctx.clear_log();
        proj_errno_reset(m_impl->op.get());
        // Shortest round-trip numbers: std::to_string printed 1e308 with 309 digits.
        using pooled::detail::number_text;
        throw Error(Errc::crs, "cannot transform the box (" + number_text(min_x) + ", " + number_text(min_y) + ", " +
                                   number_text(max_x) + ", " + number_text(max_y) + ") from " +
                                   m_impl->from_display + " to " + m_impl->to_display +
                                   (why.empty() ? std::string() : " (" + why + ")"));
    }
    min_x = out_min_x;
    min_y = out_min_y;
    max_x = out_max_x;
    max_y = out_max_y;
}

LonLatBox to_lon_lat(const Crs &crs, double min_x, double min_y, double max_x, double max_y) {
    static const Crs wgs84 = Crs::from_user_input("EPSG:4326");
    const Transformer to_wgs84(crs, wgs84);
    to_wgs84.transform_bounds(min_x, min_y, max_x, max_y);
    return LonLatBox{min_x, min_y, max_x, max_y};
}

} // namespace pooled::crs
