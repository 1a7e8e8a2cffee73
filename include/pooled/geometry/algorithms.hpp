#pragma once
/// @file
/// @brief Validity, repair and measures on geometry values (GEOS kept inside).
///
/// Every function here that uses GEOS throws Error (Errc::data) with GEOS's message for a
/// value GEOS cannot build at all: a ring that is not closed, a ring of 1 or 2 points, a
/// LineString of 1 point. (A closed ring of 3 points is built and reported by validity_problem.)

#include <pooled/geometry/types.hpp>

#include <optional>
#include <string>

namespace pooled::geometry {

/// Why a geometry is invalid, if it is.
struct POOLED_CXX_API ValidityProblem {
    std::string reason;  ///< GEOS's reason, e.g. "Self-intersection"
    Point location;      ///< where GEOS found it (working CRS, metres)
    /// "Self-intersection at (431200 382100)"
    std::string describe() const;
};

/// nullopt when the geometry is valid in the OGC sense (GEOSisValidDetail); Empty is valid.
POOLED_CXX_API std::optional<ValidityProblem> validity_problem(const Geometry &geometry);

/// A valid version of the geometry (GEOSMakeValid, structure method, collapsed parts dropped).
/// A polygon stays a polygon or multipolygon; if nothing of its family survives the repair
/// (e.g. a polygon that collapses to a line) the result is Empty. A Multi* input gives a Multi*.
POOLED_CXX_API Geometry make_valid(const Geometry &geometry);

/// A point guaranteed to lie on the geometry (GEOSPointOnSurface); the point itself for points.
/// @throws Error (Errc::argument) for an Empty geometry.
POOLED_CXX_API Point representative_point(const Geometry &geometry);

/// Area in square metres (0 for points and lines).
POOLED_CXX_API double area(const Geometry &geometry);

/// Shortest distance between two geometries, metres (GEOSDistance).
/// @throws Error (Errc::argument) if either is empty (GEOS would say 0).
POOLED_CXX_API double distance(const Geometry &a, const Geometry &b);

/// WKT text of a geometry (for messages and tests), coordinates with up to `precision` decimals.
/// Empty is written "GEOMETRYCOLLECTION EMPTY". @throws Error (Errc::argument) if precision < 0.
POOLED_CXX_API std::string to_wkt(const Geometry &geometry, int precision = 3);
/// Parses WKT into a geometry value (Z/M dropped; any EMPTY -> Empty; a GeometryCollection of
/// one family -> that Multi*). @throws Error (Errc::data) naming the problem, also for text after
/// the geometry and for collections mixing points, lines and polygons.
POOLED_CXX_API Geometry from_wkt(const std::string &wkt);

} // namespace pooled::geometry
