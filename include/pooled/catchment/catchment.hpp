#pragma once
/// @file
/// @brief Catchments: the area (and so the people) an asset serves, by several methods.

#include <pooled/geometry/types.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace pooled::catchment {

/// How a catchment was drawn.
enum class Method {
    buffer,  ///< straight-line distance: a circle of a radius around the asset
    nearest, ///< nearest-facility area: the points closer to this asset than to any other (Voronoi)
    network, ///< isochrone: the area reachable within a travel time on the road network
};
POOLED_CXX_API const char *method_name(Method method) noexcept;

/// The area one asset serves, for one method and cutoff.
struct Catchment {
    std::size_t asset = 0;       ///< index of the asset in the caller's list
    std::string asset_id;
    Method method = Method::buffer;
    /// The radius (metres) for buffer, the travel time (seconds) for network, NaN for nearest.
    double cutoff = std::numeric_limits<double>::quiet_NaN();
    geometry::Geometry area;     ///< Polygon or MultiPolygon in the working CRS; valid
    double population = 0.0;     ///< people inside (see PopulationEstimator)
    double households = std::numeric_limits<double>::quiet_NaN(); ///< if the zones carry households
};

/// An asset's location and id, as catchments need them.
struct Site {
    std::string id;
    geometry::Point location; ///< working CRS
};

/// Circles of `radius_m` around each site, as polygons with `quadrant_segments` segments per
/// quarter circle (DEFAULT 8, as GEOS and PostGIS ST_Buffer).
/// @throws Error (Errc::argument) for a radius <= 0.
POOLED_CXX_API std::vector<Catchment> buffer_catchments(const std::vector<Site> &sites, double radius_m,
                                                        int quadrant_segments = 8);

/// Nearest-facility areas: the Voronoi cell of each site (GEOS), clipped to `study_area`.
/// Sites at the same location share one cell (the first keeps it, the others get Empty).
/// @throws Error (Errc::argument) for fewer than one site or an Empty study area.
POOLED_CXX_API std::vector<Catchment> nearest_facility_areas(const std::vector<Site> &sites,
                                                             const geometry::Geometry &study_area);

} // namespace pooled::catchment
