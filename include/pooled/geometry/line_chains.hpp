#pragma once
/// @file
/// @brief Joining lines that share end points into long polylines (no GEOS).

#include <pooled/geometry/types.hpp>
#include <pooled/pooled_cxx_export.h>

#include <vector>

namespace pooled::geometry {

/// Joins `lines` end to end into fewer, longer polylines, covering exactly the same points.
/// Two lines join only where an end point of one equals an end point of the other exactly (no
/// tolerance). Where more than two ends meet, the straightest continuations are paired first
/// (the smallest turn between arriving along one line and leaving along the other), ties
/// broken by line order, so a straight run through crossing roads becomes one polyline; an
/// end pairs with at most one other, and never with the other end of its own line. A ring of
/// lines joined all round comes back closed (first point = last point).
/// Deterministic: the output depends only on the input values and their order. Chains start
/// at the lowest-numbered line of a ring, else at the end of the chain reached by walking
/// back from its lowest-numbered line; chains come in the order of their lowest-numbered line.
/// Lines with fewer than 2 points or no length are passed through unchanged.
POOLED_CXX_API std::vector<LineString> chain_lines(std::vector<LineString> lines);
} // namespace pooled::geometry
