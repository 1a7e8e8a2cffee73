// Catchments by straight-line distance (buffers) and nearest facility (Voronoi cells).

#include <pooled/catchment/catchment.hpp>

#include "geometry/geos_handle.hpp"

#include <pooled/core/error.hpp>
#include <pooled/geometry/algorithms.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace pooled::catchment {

using geometry::Geometry;
using geometry::Point;

const char *method_name(Method method) noexcept {
    switch (method) {
    case Method::buffer:
        return "buffer";
    case Method::nearest:
        return "nearest";
    case Method::network:
        return "network";
    }
    return "unknown";
}

namespace {

void check_location(const Site &site, std::size_t index) {
    if (!std::isfinite(site.location.x) || !std::isfinite(site.location.y)) {
        throw Error(Errc::argument, "site " + std::to_string(index) + (site.id.empty() ? "" : " ('" + site.id + "')") +
                                        " has a location that is not finite");
    }
}

Catchment make_catchment(const Site &site, std::size_t index, Method method, double cutoff) {
    Catchment c;
    c.asset = index;
    c.asset_id = site.id;
    c.method = method;
    c.cutoff = cutoff;
    return c;
}

} // namespace

std::vector<Catchment> buffer_catchments(const std::vector<Site> &sites, double radius_m, int quadrant_segments) {
    if (!(radius_m > 0.0) || !std::isfinite(radius_m)) {
        throw Error(Errc::argument, "the buffer radius must be a finite number of metres > 0, not " +
                                        std::to_string(radius_m));
    }
    if (quadrant_segments < 1) {
        throw Error(Errc::argument, "quadrant segments must be 1 or more, not " + std::to_string(quadrant_segments));
    }
    std::vector<Catchment> out;
    out.reserve(sites.size());
    for (std::size_t i = 0; i < sites.size(); ++i) {
        check_location(sites[i], i);
        Catchment c = make_catchment(sites[i], i, Method::buffer, radius_m);
        c.area = geometry::buffer(sites[i].location, radius_m, quadrant_segments);
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<Catchment> nearest_facility_areas(const std::vector<Site> &sites, const Geometry &study_area) {
    if (sites.empty()) {
        throw Error(Errc::argument, "nearest-facility areas need at least one site");
    }
    if (geometry::is_empty(study_area)) {
        throw Error(Errc::argument, "nearest-facility areas need a study area, and it is empty");
    }
    if (geometry::family(study_area) != geometry::GeometryFamily::polygon) {
        throw Error(Errc::argument, std::string("the study area must be a polygon, not a ") +
                                        geometry::type_name(study_area));
    }
    for (std::size_t i = 0; i < sites.size(); ++i) {
        check_location(sites[i], i);
    }

    // Distinct locations, each kept by the first site there.
    std::vector<std::size_t> order(sites.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto less = [&sites](std::size_t a, std::size_t b) {
        const Point &p = sites[a].location;
        const Point &q = sites[b].location;
        return p.x < q.x || (p.x == q.x && (p.y < q.y || (p.y == q.y && a < b)));
    };
    std::sort(order.begin(), order.end(), less);
    std::vector<std::size_t> keepers; // site index of each distinct location, in site order
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (k == 0 || !(sites[order[k]].location == sites[order[k - 1]].location)) {
            keepers.push_back(order[k]);
        }
    }
    std::sort(keepers.begin(), keepers.end());
    std::vector<Point> locations;
    locations.reserve(keepers.size());
    for (const std::size_t i : keepers) {
        locations.push_back(sites[i].location);
    }
    const std::vector<Geometry> cells = geometry::voronoi_cells(locations, geometry::envelope(study_area));

    std::vector<Catchment> out;
    out.reserve(sites.size());
    for (std::size_t i = 0; i < sites.size(); ++i) {
        out.push_back(make_catchment(sites[i], i, Method::nearest, std::numeric_limits<double>::quiet_NaN()));
    }

    // Each cell clipped to the study area, the study area prepared once.
    using geometry::detail::GeosGeometry;
    using geometry::detail::GeosPreparedGeometry;
    geometry::detail::GeosContext context;
    GEOSContextHandle_t h = context.handle();
    const GeosGeometry area = geometry::detail::to_geos(context, study_area);
    const auto prepared = context.own<GeosPreparedGeometry>(GEOSPrepare_r(h, area.get()), Errc::data,
                                                            "cannot prepare the study area");
    for (std::size_t k = 0; k < keepers.size(); ++k) {
        const GeosGeometry cell = geometry::detail::to_geos(context, cells[k]);
        const char inside = GEOSPreparedContains_r(h, prepared.get(), cell.get());
        context.require(inside != 2, Errc::data, "cannot test a Voronoi cell against the study area");
        Geometry &target = out[keepers[k]].area;
        if (inside == 1) {
            target = cells[k];
            continue;
        }
        const char meets = GEOSPreparedIntersects_r(h, prepared.get(), cell.get());
        context.require(meets != 2, Errc::data, "cannot test a Voronoi cell against the study area");
        if (meets == 0) {
            continue; // a site far outside the study area serves none of it
        }
        const GeosGeometry clipped = context.own(GEOSIntersection_r(h, cell.get(), area.get()), Errc::data,
                                                 "cannot clip a Voronoi cell to the study area");
        target = geometry::detail::from_geos(context, clipped.get(), geometry::GeometryFamily::polygon);
    }
    return out;
}

} // namespace pooled::catchment
