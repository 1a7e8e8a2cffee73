#pragma once
// INTERNAL to libpooled. Never include this from include/pooled/**: Boost.Geometry stays out of
// the public headers.
//
// The Boost.Geometry types pooled's R-trees are built from (2D cartesian doubles), one packing
// (R*-tree, 16 entries a node) and conversions from pooled's geometry value types.

#include <pooled/geometry/types.hpp>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <cstddef>
#include <utility>
#include <vector>

namespace pooled::geometry::detail {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

using BPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BBox = bg::model::box<BPoint>;
using BSegment = bg::model::segment<BPoint>;

/// A box or point with the index of what it stands for.
using BoxValue = std::pair<BBox, std::size_t>;
using PointValue = std::pair<BPoint, std::size_t>;

/// The R-tree every module uses; built from a range of values it is bulk loaded (packed).
template <typename Value>
using RTree = bgi::rtree<Value, bgi::rstar<16>>;

inline BPoint to_bpoint(const Point &p) { return BPoint{p.x, p.y}; }
inline BBox to_bbox(const Box &box) { return BBox{BPoint{box.min_x, box.min_y}, BPoint{box.max_x, box.max_y}}; }

/// The bounding box of a run of points (e.g. a polygon's outer ring).
inline Box box_of(const std::vector<Point> &points) {
    Box box;
    for (const Point &p : points) {
        box.expand(p);
    }
    return box;
}

} // namespace pooled::geometry::detail
