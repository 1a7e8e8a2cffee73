#include <pooled/segmentation/users.hpp>

#include "geometry/rtree_types.hpp"
#include "segmentation/segment_index.hpp"

#include <cmath>
#include <limits>
#include <optional>

namespace pooled::segmentation {

namespace {

using geometry::detail::BoxValue;
using geometry::detail::PointValue;
using geometry::detail::RTree;

// Crossing-number test: a horizontal ray from p crosses the ring an odd number of times.
bool inside_ring(const geometry::Ring &ring, const geometry::Point &p) {
    bool inside = false;
    const auto &pts = ring.points;
    for (std::size_t i = 0, j = pts.size() - 1; i < pts.size(); j = i++) {
        const auto &a = pts[i];
        const auto &b = pts[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) {
            inside = !inside;
        }
    }
    return inside;
}

bool inside_polygon(const geometry::Polygon &polygon, const geometry::Point &p) {
    if (polygon.outer.points.size() < 3 || !inside_ring(polygon.outer, p)) {
        return false;
    }
    for (const auto &hole : polygon.holes) {
        if (hole.points.size() >= 3 && inside_ring(hole, p)) {
            return false;
        }
    }
    return true;
}

bool inside(const geometry::Geometry &g, const geometry::Point &p) {
    if (const auto *polygon = std::get_if<geometry::Polygon>(&g)) {
        return inside_polygon(*polygon, p);
    }
    if (const auto *multi = std::get_if<geometry::MultiPolygon>(&g)) {
        for (const auto &polygon : multi->polygons) {
            if (inside_polygon(polygon, p)) {
                return true;
            }
        }
    }
    return false;
}

// The zone each point falls in: containing polygon, or nearest zone point.
class ZoneLocator {
public:
    explicit ZoneLocator(const model::Population &zones) : m_zones(zones) {
        std::vector<BoxValue> boxes;
        std::vector<PointValue> points;
        for (std::size_t i = 0; i < zones.zones.size(); ++i) {
            const auto &g = zones.zones[i].geometry;
            switch (geometry::family(g)) {
            case geometry::GeometryFamily::polygon:
                boxes.emplace_back(geometry::detail::to_bbox(geometry::envelope(g)), i);
                break;
            case geometry::GeometryFamily::point:
                points.emplace_back(geometry::detail::to_bpoint(zones.zones[i].centroid), i);
                break;
            default:
                throw Error(Errc::argument,
                            std::string("users are counted into polygon or point zones, not ") +
                                geometry::type_name(g),
                            SourceRef{zones.source, {}, zones.zones[i].fid, {}});
            }
        }
        if (!boxes.empty() && !points.empty()) {
            throw Error(Errc::argument, "the zones mix polygons and points; users need one or the other",
                        SourceRef{zones.source, {}, std::nullopt, {}});
        }
        m_polygons = RTree<BoxValue>(boxes);
        m_points = RTree<PointValue>(points);
    }

    std::optional<std::size_t> zone_of(const geometry::Point &p) const {
        namespace bgi = geometry::detail::bgi;
        if (!m_points.empty()) {
            // The nearest point; among equally near ones the lowest zone index.
            std::optional<std::size_t> best;
            double best_d = std::numeric_limits<double>::infinity();
            std::vector<PointValue> near;
            m_points.query(bgi::nearest(geometry::detail::to_bpoint(p), 1), std::back_inserter(near));
            if (near.empty()) {
                return std::nullopt;
            }
            const double d = geometry::detail::bg::distance(near.front().first, geometry::detail::to_bpoint(p));
            std::vector<PointValue> ties;
            const geometry::Box box{p.x - d, p.y - d, p.x + d, p.y + d};
            m_points.query(bgi::intersects(geometry::detail::to_bbox(box)), std::back_inserter(ties));
            for (const auto &[point, index] : ties) {
                const double di = geometry::detail::bg::distance(point, geometry::detail::to_bpoint(p));
                if (di < best_d || (di == best_d && index < *best)) {
                    best_d = di;
                    best = index;
                }
            }
            return best;
        }
        std::vector<BoxValue> candidates;
        m_polygons.query(geometry::detail::bgi::covers(geometry::detail::to_bpoint(p)), std::back_inserter(candidates));
        std::optional<std::size_t> found;
        for (const auto &[box, index] : candidates) {
            if ((!found || index < *found) && inside(m_zones.zones[index].geometry, p)) {
                found = index;
            }
        }
        return found;
    }

private:
    const model::Population &m_zones;
    RTree<BoxValue> m_polygons;
    RTree<PointValue> m_points;
};

} // namespace

ZoneUserCounts count_users_by_zone(const model::Population &zones, const model::ServiceUsers &users) {
    if (!zones.crs.crs().equivalent_to(users.crs.crs())) {
        throw Error(Errc::crs, "the users and the zones are in different working CRSs",
                    SourceRef{users.source, {}, std::nullopt, {}});
    }
    const ZoneLocator locator(zones);
    ZoneUserCounts out;
    out.users.assign(zones.zones.size(), 0.0);
    for (const auto &user : users.users) {
        if (const auto zone = locator.zone_of(user.location)) {
            out.users[*zone] += user.weight;
        } else {
            out.unmatched += user.weight;
            ++out.unmatched_users;
        }
    }
    return out;
}

UserProfile profile_users(const std::vector<std::string> &zone_codes, const std::vector<std::string> &segment_codes,
                          const std::vector<double> &population, const std::vector<double> &users_per_zone) {
    if (users_per_zone.size() != population.size()) {
        throw Error(Errc::argument, std::to_string(users_per_zone.size()) + " user counts for " +
                                        std::to_string(population.size()) + " zones");
    }
    const auto segment = detail::segment_of_zones(zone_codes, segment_codes, population.size());
    UserProfile out;
    out.segments.resize(segment_codes.size());
    for (std::size_t s = 0; s < segment_codes.size(); ++s) {
        out.segments[s].code = segment_codes[s];
    }
    for (std::size_t i = 0; i < population.size(); ++i) {
        if (!(users_per_zone[i] >= 0.0)) {
            throw Error(Errc::data, "user count of zone " + std::to_string(i + 1) + " is negative or not a number");
        }
        out.segments[segment[i]].users += users_per_zone[i];
        out.segments[segment[i]].residents += population[i];
        out.users += users_per_zone[i];
        out.residents += population[i];
    }
    if (!(out.users > 0.0)) {
        throw Error(Errc::data, "no users in the profiled zones");
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (auto &s : out.segments) {
        s.user_share = s.users / out.users;
        s.resident_share = out.residents > 0.0 ? s.residents / out.residents : nan;
        s.penetration = s.residents > 0.0 ? 1000.0 * s.users / s.residents : nan;
        s.index = s.residents > 0.0 ? 100.0 * s.user_share / s.resident_share : nan;
    }
    return out;
}

} // namespace pooled::segmentation
