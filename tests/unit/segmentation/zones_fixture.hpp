#pragma once
// Hand-made zones for the segmentation tests: counts in Zone::variables, named columns.

#include <pooled/model/zone.hpp>

#include <string>
#include <vector>

namespace pooled::test {

/// Zones with the given population and counts (one row per zone, aligned with `columns`),
/// each a point at (10 i, 0).
inline model::Population count_zones(const std::vector<std::string> &columns, const std::vector<double> &population,
                                     const std::vector<std::vector<double>> &counts) {
    model::Population zones{crs::WorkingCrs::british_national_grid(), {}, columns, {}, "zones.gpkg:oa", false};
    for (std::size_t i = 0; i < population.size(); ++i) {
        model::Zone zone;
        zone.id = "z" + std::to_string(i + 1);
        zone.fid = static_cast<std::int64_t>(i + 1);
        zone.population = population[i];
        zone.centroid = geometry::Point{10.0 * static_cast<double>(i), 0.0};
        zone.geometry = zone.centroid;
        zone.variables = counts[i];
        zones.zones.push_back(std::move(zone));
    }
    return zones;
}

} // namespace pooled::test
