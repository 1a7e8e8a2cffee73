// The people two catchments share: pairs found by their boxes (an R-tree), the intersection of
// their areas (plain C++ for two convex polygons, GEOS otherwise), counted through the index.

#include <pooled/catchment/population.hpp>

#include "catchment/clip_convex.hpp"
#include "catchment/parallel_for.hpp"
#include "geometry/rtree_types.hpp"

#include <pooled/core/error.hpp>
#include <pooled/geometry/algorithms.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <utility>

namespace pooled::catchment {

using geometry::Geometry;
using geometry::Point;
using geometry::Polygon;

namespace {

namespace bgi = boost::geometry::index;
using geometry::detail::BoxValue;
using geometry::detail::RTree;
using geometry::detail::to_bbox;

bool same_kind(const Catchment &a, const Catchment &b) noexcept {
    if (a.method != b.method) {
        return false;
    }
    return a.cutoff == b.cutoff || (std::isnan(a.cutoff) && std::isnan(b.cutoff));
}

/// The single convex polygon without holes that `area` is, if it is one.
const Polygon *convex_polygon(const Geometry &area) {
    const Polygon *polygon = std::get_if<Polygon>(&area);
    if (const auto *multi = std::get_if<geometry::MultiPolygon>(&area); multi != nullptr && multi->polygons.size() == 1) {
        polygon = &multi->polygons.front();
    }
    if (polygon == nullptr || !polygon->holes.empty() || !detail::is_convex_ring(polygon->outer.points)) {
        return nullptr;
    }
    return polygon;
}

/// The intersection of two areas: for two convex polygons, the second clipped against the
/// first (exact: convex against convex has no degenerate pieces, and is itself convex);
/// otherwise GEOS's.
Geometry shared_area(const Geometry &a, const Geometry &b) {
    const Polygon *pa = convex_polygon(a);
    const Polygon *pb = pa != nullptr ? convex_polygon(b) : nullptr;
    if (pb == nullptr) {
        return geometry::intersection(a, b);
    }
    const detail::ConvexClip clip(pa->outer.points);
    detail::ConvexClip::Scratch scratch;
    clip.all_edges(scratch);
    clip.clip(pb->outer.points.data(), pb->outer.points.size(), scratch);
    if (scratch.a.size() < 3 || detail::signed_area(scratch.a.data(), scratch.a.size()) == 0.0) {
        return geometry::Empty{};
    }
    Polygon out;
    out.outer.points.reserve(scratch.a.size() + 1);
    const Point &o = clip.origin();
    for (const Point &p : scratch.a) {
        const Point q{p.x + o.x, p.y + o.y};
        if (out.outer.points.empty() || !(q == out.outer.points.back())) {
            out.outer.points.push_back(q);
        }
    }
    while (out.outer.points.size() > 1 && out.outer.points.front() == out.outer.points.back()) {
        out.outer.points.pop_back();
    }
    if (out.outer.points.size() < 3) {
        return geometry::Empty{};
    }
    out.outer.points.push_back(out.outer.points.front());
    return out;
}

} // namespace

std::vector<Overlap> catchment_overlap(const std::vector<Catchment> &catchments, const PopulationIndex &index) {
    const std::size_t n = catchments.size();
    std::vector<geometry::Box> boxes(n);
    std::vector<BoxValue> values;
    values.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        boxes[i] = geometry::envelope(catchments[i].area);
        if (!boxes[i].empty()) {
            values.emplace_back(to_bbox(boxes[i]), i);
        }
    }
    const RTree<BoxValue> tree(values.begin(), values.end()); // packing (bulk load)

    // Candidate pairs (i < j, same method and cutoff, boxes meeting), in (i, j) order.
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    std::vector<BoxValue> found;
    for (const BoxValue &value : values) {
        const std::size_t i = value.second;
        found.clear();
        tree.query(bgi::intersects(value.first), std::back_inserter(found));
        const std::size_t start = pairs.size();
        for (const auto &[box, j] : found) {
            if (j > i && same_kind(catchments[i], catchments[j])) {
                pairs.emplace_back(i, j);
            }
        }
        std::sort(pairs.begin() + static_cast<std::ptrdiff_t>(start), pairs.end());
    }

    std::vector<double> shared(pairs.size(), 0.0);
    detail::parallel_for(pairs.size(), 0, [&](std::size_t k) {
        const auto [i, j] = pairs[k];
        shared[k] = index.population(shared_area(catchments[i].area, catchments[j].area));
    });

    // Each catchment's own population through the same index, for the shares.
    std::vector<std::size_t> involved;
    for (std::size_t k = 0; k < pairs.size(); ++k) {
        if (shared[k] > 0.0) {
            involved.push_back(pairs[k].first);
            involved.push_back(pairs[k].second);
        }
    }
    std::sort(involved.begin(), involved.end());
    involved.erase(std::unique(involved.begin(), involved.end()), involved.end());
    std::vector<double> own(n, 0.0);
    detail::parallel_for(involved.size(), 0,
                         [&](std::size_t k) { own[involved[k]] = index.population(catchments[involved[k]].area); });

    std::vector<Overlap> out;
    for (std::size_t k = 0; k < pairs.size(); ++k) {
        if (!(shared[k] > 0.0)) {
            continue;
        }
        const auto [i, j] = pairs[k];
        Overlap o;
        o.first = i;
        o.second = j;
        o.population = shared[k];
        o.share_of_first = own[i] > 0.0 ? std::min(1.0, shared[k] / own[i]) : 0.0;
        o.share_of_second = own[j] > 0.0 ? std::min(1.0, shared[k] / own[j]) : 0.0;
        out.push_back(o);
    }
    return out;
}

} // namespace pooled::catchment
