#include <pooled/network/straight_line.hpp>

#include <pooled/core/error.hpp>

#include "core/text.hpp"
#include "geometry/rtree_types.hpp"

#include <cmath>
#include <string>

namespace pooled::network {

namespace {

void check_points(const std::vector<Located> &points, const char *side) {
    for (const Located &p : points) {
        if (!std::isfinite(p.point.x) || !std::isfinite(p.point.y)) {
            throw Error(Errc::data, std::string("the ") + side + " '" + p.id +
                                        "' has no finite location (an empty geometry?): cannot measure straight-line distances");
        }
    }
}

std::vector<std::string> ids_of(const std::vector<Located> &points) {
    std::vector<std::string> ids;
    ids.reserve(points.size());
    for (const Located &p : points) {
        ids.push_back(p.id);
    }
    return ids;
}

double distance(const geometry::Point &a, const geometry::Point &b) {
    const double dx = a.x - b.x, dy = a.y - b.y;
    return std::sqrt(dx * dx + dy * dy);
}

} // namespace

CostMatrix straight_line_matrix(const std::vector<Located> &origins, const std::vector<Located> &destinations,
                                std::optional<double> cutoff_m) {
    if (cutoff_m && (std::isnan(*cutoff_m) || *cutoff_m < 0.0)) {
        throw Error(Errc::argument, "a straight-line cutoff must be >= 0 metres, not " +
                                        pooled::detail::number_text(*cutoff_m));
    }
    check_points(origins, "origin");
    check_points(destinations, "destination");
    std::vector<std::vector<MatrixEntry>> rows(origins.size());
    if (!cutoff_m) {
        for (std::size_t i = 0; i < origins.size(); ++i) {
            rows[i].reserve(destinations.size());
            for (std::size_t j = 0; j < destinations.size(); ++j) {
                rows[i].push_back({static_cast<std::uint32_t>(j), distance(origins[i].point, destinations[j].point)});
            }
        }
    } else {
        namespace gd = geometry::detail;
        std::vector<gd::PointValue> values;
        values.reserve(destinations.size());
        for (std::size_t j = 0; j < destinations.size(); ++j) {
            values.emplace_back(gd::to_bpoint(destinations[j].point), j);
        }
        const gd::RTree<gd::PointValue> tree(values.begin(), values.end());
        const double r = *cutoff_m;
        std::vector<gd::PointValue> found;
        for (std::size_t i = 0; i < origins.size(); ++i) {
            const geometry::Point &o = origins[i].point;
            found.clear();
            tree.query(gd::bgi::intersects(gd::BBox{gd::BPoint{o.x - r, o.y - r}, gd::BPoint{o.x + r, o.y + r}}),
                       std::back_inserter(found));
            for (const auto &[point, j] : found) {
                const double d = distance(o, destinations[j].point);
                if (d <= r) {
                    rows[i].push_back({static_cast<std::uint32_t>(j), d});
                }
            }
        }
    }
    return CostMatrix(ids_of(origins), ids_of(destinations), CostUnit::metres, std::nullopt, cutoff_m, std::move(rows));
}

} // namespace pooled::network
