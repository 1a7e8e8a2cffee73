#pragma once
/// @file
/// @brief Validity, repair and measures on geometry values (GEOS kept inside).

#include <pooled/geometry/types.hpp>

#include <optional>
#include <string>

namespace pooled::geometry {

/// Why a geometry is invalid, if it is.
struct ValidityProblem {
    std::string reason;  ///< GEOS's reason, e.g. "Self-intersection"
    Point location;      ///< where GEOS found it (working CRS, metres)
    /// "Self-intersection at (431200 382100)"
    std::string describe() const;
};

/// nullopt when the geometry is valid in the OGC sense (GEOSisValidDetail); Empty is valid.
POOLED_CXX_API std::optional<ValidityProblem> validity_problem(const Geometry &geometry);

/// A valid version of the geometry (GEOSMakeValid, structure method, collapsed parts dropped).
/// A polygon stays a polygon or multipolygon; if nothing of its family survives the repair
/// (e.g. a polygon that collapses to a line) the result is Empty.
POOLED_CXX_API Geometry make_valid(const Geometry &geometry);

/// A point guaranteed to lie on the geometry (GEOSPointOnSurface); the point itself for points.
/// @throws Error (Errc::argument) for an Empty geometry.
POOLED_CXX_API Point representative_point(const Geometry &geometry);

/// Area in square metres (0 for points and lines).
POOLED_CXX_API double area(const Geometry &geometry);

/// Shortest distance between two geometries, metres (GEOSDistance).
POOLED_CXX_API double distance(const Geometry &a, const Geometry &b);

/// WKT text of a geometry (for messages and tests), coordinates with up to `precision` decimals.
POOLED_CXX_API std::string to_wkt(const Geometry &geometry, int precision = 3);
/// Parses WKT into a geometry value. @throws Error (Errc::data) naming the problem.
POOLED_CXX_API Geometry from_wkt(const std::string &wkt);

} // namespace pooled::geometry
