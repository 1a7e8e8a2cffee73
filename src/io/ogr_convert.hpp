#pragma once
// Internal: conversions between OGR's geometries and pooled's geometry values.

#include <pooled/geometry/types.hpp>

#include <ogr_api.h>

namespace pooled::io::detail {

/// Converts an OGR geometry (2D part only; curves are linearised) into a value.
/// Returns Empty for null or empty input and for types pooled does not model (a mixed
/// GeometryCollection is flattened into the Multi* of its first non-empty member's family).
geometry::Geometry from_ogr(OGRGeometryH geometry);

/// Builds a new OGR geometry from a value; the caller owns it (OGR_G_DestroyGeometry).
/// Returns nullptr for Empty.
OGRGeometryH to_ogr(const geometry::Geometry &geometry);

/// The OGR 2D geometry type of a value (wkbNone for Empty).
OGRwkbGeometryType ogr_type_of(const geometry::Geometry &geometry) noexcept;

} // namespace pooled::io::detail
