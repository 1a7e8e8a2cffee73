// Counting people inside areas: zones by area share (Sutherland-Hodgman against convex areas,
// GEOS overlay otherwise) or by their centroids, with the zones in bulk-loaded R-trees.

#include <pooled/catchment/population.hpp>

#include "catchment/clip_convex.hpp"
#include "catchment/parallel_for.hpp"
#include "geometry/geos_handle.hpp"
#include "geometry/rtree_types.hpp"

#include <pooled/core/error.hpp>
#include <pooled/geometry/algorithms.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <utility>

namespace pooled::catchment {

using geometry::Box;
using geometry::Geometry;
using geometry::Point;
using geometry::Polygon;

namespace {

namespace bgi = boost::geometry::index;
using geometry::detail::box_of;
using geometry::detail::BoxValue;
using geometry::detail::PointValue;
using geometry::detail::to_bbox;
using geometry::detail::to_bpoint;
using BoxTree = geometry::detail::RTree<BoxValue>;
using PointTree = geometry::detail::RTree<PointValue>;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string zone_name(std::size_t zone) { return "zone " + std::to_string(zone); }

void check_counts(const std::vector<double> &counts, const char *what) {
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (!(counts[i] >= 0.0) || !std::isfinite(counts[i])) {
            throw Error(Errc::argument, std::string(what) + " of " + zone_name(i) + " must be a finite number >= 0, not " +
                                            std::to_string(counts[i]));
        }
    }
}

// ---- point in polygon (boundary counts as inside) ----

enum class Where { outside, boundary, inside };

/// Crossing number with an exact test for points on an edge. `ring` closed (first == last).
Where locate_in_ring(const Point &p, const std::vector<Point> &ring) noexcept {
    bool inside = false;
    for (std::size_t i = 1; i < ring.size(); ++i) {
        const Point &a = ring[i - 1];
        const Point &b = ring[i];
        const double cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
        if (cross == 0.0 && p.x >= std::min(a.x, b.x) && p.x <= std::max(a.x, b.x) && p.y >= std::min(a.y, b.y) &&
            p.y <= std::max(a.y, b.y)) {
            return Where::boundary;
        }
        if ((a.y > p.y) != (b.y > p.y)) {
            // The edge crosses the horizontal line through p; is the crossing right of p?
            // Sign of cross relative to the edge's direction decides without a division.
            const bool upward = b.y > a.y;
            if ((cross > 0.0) == upward) {
                inside = !inside;
            }
        }
    }
    return inside ? Where::inside : Where::outside;
}

bool covers(const Polygon &polygon, const Point &p) noexcept {
    const Where outer = locate_in_ring(p, polygon.outer.points);
    if (outer != Where::inside) {
        return outer == Where::boundary;
    }
    for (const auto &hole : polygon.holes) {
        if (locate_in_ring(p, hole.points) == Where::inside) {
            return false;
        }
    }
    return true;
}

std::size_t vertex_count(const Polygon &polygon) noexcept {
    std::size_t n = polygon.outer.points.size();
    for (const auto &hole : polygon.holes) {
        n += hole.points.size();
    }
    return n;
}

// ---- the area being asked about ----

/// One polygon of the area, with its box and, if it is a convex polygon without holes, a
/// clipper. The parts of a (valid) MultiPolygon have disjoint interiors, so what lies inside
/// the area is the sum of what lies inside each part.
struct AreaPart {
    const Polygon *polygon;
    Box box;
    std::optional<detail::ConvexClip> clip;
};

std::vector<AreaPart> parts_of(const Geometry &area) {
    std::vector<AreaPart> parts;
    const auto add = [&parts](const Polygon &polygon) {
        if (polygon.outer.points.empty()) {
            return;
        }
        AreaPart part{&polygon, box_of(polygon.outer.points), std::nullopt};
        if (polygon.holes.empty() && detail::is_convex_ring(polygon.outer.points)) {
            part.clip.emplace(polygon.outer.points);
        }
        parts.push_back(std::move(part));
    };
    if (const auto *polygon = std::get_if<Polygon>(&area)) {
        add(*polygon);
    } else if (const auto *multi = std::get_if<geometry::MultiPolygon>(&area)) {
        for (const Polygon &member : multi->polygons) {
            add(member);
        }
    } else if (!std::holds_alternative<geometry::Empty>(area)) {
        throw Error(Errc::argument, std::string("people can be counted only inside polygons, not a ") +
                                        geometry::type_name(area));
    }
    return parts;
}

/// A GEOS context with one area part in it, prepared: made only when a part is not convex.
struct GeosPart {
    geometry::detail::GeosContext context;
    geometry::detail::GeosGeometry part;
    geometry::detail::GeosPreparedGeometry prepared;

    explicit GeosPart(const Polygon &polygon) {
        part = geometry::detail::to_geos(context, polygon);
        prepared = context.own<geometry::detail::GeosPreparedGeometry>(
            GEOSPrepare_r(context.handle(), part.get()), Errc::data, "cannot prepare the area");
    }
};

/// Above this many (area vertices x candidate points), point-in-polygon tests go through a GEOS
/// prepared geometry (an indexed locator) rather than a scan of every edge per point.
constexpr std::size_t plain_point_test_limit = 1U << 22U;

} // namespace

struct PopulationIndex::Impl {
    Rule rule = Rule::area_share;
    std::size_t zone_count = 0;
    std::vector<double> population;
    std::vector<double> households; // empty: not given
    double total = 0.0;

    // Rule::area_share: each zone's rings in one flat array (closed rings, as stored).
    struct RingSpan {
        std::size_t begin;
        std::size_t end;
        bool hole;
    };
    std::vector<Geometry> zones; // for the GEOS overlay against non-convex areas
    std::vector<Point> coords;
    std::vector<RingSpan> rings;
    std::vector<std::size_t> first_ring; // zone z has rings [first_ring[z], first_ring[z + 1])
    std::vector<double> zone_area;
    std::vector<Box> zone_box;
    BoxTree box_tree;

    // Rule::centroid
    std::vector<Point> points;
    PointTree point_tree;

    void add_zone_rings(const Polygon &polygon) {
        const auto add = [this](const geometry::Ring &ring, bool hole) {
            const std::size_t begin = coords.size();
            coords.insert(coords.end(), ring.points.begin(), ring.points.end());
            rings.push_back(RingSpan{begin, coords.size(), hole});
        };
        add(polygon.outer, false);
        for (const auto &hole : polygon.holes) {
            add(hole, true);
        }
    }

    /// Area of the zone's rings inside a convex part, for the edges active in `scratch`.
    double clipped_area(std::size_t zone, const detail::ConvexClip &clip, detail::ConvexClip::Scratch &scratch) const {
        double inside = 0.0;
        for (std::size_t r = first_ring[zone]; r < first_ring[zone + 1]; ++r) {
            const RingSpan &ring = rings[r];
            const double a = clip.clipped_area(coords.data() + ring.begin, ring.end - ring.begin, scratch);
            inside += ring.hole ? -a : a;
        }
        return std::max(0.0, inside);
    }

    std::vector<Share> area_shares(const std::vector<AreaPart> &parts) const;
    std::vector<Share> centroid_shares(const std::vector<AreaPart> &parts) const;
};

PopulationIndex::PopulationIndex(std::vector<Geometry> zones, std::vector<Point> centroids,
                                 std::vector<double> population, std::vector<double> households, Rule rule)
    : m_impl(std::make_unique<Impl>()) {
    Impl &impl = *m_impl;
    const std::size_t n = zones.size();
    if (population.size() != n) {
        throw Error(Errc::argument, "population counts: " + std::to_string(population.size()) + " for " +
                                        std::to_string(n) + " zones");
    }
    if (!households.empty() && households.size() != n) {
        throw Error(Errc::argument, "household counts: " + std::to_string(households.size()) + " for " +
                                        std::to_string(n) + " zones");
    }
    if (!centroids.empty() && centroids.size() != n) {
        throw Error(Errc::argument,
                    "centroids: " + std::to_string(centroids.size()) + " for " + std::to_string(n) + " zones");
    }
    check_counts(population, "population");
    check_counts(households, "households");
    impl.rule = rule;
    impl.zone_count = n;
    for (const double count : population) {
        impl.total += count;
    }
    impl.population = std::move(population);
    impl.households = std::move(households);

    if (rule == Rule::area_share) {
        impl.first_ring.reserve(n + 1);
        impl.zone_area.reserve(n);
        impl.zone_box.reserve(n);
        std::vector<BoxValue> values;
        values.reserve(n);
        for (std::size_t z = 0; z < n; ++z) {
            impl.first_ring.push_back(impl.rings.size());
            const Geometry &zone = zones[z];
            if (const auto *polygon = std::get_if<Polygon>(&zone)) {
                impl.add_zone_rings(*polygon);
            } else if (const auto *multi = std::get_if<geometry::MultiPolygon>(&zone)) {
                for (const Polygon &part : multi->polygons) {
                    impl.add_zone_rings(part);
                }
            } else {
                throw Error(Errc::argument, zone_name(z) + " is a " + geometry::type_name(zone) +
                                                ": shares by area need polygon zones");
            }
            double area = 0.0;
            Box box;
            for (std::size_t r = impl.first_ring[z]; r < impl.rings.size(); ++r) {
                const Impl::RingSpan &ring = impl.rings[r];
                for (std::size_t i = ring.begin; i < ring.end; ++i) {
                    if (!std::isfinite(impl.coords[i].x) || !std::isfinite(impl.coords[i].y)) {
                        throw Error(Errc::argument, zone_name(z) + " has a coordinate that is not finite");
                    }
                    box.expand(impl.coords[i]);
                }
                const double a = detail::ring_area(impl.coords.data() + ring.begin, ring.end - ring.begin);
                area += ring.hole ? -a : a;
            }
            if (box.empty()) {
                throw Error(Errc::argument, zone_name(z) + " is empty: shares by area need polygon zones");
            }
            // A zone of no area (a collapsed polygon) has no share of anything.
            impl.zone_area.push_back(std::max(0.0, area));
            impl.zone_box.push_back(box);
            values.emplace_back(to_bbox(box), z);
        }
        impl.first_ring.push_back(impl.rings.size());
        impl.box_tree = BoxTree(values.begin(), values.end()); // packing (bulk load)
        impl.zones = std::move(zones);
    } else {
        impl.points.reserve(n);
        std::vector<PointValue> values;
        values.reserve(n);
        for (std::size_t z = 0; z < n; ++z) {
            Point p;
            if (!centroids.empty()) {
                p = centroids[z];
            } else if (geometry::is_empty(zones[z])) {
                throw Error(Errc::argument, zone_name(z) + " has no geometry and no centroid was given");
            } else {
                p = geometry::representative_point(zones[z]);
            }
            if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
                throw Error(Errc::argument, "the centroid of " + zone_name(z) + " is not finite");
            }
            impl.points.push_back(p);
            values.emplace_back(to_bpoint(p), z);
        }
        impl.point_tree = PointTree(values.begin(), values.end()); // packing (bulk load)
    }
}

PopulationIndex::~PopulationIndex() = default;
PopulationIndex::PopulationIndex(PopulationIndex &&) noexcept = default;
PopulationIndex &PopulationIndex::operator=(PopulationIndex &&) noexcept = default;

PopulationIndex::Rule PopulationIndex::rule() const noexcept { return m_impl->rule; }
std::size_t PopulationIndex::zone_count() const noexcept { return m_impl->zone_count; }
double PopulationIndex::total_population() const noexcept { return m_impl->total; }

std::vector<PopulationIndex::Share> PopulationIndex::Impl::area_shares(const std::vector<AreaPart> &parts) const {
    // (zone, area of it inside one part), then summed per zone in part order.
    std::vector<std::pair<std::size_t, double>> pieces;
    std::vector<BoxValue> found;
    detail::ConvexClip::Scratch scratch;
    for (const AreaPart &part : parts) {
        found.clear();
        box_tree.query(bgi::intersects(to_bbox(part.box)), std::back_inserter(found));
        std::sort(found.begin(), found.end(), [](const BoxValue &l, const BoxValue &r) { return l.second < r.second; });
        if (part.clip) {
            const detail::ConvexClip &clip = *part.clip;
            for (const auto &[box, zone] : found) {
                if (zone_area[zone] <= 0.0 || !clip.cutting_edges(zone_box[zone], scratch)) {
                    continue;
                }
                // No cutting edge: the zone's box, so the zone, is wholly inside.
                const double inside = scratch.active.empty() ? zone_area[zone] : clipped_area(zone, clip, scratch);
                if (inside > 0.0) {
                    pieces.emplace_back(zone, inside);
                }
            }
            continue;
        }
        std::optional<GeosPart> geos;
        for (const auto &[box, zone] : found) {
            if (zone_area[zone] <= 0.0) {
                continue;
            }
            if (!geos) {
                geos.emplace(*part.polygon);
            }
            auto &context = geos->context;
            GEOSContextHandle_t h = context.handle();
            const auto g = geometry::detail::to_geos(context, zones[zone]);
            const char contains = GEOSPreparedContains_r(h, geos->prepared.get(), g.get());
            context.require(contains != 2, Errc::data, "cannot test whether the area contains " + zone_name(zone));
            if (contains == 1) {
                pieces.emplace_back(zone, zone_area[zone]);
                continue;
            }
            const char meets = GEOSPreparedIntersects_r(h, geos->prepared.get(), g.get());
            context.require(meets != 2, Errc::data, "cannot test whether the area meets " + zone_name(zone));
            if (meets == 0) {
                continue;
            }
            const auto overlap = context.own(GEOSIntersection_r(h, geos->part.get(), g.get()), Errc::data,
                                             "cannot intersect the area with " + zone_name(zone));
            double inside = 0.0;
            context.require(GEOSArea_r(h, overlap.get(), &inside) != 0, Errc::data,
                            "cannot measure the area's overlap with " + zone_name(zone));
            if (inside > 0.0) {
                pieces.emplace_back(zone, inside);
            }
        }
    }
    std::stable_sort(pieces.begin(), pieces.end(), [](const auto &l, const auto &r) { return l.first < r.first; });
    std::vector<Share> shares;
    for (std::size_t i = 0; i < pieces.size();) {
        const std::size_t zone = pieces[i].first;
        double inside = 0.0;
        for (; i < pieces.size() && pieces[i].first == zone; ++i) {
            inside += pieces[i].second;
        }
        const double fraction = std::min(1.0, inside / zone_area[zone]);
        if (fraction > 0.0) {
            shares.push_back(Share{zone, fraction});
        }
    }
    return shares;
}

std::vector<PopulationIndex::Share> PopulationIndex::Impl::centroid_shares(const std::vector<AreaPart> &parts) const {
    std::vector<std::size_t> inside;
    std::vector<PointValue> found;
    for (const AreaPart &part : parts) {
        found.clear();
        point_tree.query(bgi::intersects(to_bbox(part.box)), std::back_inserter(found));
        if (found.empty()) {
            continue;
        }
        if (vertex_count(*part.polygon) * found.size() <= plain_point_test_limit) {
            for (const auto &[point, zone] : found) {
                if (covers(*part.polygon, points[zone])) {
                    inside.push_back(zone);
                }
            }
            continue;
        }
        GeosPart geos(*part.polygon);
        auto &context = geos.context;
        GEOSContextHandle_t h = context.handle();
        for (const auto &[point, zone] : found) {
            const auto g = context.own(GEOSGeom_createPointFromXY_r(h, points[zone].x, points[zone].y),
                                       Errc::internal, "cannot make a GEOS point");
            const char meets = GEOSPreparedIntersects_r(h, geos.prepared.get(), g.get());
            context.require(meets != 2, Errc::data, "cannot test whether the area holds the centroid of " +
                                                        zone_name(zone));
            if (meets == 1) {
                inside.push_back(zone);
            }
        }
    }
    // A centroid on the line between two parts is in both: count it once.
    std::sort(inside.begin(), inside.end());
    inside.erase(std::unique(inside.begin(), inside.end()), inside.end());
    std::vector<Share> shares;
    shares.reserve(inside.size());
    for (const std::size_t zone : inside) {
        shares.push_back(Share{zone, 1.0});
    }
    return shares;
}

std::vector<PopulationIndex::Share> PopulationIndex::shares(const Geometry &area) const {
    const std::vector<AreaPart> parts = parts_of(area);
    if (parts.empty()) {
        return {};
    }
    return m_impl->rule == Rule::area_share ? m_impl->area_shares(parts) : m_impl->centroid_shares(parts);
}

namespace {
double weighted_sum(const std::vector<PopulationIndex::Share> &shares, const std::vector<double> &counts) {
    double sum = 0.0;
    for (const auto &share : shares) {
        sum += share.fraction * counts[share.zone];
    }
    return sum;
}
} // namespace

double PopulationIndex::population(const Geometry &area) const {
    return weighted_sum(shares(area), m_impl->population);
}

double PopulationIndex::households(const Geometry &area) const {
    return m_impl->households.empty() ? nan : weighted_sum(shares(area), m_impl->households);
}

PopulationIndex::Counts PopulationIndex::counts(const Geometry &area) const {
    const auto inside = shares(area);
    return Counts{weighted_sum(inside, m_impl->population),
                  m_impl->households.empty() ? nan : weighted_sum(inside, m_impl->households)};
}

void count_population(std::vector<Catchment> &catchments, const PopulationIndex &index, unsigned threads) {
    detail::parallel_for(catchments.size(), threads, [&](std::size_t i) {
        Catchment &catchment = catchments[i];
        const auto counts = index.counts(catchment.area);
        catchment.population = counts.population;
        catchment.households = counts.households;
    });
}

} // namespace pooled::catchment
