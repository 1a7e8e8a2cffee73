#pragma once
// INTERNAL to libpooled. Never include this from include/pooled/**: GEOS is a private
// dependency and must not leak into the public headers or the installed package.
//
// Move-only RAII owners for the GEOS C API (reentrant `_r` functions only) and conversions
// between pooled's geometry value types and GEOS geometries.
//
// Threading: a GeosContext is one GEOS context handle. Use one per call (cheap: GEOS_init_r is a
// small allocation) or one per thread; never share one between threads at the same time. There
// is no global or thread_local state here: GEOS messages are stored in the context object.
//
// Lifetimes: every GeosObject (GeosGeometry, ...) must be destroyed before the GeosContext whose
// handle created it. Moving a GeosContext keeps its handle, so owners stay valid across moves.

#ifndef GEOS_USE_ONLY_R_API
#define GEOS_USE_ONLY_R_API // hide GEOS's non-reentrant (global context) functions
#endif
#include <geos_c.h>

#include <pooled/core/error.hpp>
#include <pooled/geometry/types.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pooled::geometry::detail {

/// Owns one GEOS object of type `T`, destroyed with `Destroy(handle, object)`, e.g.
/// `GEOSGeom_destroy_r`. Keeps the context handle it was created with. Like unique_ptr:
/// move-only, may be null, `release()` hands ownership over (e.g. to a GEOS function that
/// takes ownership, such as GEOSGeom_createPolygon_r or GEOSGeom_createCollection_r).
template <typename T, auto Destroy>
class GeosObject {
public:
    using pointer = T *;

    GeosObject() noexcept = default;
    /// Takes ownership of `object` (may be null), created with the context `handle`.
    GeosObject(GEOSContextHandle_t handle, T *object) noexcept : m_handle(handle), m_object(object) {}
    ~GeosObject() { reset(); }

    GeosObject(GeosObject &&other) noexcept
        : m_handle(other.m_handle), m_object(std::exchange(other.m_object, nullptr)) {}
    GeosObject &operator=(GeosObject &&other) noexcept {
        if (this != &other) {
            reset();
            m_handle = other.m_handle;
            m_object = std::exchange(other.m_object, nullptr);
        }
        return *this;
    }
    GeosObject(const GeosObject &) = delete;
    GeosObject &operator=(const GeosObject &) = delete;

    T *get() const noexcept { return m_object; }
    GEOSContextHandle_t handle() const noexcept { return m_handle; }
    explicit operator bool() const noexcept { return m_object != nullptr; }

    /// Gives up ownership without destroying; the caller (or GEOS) must free it.
    T *release() noexcept { return std::exchange(m_object, nullptr); }
    /// Destroys the owned object (if any) and takes `object` instead (same context handle).
    void reset(T *object = nullptr) noexcept {
        if (T *old = std::exchange(m_object, object); old != nullptr) {
            Destroy(m_handle, old);
        }
    }

private:
    GEOSContextHandle_t m_handle = nullptr;
    T *m_object = nullptr;
};

using GeosGeometry = GeosObject<GEOSGeometry, &GEOSGeom_destroy_r>;
using GeosCoordSequence = GeosObject<GEOSCoordSequence, &GEOSCoordSeq_destroy_r>;
using GeosPreparedGeometry = GeosObject<const GEOSPreparedGeometry, &GEOSPreparedGeom_destroy_r>;
using GeosBufferParams = GeosObject<GEOSBufferParams, &GEOSBufferParams_destroy_r>;
using GeosMakeValidParams = GeosObject<GEOSMakeValidParams, &GEOSMakeValidParams_destroy_r>;
using GeosWktReader = GeosObject<GEOSWKTReader, &GEOSWKTReader_destroy_r>;
using GeosWktWriter = GeosObject<GEOSWKTWriter, &GEOSWKTWriter_destroy_r>;

/// One GEOS context (GEOS_init_r ... GEOS_finish_r) with its own error and notice handlers.
/// GEOS reports failures by returning null / 0 / 2 and passing a message to the error handler;
/// the handler stores that message here (the last one wins) so fail() can put it in the Error.
class GeosContext {
public:
    /// @throws Error (Errc::internal) if GEOS cannot create a context.
    GeosContext();
    ~GeosContext();
    GeosContext(GeosContext &&other) noexcept;
    GeosContext &operator=(GeosContext &&other) noexcept;
    GeosContext(const GeosContext &) = delete;
    GeosContext &operator=(const GeosContext &) = delete;

    /// The handle to pass to GEOS `_r` functions (null only in a moved-from context).
    GEOSContextHandle_t handle() const noexcept;

    /// The last error message GEOS reported on this context, "" if none since the last clear.
    const std::string &last_error() const noexcept;
    /// The last notice GEOS reported (notices are kept, never printed).
    const std::string &last_notice() const noexcept;
    /// Forgets the stored error and notice.
    void clear_messages() noexcept;

    /// Throws Error(code, "<what>: <last GEOS error>") (or just "<what>" if GEOS said nothing)
    /// and clears the stored error.
    [[noreturn]] void fail(Errc code, std::string_view what);

    /// Wraps the result of a GEOS function that returns a new object or null on failure:
    /// `auto g = context.own(GEOSUnion_r(context.handle(), a, b), Errc::internal, "union failed");`
    /// `auto w = context.own<GeosWktWriter>(GEOSWKTWriter_create_r(h), ...);`
    /// @throws Error (code) via fail() if `object` is null.
    template <typename Owner = GeosGeometry>
    Owner own(typename Owner::pointer object, Errc code, std::string_view what) {
        if (object == nullptr) {
            fail(code, what);
        }
        return Owner(handle(), object);
    }

    /// For GEOS functions that return 0 on failure (GEOSArea_r, GEOSDistance_r, ...).
    /// @throws Error (code) via fail() if `ok` is false.
    void require(bool ok, Errc code, std::string_view what) {
        if (!ok) {
            fail(code, what);
        }
    }

private:
    struct State; // heap-allocated so the handlers' user-data pointer survives moves
    std::unique_ptr<State> m_state;
};

/// Copies a string GEOS allocated (e.g. from GEOSWKTWriter_write_r) and frees it with GEOSFree_r.
/// @throws Error (code) via context.fail() if `text` is null.
std::string take_string(GeosContext &context, char *text, Errc code, std::string_view what);

/// Builds the GEOS geometry for a pooled value:
/// Empty -> GEOMETRYCOLLECTION EMPTY; Point/LineString/Polygon/Multi* -> the same GEOS type
/// (a Multi* with no members -> that type EMPTY; a Polygon whose outer ring has no points ->
/// POLYGON EMPTY). Coordinates are copied with GEOSCoordSeq_copyFromBuffer_r (2D).
/// @throws Error (Errc::data) with GEOS's message when GEOS 3.11 refuses the shape: a ring that
///         is not closed ("Points of LinearRing do not form a closed linestring"), a closed ring
///         of 2 points ("Invalid number of points in LinearRing found 2 - must be 0 or >= 4"), a
///         ring or LineString of 1 point ("point array must contain 0 or >1 elements"), holes
///         without an outer ring. (A closed ring of 3 points is built; GEOSisValid calls it
///         "Too few points in geometry component".)
GeosGeometry to_geos(GeosContext &context, const Geometry &geometry);

/// A GEOS collection of `type` (GEOS_MULTIPOINT ... GEOS_GEOMETRYCOLLECTION) owning `parts`
/// (GEOS takes them over also when it fails, so nothing leaks); no parts -> that type EMPTY.
/// @throws Error (Errc::data) with `what` when GEOS refuses the parts.
GeosGeometry collect(GeosContext &context, int type, std::vector<GeosGeometry> parts, std::string_view what);

/// Converts a GEOS geometry to a pooled value (2D: Z and M are dropped).
/// - Any empty GEOS geometry -> Empty. Empty members of multis/collections and empty holes are
///   dropped.
/// - Point, LineString, LinearRing (-> LineString), Polygon -> the same single type.
/// - MultiPoint, MultiLineString, MultiPolygon -> the same Multi* type (even with one member).
/// - GeometryCollection (nested ones too) is flattened: if all its non-empty parts are of one
///   family the result is the matching Multi* (MultiPoint, MultiLineString or MultiPolygon, even
///   for a single part); with no non-empty parts, Empty.
/// @throws Error (Errc::data) for a collection mixing families (pooled has no mixed type);
///         use the overload with `only` to pick one family instead.
/// @throws Error (Errc::internal) if `geometry` is null or GEOS fails.
Geometry from_geos(GeosContext &context, const GEOSGeometry *geometry);

/// Like from_geos() but keeps only the parts of family `only` and silently drops the others
/// (e.g. the lines and points GEOSMakeValid or an overlay may add to polygons).
/// A single geometry of that family stays single (Point, LineString, Polygon); a multi or a
/// collection gives the matching Multi* of the kept parts; nothing kept gives Empty.
/// @throws Error (Errc::internal) if `only` is GeometryFamily::none or GEOS fails.
Geometry from_geos(GeosContext &context, const GEOSGeometry *geometry, GeometryFamily only);

} // namespace pooled::geometry::detail
