#pragma once
// Zones as the population counts need them (ids, geometries, points, population, households),
// shared by the commands that count people in catchments (catchments, colocate).

#include <pooled/geometry/types.hpp>
#include <pooled/io/layer.hpp>

#include <string>
#include <vector>

namespace pooled::cli {

struct ZoneData {
    std::vector<std::string> ids;
    std::vector<geometry::Geometry> geometries;
    std::vector<geometry::Point> points;
    std::vector<double> population;
    std::vector<double> households;
    bool polygons = true;
};

/// The zones of a layer with the counts from the named columns (households may be empty).
/// @throws Error naming the feature and field of a count that is not a number >= 0.
ZoneData zone_data(const io::Layer &layer, const std::string &population_field, const std::string &households_field);

} // namespace pooled::cli
