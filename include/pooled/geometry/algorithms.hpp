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
#include <vector>

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

// ---- Overlay and construction (src/geometry/buffer.cpp) ----

/// The area within `distance` metres of the geometry (GEOSBuffer, round caps and joins), with
/// `quadrant_segments` straight segments per quarter circle (DEFAULT 8, as GEOS and PostGIS
/// ST_Buffer): a point gives a regular polygon of 4 * quadrant_segments sides inscribed in the
/// circle. A negative distance shrinks polygons. Polygon or MultiPolygon; Empty if nothing is
/// left (or for an Empty input).
/// @throws Error (Errc::argument) for a distance that is not finite or quadrant_segments < 1.
POOLED_CXX_API Geometry buffer(const Geometry &geometry, double distance, int quadrant_segments = 8);

/// The union of the buffers of each line (as buffer() draws them: round caps and joins,
/// `quadrant_segments` a quarter circle), dissolved in one cascaded union inside GEOS (no copy
/// out and back per line). The same region as buffer() of them all as one MultiLineString, up
/// to where the chords of different arcs fall, and much faster for many lines: one buffer
/// nodes every offset curve against every other. Empty for no lines.
/// @throws Error (Errc::argument) as buffer(); (Errc::data) for a line GEOS cannot build.
POOLED_CXX_API Geometry buffer_union(const std::vector<LineString> &lines, double distance,
                                     int quadrant_segments = 8);

/// The points common to both geometries (GEOSIntersection), as parts of the lower of the two
/// inputs' families: polygon x polygon keeps only the polygonal part (the lines and points
/// where the polygons merely touch are dropped), line x polygon keeps lines, point x any keeps
/// points. Empty if they do not meet (or either is Empty).
/// @throws Error (Errc::data) with GEOS's message if GEOS cannot overlay them (e.g. invalid input).
POOLED_CXX_API Geometry intersection(const Geometry &a, const Geometry &b);

/// area(intersection(a, b)), square metres, without building a pooled value of the intersection.
POOLED_CXX_API double intersection_area(const Geometry &a, const Geometry &b);

/// All parts of the geometry merged (GEOSUnaryUnion): overlapping polygons dissolved into a
/// valid Polygon or MultiPolygon, lines noded, points deduplicated. Empty for Empty.
/// @throws Error (Errc::data) if the parts mix families (pooled has no mixed type) or GEOS fails.
POOLED_CXX_API Geometry unary_union(const Geometry &geometry);

/// The Voronoi cell of each site (GEOSVoronoiDiagram): cell i is the Polygon of points at
/// least as close to sites[i] as to any other site, covering at least `extent` (GEOS extends
/// the diagram a little beyond the box around `extent` and the sites; clip the cells to the
/// area wanted). One site gives one cell: the box around `extent` and the site. Cells are
/// returned in the order of `sites`.
/// @throws Error (Errc::argument) for no sites, a site that is not finite, or two sites at the
///         same location.
POOLED_CXX_API std::vector<Geometry> voronoi_cells(const std::vector<Point> &sites, const Box &extent);

} // namespace pooled::geometry
